-- Full-text search over products.search_text (built by functions/lib/search-text.ts).
-- External-content FTS5 table: it indexes approved products only; triggers keep it in step.
CREATE VIRTUAL TABLE `products_fts` USING fts5(search_text, content='products', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `products_fts_insert` AFTER INSERT ON `products` WHEN new.status = 'approved' BEGIN
  INSERT INTO products_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `products_fts_delete` AFTER DELETE ON `products` WHEN old.status = 'approved' BEGIN
  INSERT INTO products_fts(products_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `products_fts_update` AFTER UPDATE OF status, search_text ON `products` BEGIN
  INSERT INTO products_fts(products_fts, rowid, search_text) SELECT 'delete', old.id, old.search_text WHERE old.status = 'approved';
  INSERT INTO products_fts(rowid, search_text) SELECT new.id, new.search_text WHERE new.status = 'approved';
END;
--> statement-breakpoint
-- product_tags mirrors products.tags (a JSON array) for indexed tag filters.
CREATE TRIGGER `product_tags_insert` AFTER INSERT ON `products` BEGIN
  INSERT OR IGNORE INTO product_tags(tag, product_id) SELECT value, new.id FROM json_each(new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `product_tags_update` AFTER UPDATE OF tags ON `products` BEGIN
  DELETE FROM product_tags WHERE product_id = new.id;
  INSERT OR IGNORE INTO product_tags(tag, product_id) SELECT value, new.id FROM json_each(new.tags);
END;
--> statement-breakpoint
-- Upvote counts stay exact under concurrency: the votes primary key admits one vote per user and
-- these triggers move the count in the same statement's transaction.
CREATE TRIGGER `votes_count_insert` AFTER INSERT ON `votes` BEGIN
  UPDATE products SET vote_count = vote_count + 1 WHERE id = new.product_id;
END;
--> statement-breakpoint
CREATE TRIGGER `votes_count_delete` AFTER DELETE ON `votes` BEGIN
  UPDATE products SET vote_count = vote_count - 1 WHERE id = old.product_id;
END;
--> statement-breakpoint
-- Team sizes: member_count follows team_members, so joins can be conditional inserts.
CREATE TRIGGER `team_members_count_insert` AFTER INSERT ON `team_members` BEGIN
  UPDATE teams SET member_count = member_count + 1 WHERE id = new.team_id;
END;
--> statement-breakpoint
CREATE TRIGGER `team_members_count_delete` AFTER DELETE ON `team_members` BEGIN
  UPDATE teams SET member_count = member_count - 1 WHERE id = old.team_id;
END;
