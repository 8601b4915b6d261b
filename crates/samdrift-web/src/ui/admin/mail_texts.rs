//! Members' mail texts ("E-posttexter"), for managers and admins: pick a
//! member, then for each event and language read the text in force (the
//! member's own, or samdrift's), edit its subject and body, preview it
//! with sample figures without saving, save it, or go back to samdrift's
//! text. A text the use case refuses comes back with the mistake and its
//! line next to the field (`mail.template_error`), with what was typed.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, error_page, page};
use super::{Access, Choice, Problems, Section, denied, denied_form, frame, say, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::mail::templates::MemberText;
use samdrift_domain::mail::template::{MailText, PLACEHOLDERS};

/// One language's text of an event, as the form shows it.
pub struct TextForm {
    /// `{event}-{language}`: the prefix of the form's ids.
    pub key: String,
    /// The form field names the problems use: `{key}-subject`, `{key}-body`.
    pub subject_field: String,
    pub body_field: String,
    pub language: &'static str,
    pub language_label: &'static str,
    pub own: bool,
    pub updated_by: String,
    pub subject: String,
    pub body: String,
    /// The text rendered with sample figures, after a preview.
    pub preview: Option<MailText>,
}

/// One event with its texts in both languages.
pub struct EventTexts {
    pub event: &'static str,
    pub name: &'static str,
    /// Open when a form in it was just sent.
    pub open: bool,
    pub texts: Vec<TextForm>,
}

#[derive(Template)]
#[template(path = "admin_mail_texts.html")]
struct TextsPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    /// A confirmation at the top (saved, or samdrift's text again).
    notice: Option<&'static str>,
    members: Vec<Choice>,
    member: String,
    member_name: String,
    placeholders: String,
    events: Vec<EventTexts>,
}

#[derive(serde::Deserialize, Default)]
pub struct TextsQuery {
    #[serde(default)]
    member: String,
    #[serde(default)]
    saved: Option<String>,
    #[serde(default)]
    reset: Option<String>,
}

/// A form just sent: which text, what was typed, and what came of it.
pub struct Sent {
    pub event: String,
    pub language: String,
    pub text: MailText,
    pub preview: Option<MailText>,
}

fn text_form(t: &Tr, m: MemberText) -> TextForm {
    let language = m.language.as_str();
    let key = format!("{}-{language}", m.event.as_str());
    TextForm {
        subject_field: format!("{key}-subject"),
        body_field: format!("{key}-body"),
        key,
        language,
        language_label: t.t(&format!("admin.mail_texts.lang.{language}")),
        own: m.own,
        updated_by: m.updated_by.unwrap_or_default(),
        subject: m.text.subject,
        body: m.text.body,
        preview: None,
    }
}

/// The member's texts grouped by event, the sent form's text in place of
/// the stored one.
fn events(t: &Tr, texts: Vec<MemberText>, sent: Option<Sent>) -> Vec<EventTexts> {
    let mut out: Vec<EventTexts> = Vec::new();
    for m in texts {
        let event = m.event.as_str();
        let mut form = text_form(t, m);
        let this = sent
            .as_ref()
            .filter(|s| s.event == event && s.language == form.language);
        if let Some(s) = this {
            form.subject.clone_from(&s.text.subject);
            form.body.clone_from(&s.text.body);
            form.preview.clone_from(&s.preview);
        }
        match out.last_mut() {
            Some(e) if e.event == event => {
                e.open |= this.is_some();
                e.texts.push(form);
            }
            _ => out.push(EventTexts {
                event,
                name: t.t(&format!("admin.mail_texts.event.{event}")),
                open: this.is_some(),
                texts: vec![form],
            }),
        }
    }
    out
}

/// The page for `member` (empty: only the picker), with a sent form.
async fn render(
    state: &AppState,
    user: &UiUser,
    member: &str,
    sent: Option<Sent>,
    mut errors: Problems,
    notice: Option<&'static str>,
) -> Response {
    let t = user.tr;
    let members = match state.app.members(&user.scope).await {
        Ok(list) => list,
        Err(e) => return crate::ui::failure(user, e),
    };
    let member_name = members
        .iter()
        .find(|m| m.code == member)
        .map(|m| m.name.clone())
        .unwrap_or_default();
    let texts = if member.is_empty() {
        Vec::new()
    } else {
        match state.app.mail_texts(&user.scope, member).await {
            Ok(texts) => texts,
            // A member the user may not see is said next to the picker.
            Err(AppError::Invalid(fields)) => {
                for f in fields {
                    let label = t.t("admin.mail_texts.member").to_owned();
                    errors.push_labelled("member", label, say(&t, &f.message));
                }
                Vec::new()
            }
            Err(e) => return crate::ui::failure(user, e),
        }
    };
    let placeholders: Vec<String> = PLACEHOLDERS
        .iter()
        .map(|p| format!("{{{{ {p} }}}}"))
        .collect();
    let p = TextsPage {
        frame: frame(user, &format!("/admin/mail/texts?member={member}")),
        t,
        sections: sections(user, "/admin/mail/texts"),
        saved: false,
        notice,
        members: members
            .iter()
            .map(|m| Choice::new(m.code.clone(), format!("{} ({})", m.name, m.code)))
            .collect(),
        member: member.to_owned(),
        member_name,
        placeholders: placeholders.join(", "),
        events: events(&t, texts, sent),
        errors,
    };
    page(p.errors.status(), &p)
}

