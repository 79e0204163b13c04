-- A flash sale started in a live room is that room's price (直播间专享价): only orders placed
-- from the room (source live_room and its id) may claim its units.
ALTER TABLE flash_sales ADD COLUMN live_room_id text;
