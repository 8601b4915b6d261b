//! SCIM filters as SQL: each attribute a client may filter or sort on is
//! one column (or expression) of a fixed list, and every value is a bound
//! parameter. A filter naming anything else is refused before any SQL is
//! written.

use samdrift_domain::identity::scim_filter::{AttrPath, CompValue, CompareOp, Filter, FilterError};
use uuid::Uuid;

/// A piece of a WHERE clause: SQL text written here, or a value bound.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Sql(String),
    Text(String),
    Int(i64),
    Uuid(Uuid),
}

/// A translated filter, ready to be appended to a query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SqlWhere(pub Vec<Piece>);

/// Which resource a filter is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    User,
    Group,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Text compared without regard to case.
    Caseless,
    /// Text stored in lower case (the userName): compared as it is, so
    /// the index serves it.
    Lower,
    /// Text compared exactly (externalId).
    Exact,
    Id,
    /// `ended_at IS NULL`.
    Active,
    /// Microseconds, compared with RFC 3339 instants.
    Instant,
    /// A group's members (by user id).
    Members,
}

struct Column {
    sql: &'static str,
    kind: Kind,
}

const USER_URNS: [&str; 2] = [
    "urn:ietf:params:scim:schemas:core:2.0:user",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user",
];
const GROUP_URN: &str = "urn:ietf:params:scim:schemas:core:2.0:group";

fn user_column(key: &str) -> Option<Column> {
    let (sql, kind) = match key {
        "id" => ("p.id", Kind::Id),
        "username" => ("p.email", Kind::Lower),
        "externalid" => ("p.source_key", Kind::Exact),
        "displayname" => ("p.scim_display_name", Kind::Caseless),
        "name.formatted" => ("p.name", Kind::Caseless),
        "name.givenname" => ("p.scim_given_name", Kind::Caseless),
        "name.familyname" => ("p.scim_family_name", Kind::Caseless),
        "title" => ("p.title", Kind::Caseless),
        "emails" | "emails.value" => ("COALESCE(p.scim_email, p.email)", Kind::Caseless),
        "employeenumber" => ("p.scim_employee_number", Kind::Exact),
        "department" => ("p.source_administration", Kind::Caseless),
        "active" => ("p.ended_at", Kind::Active),
        "meta.created" => ("p.scim_created_at", Kind::Instant),
        "meta.lastmodified" => ("p.scim_modified_at", Kind::Instant),
        _ => return None,
    };
    Some(Column { sql, kind })
}

fn group_column(key: &str) -> Option<Column> {
    let (sql, kind) = match key {
        "id" => ("g.id", Kind::Id),
        "displayname" => ("g.display_name", Kind::Caseless),
        "externalid" => ("g.external_id", Kind::Exact),
        "members" | "members.value" => ("", Kind::Members),
        "meta.created" => ("g.created_at", Kind::Instant),
        "meta.lastmodified" => ("g.modified_at", Kind::Instant),
        _ => return None,
    };
    Some(Column { sql, kind })
}

fn column(resource: Resource, path: &AttrPath) -> Result<Column, FilterError> {
    let known_urn = path.uri.as_deref().is_none_or(|u| {
        let u = u.to_ascii_lowercase();
        match resource {
            Resource::User => USER_URNS.contains(&u.as_str()),
            Resource::Group => u == GROUP_URN,
        }
    });
    let found = match resource {
        Resource::User => user_column(&path.key()),
        Resource::Group => group_column(&path.key()),
    };
    match found {
        Some(c) if known_urn => Ok(c),
        _ => Err(FilterError(format!(
            "{path} is not an attribute that can be filtered on"
        ))),
    }
}

/// The column a `sortBy` names, or none for an attribute that cannot be
/// sorted on.
pub fn sort_column(resource: Resource, sort_by: &str) -> Option<&'static str> {
    let path = samdrift_domain::identity::scim_filter::parse_attr_path(sort_by).ok()?;
    let c = column(resource, &path).ok()?;
    match c.kind {
        Kind::Members | Kind::Active => None,
        _ => Some(c.sql),
    }
}

/// Translates a filter for `resource`.
pub fn translate(resource: Resource, filter: &Filter) -> Result<SqlWhere, FilterError> {
    let mut out = Vec::new();
    push_filter(resource, filter, &mut out)?;
    Ok(SqlWhere(out))
}

fn sql(out: &mut Vec<Piece>, text: impl Into<String>) {
    out.push(Piece::Sql(text.into()));
}

