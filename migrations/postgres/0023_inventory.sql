-- The inventory (CMDB): each member's configuration items and business
-- systems, the federation's own items and the members they serve, the
-- relations between items, the software an agent found on a machine,
-- tickets linked to items, the common standard per category, the
-- consolidation plan towards it, the keys inventory agents report with,
-- and the monthly history of compliance and platform diversity.

-- What an item is used for: a platform (client_os, firewall, ...) or an
-- application purpose (finance, hr, ...). Seeded below; names in both
-- languages because they are shown as written.
CREATE TABLE inventory_categories (
    code TEXT PRIMARY KEY,
    area TEXT NOT NULL,
    position BIGINT NOT NULL,
    name_sv TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE inventory_items (
    id UUID PRIMARY KEY,
    -- The owning member; NULL: the federation's own item.
    member_id UUID REFERENCES members(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    network TEXT,
    location TEXT NOT NULL DEFAULT '',
    lifecycle TEXT NOT NULL,
    category TEXT REFERENCES inventory_categories(code),
    -- The product as reported, and as recognised across members.
    product_raw TEXT NOT NULL DEFAULT '',
    version_raw TEXT NOT NULL DEFAULT '',
    product_key TEXT NOT NULL DEFAULT '',
    product_name TEXT NOT NULL DEFAULT '',
    product_version TEXT NOT NULL DEFAULT '',
    manufacturer TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    serial TEXT,
    hardware_uuid TEXT,
    agent_device_id TEXT,
    -- The attributes of the item's kind (processor, memory, disks,
    -- addresses, operating system ...) as a JSON object.
    attributes TEXT NOT NULL DEFAULT '{}',
    -- A digest of the software an agent last reported: an unchanged list
    -- is not written again.
    software_hash TEXT,
    -- manual, csv or agent: where the item's data last came from.
    source TEXT NOT NULL,
    last_inventory_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX inventory_items_member ON inventory_items(member_id, kind, name);
CREATE INDEX inventory_items_product ON inventory_items(category, product_key);
CREATE UNIQUE INDEX inventory_items_serial ON inventory_items(member_id, serial) WHERE serial IS NOT NULL;
CREATE UNIQUE INDEX inventory_items_uuid ON inventory_items(member_id, hardware_uuid) WHERE hardware_uuid IS NOT NULL;
CREATE UNIQUE INDEX inventory_items_device ON inventory_items(member_id, agent_device_id) WHERE agent_device_id IS NOT NULL;

-- The members a federation item serves (and who may read it).
CREATE TABLE inventory_served_members (
    item_id UUID NOT NULL REFERENCES inventory_items(id) ON DELETE CASCADE,
    member_id UUID NOT NULL REFERENCES members(id),
    PRIMARY KEY (item_id, member_id)
);
CREATE INDEX inventory_served_members_member ON inventory_served_members(member_id);

-- From a dependent item to what it needs: another item (runs_on,
-- depends_on), a service (part_of_service) or an administration (used_by).
CREATE TABLE inventory_relations (
    item_id UUID NOT NULL REFERENCES inventory_items(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    target_item_id UUID REFERENCES inventory_items(id) ON DELETE CASCADE,
    service_id UUID REFERENCES services(id),
    member_id UUID REFERENCES members(id),
    administration_id UUID,
    position BIGINT NOT NULL,
    PRIMARY KEY (item_id, position)
);
CREATE INDEX inventory_relations_target ON inventory_relations(target_item_id);

-- Software found on a machine, replaced whole by each inventory.
CREATE TABLE inventory_software (
    item_id UUID NOT NULL REFERENCES inventory_items(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    publisher TEXT NOT NULL,
    product_key TEXT NOT NULL,
    PRIMARY KEY (item_id, position)
);
CREATE INDEX inventory_software_product ON inventory_software(product_key);

-- A business system's management (pm3 roles) and contract.
CREATE TABLE inventory_applications (
    item_id UUID PRIMARY KEY REFERENCES inventory_items(id) ON DELETE CASCADE,
    supplier TEXT NOT NULL DEFAULT '',
    contract_end TEXT,
    classification TEXT NOT NULL DEFAULT '',
    user_count BIGINT,
    system_owner TEXT NOT NULL DEFAULT '',
    object_manager TEXT NOT NULL DEFAULT '',
    system_administrator TEXT NOT NULL DEFAULT ''
);

CREATE TABLE ticket_items (
    member_id UUID NOT NULL,
    ticket_id UUID NOT NULL,
    item_id UUID NOT NULL REFERENCES inventory_items(id) ON DELETE CASCADE,
    linked_at BIGINT NOT NULL,
    linked_by UUID,
    PRIMARY KEY (member_id, ticket_id, item_id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX ticket_items_item ON ticket_items(item_id);

-- The common standard: an approved product (and version, '' for any) per
-- category, valid from a day to a day, decided by the federation.
CREATE TABLE standard_entries (
    id UUID PRIMARY KEY,
    category TEXT NOT NULL REFERENCES inventory_categories(code),
    product_key TEXT NOT NULL,
    product_name TEXT NOT NULL,
    product_version TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    decision_id UUID REFERENCES decisions(id),
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX standard_entries_category ON standard_entries(category);

-- The consolidation plan: a deviating item's target and date.
CREATE TABLE consolidation_targets (
    item_id UUID PRIMARY KEY REFERENCES inventory_items(id) ON DELETE CASCADE,
    member_id UUID REFERENCES members(id),
    standard_entry_id UUID NOT NULL REFERENCES standard_entries(id),
    due TEXT NOT NULL,
    done_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX consolidation_targets_member ON consolidation_targets(member_id, due);

-- The keys inventory agents report with (HTTP basic password), stored
-- hashed; each reports for one member.
CREATE TABLE agent_keys (
    id UUID PRIMARY KEY,
    member_id UUID NOT NULL REFERENCES members(id),
    label TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    last_used_at BIGINT
);

-- Inventories as agents sent them, kept until applied: the agent is
-- answered as soon as its report is stored, and any node applies the
-- waiting ones in turn (claimed with a lease). One that cannot be read
-- is set aside with the reason.
CREATE TABLE agent_inbox (
    id UUID PRIMARY KEY,
    member_id UUID NOT NULL REFERENCES members(id),
    key_id UUID NOT NULL REFERENCES agent_keys(id),
    received_at BIGINT NOT NULL,
    content_type TEXT,
    body BYTEA NOT NULL,
    -- waiting, applying or unreadable (applied reports are removed).
    state TEXT NOT NULL,
    lease_until BIGINT,
    error TEXT
);
CREATE INDEX agent_inbox_waiting ON agent_inbox(state, received_at);

-- Compliance per member and category, month by month, and the whole
-- federation's (its own items included) with the distinct products in use
-- across every member: platform diversity.
CREATE TABLE inventory_monthly (
    month TEXT NOT NULL,
    member_id UUID NOT NULL REFERENCES members(id),
    category TEXT NOT NULL,
    items BIGINT NOT NULL,
    on_standard BIGINT NOT NULL,
    products BIGINT NOT NULL,
    has_standard BIGINT NOT NULL,
    computed_at BIGINT NOT NULL,
    PRIMARY KEY (month, member_id, category)
);

CREATE TABLE inventory_monthly_federation (
    month TEXT NOT NULL,
    category TEXT NOT NULL,
    items BIGINT NOT NULL,
    on_standard BIGINT NOT NULL,
    products BIGINT NOT NULL,
    has_standard BIGINT NOT NULL,
    computed_at BIGINT NOT NULL,
    PRIMARY KEY (month, category)
);

INSERT INTO inventory_categories (code, area, position, name_sv, name_en) VALUES
    ('client_os', 'platform', 1, 'Klientoperativsystem', 'Client operating system'),
    ('office_suite', 'platform', 2, 'Kontorsprogram', 'Office suite'),
    ('server_os', 'platform', 3, 'Serveroperativsystem', 'Server operating system'),
    ('virtualisation', 'platform', 4, 'Serverplattform och virtualisering', 'Server platform and virtualisation'),
    ('data_centre', 'platform', 5, 'Driftställe', 'Data centre'),
    ('internet', 'platform', 6, 'Internetförbindelse', 'Internet connection'),
    ('network', 'platform', 7, 'Nätverk', 'Network'),
    ('firewall', 'platform', 8, 'Brandvägg', 'Firewall'),
    ('mail', 'platform', 9, 'E-postsystem', 'Mail system'),
    ('spam_filter', 'platform', 10, 'Spamfilter', 'Spam filter'),
    ('backup', 'platform', 11, 'Säkerhetskopiering', 'Backup'),
    ('storage', 'platform', 12, 'Lagring', 'Storage'),
    ('database', 'platform', 13, 'Databashanterare', 'Database system'),
    ('printing', 'platform', 14, 'Utskrift', 'Printing'),
    ('web', 'platform', 15, 'Webbplatser', 'Websites'),
    ('finance', 'application', 20, 'Ekonomisystem', 'Finance'),
    ('hr', 'application', 21, 'Personalsystem', 'Human resources'),
    ('library', 'application', 22, 'Bibliotekssystem', 'Library'),
    ('case_management', 'application', 23, 'Ärende- och dokumenthantering', 'Case and document management'),
    ('school_admin', 'application', 24, 'Skoladministration', 'School administration'),
    ('social_care', 'application', 25, 'Socialtjänst och omsorg', 'Social services and care'),
    ('building_permits', 'application', 26, 'Bygglov och miljö', 'Building permits and environment'),
    ('gis', 'application', 27, 'Kartor och GIS', 'Maps and GIS'),
    ('e_services', 'application', 28, 'E-tjänster', 'E-services'),
    ('other_application', 'application', 29, 'Övriga verksamhetssystem', 'Other business systems');
