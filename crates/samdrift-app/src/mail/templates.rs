//! Members' own mail texts. A member's administrator (the federation's
//! administrators and managers) may replace samdrift's text for any event
//! and language; the text is checked before it is kept (a mistake is
//! refused with its line), can be previewed with sample figures, and
//! dropped to bring samdrift's own back.

use crate::{App, AppError};
use samdrift_domain::account::Language;
use samdrift_domain::mail::template::{Event, MailText, check, default_text};
use samdrift_domain::messages::Arg;
use samdrift_domain::scope::Scope;

/// One event's text for a member in a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberText {
    pub event: Event,
    pub language: Language,
    pub text: MailText,
    /// Whether it is the member's own (else samdrift's).
    pub own: bool,
    pub updated_by: Option<String>,
}

fn language(code: &str) -> Result<Language, AppError> {
    match code {
        "sv" => Ok(Language::Sv),
        "en" => Ok(Language::En),
        _ => Err(AppError::invalid(
            "language",
            samdrift_domain::msg!("mail.template_language"),
        )),
    }
}

fn event(name: &str) -> Result<Event, AppError> {
    Event::parse(name)
        .ok_or_else(|| AppError::invalid("event", samdrift_domain::msg!("mail.template_event")))
}

/// A template mistake as a field error on `subject` or `body`.
fn refused(e: samdrift_domain::mail::template::TemplateError) -> AppError {
    AppError::invalid(
        e.part.as_str(),
        samdrift_domain::msg!(
            "mail.template_error",
            line = e.line.unwrap_or(1) as i64,
            reason = Arg::Text(e.reason)
        ),
    )
}

impl App {
    /// Every event's text for member `code`, in both languages.
    pub async fn mail_texts(&self, scope: &Scope, code: &str) -> Result<Vec<MemberText>, AppError> {
        crate::registers::require_registrar(scope)?;
        let member = self.member_in_scope(scope, code).await?;
        let own = self.store.mail_templates(member.id).await?;
        let mut out = Vec::new();
        for e in Event::all() {
            for (lang, name) in [(Language::Sv, "sv"), (Language::En, "en")] {
                let found = own
                    .iter()
                    .find(|t| t.event == e.as_str() && t.language == name);
                out.push(MemberText {
                    event: e,
                    language: lang,
                    text: found.map_or_else(
                        || default_text(e, lang),
                        |t| MailText {
                            subject: t.subject.clone(),
                            body: t.body.clone(),
                        },
                    ),
                    own: found.is_some(),
                    updated_by: found.map(|t| t.updated_by.clone()),
                });
            }
        }
        Ok(out)
    }

    /// Renders a text with sample figures (the preview); a mistake is
    /// refused with its line.
    pub fn preview_mail_text(&self, text: &MailText) -> Result<MailText, AppError> {
        check(text).map_err(refused)
    }

    /// Keeps member `code`'s own text for an event and language, after
    /// checking it.
    pub async fn save_mail_text(
        &self,
        scope: &Scope,
        code: &str,
        event_name: &str,
        language_code: &str,
        text: &MailText,
    ) -> Result<MailText, AppError> {
        crate::registers::require_registrar(scope)?;
        let member = self.member_in_scope(scope, code).await?;
        let e = event(event_name)?;
        language(language_code)?;
        let preview = check(text).map_err(refused)?;
        self.store
            .save_mail_template(&samdrift_store::mail::preferences::TemplateRecord {
                member_id: member.id,
                event: e.as_str().to_owned(),
                language: language_code.to_owned(),
                subject: text.subject.clone(),
                body: text.body.clone(),
                updated_at: self.now_micros(),
                updated_by: scope.username.clone(),
            })
            .await?;
        Ok(preview)
    }

    /// Drops member `code`'s own text: samdrift's holds again.
    pub async fn reset_mail_text(
        &self,
        scope: &Scope,
        code: &str,
        event_name: &str,
        language_code: &str,
    ) -> Result<(), AppError> {
        crate::registers::require_registrar(scope)?;
        let member = self.member_in_scope(scope, code).await?;
        let e = event(event_name)?;
        language(language_code)?;
        self.store
            .delete_mail_template(member.id, e.as_str(), language_code)
            .await?;
        Ok(())
    }
}