fn push_filter(resource: Resource, f: &Filter, out: &mut Vec<Piece>) -> Result<(), FilterError> {
    match f {
        Filter::And(a, b) | Filter::Or(a, b) => {
            sql(out, "(");
            push_filter(resource, a, out)?;
            sql(
                out,
                if matches!(f, Filter::And(..)) {
                    " AND "
                } else {
                    " OR "
                },
            );
            push_filter(resource, b, out)?;
            sql(out, ")");
        }
        Filter::Not(a) => {
            sql(out, "(NOT ");
            push_filter(resource, a, out)?;
            sql(out, ")");
        }
        Filter::Present(path) => push_present(column(resource, path)?, out),
        Filter::Compare { path, op, value } => {
            push_compare(column(resource, path)?, *op, value, out)?;
        }
        Filter::ValuePath { path, .. } => {
            return Err(FilterError(format!(
                "{path}[...] filters are not supported in a search"
            )));
        }
    }
    Ok(())
}

fn push_present(c: Column, out: &mut Vec<Piece>) {
    let text = match c.kind {
        Kind::Id | Kind::Active => "(1 = 1)".to_owned(),
        Kind::Members => "EXISTS (SELECT 1 FROM scim_group_members m WHERE m.member_id = g.member_id AND m.group_id = g.id)".to_owned(),
        Kind::Instant => format!("({} IS NOT NULL)", c.sql),
        _ => format!("({0} IS NOT NULL AND {0} <> '')", c.sql),
    };
    sql(out, text);
}

fn refuse<T>(c: &Column, op: CompareOp) -> Result<T, FilterError> {
    Err(FilterError(format!(
        "the operator {} does not apply to {}",
        op.as_str(),
        c.sql.trim_start_matches("p.").trim_start_matches("g.")
    )))
}

fn push_compare(
    c: Column,
    op: CompareOp,
    value: &CompValue,
    out: &mut Vec<Piece>,
) -> Result<(), FilterError> {
    match (c.kind, value) {
        (_, CompValue::Null) => push_null(&c, op, out),
        (Kind::Caseless | Kind::Lower | Kind::Exact, CompValue::Str(s)) => {
            push_text(&c, op, s, out);
            Ok(())
        }
        (Kind::Id, CompValue::Str(s)) => push_id(&c, op, s, out),
        (Kind::Members, CompValue::Str(s)) => push_member(op, s, out),
        (Kind::Active, CompValue::Bool(b)) => match op {
            CompareOp::Eq | CompareOp::Ne => {
                let active = *b == (op == CompareOp::Eq);
                sql(
                    out,
                    if active {
                        "(p.ended_at IS NULL)"
                    } else {
                        "(p.ended_at IS NOT NULL)"
                    },
                );
                Ok(())
            }
            _ => refuse(&c, op),
        },
        (Kind::Instant, CompValue::Str(s)) => push_instant(&c, op, s, out),
        _ => Err(FilterError(format!(
            "{value} is not a value {} can be compared with",
            c.sql.trim_start_matches("p.").trim_start_matches("g.")
        ))),
    }
}

/// `eq null` is "has no value" (RFC 7644 3.4.2.2 compares null as absent).
fn push_null(c: &Column, op: CompareOp, out: &mut Vec<Piece>) -> Result<(), FilterError> {
    let present = match op {
        CompareOp::Eq => false,
        CompareOp::Ne => true,
        _ => return refuse(c, op),
    };
    let mut inner = Vec::new();
    push_present(
        Column {
            sql: c.sql,
            kind: c.kind,
        },
        &mut inner,
    );
    if !present {
        sql(out, "(NOT ");
    }
    out.extend(inner);
    if !present {
        sql(out, ")");
    }
    Ok(())
}

fn like_pattern(value: &str, op: CompareOp) -> String {
    let escaped = value
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    match op {
        CompareOp::Co => format!("%{escaped}%"),
        CompareOp::Sw => format!("{escaped}%"),
        _ => format!("%{escaped}"),
    }
}

fn push_text(c: &Column, op: CompareOp, value: &str, out: &mut Vec<Piece>) {
    let (left, value) = match c.kind {
        Kind::Caseless => (format!("LOWER({})", c.sql), value.to_lowercase()),
        Kind::Lower => (c.sql.to_owned(), value.to_lowercase()),
        _ => (c.sql.to_owned(), value.to_owned()),
    };
    let (operator, bound) = match op {
        CompareOp::Eq => ("=", value),
        CompareOp::Ne => {
            sql(out, format!("({} IS NULL OR {left} <> ", c.sql));
            out.push(Piece::Text(value));
            sql(out, ")");
            return;
        }
        CompareOp::Co | CompareOp::Sw | CompareOp::Ew => ("LIKE", like_pattern(&value, op)),
        CompareOp::Gt => (">", value),
        CompareOp::Ge => (">=", value),
        CompareOp::Lt => ("<", value),
        CompareOp::Le => ("<=", value),
    };
    sql(
        out,
        format!("({} IS NOT NULL AND {left} {operator} ", c.sql),
    );
    out.push(Piece::Text(bound));
    sql(
        out,
        if operator == "LIKE" {
            " ESCAPE '\\')"
        } else {
            ")"
        },
    );
}

