//! Message catalogs: every string the UI shows, in Swedish (default) and
//! English. Templates call `t.t("key")`; a test checks that every key used
//! in a template exists in both catalogs.

use jiff::Timestamp;
use std::borrow::Borrow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Sv,
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Lang {
        if code.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Sv
        }
    }

    /// From an Accept-Language header: English only when it comes before Swedish.
    pub fn from_accept_language(header: &str) -> Lang {
        for part in header.split(',') {
            let tag = part
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if tag.starts_with("sv") {
                return Lang::Sv;
            }
            if tag.starts_with("en") {
                return Lang::En;
            }
        }
        Lang::Sv
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

/// A translator for one language, passed to every template.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Lang);

impl Tr {
    pub fn t(&self, key: &str) -> &'static str {
        use super::catalog::i18n as catalog;
        use super::identity_i18n as identity;
        use super::inventory_i18n as inventory;
        use super::mail_i18n as mail;
        use super::satisfaction_i18n as satisfaction;
        use super::steering_i18n as steering;
        let catalogs: [&[(&str, &str)]; 9] = match self.0 {
            Lang::Sv => [
                SV,
                super::admin::i18n::SV,
                catalog::PORTAL_SV,
                catalog::ACCOUNTS_SV,
                identity::IDENTITY_SV,
                mail::MAIL_SV,
                steering::STEERING_SV,
                satisfaction::SATISFACTION_SV,
                inventory::INVENTORY_SV,
            ],
            Lang::En => [
                EN,
                super::admin::i18n::EN,
                catalog::PORTAL_EN,
                catalog::ACCOUNTS_EN,
                identity::IDENTITY_EN,
                mail::MAIL_EN,
                steering::STEERING_EN,
                satisfaction::SATISFACTION_EN,
                inventory::INVENTORY_EN,
            ],
        };
        catalogs
            .iter()
            .flat_map(|c| c.iter())
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .unwrap_or("?")
    }

    pub fn lang(&self) -> &'static str {
        self.0.code()
    }

    /// A status, priority or kind in words (`status.waiting_for_customer`).
    pub fn word(&self, prefix: &str, value: &str) -> &'static str {
        let key = format!("{prefix}.{value}");
        let catalog = match self.0 {
            Lang::Sv => SV,
            Lang::En => EN,
        };
        catalog
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .unwrap_or("?")
    }

    /// An instant in Europe/Stockholm, `2027-03-01 09:05`.
    pub fn time(&self, micros: impl Borrow<i64>) -> String {
        let micros = *micros.borrow();
        let tz = jiff::tz::TimeZone::get("Europe/Stockholm").unwrap_or(jiff::tz::TimeZone::UTC);
        let dt =
            tz.to_datetime(Timestamp::from_microsecond(micros).unwrap_or(Timestamp::UNIX_EPOCH));
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute()
        )
    }

    /// A duration in hours and minutes, `3 h 05 min`.
    pub fn duration(&self, seconds: impl Borrow<i64>) -> String {
        let seconds = *seconds.borrow();
        let sign = if seconds < 0 { "−" } else { "" };
        let s = seconds.unsigned_abs();
        let (d, h, m) = (s / 86_400, (s % 86_400) / 3600, (s % 3600) / 60);
        let day = self.t("unit.days");
        if d > 0 {
            format!("{sign}{d} {day} {h} h {m:02} min")
        } else {
            format!("{sign}{h} h {m:02} min")
        }
    }

    /// Basis points as a percentage: `95,00 %` in Swedish, `95.00%` in English.
    pub fn percent(&self, bp: impl Borrow<u32>) -> String {
        let bp = *bp.borrow();
        let whole = bp / 100;
        let frac = bp % 100;
        match self.0 {
            Lang::Sv => format!("{whole},{frac:02} %"),
            Lang::En => format!("{whole}.{frac:02}%"),
        }
    }

    /// Öre as kronor: `2 500,00 kr` / `SEK 2,500.00`.
    pub fn money(&self, ore: impl Borrow<i64>) -> String {
        let ore = *ore.borrow();
        let kr = ore / 100;
        let rest = (ore % 100).abs();
        let grouped = self.whole(kr.abs());
        let sign = if ore < 0 { "−" } else { "" };
        match self.0 {
            Lang::Sv => format!("{sign}{grouped},{rest:02} kr"),
            Lang::En => format!("{sign}SEK {grouped}.{rest:02}"),
        }
    }
}

impl Tr {
    /// A whole number grouped by thousands: `10 000` (a no-break space) in
    /// Swedish, `10,000` in English.
    pub fn whole(&self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(if self.0 == Lang::Sv { '\u{a0}' } else { ',' });
            }
            grouped.push(c);
        }
        if n < 0 {
            format!("−{grouped}")
        } else {
            grouped
        }
    }

    /// A count that stops at a bound, in words: `exact` with `{n}` for an
    /// exact count, `more` with `{n}` (the bound) beyond it.
    pub fn count(&self, exact: &str, more: &str, value: i64, beyond: bool) -> String {
        let text = self.t(if beyond { more } else { exact });
        text.replace("{n}", &self.whole(value))
    }
}

