CREATE TABLE `live_figures` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `community_memberships_company_status_idx` ON `community_memberships` (`company_id`,`status`);
--> statement-breakpoint
-- live_figures holds the home page's live figures as counters. These triggers move them in the
-- writing statement's own transaction (as votes move vote_count), so they stay exact under
-- concurrency and the home page reads four rows instead of counting the catalogue.
CREATE TRIGGER `live_figures_product_insert` AFTER INSERT ON `products` WHEN new.status = 'approved' BEGIN
  UPDATE live_figures SET value = value + 1 WHERE name = 'products:approved:' || new.kind;
END;
--> statement-breakpoint
CREATE TRIGGER `live_figures_product_update` AFTER UPDATE OF status, kind ON `products` WHEN old.status = 'approved' OR new.status = 'approved' BEGIN
  UPDATE live_figures SET value = value - 1 WHERE old.status = 'approved' AND name = 'products:approved:' || old.kind;
  UPDATE live_figures SET value = value + 1 WHERE new.status = 'approved' AND name = 'products:approved:' || new.kind;
END;
--> statement-breakpoint
-- Also fires for rows removed by a foreign key's ON DELETE CASCADE (a company's products).
CREATE TRIGGER `live_figures_product_delete` AFTER DELETE ON `products` WHEN old.status = 'approved' BEGIN
  UPDATE live_figures SET value = value - 1 WHERE name = 'products:approved:' || old.kind;
END;
--> statement-breakpoint
CREATE TRIGGER `live_figures_company_insert` AFTER INSERT ON `companies` WHEN new.status = 'verified' BEGIN
  UPDATE live_figures SET value = value + 1 WHERE name = 'companies:verified';
END;
--> statement-breakpoint
CREATE TRIGGER `live_figures_company_update` AFTER UPDATE OF status ON `companies` WHEN (old.status = 'verified') <> (new.status = 'verified') BEGIN
  UPDATE live_figures SET value = value + (CASE WHEN new.status = 'verified' THEN 1 ELSE -1 END) WHERE name = 'companies:verified';
END;
--> statement-breakpoint
CREATE TRIGGER `live_figures_company_delete` AFTER DELETE ON `companies` WHEN old.status = 'verified' BEGIN
  UPDATE live_figures SET value = value - 1 WHERE name = 'companies:verified';
END;
--> statement-breakpoint
CREATE TRIGGER `live_figures_team_insert` AFTER INSERT ON `teams` BEGIN
  UPDATE live_figures SET value = value + 1 WHERE name = 'teams';
END;
--> statement-breakpoint
CREATE TRIGGER `live_figures_team_delete` AFTER DELETE ON `teams` BEGIN
  UPDATE live_figures SET value = value - 1 WHERE name = 'teams';
END;
--> statement-breakpoint
-- The counters start from the rows already there.
INSERT INTO live_figures(name, value) VALUES
  ('products:approved:product', (SELECT count(*) FROM products WHERE status = 'approved' AND kind = 'product')),
  ('products:approved:agent', (SELECT count(*) FROM products WHERE status = 'approved' AND kind = 'agent')),
  ('companies:verified', (SELECT count(*) FROM companies WHERE status = 'verified')),
  ('teams', (SELECT count(*) FROM teams));
