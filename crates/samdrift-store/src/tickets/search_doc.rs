//! Keeps the full-text document of a ticket (number, title, description and
//! public comments) in step with the ticket, inside the writing transaction.
//! SQLite uses FTS5, PostgreSQL a tsvector with the Swedish configuration.

use crate::Backend;

/// Statements (run in order) that rebuild the search documents of a set
/// of tickets: each is its text before the list of ticket ids, the list
/// `(id, id, ...)`, and its text after. Creation runs them once for a whole
/// batch, a change for its one ticket.
pub(crate) fn refresh_statements(backend: Backend) -> &'static [(&'static str, &'static str)] {
    match backend {
        Backend::Sqlite => &[
            (
                "INSERT INTO ticket_search_keys (member_id, ticket_id) SELECT member_id, id FROM tickets WHERE id IN ",
                " ON CONFLICT DO NOTHING",
            ),
            (
                "DELETE FROM ticket_search WHERE rowid IN \
                 (SELECT k.rowid FROM ticket_search_keys k \
                  JOIN tickets t ON t.member_id = k.member_id AND t.id = k.ticket_id WHERE t.id IN ",
                ")",
            ),
            (
                "INSERT INTO ticket_search (rowid, number, title, description, comments) \
                 SELECT k.rowid, t.number, t.title, t.description, \
                 COALESCE((SELECT group_concat(c.body, ' ') FROM ticket_comments c \
                           WHERE c.member_id = t.member_id AND c.ticket_id = t.id AND c.public), '') \
                 FROM tickets t JOIN ticket_search_keys k ON k.member_id = t.member_id AND k.ticket_id = t.id \
                 WHERE t.id IN ",
                "",
            ),
        ],
        Backend::Postgres => &[(
            "INSERT INTO ticket_search (member_id, ticket_id, document) \
             SELECT t.member_id, t.id, \
             setweight(to_tsvector('swedish', t.number), 'A') || \
             setweight(to_tsvector('swedish', t.title), 'A') || \
             setweight(to_tsvector('swedish', t.description), 'B') || \
             setweight(to_tsvector('swedish', COALESCE((SELECT string_agg(c.body, ' ') FROM ticket_comments c \
                       WHERE c.member_id = t.member_id AND c.ticket_id = t.id AND c.public), '')), 'C') \
             FROM tickets t WHERE t.id IN ",
            " ON CONFLICT (member_id, ticket_id) DO UPDATE SET document = EXCLUDED.document",
        )],
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
