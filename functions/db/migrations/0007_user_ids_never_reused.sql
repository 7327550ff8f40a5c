-- User ids are never reused (decision 008): without AUTOINCREMENT SQLite gave the next sign-up the id
-- of a deleted newest account, whose audit pseudonym (derived from the id) then named the new person.
-- SQLite's 12-step rebuild of `users` (foreign keys off: libSQL's migrate() runs this in one
-- transaction with them off; no trigger or view names `users`); the references of the other tables
-- stay as they are, and step 10 checks them.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'founder' NOT NULL,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`email_verified_at` integer,
	`consent_version` text NOT NULL,
	`consented_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "users_email_lower" CHECK("email" = lower("email"))
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "email", "name", "password_hash", "role", "locale", "email_verified_at", "consent_version", "consented_at", "created_at", "updated_at") SELECT "id", "email", "name", "password_hash", "role", "locale", "email_verified_at", "consent_version", "consented_at", "created_at", "updated_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_role_idx` ON `users` (`role`);--> statement-breakpoint
-- Ids deleted before this migration are not known, but each new id was max(id) + 1, so none exceeded
-- the largest id left plus the number of deletions (each one audited as account.delete): start there.
DELETE FROM `sqlite_sequence` WHERE `name` = 'users';--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`)
SELECT 'users', coalesce((SELECT max(`id`) FROM `users`), 0)
  + (SELECT count(*) FROM `audit_log` WHERE `action` = 'account.delete');--> statement-breakpoint
-- Step 10: every reference to users still holds (a violation aborts the migration).
CREATE TABLE `__foreign_key_check` (`violations` integer NOT NULL CHECK (`violations` = 0));--> statement-breakpoint
INSERT INTO `__foreign_key_check` SELECT count(*) FROM pragma_foreign_key_check;--> statement-breakpoint
DROP TABLE `__foreign_key_check`;--> statement-breakpoint
PRAGMA foreign_keys=ON;
