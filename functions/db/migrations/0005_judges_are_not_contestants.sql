-- Contestants never judge their own contest: the database refuses a judge assignment for a member of
-- any team of the contest, and a team membership (creating or joining a team) for one of its judges.
-- Both checks run inside the inserting statement, so a racing assignment and join cannot both land.
CREATE TRIGGER `judge_assignments_not_contestant` BEFORE INSERT ON `judge_assignments`
WHEN EXISTS (SELECT 1 FROM `team_members` WHERE `contest_slug` = NEW.`contest_slug` AND `user_id` = NEW.`user_id`)
BEGIN SELECT RAISE(ABORT, 'judge_is_contestant'); END;
--> statement-breakpoint
CREATE TRIGGER `team_members_not_judge` BEFORE INSERT ON `team_members`
WHEN EXISTS (SELECT 1 FROM `judge_assignments` WHERE `contest_slug` = NEW.`contest_slug` AND `user_id` = NEW.`user_id`)
BEGIN SELECT RAISE(ABORT, 'judge_cannot_compete'); END;
