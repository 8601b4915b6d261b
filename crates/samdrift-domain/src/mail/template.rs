//! The texts of outgoing mail: a subject and a body per event and
//! language, with placeholders (`{{ ticket }}`, `{{ member }}`, ...)
//! filled in when a mail is made. samdrift ships a text for every event in
//! Swedish and English; a member's administrator may replace any of them.
//! A replacement is checked before it is kept: it is rendered with every
//! placeholder given, so a syntax error or an unknown placeholder is
//! refused with its line, never discovered when a mail is due.
//!
//! Templates use MiniJinja's syntax (`{{ x }}`, `{% if x %}...{% endif %}`,
//! filters such as `{{ title | upper }}`), rendered as plain text.

use crate::account::Language;
use crate::notify::Kind;
use minijinja::{Environment, UndefinedBehavior};
use std::collections::BTreeMap;

/// What a mail is about: a notification kind, the acknowledgement of a
/// ticket that arrived by mail, or the daily digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Event {
    Notification(Kind),
    /// A mail became a ticket: the sender is told its number.
    TicketCreated,
    /// The day's notifications in one mail.
    Digest,
}

impl Event {
    /// Every event, in the order the template page lists them.
    pub fn all() -> Vec<Event> {
        let mut out: Vec<Event> = Kind::ALL.into_iter().map(Event::Notification).collect();
        out.push(Event::TicketCreated);
        out.push(Event::Digest);
        out
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Event::Notification(k) => k.as_str(),
            Event::TicketCreated => "ticket_created",
            Event::Digest => "digest",
        }
    }

    pub fn parse(text: &str) -> Option<Event> {
        Event::all().into_iter().find(|e| e.as_str() == text)
    }
}

/// The placeholders every template may use (empty where an event has no
/// such figure).
pub const PLACEHOLDERS: [&str; 14] = [
    "member",
    "recipient",
    "ticket",
    "title",
    "by",
    "status",
    "link",
    "text",
    "service",
    "offering",
    "quantity",
    "outcome",
    "count",
    "items",
];

/// A subject and a body, as templates or as rendered text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailText {
    pub subject: String,
    pub body: String,
}

/// Which part of a template a mistake is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Subject,
    Body,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Subject => "subject",
            Part::Body => "body",
        }
    }
}

/// A template that cannot be used: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub part: Part,
    /// The line (1-based), when the template engine knows it.
    pub line: Option<usize>,
    pub reason: String,
}

/// The figures a mail is made of, by placeholder.
pub type Values = BTreeMap<&'static str, String>;

/// Renders `template` with `values`. Every placeholder is given (empty
/// when missing from `values`); anything else is an error.
pub fn render(template: &MailText, values: &Values) -> Result<MailText, TemplateError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let mut all: BTreeMap<&str, &str> = PLACEHOLDERS.iter().map(|p| (*p, "")).collect();
    for (k, v) in values {
        all.insert(k, v);
    }
    let one = |part: Part, source: &str| -> Result<String, TemplateError> {
        let error = |e: minijinja::Error| TemplateError {
            part,
            line: e.line(),
            reason: e
                .detail()
                .map_or_else(|| e.kind().to_string(), str::to_owned),
        };
        env.template_from_str(source)
            .and_then(|t| t.render(&all))
            .map_err(error)
    };
    let subject = one(Part::Subject, &template.subject)?;
    let body = one(Part::Body, &template.body)?;
    // A subject is one line: a template's line breaks must not become
    // header lines.
    let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(MailText { subject, body })
}

/// Checks a template as an administrator wrote it: renders it with a
/// sample of every placeholder.
pub fn check(template: &MailText) -> Result<MailText, TemplateError> {
    if template.subject.trim().is_empty() {
        return Err(TemplateError {
            part: Part::Subject,
            line: Some(1),
            reason: "empty".into(),
        });
    }
    render(template, &sample())
}

