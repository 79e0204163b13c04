-- Attribution per order line: where the shopper found each line's goods (the last touch: the
-- source the cart row was last added with, or the checkout's own source) and when. The alliance
-- credits creators' content by it; analytics split sales by it.
ALTER TABLE order_lines ADD COLUMN source_type text;
ALTER TABLE order_lines ADD COLUMN source_id text;
ALTER TABLE order_lines ADD COLUMN touched_at timestamptz;
-- When a cart row last got its source (an add from a video, a live room…), so a purchase much
-- later is not credited to a touch outside the attribution window.
ALTER TABLE cart_items ADD COLUMN source_at timestamptz;
