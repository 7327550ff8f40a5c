CREATE TABLE `media` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer,
	`company_id` integer,
	`event_id` integer,
	`kind` text NOT NULL,
	`state` text DEFAULT 'current' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`hash` text NOT NULL,
	`ext` text NOT NULL,
	`variants` text NOT NULL,
	`width` integer,
	`height` integer,
	`bytes` integer NOT NULL,
	`uploaded_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "media_one_owner" CHECK(("media"."product_id" IS NOT NULL) + ("media"."company_id" IS NOT NULL) + ("media"."event_id" IS NOT NULL) = 1),
	CONSTRAINT "media_kind_fits_owner" CHECK(("media"."product_id" IS NOT NULL AND "media"."kind" IN ('logo', 'screenshot'))
        OR ("media"."company_id" IS NOT NULL AND "media"."kind" IN ('logo', 'licence') AND "media"."state" = 'current')
        OR ("media"."event_id" IS NOT NULL AND "media"."kind" = 'cover' AND "media"."state" = 'current'))
);
--> statement-breakpoint
CREATE INDEX `media_product_idx` ON `media` (`product_id`,`kind`,`state`,`position`);--> statement-breakpoint
CREATE INDEX `media_company_idx` ON `media` (`company_id`,`kind`);--> statement-breakpoint
CREATE INDEX `media_event_idx` ON `media` (`event_id`,`kind`);--> statement-breakpoint
CREATE INDEX `media_hash_idx` ON `media` (`hash`);--> statement-breakpoint
CREATE INDEX `media_uploader_idx` ON `media` (`uploaded_by`);--> statement-breakpoint
CREATE UNIQUE INDEX `media_single_kind_unique` ON `media` (coalesce(`product_id`, 0),coalesce(`company_id`, 0),coalesce(`event_id`, 0),`kind`,`state`) WHERE "media"."kind" <> 'screenshot';--> statement-breakpoint
CREATE TABLE `media_erasures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hash` text NOT NULL,
	`ext` text NOT NULL,
	`variants` text NOT NULL,
	`kind` text NOT NULL
);--> statement-breakpoint
-- A product holds at most 4 screenshots, current and proposed together (MAX_SCREENSHOTS): concurrent
-- uploads are serialised by SQLite's write lock, so the count read here is the truth.
CREATE TRIGGER `media_screenshot_limit` BEFORE INSERT ON `media`
WHEN NEW.`kind` = 'screenshot'
  AND (SELECT count(*) FROM `media` WHERE `product_id` = NEW.`product_id` AND `kind` = 'screenshot') >= 4
BEGIN
  SELECT RAISE(ABORT, 'media_screenshot_limit');
END;--> statement-breakpoint
-- Every way a row goes (a removal, a replaced logo, a rejected revision, a cascade from a deleted
-- product, company or event, an erased account) queues its R2 objects for deletion.
CREATE TRIGGER `media_erase_objects` AFTER DELETE ON `media`
BEGIN
  INSERT INTO `media_erasures` (`hash`, `ext`, `variants`, `kind`) VALUES (OLD.`hash`, OLD.`ext`, OLD.`variants`, OLD.`kind`);
END;
