-- Every list shape an agent or a member can ask for reads only its page.
-- A list is answered as a union of index-ordered arms, one per status (and
-- per part of a member user's scope), each reading at most a page from an
-- index whose prefix is its equalities and whose next column is the sort
-- key; the arms' pages are merged. So every combination of at most one of
-- member, group, assignee (or unassigned), requester and service with a
-- sort on creation, last change or time left has an index of
-- (equalities..., status, sort key, id); a member user's lists add the
-- member in front. The earlier indexes on (x, status) and the open-only
-- queue indexes are covered by these and dropped, as is (member, created),
-- which no query needs without a status.
--
-- `queue_due_at` (migration 0005) is now the due order's key for every
-- ticket: the resolution clock's due time while the ticket is open, and the
-- largest integer when it is open without a clock or not open at all (NULL
-- before). So every arm of a due-ordered list reads one index in
-- (key, id) order, and the arms merge without a sort.
DROP INDEX tickets_member_created;
DROP INDEX tickets_status;
DROP INDEX tickets_group;
DROP INDEX tickets_assignee;
DROP INDEX tickets_requester;
DROP INDEX tickets_queue_group;
DROP INDEX tickets_queue_assignee;
DROP INDEX tickets_queue_all;

UPDATE tickets SET queue_due_at = 9223372036854775807 WHERE queue_due_at IS NULL;

CREATE OR REPLACE FUNCTION tickets_queue_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A new ticket written with its key (its clocks come after it in the
    -- same transaction) keeps it.
    IF TG_OP = 'INSERT' AND NEW.queue_due_at IS NOT NULL THEN
        RETURN NEW;
    END IF;
    IF NEW.status IN ('new', 'assigned', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier') THEN
        NEW.queue_due_at := COALESCE(
            (SELECT c.due_at FROM ticket_clocks c
             WHERE c.member_id = NEW.member_id AND c.ticket_id = NEW.id AND c.kind = 'resolution'),
            9223372036854775807);
    ELSE
        NEW.queue_due_at := 9223372036854775807;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION ticket_clocks_queue_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind = 'resolution' AND (TG_OP = 'INSERT' OR NEW.due_at IS DISTINCT FROM OLD.due_at) THEN
        UPDATE tickets SET queue_due_at = COALESCE(NEW.due_at, 9223372036854775807)
        WHERE member_id = NEW.member_id AND id = NEW.ticket_id
          AND status IN ('new', 'assigned', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
          AND queue_due_at IS DISTINCT FROM COALESCE(NEW.due_at, 9223372036854775807);
    END IF;
    RETURN NULL;
END $$;

CREATE INDEX tickets_list_created ON tickets(status, created_at, id);
CREATE INDEX tickets_list_updated ON tickets(status, updated_at, id);
CREATE INDEX tickets_list_due ON tickets(status, queue_due_at, id);
CREATE INDEX tickets_list_member_created ON tickets(member_id, status, created_at, id);
CREATE INDEX tickets_list_member_updated ON tickets(member_id, status, updated_at, id);
CREATE INDEX tickets_list_member_due ON tickets(member_id, status, queue_due_at, id);
CREATE INDEX tickets_list_group_created ON tickets(group_id, status, created_at, id);
CREATE INDEX tickets_list_group_updated ON tickets(group_id, status, updated_at, id);
CREATE INDEX tickets_list_group_due ON tickets(group_id, status, queue_due_at, id);
CREATE INDEX tickets_list_assignee_created ON tickets(assignee_id, status, created_at, id);
CREATE INDEX tickets_list_assignee_updated ON tickets(assignee_id, status, updated_at, id);
CREATE INDEX tickets_list_assignee_due ON tickets(assignee_id, status, queue_due_at, id);
CREATE INDEX tickets_list_requester_created ON tickets(requester_id, status, created_at, id);
CREATE INDEX tickets_list_requester_updated ON tickets(requester_id, status, updated_at, id);
CREATE INDEX tickets_list_requester_due ON tickets(requester_id, status, queue_due_at, id);
CREATE INDEX tickets_list_service_created ON tickets(service_id, status, created_at, id);
CREATE INDEX tickets_list_service_updated ON tickets(service_id, status, updated_at, id);
CREATE INDEX tickets_list_service_due ON tickets(service_id, status, queue_due_at, id);
CREATE INDEX tickets_list_member_group_created ON tickets(member_id, group_id, status, created_at, id);
CREATE INDEX tickets_list_member_group_updated ON tickets(member_id, group_id, status, updated_at, id);
CREATE INDEX tickets_list_member_group_due ON tickets(member_id, group_id, status, queue_due_at, id);
CREATE INDEX tickets_list_member_assignee_created ON tickets(member_id, assignee_id, status, created_at, id);
CREATE INDEX tickets_list_member_assignee_updated ON tickets(member_id, assignee_id, status, updated_at, id);
CREATE INDEX tickets_list_member_assignee_due ON tickets(member_id, assignee_id, status, queue_due_at, id);
CREATE INDEX tickets_list_member_service_created ON tickets(member_id, service_id, status, created_at, id);
CREATE INDEX tickets_list_member_service_updated ON tickets(member_id, service_id, status, updated_at, id);
CREATE INDEX tickets_list_member_service_due ON tickets(member_id, service_id, status, queue_due_at, id);