/// GET /admin/mail/texts?member=YST
pub async fn show(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<TextsQuery>,
) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let notice = if q.saved.is_some() {
        Some(user.tr.t("admin.mail_texts.saved"))
    } else if q.reset.is_some() {
        Some(user.tr.t("admin.mail_texts.reset_done"))
    } else {
        None
    };
    render(
        &state,
        &user,
        q.member.trim(),
        None,
        Problems::default(),
        notice,
    )
    .await
}

#[derive(serde::Deserialize, Default)]
pub struct TextPost {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    member: String,
    #[serde(default)]
    event: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    /// `preview` or `save` (the button pressed).
    #[serde(default)]
    action: String,
}

impl TextPost {
    fn text(&self) -> MailText {
        MailText {
            subject: self.subject.clone(),
            body: self.body.clone(),
        }
    }

    fn sent(&self, preview: Option<MailText>) -> Sent {
        Sent {
            event: self.event.clone(),
            language: self.language.clone(),
            text: self.text(),
            preview,
        }
    }

    /// Where the page shows this text.
    fn anchor(&self) -> String {
        format!("t-{}-{}", self.event, self.language)
    }
}

/// A refused text's problems on its form's fields (`subject`, `body`);
/// a refusal of anything else (an event or language the page does not
/// offer) is answered with an error page.
fn problems(user: &UiUser, form: &TextPost, err: AppError) -> Result<Problems, Box<Response>> {
    let t = &user.tr;
    let AppError::Invalid(fields) = err else {
        return Err(Box::new(crate::ui::failure(user, err)));
    };
    let mut problems = Problems::default();
    let event = t.t(&format!("admin.mail_texts.event.{}", form.event));
    let language = t.t(&format!("admin.mail_texts.lang.{}", form.language));
    for f in fields {
        let part = match f.field.as_str() {
            "subject" => "subject",
            "body" => "body",
            _ => {
                let message = crate::messages::refusal(t, &AppError::Invalid(vec![f]));
                let refusal = error_page(user, StatusCode::UNPROCESSABLE_ENTITY, message);
                return Err(Box::new(refusal));
            }
        };
        let label = format!(
            "{event} ({language}): {}",
            t.t(&format!("admin.mail_texts.{part}"))
        );
        let field = format!("{}-{}-{part}", form.event, form.language);
        problems.push_labelled(&field, label, say(t, &f.message));
    }
    Ok(problems)
}

/// POST /admin/mail/texts: previews the text with sample figures (nothing
/// is saved), or saves it as the member's own.
pub async fn submit(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<TextPost>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let member = form.member.trim().to_owned();
    let outcome = if form.action == "preview" {
        state.app.preview_mail_text(&form.text()).map(Some)
    } else {
        let saved = state
            .app
            .save_mail_text(
                &user.scope,
                &member,
                &form.event,
                &form.language,
                &form.text(),
            )
            .await;
        match saved {
            Ok(_) => {
                let to = format!(
                    "/admin/mail/texts?member={member}&saved=1#{}",
                    form.anchor()
                );
                return Redirect::to(&to).into_response();
            }
            Err(e) => Err(e),
        }
    };
    match outcome {
        Ok(preview) => {
            let sent = Some(form.sent(preview));
            render(&state, &user, &member, sent, Problems::default(), None).await
        }
        Err(e) => match problems(&user, &form, e) {
            Ok(errors) => render(&state, &user, &member, Some(form.sent(None)), errors, None).await,
            Err(refusal) => *refusal,
        },
    }
}

/// POST /admin/mail/texts/reset: drops the member's own text, so
/// samdrift's applies again.
pub async fn reset(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<TextPost>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let member = form.member.trim();
    match state
        .app
        .reset_mail_text(&user.scope, member, &form.event, &form.language)
        .await
    {
        Ok(()) => {
            let to = format!(
                "/admin/mail/texts?member={member}&reset=1#{}",
                form.anchor()
            );
            Redirect::to(&to).into_response()
        }
        Err(AppError::Invalid(fields)) => {
            let message = crate::messages::refusal(&user.tr, &AppError::Invalid(fields));
            error_page(&user, StatusCode::UNPROCESSABLE_ENTITY, message)
        }
        Err(e) => crate::ui::failure(&user, e),
    }
}