pub const SV: &[(&str, &str)] = &[
    ("app.name", "samdrift"),
    ("app.tagline", "Gemensam IT-servicedesk"),
    ("nav.skip", "Hoppa till innehållet"),
    ("nav.main", "Huvudmeny"),
    ("nav.portal", "Mina ärenden"),
    ("nav.report", "Anmäl fel"),
    ("nav.queues", "Ärendeköer"),
    ("nav.callers", "Ny anmälan via telefon"),
    ("nav.lead", "Gruppöversikt"),
    ("nav.tasks", "Uppgifter"),
    ("nav.subscriptions", "Tjänster och beställningar"),
    ("nav.invoice", "Debitering"),
    ("nav.catalog", "Beställ från katalogen"),
    ("nav.approvals", "Att godkänna"),
    ("nav.member", "Kommunens ärenden"),
    ("nav.sla_report", "Uppföljning"),
    ("nav.logout", "Logga ut"),
    ("nav.language", "Språk"),
    ("nav.language_button", "Byt språk"),
    ("nav.signed_in_as", "Inloggad som"),
    ("nav.account", "Mitt konto"),
    ("nav.notifications", "Aviseringar"),
    ("nav.unread", "olästa"),
    ("notifications.title", "Aviseringar"),
    ("notifications.none", "Du har inga aviseringar."),
    ("notifications.new", "Ny"),
    ("notifications.read", "Markera som läst"),
    ("notifications.read_all", "Markera alla som lästa"),
    ("account.nav_label", "Mitt konto"),
    ("account.never", "aldrig"),
    ("account.tokens.title", "Mina nycklar"),
    (
        "account.tokens.intro",
        "API-nycklar låter ett annat system använda samdrift i ditt namn. Ge varje nyckel ett namn som säger vad den används till, och återkalla den när den inte behövs.",
    ),
    (
        "account.tokens.created",
        "Nyckeln är skapad. Kopiera den nu: den visas bara den här gången.",
    ),
    ("account.tokens.secret", "Ny nyckel"),
    ("account.tokens.none", "Du har inga API-nycklar."),
    ("account.tokens.caption", "Dina API-nycklar"),
    ("account.tokens.name_label", "Namn"),
    (
        "account.tokens.name_help",
        "Vad nyckeln används till, t.ex. ”Larmintegration”.",
    ),
    ("account.tokens.created_label", "Skapad"),
    ("account.tokens.last_used_label", "Senast använd"),
    ("account.tokens.expires_at_label", "Slutar gälla"),
    ("account.tokens.expires_label", "Giltig i antal dagar"),
    (
        "account.tokens.expires_help",
        "Från 1 till 3650. Lämna tomt för en nyckel som gäller tills den återkallas.",
    ),
    ("account.tokens.days_number", "Ange ett helt antal dagar."),
    ("account.tokens.new", "Ny nyckel"),
    ("account.tokens.create", "Skapa nyckel"),
    ("account.tokens.revoke", "Återkalla"),
    ("account.password.title", "Byt lösenord"),
    (
        "account.password.intro",
        "När du byter lösenord loggas du ut överallt utom här. Dina API-nycklar fortsätter att gälla.",
    ),
    ("account.password.current_password", "Nuvarande lösenord"),
    ("account.password.new_password", "Nytt lösenord"),
    ("account.password.new_password_again", "Nytt lösenord igen"),
    (
        "account.password.mismatch",
        "De två nya lösenorden är inte lika.",
    ),
    ("account.password.submit", "Byt lösenord"),
    ("login.title", "Logga in"),
    ("login.username", "Användarnamn"),
    ("login.password", "Lösenord"),
    ("login.submit", "Logga in"),
    ("login.failed", "Fel användarnamn eller lösenord."),
    (
        "login.csrf",
        "Inloggningsformuläret har gått ut. Skriv in användarnamn och lösenord igen.",
    ),
    (
        "login.locked",
        "För många misslyckade försök. Vänta en stund och försök igen.",
    ),
    ("login.sso_heading", "Logga in med din organisations konto"),
    ("login.sso_with", "Logga in med"),
    (
        "login.password_heading",
        "Eller med användarnamn och lösenord",
    ),
    ("sso.title", "Inloggningen gick inte igenom"),
    ("sso.again", "Tillbaka till inloggningen"),
    (
        "sso.unknown_provider",
        "Det finns ingen sådan identitetsleverantör.",
    ),
    (
        "sso.expired",
        "Den här inloggningen har redan använts eller har gått ut. Börja om från inloggningssidan.",
    ),
    (
        "sso.other_browser",
        "Inloggningen påbörjades i en annan webbläsare eller flik som inte längre är aktiv. Börja om här.",
    ),
    (
        "sso.cancelled",
        "Identitetsleverantören loggade inte in dig. Börja om om du vill försöka igen.",
    ),
    (
        "sso.unreachable",
        "Identitetsleverantören svarar inte just nu. Försök igen om en stund.",
    ),
    (
        "sso.refused",
        "Svaret från identitetsleverantören kunde inte godtas, så du har inte loggats in. Börja om; händer det igen, kontakta servicedesken.",
    ),
    (
        "sso.missing_claim",
        "Identitetsleverantören talade inte om vem du är. Kontakta servicedesken.",
    ),
    (
        "sso.unknown_user",
        "Identitetsleverantören känner dig, men det finns inget konto i samdrift för dig. Kontakta servicedesken eller din kommuns IT-samordnare om du behöver ett.",
    ),
    (
        "sso.disabled",
        "Ditt konto i samdrift är avstängt. Kontakta servicedesken om du ska ha tillgång.",
    ),
    (
        "sso.ambiguous",
        "Flera konton i samdrift hör till din identitet, så du har inte loggats in. Kontakta servicedesken.",
    ),
    (
        "sso.failed",
        "Inloggningen kunde inte slutföras just nu. Försök igen om en stund.",
    ),
    ("sso.logout_title", "Du har loggat ut"),
    (
        "sso.logout_provider",
        "Du loggas nu ut även hos identitetsleverantören.",
    ),
    (
        "sso.logout_continue",
        "Fortsätt till identitetsleverantören",
    ),
    ("form.error_summary", "Formuläret innehåller fel"),
    ("form.required", "obligatoriskt"),
    ("form.save", "Spara"),
    (
        "form.stale",
        "Någon annan har ändrat ärendet sedan du öppnade det. Din text finns kvar nedan; läs ändringarna och skicka igen.",
    ),
    ("portal.title", "Mina ärenden"),
    (
        "portal.intro",
        "Här ser du dina ärenden och driftmeddelanden för din kommun.",
    ),
    ("portal.none", "Du har inga ärenden."),
    ("portal.report_link", "Anmäl ett fel eller beställ något"),
    ("status_messages.title", "Driftmeddelanden"),
    ("status_messages.none", "Inga kända störningar just nu."),
    ("status_messages.planned", "Planerat underhåll"),
    ("status_messages.ongoing", "Störning"),
    ("status_messages.until", "till"),
    ("report.title", "Anmäl fel eller beställ"),
    ("report.type", "Vad gäller det?"),
    ("report.type_incident", "Något fungerar inte (fel)"),
    ("report.type_request", "Jag vill beställa eller fråga något"),
    ("report.service", "Tjänst"),
    (
        "report.service_help",
        "Välj den tjänst det gäller. Skriv för att söka.",
    ),
    ("report.service_none", "Vet inte"),
    ("report.title_field", "Rubrik"),
    (
        "report.title_help",
        "Kort beskrivning, t.ex. \"Skrivaren på plan 2 skriver inte ut\".",
    ),
    ("report.description", "Beskrivning"),
    (
        "report.description_help",
        "Vad hände, när och vad har du provat?",
    ),
    ("report.impact", "Hur många påverkas?"),
    ("report.impact_1", "Många (hela verksamheten)"),
    ("report.impact_2", "Några (en grupp)"),
    ("report.impact_3", "Bara jag"),
    ("report.urgency", "Hur brådskande är det?"),
    ("report.urgency_1", "Arbetet står still"),
    ("report.urgency_2", "Arbetet försvåras"),
    ("report.urgency_3", "Det kan vänta"),
    ("report.member", "Kommun"),
    ("report.requester", "Anmälare (person-id)"),
    ("report.submit", "Skicka"),
    ("report.sent", "Ärendet är registrerat."),
    ("ticket.number", "Ärendenummer"),
    ("ticket.title", "Rubrik"),
    ("ticket.status", "Status"),
    ("ticket.priority", "Prioritet"),
    ("ticket.group", "Grupp"),
    ("ticket.assignee", "Handläggare"),
    ("ticket.member", "Kommun"),
    ("ticket.created", "Registrerat"),
    ("ticket.updated", "Senast ändrat"),
    ("ticket.time_left", "Tid kvar"),
    ("ticket.conversation", "Konversation"),
    ("ticket.internal", "Intern anteckning"),
    ("ticket.public", "Svar till anmälaren"),
    ("ticket.history", "Historik"),
    ("ticket.attachments", "Bilagor"),
    ("ticket.no_attachments", "Inga bilagor."),
    ("ticket.reply", "Svara"),
    ("ticket.reply_label", "Meddelande"),
    (
        "ticket.reply_internal",
        "Intern anteckning (syns inte för anmälaren)",
    ),
    ("ticket.send", "Skicka"),
    ("ticket.cancel", "Återkalla ärendet"),
    ("ticket.reopen", "Öppna ärendet igen"),
    ("ticket.actions", "Åtgärder"),
    ("ticket.take", "Ta ärendet"),
    ("ticket.change_status", "Ändra status"),
    ("ticket.new_status", "Ny status"),
    ("ticket.resolution", "Lösning (visas för anmälaren)"),
    ("ticket.change_priority", "Ändra prioritet"),
    ("ticket.priority_reason", "Motivering"),
    ("ticket.sla", "Servicenivå"),
    ("ticket.sla_none", "Inget avtal täcker ärendet."),
    ("ticket.sla_source", "Avtal"),
    ("ticket.clock", "Klocka"),
    ("ticket.target", "Mål"),
    ("ticket.elapsed", "Förbrukad tid"),
    ("ticket.due", "Förfaller"),
    ("ticket.segments", "Varför? Tidsavsnitt"),
    ("ticket.segment_from", "Från"),
    ("ticket.segment_to", "Till"),
    ("ticket.segment_counted", "Räknas"),
    ("ticket.segment_reason", "Orsak"),
    ("ticket.yes", "Ja"),
    ("ticket.no", "Nej"),
    (
        "ticket.not_found",
        "Ärendet finns inte eller så saknar du behörighet.",
    ),
    ("ticket.assign", "Tilldela"),
    ("ticket.assign_to", "Handläggare"),
    ("ticket.nobody", "Ingen"),
    ("ticket.forward", "Skicka till leverantör"),
    ("ticket.supplier", "Leverantör"),
    ("ticket.supplier_reference", "Leverantörens ärendenummer"),
    ("ticket.attach", "Bifoga fil"),
    (
        "ticket.file",
        "Fil (PDF, bild, Office-dokument, text; högst 10 MB)",
    ),
    (
        "ticket.file_internal",
        "Intern bilaga (syns inte för anmälaren)",
    ),
    ("ticket.file_too_large", "Filen är för stor."),
    ("ticket.file_missing", "Välj en fil att bifoga."),
    (
        "ticket.file_refused",
        "Ärendet är registrerat, men filen kunde inte bifogas (fel filtyp eller för stor). Bifoga en annan fil nedan.",
    ),
    ("ticket.who", "Vem"),
    ("ticket.when", "När"),
    ("ticket.what", "Vad"),
    ("ticket.from_to", "Från → till"),
    ("queue.title", "Ärendeköer"),
    ("queue.mine", "Mina ärenden"),
    ("queue.groups", "Mina grupper"),
    ("queue.unassigned", "Ej tilldelade"),
    ("queue.risk", "SLA-risk"),
    ("queue.all", "Alla öppna"),
    ("queue.count", "{n} öppna"),
    ("queue.count_more", "över {n} öppna"),
    ("queue.empty", "Inga ärenden i kön."),
    ("queue.next", "Nästa sida"),
    ("queue.search", "Sök"),
    ("queue.search_label", "Sök i ärenden"),
    ("queue.sort", "Sortering"),
    ("queue.sort_due", "Minst tid kvar först"),
    ("queue.sort_created", "Nyast först"),
    ("queue.caption", "Ärenden"),
    ("queue.saved", "Sparade filter"),
    ("queue.save_filter", "Spara det här filtret"),
    ("queue.filter_name_label", "Namn på filtret"),
    ("queue.filter_name", "Ge filtret ett namn (1-60 tecken)."),
    (
        "queue.filter_exists",
        "Du har redan ett filter med det namnet.",
    ),
    ("queue.delete_filter", "Ta bort"),
    ("callers.title", "Ny anmälan för en person som ringer"),
    ("callers.search_label", "Sök person (namn eller e-post)"),
    ("callers.none", "Ingen person hittades."),
    ("callers.results", "Personer"),
    ("callers.name", "Namn"),
    ("callers.email", "E-post"),
    ("callers.administration", "Förvaltning"),
    ("callers.report_for", "Anmäl för"),
    ("callers.reporting_for", "Anmälan för"),
    ("lead.title", "Gruppöversikt"),
    ("lead.no_groups", "Du tillhör ingen grupp."),
    ("lead.load", "Öppna ärenden per handläggare"),
    ("lead.open", "Öppna ärenden"),
    ("member.title", "Kommunens ärenden"),
    ("member.count", "{n} ärenden"),
    ("member.count_more", "över {n} ärenden"),
    ("member.agreement", "Avtal"),
    ("member.no_agreement", "Inget avtal registrerat."),
    ("member.valid", "Giltigt"),
    ("report_page.title", "Uppföljning av servicenivåer"),
    ("report_page.from", "Från och med"),
    ("report_page.to", "Till (ej med)"),
    ("report_page.show", "Visa"),
    ("report_page.csv", "Ladda ner som CSV"),
    (
        "report_page.compliance",
        "Måluppfyllelse per tjänst och prioritet",
    ),
    (
        "report_page.chart",
        "Måluppfyllelse för lösningstid per prioritet",
    ),
    ("report_page.service", "Tjänst"),
    ("report_page.counted", "Räknade"),
    ("report_page.met", "Inom mål"),
    ("report_page.breached", "Över mål"),
    ("report_page.compliance_pct", "Måluppfyllelse"),
    ("report_page.median", "Median"),
    ("report_page.p90", "90:e percentil"),
    ("report_page.availability", "Tillgänglighet"),
    ("report_page.target", "Mål"),
    ("report_page.met_target", "Uppfyllt"),
    ("report_page.penalties", "Viten"),
    ("report_page.no_penalties", "Inga viten för perioden."),
    ("report_page.month", "Månad"),
    ("report_page.amount", "Belopp"),
    ("report_page.total", "Summa viten"),
    ("report_page.no_service", "(ingen tjänst)"),
    ("unit.days", "d"),
    ("error.title", "Skriv en rubrik (högst 200 tecken)."),
    (
        "error.member",
        "Ange en kommun (kod, t.ex. YST) som du har behörighet till.",
    ),
    ("error.requester", "Anmälaren finns inte i den kommunen."),
    ("error.service", "Välj en tjänst i listan."),
    ("error.choice", "Välj ett av alternativen."),
    ("error.description", "Beskrivningen är för lång."),
    (
        "error.unavailable",
        "Databasen kunde inte svara. Försök igen om en stund; anger du felet för servicedesken, uppge händelse {incident}.",
    ),
    (
        "error.not_found",
        "Det du söker finns inte eller så saknar du behörighet.",
    ),
    ("error.forbidden", "Din roll får inte göra detta."),
    (
        "error.unreadable_form",
        "Formuläret kom inte fram helt. Försök igen.",
    ),
    ("error.page_title", "Något gick fel"),
    ("error.back", "Tillbaka"),
    ("clock.response", "Svarstid"),
    ("clock.resolution", "Lösningstid"),
    ("state.running", "Pågår"),
    ("state.paused", "Pausad"),
    ("state.met", "Inom mål"),
    ("state.breached", "Över mål"),
    ("state.warning", "Varning"),
    ("reason.open", "Öppet"),
    ("reason.closed_hours", "Stängt (utanför servicetid)"),
    ("reason.holiday", "Helgdag"),
    ("reason.exception", "Avvikande dag"),
    ("reason.paused", "Pausad"),
    ("reason.stopped", "Stoppad"),
    ("status.new", "Ny"),
    ("status.assigned", "Tilldelad"),
    ("status.in_progress", "Pågår"),
    ("status.waiting_for_customer", "Väntar på dig"),
    ("status.waiting_for_supplier", "Väntar på leverantör"),
    ("status.resolved", "Löst"),
    ("status.closed", "Stängd"),
    ("status.cancelled", "Återkallad"),
    ("type.incident", "Fel"),
    ("type.request", "Beställning"),
    ("event.created", "Registrerat"),
    ("event.status", "Status ändrad"),
    ("event.priority", "Prioritet ändrad"),
    ("event.comment", "Kommentar"),
    ("event.assignee", "Handläggare ändrad"),
    ("event.group", "Grupp ändrad"),
    ("event.attachment", "Bilaga"),
    ("event.supplier", "Skickat till leverantör"),
    ("event.supplier_reference", "Leverantörens referens"),
    ("event.sla_warning", "SLA-varning"),
    ("event.sla_breach", "SLA-mål passerat"),
    ("event.title", "Rubrik ändrad"),
    ("event.description", "Beskrivning ändrad"),
    ("event.impact", "Påverkan ändrad"),
    ("event.urgency", "Brådska ändrad"),
    ("event.service", "Tjänst ändrad"),
    ("event.administration", "Förvaltning ändrad"),
];

