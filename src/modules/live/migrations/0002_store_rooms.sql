-- A store's rooms for its store page (store-rooms.ts): found by store, then ordered by status.
CREATE INDEX live_rooms_store ON live_rooms (store_id, status) WHERE store_id IS NOT NULL;