/// Sample figures for a preview.
pub fn sample() -> Values {
    [
        ("member", "Ystad kommun"),
        ("recipient", "Anna Andersson"),
        ("ticket", "YST-2026-000123"),
        ("title", "Skrivaren på plan 2 fungerar inte"),
        ("by", "Karin Lind"),
        ("status", "resolved"),
        ("link", "https://samdrift.example/tickets/YST-2026-000123"),
        ("text", "Vi har bytt tonerkassetten."),
        ("service", "Utskrift"),
        ("offering", "Bärbar dator"),
        ("quantity", "3"),
        ("outcome", "confirmed"),
        ("count", "2"),
        (
            "items",
            "- YST-2026-000123 Skrivaren på plan 2 fungerar inte",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

/// samdrift's own text for `event` in `language`.
pub fn default_text(event: Event, language: Language) -> MailText {
    let (subject, body) = match language {
        Language::Sv => swedish(event),
        Language::En => english(event),
    };
    MailText {
        subject: subject.to_owned(),
        body: format!("{body}\n\n{}", footer(language)),
    }
}

fn footer(language: Language) -> &'static str {
    match language {
        Language::Sv => {
            "-- \n{{ member }} · Servicedesk\nÄndra vilka meddelanden du får under Mitt konto → Aviseringar."
        }
        Language::En => {
            "-- \n{{ member }} · Service desk\nChoose which messages you get under My account → Notifications."
        }
    }
}

fn swedish(event: Event) -> (&'static str, &'static str) {
    match event {
        Event::Notification(Kind::TicketComment) => (
            "[{{ ticket }}] Nytt svar: {{ title }}",
            "Hej {{ recipient }},\n\n{{ by }} har svarat i ärende {{ ticket }}, {{ title }}:\n\n{{ text }}\n\nSvara på det här mejlet för att svara i ärendet, eller öppna det här:\n{{ link }}",
        ),
        Event::Notification(Kind::TicketStatus) => (
            "[{{ ticket }}] {% if status == 'resolved' %}Löst{% else %}Väntar på ditt svar{% endif %}: {{ title }}",
            "Hej {{ recipient }},\n\n{% if status == 'resolved' %}Ärende {{ ticket }}, {{ title }}, är löst.{% else %}Ärende {{ ticket }}, {{ title }}, väntar på ditt svar.{% endif %}\n{% if text %}\n{{ text }}\n{% endif %}\nSvara på det här mejlet om något inte stämmer, eller öppna ärendet:\n{{ link }}",
        ),
        Event::Notification(Kind::TicketAssigned) => (
            "[{{ ticket }}] Tilldelat dig: {{ title }}",
            "Hej {{ recipient }},\n\n{{ by }} har tilldelat dig ärende {{ ticket }}, {{ title }}.\n{{ link }}",
        ),
        Event::Notification(Kind::GroupAssigned) => (
            "[{{ ticket }}] Till din grupp: {{ title }}",
            "Hej {{ recipient }},\n\nÄrende {{ ticket }}, {{ title }}, har kommit till din grupp.\n{{ link }}",
        ),
        Event::Notification(Kind::SlaWarning) => (
            "[{{ ticket }}] Snart försenat: {{ title }}",
            "Hej {{ recipient }},\n\nServicenivån för ärende {{ ticket }}, {{ title }}, löper snart ut.\n{{ link }}",
        ),
        Event::Notification(Kind::SlaBreach) => (
            "[{{ ticket }}] Försenat: {{ title }}",
            "Hej {{ recipient }},\n\nServicenivån för ärende {{ ticket }}, {{ title }}, har löpt ut.\n{{ link }}",
        ),
        Event::Notification(Kind::OrderDecided) => (
            "Beställning {% if outcome == 'confirmed' %}bekräftad{% else %}avslagen{% endif %}: {{ offering }}",
            "Hej {{ recipient }},\n\n{{ by }} har {% if outcome == 'confirmed' %}bekräftat{% else %}avslagit{% endif %} beställningen av {{ quantity }} × {{ offering }} för {{ member }}.\n{{ link }}",
        ),
        Event::Notification(Kind::OrderWaiting) => (
            "Beställning väntar på beslut: {{ offering }}",
            "Hej {{ recipient }},\n\n{{ by }} har beställt {{ quantity }} × {{ offering }} för {{ member }}. Beställningen väntar på ditt beslut.\n{{ link }}",
        ),
        Event::Notification(Kind::ApprovalWaiting) => (
            "[{{ ticket }}] Väntar på ditt godkännande: {{ title }}",
            "Hej {{ recipient }},\n\nBeställning {{ ticket }}, {{ title }}, väntar på ditt godkännande.\n{{ link }}",
        ),
        Event::Notification(Kind::StatusMessage) => (
            "Driftmeddelande: {{ service }}",
            "Hej {{ recipient }},\n\n{{ text }}\n\n{{ link }}",
        ),
        Event::Notification(Kind::TaskWaiting) => (
            "[{{ ticket }}] Uppgift till din grupp: {{ text }}",
            "Hej {{ recipient }},\n\nUppgiften \"{{ text }}\" i beställning {{ ticket }}, {{ title }}, väntar på din grupp.\n{{ link }}",
        ),
        Event::Notification(Kind::AgreementExpiring) => (
            "Avtalet {{ title }} upphör {{ text }}",
            "Hej {{ recipient }},\n\nAvtalet {{ title }} för {{ member }} gäller till och med {{ text }}. Behöver det förnyas?\n{{ link }}",
        ),
        Event::Notification(Kind::TokenExpiring) => (
            "API-nyckeln {{ title }} slutar gälla {{ text }}",
            "Hej {{ recipient }},\n\nDin API-nyckel {{ title }} slutar gälla {{ text }}. Skapa en ny under Mitt konto → API-nycklar innan dess.\n{{ link }}",
        ),
        Event::TicketCreated => (
            "[{{ ticket }}] Vi har tagit emot ditt ärende: {{ title }}",
            "Hej {{ recipient }},\n\nTack! Ditt mejl har blivit ärende {{ ticket }}. Vi återkommer så snart vi kan.\nSvara på det här mejlet för att lägga till något i ärendet.",
        ),
        Event::Digest => (
            "{{ count }} nya aviseringar",
            "Hej {{ recipient }},\n\nDet här har hänt sedan i går:\n\n{{ items }}\n\n{{ link }}",
        ),
    }
}

fn english(event: Event) -> (&'static str, &'static str) {
    match event {
        Event::Notification(Kind::TicketComment) => (
            "[{{ ticket }}] New reply: {{ title }}",
            "Hello {{ recipient }},\n\n{{ by }} replied on ticket {{ ticket }}, {{ title }}:\n\n{{ text }}\n\nReply to this mail to answer on the ticket, or open it here:\n{{ link }}",
        ),
        Event::Notification(Kind::TicketStatus) => (
            "[{{ ticket }}] {% if status == 'resolved' %}Resolved{% else %}Waiting for your answer{% endif %}: {{ title }}",
            "Hello {{ recipient }},\n\n{% if status == 'resolved' %}Ticket {{ ticket }}, {{ title }}, is resolved.{% else %}Ticket {{ ticket }}, {{ title }}, is waiting for your answer.{% endif %}\n{% if text %}\n{{ text }}\n{% endif %}\nReply to this mail if something is not right, or open the ticket:\n{{ link }}",
        ),
        Event::Notification(Kind::TicketAssigned) => (
            "[{{ ticket }}] Assigned to you: {{ title }}",
            "Hello {{ recipient }},\n\n{{ by }} assigned ticket {{ ticket }}, {{ title }}, to you.\n{{ link }}",
        ),
        Event::Notification(Kind::GroupAssigned) => (
            "[{{ ticket }}] To your group: {{ title }}",
            "Hello {{ recipient }},\n\nTicket {{ ticket }}, {{ title }}, came to your group.\n{{ link }}",
        ),
        Event::Notification(Kind::SlaWarning) => (
            "[{{ ticket }}] About to breach: {{ title }}",
            "Hello {{ recipient }},\n\nThe service level of ticket {{ ticket }}, {{ title }}, is about to run out.\n{{ link }}",
        ),
        Event::Notification(Kind::SlaBreach) => (
            "[{{ ticket }}] Breached: {{ title }}",
            "Hello {{ recipient }},\n\nThe service level of ticket {{ ticket }}, {{ title }}, has run out.\n{{ link }}",
        ),
        Event::Notification(Kind::OrderDecided) => (
            "Order {% if outcome == 'confirmed' %}confirmed{% else %}rejected{% endif %}: {{ offering }}",
            "Hello {{ recipient }},\n\n{{ by }} {% if outcome == 'confirmed' %}confirmed{% else %}rejected{% endif %} the order of {{ quantity }} × {{ offering }} for {{ member }}.\n{{ link }}",
        ),
        Event::Notification(Kind::OrderWaiting) => (
            "Order waiting for a decision: {{ offering }}",
            "Hello {{ recipient }},\n\n{{ by }} ordered {{ quantity }} × {{ offering }} for {{ member }}. The order waits for your decision.\n{{ link }}",
        ),
        Event::Notification(Kind::ApprovalWaiting) => (
            "[{{ ticket }}] Waiting for your approval: {{ title }}",
            "Hello {{ recipient }},\n\nRequest {{ ticket }}, {{ title }}, is waiting for your approval.\n{{ link }}",
        ),
        Event::Notification(Kind::StatusMessage) => (
            "Service notice: {{ service }}",
            "Hello {{ recipient }},\n\n{{ text }}\n\n{{ link }}",
        ),
        Event::Notification(Kind::TaskWaiting) => (
            "[{{ ticket }}] A task for your group: {{ text }}",
            "Hello {{ recipient }},\n\nThe task \"{{ text }}\" of request {{ ticket }}, {{ title }}, is waiting for your group.\n{{ link }}",
        ),
        Event::Notification(Kind::AgreementExpiring) => (
            "The agreement {{ title }} ends {{ text }}",
            "Hello {{ recipient }},\n\nThe agreement {{ title }} of {{ member }} is valid through {{ text }}. Does it need renewing?\n{{ link }}",
        ),
        Event::Notification(Kind::TokenExpiring) => (
            "The API token {{ title }} expires {{ text }}",
            "Hello {{ recipient }},\n\nYour API token {{ title }} expires {{ text }}. Make a new one under My account → API tokens before then.\n{{ link }}",
        ),
        Event::TicketCreated => (
            "[{{ ticket }}] We received your request: {{ title }}",
            "Hello {{ recipient }},\n\nThank you! Your mail became ticket {{ ticket }}. We will get back to you as soon as we can.\nReply to this mail to add to the ticket.",
        ),
        Event::Digest => (
            "{{ count }} new notifications",
            "Hello {{ recipient }},\n\nThis happened since yesterday:\n\n{{ items }}\n\n{{ link }}",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(subject: &str, body: &str) -> MailText {
        MailText {
            subject: subject.into(),
            body: body.into(),
        }
    }

    #[test]
    fn every_default_text_renders_in_both_languages() {
        for event in Event::all() {
            for language in [Language::Sv, Language::En] {
                let rendered = check(&default_text(event, language));
                assert!(rendered.is_ok(), "{event:?} {language:?}: {rendered:?}");
            }
        }
    }

    #[test]
    fn a_comment_mail_names_the_ticket_member_and_link() {
        let mut values = sample();
        values.insert("by", "Karin Lind".into());
        let mail = render(
            &default_text(Event::Notification(Kind::TicketComment), Language::Sv),
            &values,
        );
        let Ok(mail) = mail else {
            unreachable!("the default text renders: {mail:?}")
        };
        assert_eq!(
            mail.subject,
            "[YST-2026-000123] Nytt svar: Skrivaren på plan 2 fungerar inte"
        );
        assert!(mail.body.contains("Karin Lind har svarat"));
        assert!(mail.body.contains("Vi har bytt tonerkassetten."));
        assert!(
            mail.body
                .contains("https://samdrift.example/tickets/YST-2026-000123")
        );
        assert!(mail.body.contains("Ystad kommun · Servicedesk"));
    }

    #[test]
    fn the_status_text_follows_the_status() {
        let mut values = sample();
        values.insert("status", "waiting_for_customer".into());
        let event = Event::Notification(Kind::TicketStatus);
        let waiting = render(&default_text(event, Language::En), &values);
        assert!(waiting.is_ok_and(|m| {
            m.subject
                .starts_with("[YST-2026-000123] Waiting for your answer")
        }));
        values.insert("status", "resolved".into());
        let resolved = render(&default_text(event, Language::Sv), &values);
        assert!(resolved.is_ok_and(|m| m.body.contains("är löst")));
    }

    #[test]
    fn a_syntax_error_is_refused_with_its_line() {
        let bad = text(
            "Ärende {{ ticket }}",
            "Hej,\n\nrad två\n{% if status %}\nutan slut",
        );
        let e = check(&bad).err();
        assert_eq!(e.as_ref().map(|e| e.part), Some(Part::Body));
        assert!(
            e.as_ref().is_some_and(|e| e.line.is_some_and(|l| l >= 4)),
            "{e:?}"
        );
    }

    #[test]
    fn an_unknown_placeholder_is_refused_with_its_line() {
        let bad = text(
            "Ärende {{ ticket }}",
            "Hej {{ recipient }},\n\n{{ personnummer }}\n",
        );
        let e = check(&bad).err();
        assert_eq!(
            e.as_ref().map(|e| (e.part, e.line)),
            Some((Part::Body, Some(3))),
            "{e:?}"
        );
        let bad_subject = text("{{ ticket ", "ok");
        assert_eq!(
            check(&bad_subject).err().map(|e| e.part),
            Some(Part::Subject)
        );
        assert_eq!(
            check(&text("  ", "ok")).err().map(|e| e.part),
            Some(Part::Subject)
        );
    }

    #[test]
    fn a_subject_stays_one_line() {
        let mut values = sample();
        values.insert("title", "rad ett\r\nBcc: someone@example.com".into());
        let mail = render(&text("{{ title }}", "x"), &values);
        assert!(mail.is_ok_and(|m| !m.subject.contains('\n') && !m.subject.contains('\r')));
    }

    #[test]
    fn events_round_trip_through_their_names() {
        for event in Event::all() {
            assert_eq!(Event::parse(event.as_str()), Some(event));
        }
        assert_eq!(Event::parse("nonsense"), None);
    }
}
