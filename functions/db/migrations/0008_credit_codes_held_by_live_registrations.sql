-- A credit code is held only by a live registration (decision 010): pending or verified, with an
-- owner. A squatter's registration frees the code once it is rejected, withdrawn or orphaned.
DROP INDEX `companies_credit_code_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `companies_live_credit_code_unique` ON `companies` (`credit_code`) WHERE "status" IN ('pending', 'verified') AND "owner_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `companies_credit_code_idx` ON `companies` (`credit_code`);--> statement-breakpoint
-- A pending registration that loses its owner (the account was deleted, however) is withdrawn in the
-- same statement, so no organizer can approve a registration nobody stands behind.
CREATE TRIGGER `companies_withdraw_orphaned_pending` AFTER UPDATE OF `owner_id` ON `companies`
WHEN NEW.`owner_id` IS NULL AND NEW.`status` = 'pending'
BEGIN UPDATE `companies` SET `status` = 'withdrawn' WHERE `id` = NEW.`id`; END;
