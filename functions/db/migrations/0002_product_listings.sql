CREATE TABLE `product_listings` (
	`facet` text NOT NULL,
	`product_id` integer NOT NULL,
	`approved_at` integer NOT NULL,
	`vote_count` integer NOT NULL,
	PRIMARY KEY(`facet`, `product_id`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `product_listings_newest_idx` ON `product_listings` (`facet`,`approved_at`,`product_id`);--> statement-breakpoint
CREATE INDEX `product_listings_votes_idx` ON `product_listings` (`facet`,`vote_count`,`product_id`);--> statement-breakpoint
CREATE INDEX `product_listings_product_idx` ON `product_listings` (`product_id`);