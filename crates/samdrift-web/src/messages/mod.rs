//! Where a message (`samdrift_domain::messages::Message`, a code with typed
//! arguments) becomes words: the catalogs of every code in Swedish
//! (`sv.rs`) and English (`en.rs`), and [`render`], which fills a text's
//! `{name}` placeholders with the arguments in the reader's language (money
//! as kronor, words for statuses and kinds, nested messages rendered in
//! turn). The API renders in English ([`english`]) and sends the code
//! beside the text; the pages render in the user's language.
//!
//! Nothing here reads a message's words back: a page that needs to know
//! what a message means looks at its code.

pub mod csv;
pub mod en;
pub mod json;
pub mod sv;

use crate::ui::i18n::{Lang, Tr};
use samdrift_domain::messages::{Arg, Message};

/// The catalog text of `code` in `lang`.
pub fn text(lang: Lang, code: &str) -> Option<&'static str> {
    let texts = match lang {
        Lang::Sv => sv::TEXTS,
        Lang::En => en::TEXTS,
    };
    texts.iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
}

/// A quantity change with its sign: `+50`, `−20`.
fn signed(n: i64) -> String {
    if n < 0 {
        format!("\u{2212}{}", n.unsigned_abs())
    } else {
        format!("+{n}")
    }
}

/// One argument in words.
fn argument(t: &Tr, arg: &Arg) -> String {
    match arg {
        Arg::Text(v) => v.clone(),
        Arg::Int(v) => v.to_string(),
        Arg::Ore(v) => t.money(*v),
        Arg::Change(v) => signed(*v),
        Arg::Percent(bp) => match t.0 {
            Lang::Sv => format!("{},{:02} %", bp / 100, bp % 100),
            Lang::En => format!("{}.{:02}%", bp / 100, bp % 100),
        },
        Arg::List(v) => v.join(", "),
        Arg::Word(prefix, value) => {
            let key = format!("{prefix}.{value}");
            match text(t.0, &key).unwrap_or_else(|| t.t(&key)) {
                "?" => value.clone(),
                word => word.to_owned(),
            }
        }
        Arg::Nested(m) => render(t, m),
    }
}

/// The message in the language of `t`. A code without a text (a test
/// keeps that from happening) is shown as the code, so nothing is lost.
pub fn render(t: &Tr, message: &Message) -> String {
    let Some(text) = text(t.0, message.code) else {
        return message.to_string();
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match message.arg(name) {
                    Some(arg) => out.push_str(&argument(t, arg)),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// An agreement entry as shown: its service code, or the words for the
/// default entry (the one for every other service).
pub fn entry(t: &Tr, entry: &str) -> String {
    if entry == samdrift_app::service_levels::DEFAULT_ENTRY {
        render(t, &samdrift_domain::msg!("agreement.default_entry"))
    } else {
        entry.to_owned()
    }
}

/// A use case's refusal as a page says it: the messages of invalid fields
/// and conflicts in the reader's language, the rest by kind. A fault of
/// the database is logged with an incident id, which the words name.
pub fn refusal(t: &Tr, err: &samdrift_app::AppError) -> String {
    use samdrift_app::AppError;
    match err {
        AppError::Invalid(fields) => fields
            .iter()
            .map(|f| render(t, &f.message))
            .collect::<Vec<_>>()
            .join(" "),
        AppError::Conflict(m) => render(t, m),
        AppError::Stale | AppError::VersionRequired => t.t("form.stale").to_owned(),
        AppError::NotFound(_) => t.t("error.not_found").to_owned(),
        AppError::Forbidden(m) => render(t, m),
        AppError::Unauthenticated => t.t("error.forbidden").to_owned(),
        other => {
            let incident = uuid::Uuid::new_v4();
            tracing::error!(%incident, error = %other, "a request could not be completed");
            t.t("error.unavailable")
                .replace("{incident}", &incident.to_string())
        }
    }
}

/// The message in English, as the API sends it.
pub fn english(message: &Message) -> String {
    render(&Tr(Lang::En), message)
}

/// The `{name}` placeholders of a catalog text, sorted.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests;
