-- The service catalog (federation-wide, read-only to members): services get
-- a family, an owner and dependencies; offerings are their orderable
-- variants with a unit and a price per unit and year; catalog items are
-- what end users request through the portal, with a form, approvals and
-- fulfilment tasks. Per member: subscriptions (periods of a quantity of an
-- offering for an administration), the orders that change them, service
-- requests with their approvals and tasks, and hours logged on tickets.
-- Money is integer öre; days are ISO dates (YYYY-MM-DD, Europe/Stockholm).

ALTER TABLE services ADD COLUMN family TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN manager_id UUID;

CREATE TABLE service_dependencies (
    service_id UUID NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    depends_on_id UUID NOT NULL REFERENCES services(id),
    PRIMARY KEY (service_id, depends_on_id)
);

CREATE TABLE offerings (
    id UUID PRIMARY KEY,
    service_id UUID NOT NULL REFERENCES services(id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- JSON list of the standard contents (image, applications, printers).
    contents TEXT NOT NULL DEFAULT '[]',
    service_levels TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX offerings_service ON offerings(service_id);

CREATE TABLE offering_prices (
    offering_id UUID NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
    year BIGINT NOT NULL,
    price_ore BIGINT NOT NULL,
    PRIMARY KEY (offering_id, year)
);

CREATE TABLE hourly_rates (
    year BIGINT PRIMARY KEY,
    rate_ore BIGINT NOT NULL
);

CREATE TABLE catalog_items (
    id UUID PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    service_id UUID REFERENCES services(id),
    price_ore BIGINT NOT NULL DEFAULT 0,
    -- JSON: the form's fields, the approvals, the task templates.
    spec TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1
);

-- The member's owner of a business system (systemägare) approves access.
CREATE TABLE system_owners (
    member_id UUID NOT NULL REFERENCES members(id),
    service_id UUID NOT NULL REFERENCES services(id),
    person_id UUID NOT NULL,
    PRIMARY KEY (member_id, service_id),
    FOREIGN KEY (member_id, person_id) REFERENCES people(member_id, id)
);

CREATE TABLE subscriptions (
    member_id UUID NOT NULL REFERENCES members(id),
    id UUID NOT NULL,
    offering_id UUID NOT NULL REFERENCES offerings(id),
    administration_id UUID NOT NULL,
    quantity BIGINT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    order_id UUID,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, administration_id) REFERENCES administrations(member_id, id)
);
CREATE INDEX subscriptions_line ON subscriptions(member_id, offering_id, administration_id);

CREATE TABLE orders (
    member_id UUID NOT NULL REFERENCES members(id),
    id UUID NOT NULL,
    offering_id UUID NOT NULL REFERENCES offerings(id),
    administration_id UUID NOT NULL,
    quantity_change BIGINT NOT NULL,
    effective_on TEXT NOT NULL,
    yearly_change_ore BIGINT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    ordered_by UUID,
    ordered_by_name TEXT NOT NULL,
    ordered_at BIGINT NOT NULL,
    decided_by_name TEXT,
    decided_at BIGINT,
    decision_reason TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, administration_id) REFERENCES administrations(member_id, id)
);
CREATE INDEX orders_status ON orders(status, ordered_at);

CREATE TABLE order_events (
    member_id UUID NOT NULL,
    order_id UUID NOT NULL,
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    actor_name TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, order_id, seq),
    FOREIGN KEY (member_id, order_id) REFERENCES orders(member_id, id)
);

CREATE TABLE service_requests (
    member_id UUID NOT NULL,
    ticket_id UUID NOT NULL,
    catalog_item_id UUID NOT NULL REFERENCES catalog_items(id),
    -- JSON list of [key, label, answer].
    answers TEXT NOT NULL,
    price_ore BIGINT NOT NULL,
    state TEXT NOT NULL,
    fulfilled_at BIGINT,
    reason TEXT,
    PRIMARY KEY (member_id, ticket_id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX service_requests_fulfilled ON service_requests(member_id, fulfilled_at);

CREATE TABLE request_approvals (
    member_id UUID NOT NULL,
    ticket_id UUID NOT NULL,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    -- The person who decides (manager, system owner); NULL for the orderer
    -- role (any orderer of the member) or when none is recorded.
    approver_id UUID,
    state TEXT NOT NULL,
    decided_by_name TEXT,
    decided_at BIGINT,
    reason TEXT,
    PRIMARY KEY (member_id, ticket_id, position),
    FOREIGN KEY (member_id, ticket_id) REFERENCES service_requests(member_id, ticket_id)
);

CREATE TABLE request_tasks (
    member_id UUID NOT NULL,
    id UUID NOT NULL,
    ticket_id UUID NOT NULL,
    position BIGINT NOT NULL,
    stage BIGINT NOT NULL,
    title TEXT NOT NULL,
    group_id UUID NOT NULL REFERENCES competence_groups(id),
    state TEXT NOT NULL,
    done_by_name TEXT,
    done_at BIGINT,
    note TEXT,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES service_requests(member_id, ticket_id)
);
CREATE INDEX request_tasks_group ON request_tasks(group_id, state);
CREATE INDEX request_tasks_ticket ON request_tasks(member_id, ticket_id);

-- Hours logged on tickets; chargeable work is outside the subscriptions
-- and charged at the year's hourly rate.
CREATE TABLE ticket_work (
    member_id UUID NOT NULL,
    id UUID NOT NULL,
    ticket_id UUID NOT NULL,
    worked_on TEXT NOT NULL,
    minutes BIGINT NOT NULL,
    chargeable BOOLEAN NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    logged_by_name TEXT NOT NULL,
    logged_at BIGINT NOT NULL,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX ticket_work_month ON ticket_work(member_id, worked_on);