fn push_id(
    c: &Column,
    op: CompareOp,
    value: &str,
    out: &mut Vec<Piece>,
) -> Result<(), FilterError> {
    let id = Uuid::parse_str(value).ok();
    match (op, id) {
        (CompareOp::Eq, Some(id)) => {
            sql(out, format!("({} = ", c.sql));
            out.push(Piece::Uuid(id));
            sql(out, ")");
        }
        (CompareOp::Ne, Some(id)) => {
            sql(out, format!("({} <> ", c.sql));
            out.push(Piece::Uuid(id));
            sql(out, ")");
        }
        (CompareOp::Eq, None) => sql(out, "(1 = 0)"),
        (CompareOp::Ne, None) => sql(out, "(1 = 1)"),
        _ => return refuse(c, op),
    }
    Ok(())
}

fn push_member(op: CompareOp, value: &str, out: &mut Vec<Piece>) -> Result<(), FilterError> {
    if op != CompareOp::Eq {
        return Err(FilterError("members can only be compared with eq".into()));
    }
    match Uuid::parse_str(value) {
        Ok(id) => {
            sql(
                out,
                "EXISTS (SELECT 1 FROM scim_group_members m WHERE m.member_id = g.member_id AND m.group_id = g.id AND m.person_id = ",
            );
            out.push(Piece::Uuid(id));
            sql(out, ")");
        }
        Err(_) => sql(out, "(1 = 0)"),
    }
    Ok(())
}

fn push_instant(
    c: &Column,
    op: CompareOp,
    value: &str,
    out: &mut Vec<Piece>,
) -> Result<(), FilterError> {
    let at: jiff::Timestamp = value
        .parse()
        .map_err(|_| FilterError(format!("{value:?} is not an RFC 3339 instant")))?;
    let micros = at.as_microsecond();
    let operator = match op {
        CompareOp::Eq => "=",
        CompareOp::Ne => "<>",
        CompareOp::Gt => ">",
        CompareOp::Ge => ">=",
        CompareOp::Lt => "<",
        CompareOp::Le => "<=",
        _ => return refuse(c, op),
    };
    sql(out, format!("({0} IS NOT NULL AND {0} {operator} ", c.sql));
    out.push(Piece::Int(micros));
    sql(out, ")");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use samdrift_domain::identity::scim_filter::parse_filter;

    fn user(text: &str) -> Result<SqlWhere, FilterError> {
        translate(Resource::User, &parse_filter(text)?)
    }

    #[test]
    fn values_are_bound_never_written() {
        let w = user(r#"userName eq "A'); DROP TABLE people; --""#).expect("translates");
        let text: String =
            w.0.iter()
                .filter_map(|p| match p {
                    Piece::Sql(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect();
        assert!(!text.contains("DROP"));
        assert!(w.0.contains(&Piece::Text("a'); drop table people; --".to_owned())));
    }

    #[test]
    fn unknown_attributes_and_mismatched_values_are_refused() {
        assert!(user(r#"password eq "x""#).is_err());
        assert!(user(r#"urn:example:other:userName eq "x""#).is_err());
        assert!(user("active eq \"yes\"").is_err());
        assert!(user("userName gt true").is_err());
        assert!(user(r#"meta.created gt "yesterday""#).is_err());
        assert!(user(r#"emails[type eq "work"]"#).is_err());
        assert!(user(r#"id co "1""#).is_err());
        assert!(
            translate(
                Resource::Group,
                &parse_filter(r#"userName eq "x""#).expect("parses")
            )
            .is_err()
        );
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        let w = user(r#"displayName co "50%_\\""#).expect("translates");
        assert!(w.0.contains(&Piece::Text("%50\\%\\_\\\\%".to_owned())));
        assert!(user(r#"meta.lastModified ge "2026-01-01T00:00:00Z" and active eq true"#).is_ok());
        assert_eq!(
            sort_column(Resource::User, "name.familyName"),
            Some("p.scim_family_name")
        );
        assert_eq!(sort_column(Resource::User, "password"), None);
    }
}
