-- SKUs keep the order the merchant listed them in. Rows inserted in one transaction share
-- created_at and their ids end in random characters, so (created_at, id) was not that order.
ALTER TABLE skus ADD COLUMN position bigserial;
CREATE INDEX skus_product_position ON skus (product_id, position);
