-- The agent queue sorts open tickets by the time left on their resolution
-- clock. With the due time only in ticket_clocks, a queue had to read every
-- open ticket of its group and sort them (half a second at a million
-- tickets). `queue_due_at` keeps, on the ticket itself, the resolution
-- clock's due time while the ticket is open (the largest integer when it
-- has no running clock) and NULL once it is not open, so an index gives a
-- group's queue in order. Triggers keep it true on every write path.
ALTER TABLE tickets ADD COLUMN queue_due_at INTEGER;

UPDATE tickets SET queue_due_at = COALESCE(
    (SELECT c.due_at FROM ticket_clocks c
     WHERE c.member_id = tickets.member_id AND c.ticket_id = tickets.id AND c.kind = 'resolution'),
    9223372036854775807)
WHERE status IN ('new', 'assigned', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier');

CREATE INDEX tickets_queue_group ON tickets(group_id, queue_due_at, id) WHERE queue_due_at IS NOT NULL;
CREATE INDEX tickets_queue_assignee ON tickets(assignee_id, queue_due_at, id) WHERE queue_due_at IS NOT NULL;
CREATE INDEX tickets_queue_all ON tickets(queue_due_at, id) WHERE queue_due_at IS NOT NULL;

CREATE TRIGGER tickets_queue_on_insert AFTER INSERT ON tickets
WHEN NEW.status IN ('new', 'assigned', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
BEGIN
    UPDATE tickets SET queue_due_at = COALESCE(
        (SELECT c.due_at FROM ticket_clocks c
         WHERE c.member_id = NEW.member_id AND c.ticket_id = NEW.id AND c.kind = 'resolution'),
        9223372036854775807)
    WHERE member_id = NEW.member_id AND id = NEW.id;
END;

CREATE TRIGGER tickets_queue_on_status AFTER UPDATE OF status ON tickets
BEGIN
    UPDATE tickets SET queue_due_at = CASE
        WHEN NEW.status IN ('new', 'assigned', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
        THEN COALESCE(
            (SELECT c.due_at FROM ticket_clocks c
             WHERE c.member_id = NEW.member_id AND c.ticket_id = NEW.id AND c.kind = 'resolution'),
            9223372036854775807)
        END
    WHERE member_id = NEW.member_id AND id = NEW.id;
END;

CREATE TRIGGER ticket_clocks_queue_on_insert AFTER INSERT ON ticket_clocks
WHEN NEW.kind = 'resolution'
BEGIN
    UPDATE tickets SET queue_due_at = COALESCE(NEW.due_at, 9223372036854775807)
    WHERE member_id = NEW.member_id AND id = NEW.ticket_id AND queue_due_at IS NOT NULL;
END;

CREATE TRIGGER ticket_clocks_queue_on_due AFTER UPDATE OF due_at ON ticket_clocks
WHEN NEW.kind = 'resolution' AND NEW.due_at IS NOT OLD.due_at
BEGIN
    UPDATE tickets SET queue_due_at = COALESCE(NEW.due_at, 9223372036854775807)
    WHERE member_id = NEW.member_id AND id = NEW.ticket_id AND queue_due_at IS NOT NULL;
END;
