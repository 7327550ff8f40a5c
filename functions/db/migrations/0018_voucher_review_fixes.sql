DROP INDEX `voucher_redemptions_ref_unique`;--> statement-breakpoint
ALTER TABLE `voucher_redemptions` ADD `decision_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `voucher_redemptions_ref_live_unique` ON `voucher_redemptions` (`ref_scope`,`ref`) WHERE "voucher_redemptions"."status" NOT IN ('refused', 'reversed');--> statement-breakpoint
CREATE UNIQUE INDEX `voucher_objections_one_open` ON `voucher_objections` (`application_id`,`user_id`) WHERE "voucher_objections"."status" = 'open';