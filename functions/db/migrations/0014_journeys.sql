CREATE TABLE `result_withdrawals` (
	`id` integer PRIMARY KEY NOT NULL,
	`contest_slug` text NOT NULL,
	`published_at` integer NOT NULL,
	`withdrawn_at` integer NOT NULL,
	`withdrawn_by` integer,
	`reason` text NOT NULL,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `result_withdrawals_contest_idx` ON `result_withdrawals` (`contest_slug`,`withdrawn_at`);--> statement-breakpoint
ALTER TABLE `companies` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `business_scope_en` text;--> statement-breakpoint
ALTER TABLE `teams` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `product_revisions` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `product_revisions` ADD `tagline_en` text;--> statement-breakpoint
ALTER TABLE `product_revisions` ADD `description_en` text;--> statement-breakpoint
ALTER TABLE `products` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `products` ADD `tagline_en` text;--> statement-breakpoint
ALTER TABLE `products` ADD `description_en` text;--> statement-breakpoint
ALTER TABLE `email_tokens` ADD `new_email` text;