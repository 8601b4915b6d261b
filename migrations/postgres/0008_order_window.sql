-- Why an order waits for the federation manager, kept as figures (the
-- page puts them in the reader's words): how many earlier orders of the
-- rolling window were added to it (0 when it is large alone), the yearly
-- change counted and the threshold it reached. NULL for orders that
-- applied at once and for orders placed before this was recorded.
ALTER TABLE orders ADD COLUMN hold_others BIGINT;
ALTER TABLE orders ADD COLUMN hold_total_ore BIGINT;
ALTER TABLE orders ADD COLUMN hold_threshold_ore BIGINT;
-- A new order reads the member's orders of the last 30 days.
CREATE INDEX orders_member_ordered ON orders(member_id, ordered_at);