pub const EN: &[(&str, &str)] = &[
    ("app.name", "samdrift"),
    ("app.tagline", "Shared IT service desk"),
    ("nav.skip", "Skip to content"),
    ("nav.main", "Main menu"),
    ("nav.portal", "My tickets"),
    ("nav.report", "Report a fault"),
    ("nav.queues", "Queues"),
    ("nav.callers", "New ticket for a caller"),
    ("nav.lead", "Group overview"),
    ("nav.tasks", "Tasks"),
    ("nav.subscriptions", "Services and orders"),
    ("nav.invoice", "Charges"),
    ("nav.catalog", "Order from the catalog"),
    ("nav.approvals", "To approve"),
    ("nav.member", "Municipality tickets"),
    ("nav.sla_report", "Service levels"),
    ("nav.logout", "Sign out"),
    ("nav.language", "Language"),
    ("nav.language_button", "Change language"),
    ("nav.signed_in_as", "Signed in as"),
    ("nav.account", "My account"),
    ("nav.notifications", "Notifications"),
    ("nav.unread", "unread"),
    ("notifications.title", "Notifications"),
    ("notifications.none", "You have no notifications."),
    ("notifications.new", "New"),
    ("notifications.read", "Mark as read"),
    ("notifications.read_all", "Mark all as read"),
    ("account.nav_label", "My account"),
    ("account.never", "never"),
    ("account.tokens.title", "API tokens"),
    (
        "account.tokens.intro",
        "API tokens let another system use samdrift in your name. Give each token a name that says what it is for, and revoke it when it is no longer needed.",
    ),
    (
        "account.tokens.created",
        "The token is created. Copy it now: it is shown only this once.",
    ),
    ("account.tokens.secret", "New token"),
    ("account.tokens.none", "You have no API tokens."),
    ("account.tokens.caption", "Your API tokens"),
    ("account.tokens.name_label", "Name"),
    (
        "account.tokens.name_help",
        "What the token is for, e.g. \"Alarm integration\".",
    ),
    ("account.tokens.created_label", "Created"),
    ("account.tokens.last_used_label", "Last used"),
    ("account.tokens.expires_at_label", "Expires"),
    ("account.tokens.expires_label", "Valid for days"),
    (
        "account.tokens.expires_help",
        "From 1 to 3650. Leave empty for a token that works until it is revoked.",
    ),
    (
        "account.tokens.days_number",
        "Enter a whole number of days.",
    ),
    ("account.tokens.new", "New token"),
    ("account.tokens.create", "Create token"),
    ("account.tokens.revoke", "Revoke"),
    ("account.password.title", "Change password"),
    (
        "account.password.intro",
        "Changing your password signs you out everywhere but here. Your API tokens keep working.",
    ),
    ("account.password.current_password", "Current password"),
    ("account.password.new_password", "New password"),
    ("account.password.new_password_again", "New password again"),
    ("account.password.mismatch", "The two new passwords differ."),
    ("account.password.submit", "Change password"),
    ("login.title", "Sign in"),
    ("login.username", "Username"),
    ("login.password", "Password"),
    ("login.submit", "Sign in"),
    ("login.failed", "Wrong username or password."),
    (
        "login.csrf",
        "The sign-in form has expired. Enter your username and password again.",
    ),
    (
        "login.locked",
        "Too many failed attempts. Wait a while and try again.",
    ),
    (
        "login.sso_heading",
        "Sign in with your organisation's account",
    ),
    ("login.sso_with", "Sign in with"),
    ("login.password_heading", "Or with username and password"),
    ("sso.title", "Sign-in did not go through"),
    ("sso.again", "Back to sign-in"),
    (
        "sso.unknown_provider",
        "There is no such identity provider.",
    ),
    (
        "sso.expired",
        "This sign-in was already used or has expired. Start again from the sign-in page.",
    ),
    (
        "sso.other_browser",
        "This sign-in was begun in another browser or tab that is no longer active. Start again here.",
    ),
    (
        "sso.cancelled",
        "The identity provider did not sign you in. Start again if you want to try once more.",
    ),
    (
        "sso.unreachable",
        "The identity provider is not answering right now. Try again in a while.",
    ),
    (
        "sso.refused",
        "The identity provider's answer could not be accepted, so you are not signed in. Start again; if it happens again, contact the service desk.",
    ),
    (
        "sso.missing_claim",
        "The identity provider did not say who you are. Contact the service desk.",
    ),
    (
        "sso.unknown_user",
        "The identity provider knows you, but there is no samdrift account for you. Contact the service desk or your municipality's IT coordinator if you need one.",
    ),
    (
        "sso.disabled",
        "Your samdrift account is disabled. Contact the service desk if you should have access.",
    ),
    (
        "sso.ambiguous",
        "Several samdrift accounts belong to your identity, so you are not signed in. Contact the service desk.",
    ),
    (
        "sso.failed",
        "The sign-in could not be completed right now. Try again in a while.",
    ),
    ("sso.logout_title", "You have signed out"),
    (
        "sso.logout_provider",
        "You are now being signed out of the identity provider too.",
    ),
    ("sso.logout_continue", "Continue to the identity provider"),
    ("form.error_summary", "The form has errors"),
    ("form.required", "required"),
    ("form.save", "Save"),
    (
        "form.stale",
        "Someone else changed the ticket since you opened it. Your text is kept below; read the changes and send again.",
    ),
    ("portal.title", "My tickets"),
    (
        "portal.intro",
        "Your tickets and the status messages for your municipality.",
    ),
    ("portal.none", "You have no tickets."),
    ("portal.report_link", "Report a fault or ask for something"),
    ("status_messages.title", "Status messages"),
    ("status_messages.none", "No known disruptions right now."),
    ("status_messages.planned", "Planned maintenance"),
    ("status_messages.ongoing", "Disruption"),
    ("status_messages.until", "until"),
    ("report.title", "Report a fault or ask for something"),
    ("report.type", "What is it about?"),
    ("report.type_incident", "Something does not work (fault)"),
    (
        "report.type_request",
        "I want to order or ask for something",
    ),
    ("report.service", "Service"),
    (
        "report.service_help",
        "Choose the service concerned. Type to search.",
    ),
    ("report.service_none", "Don't know"),
    ("report.title_field", "Title"),
    (
        "report.title_help",
        "In short, e.g. \"The printer on floor 2 does not print\".",
    ),
    ("report.description", "Description"),
    (
        "report.description_help",
        "What happened, when, and what have you tried?",
    ),
    ("report.impact", "How many are affected?"),
    ("report.impact_1", "Many (the whole unit)"),
    ("report.impact_2", "Some (a group)"),
    ("report.impact_3", "Only me"),
    ("report.urgency", "How urgent is it?"),
    ("report.urgency_1", "Work has stopped"),
    ("report.urgency_2", "Work is hindered"),
    ("report.urgency_3", "It can wait"),
    ("report.member", "Municipality"),
    ("report.requester", "Requester (person id)"),
    ("report.submit", "Send"),
    ("report.sent", "The ticket is registered."),
    ("ticket.number", "Ticket number"),
    ("ticket.title", "Title"),
    ("ticket.status", "Status"),
    ("ticket.priority", "Priority"),
    ("ticket.group", "Group"),
    ("ticket.assignee", "Assignee"),
    ("ticket.member", "Municipality"),
    ("ticket.created", "Registered"),
    ("ticket.updated", "Last changed"),
    ("ticket.time_left", "Time left"),
    ("ticket.conversation", "Conversation"),
    ("ticket.internal", "Internal note"),
    ("ticket.public", "Reply to the requester"),
    ("ticket.history", "History"),
    ("ticket.attachments", "Attachments"),
    ("ticket.no_attachments", "No attachments."),
    ("ticket.reply", "Reply"),
    ("ticket.reply_label", "Message"),
    (
        "ticket.reply_internal",
        "Internal note (not shown to the requester)",
    ),
    ("ticket.send", "Send"),
    ("ticket.cancel", "Withdraw the ticket"),
    ("ticket.reopen", "Reopen the ticket"),
    ("ticket.actions", "Actions"),
    ("ticket.take", "Take the ticket"),
    ("ticket.change_status", "Change status"),
    ("ticket.new_status", "New status"),
    ("ticket.resolution", "Resolution (shown to the requester)"),
    ("ticket.change_priority", "Change priority"),
    ("ticket.priority_reason", "Reason"),
    ("ticket.sla", "Service level"),
    ("ticket.sla_none", "No agreement covers this ticket."),
    ("ticket.sla_source", "Agreement"),
    ("ticket.clock", "Clock"),
    ("ticket.target", "Target"),
    ("ticket.elapsed", "Time used"),
    ("ticket.due", "Due"),
    ("ticket.segments", "Why? Time segments"),
    ("ticket.segment_from", "From"),
    ("ticket.segment_to", "To"),
    ("ticket.segment_counted", "Counted"),
    ("ticket.segment_reason", "Reason"),
    ("ticket.yes", "Yes"),
    ("ticket.no", "No"),
    (
        "ticket.not_found",
        "The ticket does not exist or you may not see it.",
    ),
    ("ticket.assign", "Assign"),
    ("ticket.assign_to", "Assignee"),
    ("ticket.nobody", "Nobody"),
    ("ticket.forward", "Forward to supplier"),
    ("ticket.supplier", "Supplier"),
    ("ticket.supplier_reference", "Supplier's ticket number"),
    ("ticket.attach", "Attach a file"),
    (
        "ticket.file",
        "File (PDF, image, Office document, text; at most 10 MB)",
    ),
    (
        "ticket.file_internal",
        "Internal attachment (not shown to the requester)",
    ),
    ("ticket.file_too_large", "The file is too large."),
    ("ticket.file_missing", "Choose a file to attach."),
    (
        "ticket.file_refused",
        "The ticket is registered, but the file could not be attached (wrong type or too large). Attach another file below.",
    ),
    ("ticket.who", "Who"),
    ("ticket.when", "When"),
    ("ticket.what", "What"),
    ("ticket.from_to", "From → to"),
    ("queue.title", "Queues"),
    ("queue.mine", "My tickets"),
    ("queue.groups", "My groups"),
    ("queue.unassigned", "Unassigned"),
    ("queue.risk", "At SLA risk"),
    ("queue.all", "All open"),
    ("queue.count", "{n} open"),
    ("queue.count_more", "more than {n} open"),
    ("queue.empty", "No tickets in this queue."),
    ("queue.next", "Next page"),
    ("queue.search", "Search"),
    ("queue.search_label", "Search tickets"),
    ("queue.sort", "Sort"),
    ("queue.sort_due", "Least time left first"),
    ("queue.sort_created", "Newest first"),
    ("queue.caption", "Tickets"),
    ("queue.saved", "Saved filters"),
    ("queue.save_filter", "Save this filter"),
    ("queue.filter_name_label", "Name of the filter"),
    (
        "queue.filter_name",
        "Give the filter a name (1-60 characters).",
    ),
    (
        "queue.filter_exists",
        "You already have a filter with that name.",
    ),
    ("queue.delete_filter", "Delete"),
    ("callers.title", "New ticket for a caller"),
    ("callers.search_label", "Find a person (name or e-mail)"),
    ("callers.none", "Nobody found."),
    ("callers.results", "People"),
    ("callers.name", "Name"),
    ("callers.email", "E-mail"),
    ("callers.administration", "Administration"),
    ("callers.report_for", "Report for"),
    ("callers.reporting_for", "Reporting for"),
    ("lead.title", "Group overview"),
    ("lead.no_groups", "You belong to no group."),
    ("lead.load", "Open tickets per assignee"),
    ("lead.open", "Open tickets"),
    ("member.title", "Municipality tickets"),
    ("member.count", "{n} tickets"),
    ("member.count_more", "more than {n} tickets"),
    ("member.agreement", "Agreement"),
    ("member.no_agreement", "No agreement registered."),
    ("member.valid", "Valid"),
    ("report_page.title", "Service level follow-up"),
    ("report_page.from", "From"),
    ("report_page.to", "To (exclusive)"),
    ("report_page.show", "Show"),
    ("report_page.csv", "Download as CSV"),
    (
        "report_page.compliance",
        "Compliance per service and priority",
    ),
    ("report_page.chart", "Resolution compliance per priority"),
    ("report_page.service", "Service"),
    ("report_page.counted", "Counted"),
    ("report_page.met", "Met"),
    ("report_page.breached", "Breached"),
    ("report_page.compliance_pct", "Compliance"),
    ("report_page.median", "Median"),
    ("report_page.p90", "90th percentile"),
    ("report_page.availability", "Availability"),
    ("report_page.target", "Target"),
    ("report_page.met_target", "Met"),
    ("report_page.penalties", "Penalties"),
    ("report_page.no_penalties", "No penalties for the period."),
    ("report_page.month", "Month"),
    ("report_page.amount", "Amount"),
    ("report_page.total", "Total penalties"),
    ("report_page.no_service", "(no service)"),
    ("unit.days", "d"),
    ("error.title", "Write a title (at most 200 characters)."),
    (
        "error.member",
        "Give a municipality (code, e.g. YST) you have access to.",
    ),
    (
        "error.requester",
        "The requester is not in that municipality.",
    ),
    ("error.service", "Choose a service from the list."),
    ("error.choice", "Choose one of the options."),
    ("error.description", "The description is too long."),
    (
        "error.unavailable",
        "The database could not answer. Try again in a while; if you report it to the service desk, give incident {incident}.",
    ),
    (
        "error.not_found",
        "What you look for does not exist or you may not see it.",
    ),
    ("error.forbidden", "Your role may not do this."),
    (
        "error.unreadable_form",
        "The form did not arrive whole. Try again.",
    ),
    ("error.page_title", "Something went wrong"),
    ("error.back", "Back"),
    ("clock.response", "Response"),
    ("clock.resolution", "Resolution"),
    ("state.running", "Running"),
    ("state.paused", "Paused"),
    ("state.met", "Met"),
    ("state.breached", "Breached"),
    ("state.warning", "Warning"),
    ("reason.open", "Open"),
    ("reason.closed_hours", "Closed (outside service hours)"),
    ("reason.holiday", "Public holiday"),
    ("reason.exception", "Exception day"),
    ("reason.paused", "Paused"),
    ("reason.stopped", "Stopped"),
    ("status.new", "New"),
    ("status.assigned", "Assigned"),
    ("status.in_progress", "In progress"),
    ("status.waiting_for_customer", "Waiting for you"),
    ("status.waiting_for_supplier", "Waiting for supplier"),
    ("status.resolved", "Resolved"),
    ("status.closed", "Closed"),
    ("status.cancelled", "Withdrawn"),
    ("type.incident", "Fault"),
    ("type.request", "Request"),
    ("event.created", "Registered"),
    ("event.status", "Status changed"),
    ("event.priority", "Priority changed"),
    ("event.comment", "Comment"),
    ("event.assignee", "Assignee changed"),
    ("event.group", "Group changed"),
    ("event.attachment", "Attachment"),
    ("event.supplier", "Forwarded to supplier"),
    ("event.supplier_reference", "Supplier reference"),
    ("event.sla_warning", "SLA warning"),
    ("event.sla_breach", "SLA target passed"),
    ("event.title", "Title changed"),
    ("event.description", "Description changed"),
    ("event.impact", "Impact changed"),
    ("event.urgency", "Urgency changed"),
    ("event.service", "Service changed"),
    ("event.administration", "Administration changed"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogs_have_the_same_keys() {
        for (sv, en) in [
            (SV, EN),
            (super::super::admin::i18n::SV, super::super::admin::i18n::EN),
        ] {
            let sv: Vec<&str> = sv.iter().map(|(k, _)| *k).collect();
            let en: Vec<&str> = en.iter().map(|(k, _)| *k).collect();
            assert_eq!(sv, en);
        }
    }

    #[test]
    fn every_key_a_template_uses_exists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for part in text.split("t.t(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                assert!(
                    SV.iter()
                        .chain(super::super::admin::i18n::SV.iter())
                        .chain(super::super::catalog::i18n::PORTAL_SV.iter())
                        .chain(super::super::catalog::i18n::ACCOUNTS_SV.iter())
                        .chain(super::super::identity_i18n::IDENTITY_SV.iter())
                        .chain(super::super::mail_i18n::MAIL_SV.iter())
                        .chain(super::super::steering_i18n::STEERING_SV.iter())
                        .chain(super::super::satisfaction_i18n::SATISFACTION_SV.iter())
                        .chain(super::super::inventory_i18n::INVENTORY_SV.iter())
                        .any(|(k, _)| *k == key),
                    "{}: unknown key {key}",
                    path.display()
                );
            }
        }
    }

    #[test]
    fn numbers_and_money_follow_the_language() {
        assert_eq!(Tr(Lang::Sv).percent(9536), "95,36 %");
        assert_eq!(Tr(Lang::En).percent(9536), "95.36%");
        assert_eq!(Tr(Lang::Sv).money(25_000_000), "250\u{a0}000,00 kr");
        assert_eq!(Tr(Lang::En).money(25_000_000), "SEK 250,000.00");
        assert_eq!(Tr(Lang::Sv).duration(3 * 3600 + 5 * 60), "3 h 05 min");
        assert_eq!(
            Tr(Lang::Sv).count("queue.count", "queue.count_more", 312, false),
            "312 öppna"
        );
        assert_eq!(
            Tr(Lang::Sv).count("queue.count", "queue.count_more", 10_000, true),
            "över 10\u{a0}000 öppna"
        );
        assert_eq!(
            Tr(Lang::En).count("queue.count", "queue.count_more", 10_000, true),
            "more than 10,000 open"
        );
    }

    #[test]
    fn accept_language_prefers_swedish_unless_english_comes_first() {
        assert_eq!(
            Lang::from_accept_language("en-GB,en;q=0.9,sv;q=0.8"),
            Lang::En
        );
        assert_eq!(Lang::from_accept_language("sv-SE,en;q=0.5"), Lang::Sv);
        assert_eq!(Lang::from_accept_language("de"), Lang::Sv);
    }
}
