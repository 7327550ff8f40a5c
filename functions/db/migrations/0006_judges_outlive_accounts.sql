-- Judges outlive their accounts (decision 011): a judge's assignment and scores of a published contest
-- stay when the account is deleted, with the user id set NULL and the judge's audit pseudonym in
-- `judge_pseudonym`; a CHECK refuses a row that names neither, so a deletion that does not detach the
-- judge first fails instead of silently changing published results.
-- SQLite's 12-step table rebuild: the migrator runs this in one transaction with foreign keys off
-- (libSQL's migrate()), so the PRAGMA lines only matter to other runners. The triggers of migration
-- 0005 (on judge_assignments, and on team_members reading it, which would stop the RENAME) are dropped
-- and created again below.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_judge_assignments` (
	`contest_slug` text NOT NULL,
	`user_id` integer,
	`judge_pseudonym` text,
	`assigned_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "judge_assignments_judge_known" CHECK("user_id" IS NOT NULL OR "judge_pseudonym" IS NOT NULL)
);
--> statement-breakpoint
INSERT INTO `__new_judge_assignments`("contest_slug", "user_id", "judge_pseudonym", "assigned_by", "created_at") SELECT "contest_slug", "user_id", NULL, "assigned_by", "created_at" FROM `judge_assignments`;--> statement-breakpoint
DROP TRIGGER `team_members_not_judge`;--> statement-breakpoint
DROP TABLE `judge_assignments`;--> statement-breakpoint
ALTER TABLE `__new_judge_assignments` RENAME TO `judge_assignments`;--> statement-breakpoint
CREATE UNIQUE INDEX `judge_assignments_contest_user_unique` ON `judge_assignments` (`contest_slug`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `judge_assignments_contest_pseudonym_unique` ON `judge_assignments` (`contest_slug`,`judge_pseudonym`);--> statement-breakpoint
CREATE INDEX `judge_assignments_user_idx` ON `judge_assignments` (`user_id`);--> statement-breakpoint
CREATE TRIGGER `judge_assignments_not_contestant` BEFORE INSERT ON `judge_assignments`
WHEN EXISTS (SELECT 1 FROM `team_members` WHERE `contest_slug` = NEW.`contest_slug` AND `user_id` = NEW.`user_id`)
BEGIN SELECT RAISE(ABORT, 'judge_is_contestant'); END;
--> statement-breakpoint
CREATE TRIGGER `team_members_not_judge` BEFORE INSERT ON `team_members`
WHEN EXISTS (SELECT 1 FROM `judge_assignments` WHERE `contest_slug` = NEW.`contest_slug` AND `user_id` = NEW.`user_id`)
BEGIN SELECT RAISE(ABORT, 'judge_cannot_compete'); END;
--> statement-breakpoint
CREATE TABLE `__new_scores` (
	`entry_id` integer NOT NULL,
	`judge_id` integer,
	`judge_pseudonym` text,
	`criterion` text NOT NULL,
	`score` real NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`judge_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "scores_nonneg" CHECK("score" >= 0),
	CONSTRAINT "scores_judge_known" CHECK("judge_id" IS NOT NULL OR "judge_pseudonym" IS NOT NULL)
);
--> statement-breakpoint
INSERT INTO `__new_scores`("entry_id", "judge_id", "judge_pseudonym", "criterion", "score", "comment", "updated_at") SELECT "entry_id", "judge_id", NULL, "criterion", "score", "comment", "updated_at" FROM `scores`;--> statement-breakpoint
DROP TABLE `scores`;--> statement-breakpoint
ALTER TABLE `__new_scores` RENAME TO `scores`;--> statement-breakpoint
CREATE UNIQUE INDEX `scores_entry_judge_criterion_unique` ON `scores` (`entry_id`,`judge_id`,`criterion`);--> statement-breakpoint
CREATE UNIQUE INDEX `scores_entry_pseudonym_criterion_unique` ON `scores` (`entry_id`,`judge_pseudonym`,`criterion`);--> statement-breakpoint
CREATE INDEX `scores_judge_idx` ON `scores` (`judge_id`);--> statement-breakpoint
-- Step 10: the rebuilt tables' references still hold (a violation aborts the migration).
CREATE TABLE `__foreign_key_check` (`violations` integer NOT NULL CHECK (`violations` = 0));--> statement-breakpoint
INSERT INTO `__foreign_key_check` SELECT count(*) FROM pragma_foreign_key_check;--> statement-breakpoint
DROP TABLE `__foreign_key_check`;--> statement-breakpoint
PRAGMA foreign_keys=ON;
