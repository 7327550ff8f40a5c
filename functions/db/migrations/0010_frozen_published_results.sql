-- Published results are frozen (decision 011). `results` holds what the public results show, written
-- by the batch that inserts the publication; rows published earlier keep NULL until their first read
-- stores it (the weights and maxima of the rubric live in content/, out of SQL's reach).
ALTER TABLE `result_publications` ADD `results` text;--> statement-breakpoint
-- The triggers below refuse, inside the writing statement, every change of what the results are
-- computed from once the contest has a publication row, so a write racing with publication either
-- commits before it (and is in the stored copy) or is refused. The one change allowed is a judge's
-- account deletion: the account link set NULL and the pseudonym written, nothing else (0006).
CREATE TRIGGER `scores_frozen_insert` BEFORE INSERT ON `scores`
WHEN EXISTS (SELECT 1 FROM `result_publications` p JOIN `entries` e ON e.`contest_slug` = p.`contest_slug` WHERE e.`id` = NEW.`entry_id`)
BEGIN SELECT RAISE(ABORT, 'results_published'); END;
--> statement-breakpoint
CREATE TRIGGER `scores_frozen_update` BEFORE UPDATE ON `scores`
WHEN EXISTS (SELECT 1 FROM `result_publications` p JOIN `entries` e ON e.`contest_slug` = p.`contest_slug` WHERE e.`id` IN (OLD.`entry_id`, NEW.`entry_id`))
AND NOT (OLD.`judge_id` IS NOT NULL AND NEW.`judge_id` IS NULL
  AND (NEW.`judge_pseudonym` IS OLD.`judge_pseudonym` OR OLD.`judge_pseudonym` IS NULL)
  AND NEW.`entry_id` IS OLD.`entry_id` AND NEW.`criterion` IS OLD.`criterion` AND NEW.`score` IS OLD.`score`
  AND NEW.`comment` IS OLD.`comment` AND NEW.`updated_at` IS OLD.`updated_at`)
BEGIN SELECT RAISE(ABORT, 'results_published'); END;
--> statement-breakpoint
CREATE TRIGGER `scores_frozen_delete` BEFORE DELETE ON `scores`
WHEN EXISTS (SELECT 1 FROM `result_publications` p JOIN `entries` e ON e.`contest_slug` = p.`contest_slug` WHERE e.`id` = OLD.`entry_id`)
BEGIN SELECT RAISE(ABORT, 'results_published'); END;
--> statement-breakpoint
CREATE TRIGGER `judge_assignments_frozen_insert` BEFORE INSERT ON `judge_assignments`
WHEN EXISTS (SELECT 1 FROM `result_publications` WHERE `contest_slug` = NEW.`contest_slug`)
BEGIN SELECT RAISE(ABORT, 'results_published'); END;
--> statement-breakpoint
CREATE TRIGGER `judge_assignments_frozen_update` BEFORE UPDATE OF `contest_slug`, `user_id`, `judge_pseudonym` ON `judge_assignments`
WHEN EXISTS (SELECT 1 FROM `result_publications` WHERE `contest_slug` IN (OLD.`contest_slug`, NEW.`contest_slug`))
AND NOT (OLD.`user_id` IS NOT NULL AND NEW.`user_id` IS NULL
  AND (NEW.`judge_pseudonym` IS OLD.`judge_pseudonym` OR OLD.`judge_pseudonym` IS NULL)
  AND NEW.`contest_slug` IS OLD.`contest_slug`)
BEGIN SELECT RAISE(ABORT, 'results_published'); END;
--> statement-breakpoint
CREATE TRIGGER `judge_assignments_frozen_delete` BEFORE DELETE ON `judge_assignments`
WHEN EXISTS (SELECT 1 FROM `result_publications` WHERE `contest_slug` = OLD.`contest_slug`)
BEGIN SELECT RAISE(ABORT, 'results_published'); END;
--> statement-breakpoint
CREATE TRIGGER `entries_frozen_insert` BEFORE INSERT ON `entries`
WHEN EXISTS (SELECT 1 FROM `result_publications` WHERE `contest_slug` = NEW.`contest_slug`)
BEGIN SELECT RAISE(ABORT, 'results_published'); END;
--> statement-breakpoint
CREATE TRIGGER `entries_frozen_update` BEFORE UPDATE OF `status`, `prize_key`, `contest_slug`, `team_id` ON `entries`
WHEN EXISTS (SELECT 1 FROM `result_publications` WHERE `contest_slug` IN (OLD.`contest_slug`, NEW.`contest_slug`))
AND (NEW.`status` IS NOT OLD.`status` OR NEW.`prize_key` IS NOT OLD.`prize_key`
  OR NEW.`contest_slug` IS NOT OLD.`contest_slug` OR NEW.`team_id` IS NOT OLD.`team_id`)
BEGIN SELECT RAISE(ABORT, 'results_published'); END;
--> statement-breakpoint
CREATE TRIGGER `entries_frozen_delete` BEFORE DELETE ON `entries`
WHEN EXISTS (SELECT 1 FROM `result_publications` WHERE `contest_slug` = OLD.`contest_slug`)
BEGIN SELECT RAISE(ABORT, 'results_published'); END;
--> statement-breakpoint
-- The stored copy is written once: by the publishing batch, or by the first read of an older row.
CREATE TRIGGER `result_publications_frozen` BEFORE UPDATE OF `contest_slug`, `published_at`, `results` ON `result_publications`
WHEN NEW.`contest_slug` IS NOT OLD.`contest_slug` OR NEW.`published_at` IS NOT OLD.`published_at`
  OR (OLD.`results` IS NOT NULL AND NEW.`results` IS NOT OLD.`results`)
BEGIN SELECT RAISE(ABORT, 'results_published'); END;
