-- E-mail: each user's channel per notification kind, the members' own
-- mail texts, the outbox every node sends from, addresses that bounce,
-- the Message-IDs that thread replies to tickets, every incoming mail
-- claimed once, and senders the desk has not yet confirmed.

-- A staff account's own address (people's accounts use the person's).
ALTER TABLE accounts ADD COLUMN email TEXT;

CREATE TABLE notification_channels (
    account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    PRIMARY KEY (account_id, kind)
);

CREATE TABLE mail_templates (
    member_id UUID NOT NULL REFERENCES members(id),
    event TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (member_id, event, language)
);

CREATE TABLE mail_outbox (
    id UUID PRIMARY KEY,
    member_id UUID,
    ticket_id UUID,
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
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT,
    answer TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);
CREATE INDEX mail_outbox_created ON mail_outbox(created_at);

CREATE TABLE mail_failing_addresses (
    address TEXT PRIMARY KEY,
    since BIGINT NOT NULL,
    last_at BIGINT NOT NULL,
    reason TEXT NOT NULL,
    failures BIGINT NOT NULL
);

CREATE TABLE mail_threads (
    message_id TEXT NOT NULL,
    member_id UUID NOT NULL REFERENCES members(id),
    ticket_id UUID NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (member_id, message_id)
);
CREATE INDEX mail_threads_ticket ON mail_threads(member_id, ticket_id);

CREATE TABLE inbound_mail (
    mailbox TEXT NOT NULL,
    uidvalidity BIGINT NOT NULL,
    uid BIGINT NOT NULL,
    member_id UUID NOT NULL REFERENCES members(id),
    received_at BIGINT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT,
    sender TEXT,
    subject TEXT,
    message_id TEXT,
    ticket_id UUID,
    raw BYTEA,
    PRIMARY KEY (mailbox, uidvalidity, uid)
);
CREATE INDEX inbound_mail_member ON inbound_mail(member_id, received_at);
CREATE INDEX inbound_mail_sender ON inbound_mail(sender, received_at);

CREATE TABLE mail_contacts (
    member_id UUID NOT NULL REFERENCES members(id),
    ticket_id UUID NOT NULL,
    address TEXT NOT NULL,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    decided_by TEXT,
    decided_at BIGINT,
    PRIMARY KEY (member_id, ticket_id)
);
CREATE INDEX mail_contacts_address ON mail_contacts(member_id, address);

CREATE TABLE mail_digests (
    account_id UUID PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    sent_through BIGINT NOT NULL
);
