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
ALTER TABLE people ADD COLUMN manager_id BLOB;

CREATE TABLE service_dependencies (
    service_id BLOB NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    depends_on_id BLOB NOT NULL REFERENCES services(id),
    PRIMARY KEY (service_id, depends_on_id)
);

CREATE TABLE offerings (
    id BLOB PRIMARY KEY,
    service_id BLOB NOT NULL REFERENCES services(id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- JSON list of the standard contents (image, applications, printers).
    contents TEXT NOT NULL DEFAULT '[]',
    service_levels TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX offerings_service ON offerings(service_id);

CREATE TABLE offering_prices (
    offering_id BLOB NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    price_ore INTEGER NOT NULL,
    PRIMARY KEY (offering_id, year)
);

CREATE TABLE hourly_rates (
    year INTEGER PRIMARY KEY,
    rate_ore INTEGER NOT NULL
);

CREATE TABLE catalog_items (
    id BLOB PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    service_id BLOB REFERENCES services(id),
    price_ore INTEGER NOT NULL DEFAULT 0,
    -- JSON: the form's fields, the approvals, the task templates.
    spec TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1
);

-- The member's owner of a business system (systemägare) approves access.
CREATE TABLE system_owners (
    member_id BLOB NOT NULL REFERENCES members(id),
    service_id BLOB NOT NULL REFERENCES services(id),
    person_id BLOB NOT NULL,
    PRIMARY KEY (member_id, service_id),
    FOREIGN KEY (member_id, person_id) REFERENCES people(member_id, id)
);

CREATE TABLE subscriptions (
    member_id BLOB NOT NULL REFERENCES members(id),
    id BLOB NOT NULL,
    offering_id BLOB NOT NULL REFERENCES offerings(id),
    administration_id BLOB NOT NULL,
    quantity INTEGER NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    order_id BLOB,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, administration_id) REFERENCES administrations(member_id, id)
);
CREATE INDEX subscriptions_line ON subscriptions(member_id, offering_id, administration_id);

CREATE TABLE orders (
    member_id BLOB NOT NULL REFERENCES members(id),
    id BLOB NOT NULL,
    offering_id BLOB NOT NULL REFERENCES offerings(id),
    administration_id BLOB NOT NULL,
    quantity_change INTEGER NOT NULL,
    effective_on TEXT NOT NULL,
    yearly_change_ore INTEGER NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    ordered_by BLOB,
    ordered_by_name TEXT NOT NULL,
    ordered_at INTEGER NOT NULL,
    decided_by_name TEXT,
    decided_at INTEGER,
    decision_reason TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, administration_id) REFERENCES administrations(member_id, id)
);
CREATE INDEX orders_status ON orders(status, ordered_at);

CREATE TABLE order_events (
    member_id BLOB NOT NULL,
    order_id BLOB NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    actor_name TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, order_id, seq),
    FOREIGN KEY (member_id, order_id) REFERENCES orders(member_id, id)
);

CREATE TABLE service_requests (
    member_id BLOB NOT NULL,
    ticket_id BLOB NOT NULL,
    catalog_item_id BLOB NOT NULL REFERENCES catalog_items(id),
    -- JSON list of [key, label, answer].
    answers TEXT NOT NULL,
    price_ore INTEGER NOT NULL,
    state TEXT NOT NULL,
    fulfilled_at INTEGER,
    reason TEXT,
    PRIMARY KEY (member_id, ticket_id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX service_requests_fulfilled ON service_requests(member_id, fulfilled_at);

CREATE TABLE request_approvals (
    member_id BLOB NOT NULL,
    ticket_id BLOB NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    -- The person who decides (manager, system owner); NULL for the orderer
    -- role (any orderer of the member) or when none is recorded.
    approver_id BLOB,
    state TEXT NOT NULL,
    decided_by_name TEXT,
    decided_at INTEGER,
    reason TEXT,
    PRIMARY KEY (member_id, ticket_id, position),
    FOREIGN KEY (member_id, ticket_id) REFERENCES service_requests(member_id, ticket_id)
);

CREATE TABLE request_tasks (
    member_id BLOB NOT NULL,
    id BLOB NOT NULL,
    ticket_id BLOB NOT NULL,
    position INTEGER NOT NULL,
    stage INTEGER NOT NULL,
    title TEXT NOT NULL,
    group_id BLOB NOT NULL REFERENCES competence_groups(id),
    state TEXT NOT NULL,
    done_by_name TEXT,
    done_at INTEGER,
    note TEXT,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES service_requests(member_id, ticket_id)
);
CREATE INDEX request_tasks_group ON request_tasks(group_id, state);
CREATE INDEX request_tasks_ticket ON request_tasks(member_id, ticket_id);

-- Hours logged on tickets; chargeable work is outside the subscriptions
-- and charged at the year's hourly rate.
CREATE TABLE ticket_work (
    member_id BLOB NOT NULL,
    id BLOB NOT NULL,
    ticket_id BLOB NOT NULL,
    worked_on TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    chargeable INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    logged_by_name TEXT NOT NULL,
    logged_at INTEGER NOT NULL,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX ticket_work_month ON ticket_work(member_id, worked_on);
