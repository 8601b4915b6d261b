//! The unverified sender of a ticket that came by mail, for the desk: a
//! notice naming them with a form to confirm them (as a kind of person)
//! and a button to reject them; once decided, who decided and when.

use super::*;
use samdrift_app::queries::records::MailContact;

/// The sender as the ticket page shows it.
pub struct ContactSection {
    pub name: String,
    pub address: String,
    /// Not yet confirmed or rejected: the forms are shown.
    pub unverified: bool,
    /// Who confirmed or rejected the sender, and when, in words.
    pub decided: String,
    /// The kinds of person to confirm the sender as (value, label).
    pub kinds: Vec<(&'static str, &'static str)>,
}

impl ContactSection {
    pub fn of(t: &Tr, c: MailContact) -> ContactSection {
        let by = c.decided_by.unwrap_or_default();
        let at = c.decided_at.map(|at| t.time(at)).unwrap_or_default();
        let decided = match c.state.as_str() {
            "confirmed" => format!("{} {by}, {at}.", t.t("ticket.contact.confirmed_by")),
            "rejected" => format!("{} {by}, {at}.", t.t("ticket.contact.rejected_by")),
            _ => String::new(),
        };
        ContactSection {
            unverified: c.state == "unverified",
            name: c.name,
            address: c.address,
            decided,
            kinds: samdrift_app::registers::PERSON_KINDS
                .iter()
                .map(|k| (*k, t.t(&format!("admin.kind.{k}"))))
                .collect(),
        }
    }
}

#[derive(Deserialize, Default)]
pub struct ContactForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
}

/// The page for a decision the use case refused.
fn refused(user: &UiUser, e: AppError) -> Response {
    match e {
        AppError::NotFound(_) => not_found(user),
        AppError::Forbidden(m) => error_page(
            user,
            StatusCode::FORBIDDEN,
            crate::messages::render(&user.tr, &m),
        ),
        AppError::Conflict(m) => error_page(
            user,
            StatusCode::CONFLICT,
            crate::messages::render(&user.tr, &m),
        ),
        other => refusal_page(user, &other),
    }
}

/// POST /tickets/{id}/mail-contact/confirm: the sender becomes the
/// member's person (of the kind chosen) and the ticket's requester.
pub async fn confirm_contact(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<ContactForm>,
) -> Response {
    let id = match posted_to(&user, &id, &form.csrf) {
        Ok(id) => id,
        Err(refusal) => return *refusal,
    };
    match state
        .app
        .confirm_mail_contact(&user.scope, TicketId(id), form.kind.trim())
        .await
    {
        Ok(_) => Redirect::to(&format!("/tickets/{id}?contact=confirmed")).into_response(),
        Err(e) => refused(&user, e),
    }
}

/// POST /tickets/{id}/mail-contact/reject: the ticket is cancelled and
/// the sender's later mail is ignored.
pub async fn reject_contact(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<ContactForm>,
) -> Response {
    let id = match posted_to(&user, &id, &form.csrf) {
        Ok(id) => id,
        Err(refusal) => return *refusal,
    };
    match state
        .app
        .reject_mail_contact(&user.scope, TicketId(id))
        .await
    {
        Ok(()) => Redirect::to(&format!("/tickets/{id}?contact=rejected")).into_response(),
        Err(e) => refused(&user, e),
    }
}
