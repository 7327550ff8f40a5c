CREATE TABLE `voucher_applications` (
	`id` integer PRIMARY KEY NOT NULL,
	`programme_slug` text NOT NULL,
	`company_id` integer NOT NULL,
	`applicant_id` integer,
	`provider_company_id` integer NOT NULL,
	`contract_ref` text NOT NULL,
	`planned_spend_fen` integer NOT NULL,
	`requested_fen` integer NOT NULL,
	`declared_unrelated` integer DEFAULT false NOT NULL,
	`declared_not_subsidised` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`stage` text,
	`formal_by` integer,
	`review_by` integer,
	`approved_by` integer,
	`reason` text,
	`granted_fen` integer,
	`grant_year` integer,
	`decided_at` integer,
	`submitted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`applicant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`provider_company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`formal_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`review_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "voucher_applications_money" CHECK("voucher_applications"."planned_spend_fen" > 0 AND "voucher_applications"."requested_fen" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `voucher_applications_contract_unique` ON `voucher_applications` (`provider_company_id`,`contract_ref`) WHERE "voucher_applications"."status" IN ('submitted', 'returned', 'approved');--> statement-breakpoint
CREATE INDEX `voucher_applications_queue_idx` ON `voucher_applications` (`status`,`stage`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `voucher_applications_programme_idx` ON `voucher_applications` (`programme_slug`,`status`,`decided_at`);--> statement-breakpoint
CREATE INDEX `voucher_applications_company_idx` ON `voucher_applications` (`company_id`);--> statement-breakpoint
CREATE INDEX `voucher_applications_applicant_idx` ON `voucher_applications` (`applicant_id`);--> statement-breakpoint
CREATE TABLE `voucher_budgets` (
	`programme_slug` text PRIMARY KEY NOT NULL,
	`budget_fen` integer NOT NULL,
	`committed_fen` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "voucher_budgets_within" CHECK("voucher_budgets"."committed_fen" >= 0 AND "voucher_budgets"."committed_fen" <= "voucher_budgets"."budget_fen")
);
--> statement-breakpoint
CREATE TABLE `voucher_company_years` (
	`series` text NOT NULL,
	`company_id` integer NOT NULL,
	`year` integer NOT NULL,
	`granted_fen` integer NOT NULL,
	`cap_fen` integer NOT NULL,
	PRIMARY KEY(`series`, `company_id`, `year`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "voucher_company_years_cap" CHECK("voucher_company_years"."granted_fen" >= 0 AND "voucher_company_years"."granted_fen" <= "voucher_company_years"."cap_fen")
);
--> statement-breakpoint
CREATE TABLE `voucher_objections` (
	`id` integer PRIMARY KEY NOT NULL,
	`application_id` integer NOT NULL,
	`programme_slug` text NOT NULL,
	`user_id` integer,
	`real_name` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`outcome` text,
	`answer` text,
	`answered_by` integer,
	`answered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `voucher_applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `voucher_objections_application_idx` ON `voucher_objections` (`application_id`,`status`);--> statement-breakpoint
CREATE INDEX `voucher_objections_programme_idx` ON `voucher_objections` (`programme_slug`,`created_at`);--> statement-breakpoint
CREATE TABLE `voucher_providers` (
	`id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decision_reason` text,
	`decided_by` integer,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `voucher_providers_company_kind_unique` ON `voucher_providers` (`company_id`,`kind`);--> statement-breakpoint
CREATE INDEX `voucher_providers_status_idx` ON `voucher_providers` (`status`,`kind`);--> statement-breakpoint
CREATE TABLE `voucher_redemptions` (
	`id` integer PRIMARY KEY NOT NULL,
	`voucher_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ref_scope` text NOT NULL,
	`ref` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`status` text NOT NULL,
	`recorded_by` integer,
	`dispute_reason` text,
	`disputed_at` integer,
	`decision_reason` text,
	`decided_by` integer,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`voucher_id`) REFERENCES `vouchers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "voucher_redemptions_positive" CHECK("voucher_redemptions"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `voucher_redemptions_ref_unique` ON `voucher_redemptions` (`ref_scope`,`ref`);--> statement-breakpoint
CREATE INDEX `voucher_redemptions_voucher_idx` ON `voucher_redemptions` (`voucher_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `voucher_redemptions_status_idx` ON `voucher_redemptions` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `vouchers` (
	`id` integer PRIMARY KEY NOT NULL,
	`application_id` integer NOT NULL,
	`programme_slug` text NOT NULL,
	`company_id` integer NOT NULL,
	`provider_company_id` integer NOT NULL,
	`serial` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`redeemed_fen` integer DEFAULT 0 NOT NULL,
	`pending_fen` integer DEFAULT 0 NOT NULL,
	`released_fen` integer,
	`status` text DEFAULT 'granted' NOT NULL,
	`issue_after` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `voucher_applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`provider_company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "vouchers_balance" CHECK("vouchers"."redeemed_fen" >= 0 AND "vouchers"."pending_fen" >= 0 AND "vouchers"."redeemed_fen" + "vouchers"."pending_fen" <= "vouchers"."amount_fen")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vouchers_application_unique` ON `vouchers` (`application_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `vouchers_serial_unique` ON `vouchers` (`serial`);--> statement-breakpoint
CREATE INDEX `vouchers_company_idx` ON `vouchers` (`company_id`);--> statement-breakpoint
CREATE INDEX `vouchers_expiry_idx` ON `vouchers` (`status`,`expires_at`);