-- E-mail: each user's channel per notification kind, the members' own
-- mail texts, the outbox every node sends from, addresses that bounce,
-- the Message-IDs that thread replies to tickets, every incoming mail
-- claimed once, and senders the desk has not yet confirmed.

-- A staff account's own address (people's accounts use the person's).
ALTER TABLE accounts ADD COLUMN email TEXT;

CREATE TABLE notification_channels (
    account_id BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    PRIMARY KEY (account_id, kind)
);

CREATE TABLE mail_templates (
    member_id BLOB NOT NULL REFERENCES members(id),
    event TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (member_id, event, language)
);

CREATE TABLE mail_outbox (
    id BLOB PRIMARY KEY,
    member_id BLOB,
    ticket_id BLOB,
    event TEXT NOT NULL,
    sender TEXT NOT NULL,
    recipient TEXT NOT NULL,
    reply_to TEXT,
    message_id TEXT NOT NULL,
    in_reply_to TEXT,
    mail_references TEXT,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_until INTEGER,
    answer TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);
CREATE INDEX mail_outbox_created ON mail_outbox(created_at);

CREATE TABLE mail_failing_addresses (
    address TEXT PRIMARY KEY,
    since INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    reason TEXT NOT NULL,
    failures INTEGER NOT NULL
);

CREATE TABLE mail_threads (
    message_id TEXT NOT NULL,
    member_id BLOB NOT NULL REFERENCES members(id),
    ticket_id BLOB NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (member_id, message_id)
);
CREATE INDEX mail_threads_ticket ON mail_threads(member_id, ticket_id);

CREATE TABLE inbound_mail (
    mailbox TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    uid INTEGER NOT NULL,
    member_id BLOB NOT NULL REFERENCES members(id),
    received_at INTEGER NOT NULL,
    state TEXT NOT NULL,
    reason TEXT,
    sender TEXT,
    subject TEXT,
    message_id TEXT,
    ticket_id BLOB,
    raw BLOB,
    PRIMARY KEY (mailbox, uidvalidity, uid)
);
CREATE INDEX inbound_mail_member ON inbound_mail(member_id, received_at);
CREATE INDEX inbound_mail_sender ON inbound_mail(sender, received_at);

CREATE TABLE mail_contacts (
    member_id BLOB NOT NULL REFERENCES members(id),
    ticket_id BLOB NOT NULL,
    address TEXT NOT NULL,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    decided_by TEXT,
    decided_at INTEGER,
    PRIMARY KEY (member_id, ticket_id)
);
CREATE INDEX mail_contacts_address ON mail_contacts(member_id, address);

CREATE TABLE mail_digests (
    account_id BLOB PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    sent_through INTEGER NOT NULL
);
