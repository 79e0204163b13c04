-- The 热卖榜 (best sellers, catalog/bestsellers.ts) sums the reserve and release movements of the
-- last few days. The stock ledger also logs restocks, damage and flash-sale moves and only grows,
-- so a partial index on the time of sales movements lets that query read just its window; sku_id
-- and delta ride along so the window is summed from the index alone.
CREATE INDEX stock_movements_sales_time ON stock_movements (created_at) INCLUDE (sku_id, delta) WHERE reason IN ('reserve', 'release');
