//! Keeps the full-text document of a ticket (number, title, description and
//! public comments) in step with the ticket, inside the writing transaction.
//! SQLite uses FTS5, PostgreSQL a tsvector with the Swedish configuration.

use crate::Backend;

/// Statements (run in order, binding `$1` ticket id and `$2` member id)
/// that rebuild one ticket's search document.
pub(crate) fn refresh_statements(backend: Backend) -> &'static [&'static str] {
    match backend {
        Backend::Sqlite => &[
            "INSERT INTO ticket_search_keys (member_id, ticket_id) VALUES ($2, $1) ON CONFLICT DO NOTHING",
            "DELETE FROM ticket_search WHERE rowid = \
             (SELECT rowid FROM ticket_search_keys WHERE ticket_id = $1 AND member_id = $2)",
            "INSERT INTO ticket_search (rowid, number, title, description, comments) \
             SELECT k.rowid, t.number, t.title, t.description, \
             COALESCE((SELECT group_concat(c.body, ' ') FROM ticket_comments c \
                       WHERE c.member_id = t.member_id AND c.ticket_id = t.id AND c.public), '') \
             FROM tickets t JOIN ticket_search_keys k ON k.member_id = t.member_id AND k.ticket_id = t.id \
             WHERE t.id = $1 AND t.member_id = $2",
        ],
        Backend::Postgres => &[
            "INSERT INTO ticket_search (member_id, ticket_id, document) \
             SELECT t.member_id, t.id, \
             setweight(to_tsvector('swedish', t.number), 'A') || \
             setweight(to_tsvector('swedish', t.title), 'A') || \
             setweight(to_tsvector('swedish', t.description), 'B') || \
             setweight(to_tsvector('swedish', COALESCE((SELECT string_agg(c.body, ' ') FROM ticket_comments c \
                       WHERE c.member_id = t.member_id AND c.ticket_id = t.id AND c.public), '')), 'C') \
             FROM tickets t WHERE t.id = $1 AND t.member_id = $2 \
             ON CONFLICT (member_id, ticket_id) DO UPDATE SET document = EXCLUDED.document",
        ],
    }
}

/// Turns what a user typed into a safe FTS5 query: every word quoted (so
/// operators and punctuation mean nothing) and matched as a prefix.
pub(crate) fn fts5_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::fts5_query;

    #[test]
    fn user_text_cannot_inject_fts_operators() {
        assert_eq!(
            fts5_query("skrivare OR \"x"),
            Some("\"skrivare\"* \"OR\"* \"\"\"x\"*".into())
        );
        assert_eq!(fts5_query("   "), None);
    }
}
