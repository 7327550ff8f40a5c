-- product_listings holds one row per (facet, approved product): `tag:<tag>` for each of its tags and
-- `community:<slug>` for each community its company is an approved member of. Triggers keep it in
-- step with products and community_memberships; services only read it.
CREATE TRIGGER `product_listings_product_insert` AFTER INSERT ON `products` WHEN new.status = 'approved' BEGIN
  INSERT OR IGNORE INTO product_listings(facet, product_id, approved_at, vote_count)
    SELECT 'tag:' || value, new.id, new.approved_at, new.vote_count FROM json_each(new.tags);
  INSERT OR IGNORE INTO product_listings(facet, product_id, approved_at, vote_count)
    SELECT 'community:' || m.community_slug, new.id, new.approved_at, new.vote_count
    FROM community_memberships m WHERE m.company_id = new.company_id AND m.status = 'approved';
END;
--> statement-breakpoint
-- Approval, rejection, new tags or another company: rebuild the product's rows.
CREATE TRIGGER `product_listings_product_rebuild` AFTER UPDATE OF status, tags, company_id ON `products` BEGIN
  DELETE FROM product_listings WHERE product_id = old.id;
  INSERT OR IGNORE INTO product_listings(facet, product_id, approved_at, vote_count)
    SELECT 'tag:' || value, new.id, new.approved_at, new.vote_count FROM json_each(new.tags)
    WHERE new.status = 'approved';
  INSERT OR IGNORE INTO product_listings(facet, product_id, approved_at, vote_count)
    SELECT 'community:' || m.community_slug, new.id, new.approved_at, new.vote_count
    FROM community_memberships m
    WHERE new.status = 'approved' AND m.company_id = new.company_id AND m.status = 'approved';
END;
--> statement-breakpoint
-- Votes move products.vote_count (votes_count_* triggers); the listing copies follow.
CREATE TRIGGER `product_listings_product_sort_keys` AFTER UPDATE OF vote_count, approved_at ON `products` WHEN new.status = 'approved' BEGIN
  UPDATE product_listings SET approved_at = new.approved_at, vote_count = new.vote_count WHERE product_id = new.id;
END;
--> statement-breakpoint
-- Also covered by the foreign key's cascade; kept explicit for connections without foreign_keys=ON.
CREATE TRIGGER `product_listings_product_delete` AFTER DELETE ON `products` BEGIN
  DELETE FROM product_listings WHERE product_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `product_listings_membership_insert` AFTER INSERT ON `community_memberships` WHEN new.status = 'approved' BEGIN
  INSERT OR IGNORE INTO product_listings(facet, product_id, approved_at, vote_count)
    SELECT 'community:' || new.community_slug, p.id, p.approved_at, p.vote_count
    FROM products p WHERE p.company_id = new.company_id AND p.status = 'approved';
END;
--> statement-breakpoint
CREATE TRIGGER `product_listings_membership_update` AFTER UPDATE OF status, community_slug, company_id ON `community_memberships` BEGIN
  DELETE FROM product_listings
    WHERE facet = 'community:' || old.community_slug
      AND product_id IN (SELECT id FROM products WHERE company_id = old.company_id);
  INSERT OR IGNORE INTO product_listings(facet, product_id, approved_at, vote_count)
    SELECT 'community:' || new.community_slug, p.id, p.approved_at, p.vote_count
    FROM products p WHERE new.status = 'approved' AND p.company_id = new.company_id AND p.status = 'approved';
END;
--> statement-breakpoint
CREATE TRIGGER `product_listings_membership_delete` AFTER DELETE ON `community_memberships` WHEN old.status = 'approved' BEGIN
  DELETE FROM product_listings
    WHERE facet = 'community:' || old.community_slug
      AND product_id IN (SELECT id FROM products WHERE company_id = old.company_id);
END;
--> statement-breakpoint
-- Backfill the rows of products approved before this migration.
INSERT OR IGNORE INTO product_listings(facet, product_id, approved_at, vote_count)
  SELECT 'tag:' || t.value, p.id, p.approved_at, p.vote_count
  FROM products p, json_each(p.tags) t WHERE p.status = 'approved';
--> statement-breakpoint
INSERT OR IGNORE INTO product_listings(facet, product_id, approved_at, vote_count)
  SELECT 'community:' || m.community_slug, p.id, p.approved_at, p.vote_count
  FROM products p JOIN community_memberships m ON m.company_id = p.company_id AND m.status = 'approved'
  WHERE p.status = 'approved';
