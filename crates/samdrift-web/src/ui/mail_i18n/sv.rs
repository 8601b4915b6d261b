//! The mail pages' words in Swedish (the default language).

pub const MAIL_SV: &[(&str, &str)] = &[
    ("account.notifications.title", "Aviseringar och e-post"),
    (
        "account.notifications.intro",
        "Allt som rör dig syns alltid under Aviseringar här i samdrift. Välj för varje sorts avisering om du också vill få den med e-post, direkt eller samlad i ett e-brev om dagen.",
    ),
    ("account.notifications.default", "förval för din roll"),
    ("account.notifications.save", "Spara valen"),
    (
        "account.notifications.unknown_kind",
        "Okänd sorts avisering",
    ),
    ("notify.channel.product", "Bara här i samdrift"),
    ("notify.channel.immediate", "Även med e-post direkt"),
    (
        "notify.channel.digest",
        "Även i ett sammanfattande e-brev en gång om dagen",
    ),
    (
        "notify.kind.ticket_comment",
        "Svar och kommentarer på ärenden",
    ),
    (
        "notify.kind.ticket_comment.help",
        "Någon har skrivit i ett ärende som du har anmält eller som är tilldelat dig.",
    ),
    (
        "notify.kind.ticket_status",
        "Ditt ärende är löst eller väntar på dig",
    ),
    (
        "notify.kind.ticket_status.help",
        "Ett ärende som du har anmält har lösts eller väntar på ditt svar.",
    ),
    ("notify.kind.ticket_assigned", "Ärenden som tilldelas dig"),
    (
        "notify.kind.ticket_assigned.help",
        "Någon har gett dig ett ärende att arbeta med.",
    ),
    ("notify.kind.group_assigned", "Nya ärenden i din grupp"),
    (
        "notify.kind.group_assigned.help",
        "Ett ärende har kommit till en grupp som du tillhör, utan att tilldelas någon.",
    ),
    (
        "notify.kind.sla_warning",
        "Servicenivån är nära att passeras",
    ),
    (
        "notify.kind.sla_warning.help",
        "Svars- eller lösningstiden för ett ärende i din grupp håller på att ta slut (för gruppledare).",
    ),
    ("notify.kind.sla_breach", "Servicenivån har passerats"),
    (
        "notify.kind.sla_breach.help",
        "Svars- eller lösningstiden för ett ärende i din grupp har passerats (för gruppledare).",
    ),
    ("notify.kind.order_decided", "Beslut om dina beställningar"),
    (
        "notify.kind.order_decided.help",
        "En beställning som du har gjort har godkänts eller avslagits.",
    ),
    (
        "notify.kind.order_waiting",
        "Beställningar som väntar på ditt beslut",
    ),
    (
        "notify.kind.order_waiting.help",
        "En stor beställning väntar på att förbundschefen bekräftar den.",
    ),
    (
        "notify.kind.approval_waiting",
        "Begäranden som väntar på ditt godkännande",
    ),
    (
        "notify.kind.approval_waiting.help",
        "En beställning i tjänstekatalogen väntar på att du godkänner den.",
    ),
    ("notify.kind.status_message", "Driftmeddelanden"),
    (
        "notify.kind.status_message.help",
        "En driftstörning eller ett planerat underhåll berör din kommun.",
    ),
];
