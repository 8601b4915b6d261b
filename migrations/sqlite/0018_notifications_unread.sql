-- The bell on every page counts a user's unread notifications.
CREATE INDEX notifications_unread ON notifications(account_id) WHERE read_at IS NULL;
