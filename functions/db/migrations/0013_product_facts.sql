ALTER TABLE `product_revisions` ADD `pricing` text;--> statement-breakpoint
ALTER TABLE `product_revisions` ADD `model` text;--> statement-breakpoint
ALTER TABLE `product_revisions` ADD `filing_number` text;--> statement-breakpoint
ALTER TABLE `products` ADD `pricing` text;--> statement-breakpoint
ALTER TABLE `products` ADD `model` text;--> statement-breakpoint
ALTER TABLE `products` ADD `filing_number` text;