CREATE TABLE `event_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text NOT NULL,
	`answers` text DEFAULT '{}' NOT NULL,
	`queue_seq` integer,
	`ticket_code` text NOT NULL,
	`decline_reason` text,
	`promoted_at` integer,
	`checked_in_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_registrations_one_per_person` ON `event_registrations` (`event_id`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_registrations_ticket_unique` ON `event_registrations` (`ticket_code`);--> statement-breakpoint
CREATE INDEX `event_registrations_queue_idx` ON `event_registrations` (`event_id`,`status`,`queue_seq`);--> statement-breakpoint
CREATE INDEX `event_registrations_user_idx` ON `event_registrations` (`user_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`community_slug` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`sample` integer DEFAULT false NOT NULL,
	`title_zh` text NOT NULL,
	`title_en` text,
	`summary_zh` text NOT NULL,
	`summary_en` text,
	`description_zh` text NOT NULL,
	`description_en` text,
	`venue_zh` text,
	`venue_en` text,
	`room_zh` text,
	`room_en` text,
	`room_private` integer DEFAULT false NOT NULL,
	`online_url` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`capacity` integer,
	`registration_opens_at` integer,
	`registration_closes_at` integer,
	`approval_required` integer DEFAULT false NOT NULL,
	`questions` text DEFAULT '[]' NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`confirmed_count` integer DEFAULT 0 NOT NULL,
	`waitlist_count` integer DEFAULT 0 NOT NULL,
	`attended_count` integer DEFAULT 0 NOT NULL,
	`cancel_reason` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "events_time_order" CHECK("events"."starts_at" < "events"."ends_at"),
	CONSTRAINT "events_capacity_positive" CHECK("events"."capacity" IS NULL OR "events"."capacity" > 0),
	CONSTRAINT "events_within_capacity" CHECK("events"."capacity" IS NULL OR "events"."confirmed_count" <= "events"."capacity"),
	CONSTRAINT "events_counts_nonneg" CHECK("events"."confirmed_count" >= 0 AND "events"."waitlist_count" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_slug_unique` ON `events` (`slug`);--> statement-breakpoint
CREATE INDEX `events_status_starts_idx` ON `events` (`status`,`starts_at`);--> statement-breakpoint
CREATE INDEX `events_community_idx` ON `events` (`community_slug`,`starts_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `dedupe_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
-- The seat and waitlist counters follow every write to registrations (insert, status change,
-- delete, cascade from a deleted account), so "seats left" is one read and the CHECK
-- events_within_capacity refuses any write that would seat more people than the capacity.
CREATE TRIGGER `event_registrations_count_insert` AFTER INSERT ON `event_registrations`
BEGIN
  UPDATE `events` SET
    `confirmed_count` = `confirmed_count` + (NEW.`status` IN ('confirmed', 'attended')),
    `waitlist_count` = `waitlist_count` + (NEW.`status` = 'waitlisted'),
    `attended_count` = `attended_count` + (NEW.`status` = 'attended')
  WHERE `id` = NEW.`event_id`;
END;--> statement-breakpoint
CREATE TRIGGER `event_registrations_count_update` AFTER UPDATE OF `status` ON `event_registrations`
WHEN OLD.`status` IS NOT NEW.`status`
BEGIN
  UPDATE `events` SET
    `confirmed_count` = `confirmed_count` + (NEW.`status` IN ('confirmed', 'attended')) - (OLD.`status` IN ('confirmed', 'attended')),
    `waitlist_count` = `waitlist_count` + (NEW.`status` = 'waitlisted') - (OLD.`status` = 'waitlisted'),
    `attended_count` = `attended_count` + (NEW.`status` = 'attended') - (OLD.`status` = 'attended')
  WHERE `id` = NEW.`event_id`;
END;--> statement-breakpoint
CREATE TRIGGER `event_registrations_count_delete` AFTER DELETE ON `event_registrations`
BEGIN
  UPDATE `events` SET
    `confirmed_count` = `confirmed_count` - (OLD.`status` IN ('confirmed', 'attended')),
    `waitlist_count` = `waitlist_count` - (OLD.`status` = 'waitlisted'),
    `attended_count` = `attended_count` - (OLD.`status` = 'attended')
  WHERE `id` = OLD.`event_id`;
END;
