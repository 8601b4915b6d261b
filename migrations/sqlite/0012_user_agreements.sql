-- The user agreement (användaravtal) of each member, in versions, and who
-- accepted which version when. A version is never changed once published:
-- a new text is a new version, and every account holding a member role in
-- the member accepts it before it uses the service through a browser
-- session again. Acceptances are kept as evidence; none is ever removed.
CREATE TABLE user_agreements (
    member_id BLOB NOT NULL REFERENCES members(id),
    version BIGINT NOT NULL,
    text_sv TEXT NOT NULL,
    text_en TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    published_by BLOB NOT NULL REFERENCES accounts(id),
    PRIMARY KEY (member_id, version)
);

CREATE TABLE user_agreement_acceptances (
    member_id BLOB NOT NULL,
    account_id BLOB NOT NULL REFERENCES accounts(id),
    version BIGINT NOT NULL,
    accepted_at BIGINT NOT NULL,
    PRIMARY KEY (member_id, account_id, version),
    FOREIGN KEY (member_id, version) REFERENCES user_agreements(member_id, version)
);
CREATE INDEX user_agreement_acceptances_account ON user_agreement_acceptances(account_id, member_id);

-- Each account's recent logins (the newest 20 are kept): when, and how
-- (`password`; single sign-on will add its own).
CREATE TABLE account_logins (
    id BLOB PRIMARY KEY,
    account_id BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    method TEXT NOT NULL
);
CREATE INDEX account_logins_account ON account_logins(account_id, at);
