//! What is wrong with a submitted form, field by field: each problem names
//! the form field it belongs to (its input has the id `f-{field}`, its
//! message the id `e-{field}`), a label for the error summary and a message
//! in the user's language where the use case's message is a known one.

use super::super::error_page;
use super::super::i18n::Tr;
use super::super::session::UiUser;
use axum::http::StatusCode;
use axum::response::Response;
use samdrift_app::AppError;
use samdrift_domain::error::FieldError;

/// One invalid field of a form.
#[derive(Debug, Clone)]
pub struct Problem {
    pub field: String,
    pub label: String,
    pub message: String,
}

/// Every problem of one submitted form, in the order found.
#[derive(Debug, Clone, Default)]
pub struct Problems(pub Vec<Problem>);

/// Messages of the use cases that the catalog says in the user's language.
const KNOWN: &[(&str, &str)] = &[
    ("must not be empty", "admin.msg.empty"),
    ("must be an e-mail address", "admin.msg.email"),
    (
        "no such administration in this member",
        "admin.msg.no_administration",
    ),
    (
        "no staff account with that username",
        "admin.msg.no_staff_account",
    ),
    (
        "a member role needs a member code",
        "admin.msg.member_needed",
    ),
    ("no such person", "admin.msg.no_person"),
    ("no such group", "admin.msg.no_group"),
    (
        "must be 0-10000 (hundredths of a percent)",
        "admin.msg.share_range",
    ),
    (
        "use 1-32 capital letters, digits, - or _ (e.g. EMAIL)",
        "admin.msg.service_code",
    ),
    (
        "use 2-64 letters a-z, digits, '.', '_', '-' or '@'",
        "admin.msg.username",
    ),
    ("must be at least 8 characters", "admin.msg.password"),
    ("use business, it or infrastructure", "admin.msg.level"),
    ("give the calendar a name", "admin.msg.empty"),
    ("must be positive", "admin.msg.positive"),
    (
        "refers to something that does not exist",
        "admin.msg.missing_reference",
    ),
];

/// A use case's message in the user's language when the catalog has it,
/// else as the use case said it.
pub fn say(t: &Tr, message: &str) -> String {
    KNOWN
        .iter()
        .find(|(english, _)| *english == message)
        .map(|(_, key)| t.t(key).to_owned())
        .unwrap_or_else(|| message.to_owned())
}

/// The label of a form field (`admin.field.{field}`), or the field's name.
pub fn label(t: &Tr, field: &str) -> String {
    match t.t(&format!("admin.field.{field}")) {
        "?" => field.to_owned(),
        text => text.to_owned(),
    }
}

impl Problems {
    /// A problem with `field`, labelled from the catalog.
    pub fn push(&mut self, t: &Tr, field: &str, message: String) {
        self.push_labelled(field, label(t, field), message);
    }

    pub fn push_labelled(&mut self, field: &str, label: String, message: String) {
        self.0.push(Problem {
            field: field.to_owned(),
            label,
            message,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first message for `field`.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.message.as_str())
    }

    /// Every message for `field`, joined (a field may break several rules).
    pub fn all(&self, field: &str) -> Option<String> {
        let messages: Vec<&str> = self
            .0
            .iter()
            .filter(|p| p.field == field)
            .map(|p| p.message.as_str())
            .collect();
        (!messages.is_empty()).then(|| messages.join(" "))
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    /// The ids an input is described by: its help text and its error.
    pub fn described_by(&self, field: &str, help: bool) -> String {
        let mut ids = Vec::new();
        if help {
            ids.push(format!("h-{field}"));
        }
        if self.has(field) {
            ids.push(format!("e-{field}"));
        }
        ids.join(" ")
    }

    /// Puts the problems in the order of the form's fields (`fields`), so
    /// the summary reads as the form does; unlisted fields go last.
    pub fn order(&mut self, fields: &[&str]) {
        let at = |field: &str| {
            fields
                .iter()
                .position(|f| *f == field)
                .unwrap_or(fields.len())
        };
        self.0.sort_by_key(|p| at(&p.field));
    }

    /// 200 for a fresh form, 422 for one sent back with problems.
    pub fn status(&self) -> StatusCode {
        if self.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        }
    }

    /// The use case's field errors on the form's fields: `fields` maps the
    /// use case's field names to the form's; a field not listed goes to the
    /// first form field, so no message is lost.
    pub fn from_app(t: &Tr, errors: Vec<FieldError>, fields: &[(&str, &str)]) -> Problems {
        let mut problems = Problems::default();
        let fallback = fields.first().map(|(_, form)| *form).unwrap_or("name");
        for e in errors {
            let form = fields
                .iter()
                .find(|(app, _)| *app == e.field)
                .map(|(_, form)| *form);
            let message = say(t, &e.message);
            match form {
                Some(form) => problems.push(t, form, message),
                None => problems.push(t, fallback, format!("{}: {message}", e.field)),
            }
        }
        problems
    }
}

/// A use case's refusal of a form as problems on its fields (`fields` as
/// in [`Problems::from_app`]; a conflict, i.e. a name already taken, goes
/// to `taken`). Anything else is answered with an error page (boxed: a
/// response is large and the problems are the common case).
pub fn refused(
    user: &UiUser,
    err: AppError,
    fields: &[(&str, &str)],
    taken: &str,
) -> Result<Problems, Box<Response>> {
    let t = &user.tr;
    match err {
        AppError::Invalid(errors) => Ok(Problems::from_app(t, errors, fields)),
        AppError::Conflict(_) => {
            let mut problems = Problems::default();
            problems.push(t, taken, t.t("admin.msg.taken").to_owned());
            Ok(problems)
        }
        AppError::Forbidden(_) => Err(Box::new(error_page(
            user,
            StatusCode::FORBIDDEN,
            t.t("admin.forbidden").into(),
        ))),
        AppError::NotFound(_) => Err(Box::new(error_page(
            user,
            StatusCode::NOT_FOUND,
            t.t("admin.not_found").into(),
        ))),
        other => Err(Box::new(crate::ui::failure(user, other))),
    }
}
