-- The agent queue sorts open tickets by the time left on their resolution
-- clock. With the due time only in ticket_clocks, a queue had to read every
-- open ticket of its group and sort them. `queue_due_at` keeps, on the
-- ticket itself, the resolution clock's due time while the ticket is open
-- (the largest bigint when it has no running clock) and NULL once it is
-- not open, so an index gives a group's queue in order. Triggers keep it
-- true on every write path.
ALTER TABLE tickets ADD COLUMN queue_due_at BIGINT;

UPDATE tickets SET queue_due_at = COALESCE(
    (SELECT c.due_at FROM ticket_clocks c
     WHERE c.member_id = tickets.member_id AND c.ticket_id = tickets.id AND c.kind = 'resolution'),
    9223372036854775807)
WHERE status IN ('new', 'assigned', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');

CREATE INDEX tickets_queue_group ON tickets(group_id, queue_due_at, id) WHERE queue_due_at IS NOT NULL;
CREATE INDEX tickets_queue_assignee ON tickets(assignee_id, queue_due_at, id) WHERE queue_due_at IS NOT NULL;
CREATE INDEX tickets_queue_all ON tickets(queue_due_at, id) WHERE queue_due_at IS NOT NULL;

CREATE FUNCTION tickets_queue_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IN ('new', 'assigned', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier') THEN
        NEW.queue_due_at := COALESCE(
            (SELECT c.due_at FROM ticket_clocks c
             WHERE c.member_id = NEW.member_id AND c.ticket_id = NEW.id AND c.kind = 'resolution'),
            9223372036854775807);
    ELSE
        NEW.queue_due_at := NULL;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER tickets_queue_due BEFORE INSERT OR UPDATE OF status ON tickets
FOR EACH ROW EXECUTE FUNCTION tickets_queue_due();

CREATE FUNCTION ticket_clocks_queue_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind = 'resolution' AND (TG_OP = 'INSERT' OR NEW.due_at IS DISTINCT FROM OLD.due_at) THEN
        UPDATE tickets SET queue_due_at = COALESCE(NEW.due_at, 9223372036854775807)
        WHERE member_id = NEW.member_id AND id = NEW.ticket_id AND queue_due_at IS NOT NULL;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER ticket_clocks_queue_due AFTER INSERT OR UPDATE OF due_at ON ticket_clocks
FOR EACH ROW EXECUTE FUNCTION ticket_clocks_queue_due();
