//! The mail pages' words in English.

pub const MAIL_EN: &[(&str, &str)] = &[
    ("account.notifications.title", "Notifications and e-mail"),
    (
        "account.notifications.intro",
        "Everything that concerns you is always under Notifications here in samdrift. Choose for each kind of notification whether you also want it by e-mail, at once or gathered in one e-mail a day.",
    ),
    ("account.notifications.default", "your role's default"),
    ("account.notifications.save", "Save the choices"),
    (
        "account.notifications.unknown_kind",
        "Unknown kind of notification",
    ),
    ("notify.channel.product", "Only here in samdrift"),
    ("notify.channel.immediate", "Also by e-mail at once"),
    (
        "notify.channel.digest",
        "Also in a summary e-mail once a day",
    ),
    (
        "notify.kind.ticket_comment",
        "Replies and comments on tickets",
    ),
    (
        "notify.kind.ticket_comment.help",
        "Someone wrote on a ticket you reported or that is assigned to you.",
    ),
    (
        "notify.kind.ticket_status",
        "Your ticket is resolved or waits for you",
    ),
    (
        "notify.kind.ticket_status.help",
        "A ticket you reported was resolved or waits for your answer.",
    ),
    ("notify.kind.ticket_assigned", "Tickets assigned to you"),
    (
        "notify.kind.ticket_assigned.help",
        "Someone gave you a ticket to work on.",
    ),
    ("notify.kind.group_assigned", "New tickets in your group"),
    (
        "notify.kind.group_assigned.help",
        "A ticket came to a group you belong to, without being assigned to anyone.",
    ),
    (
        "notify.kind.sla_warning",
        "A service level is about to be missed",
    ),
    (
        "notify.kind.sla_warning.help",
        "The response or resolution time of a ticket in your group is running out (for group leads).",
    ),
    ("notify.kind.sla_breach", "A service level was missed"),
    (
        "notify.kind.sla_breach.help",
        "The response or resolution time of a ticket in your group has passed (for group leads).",
    ),
    ("notify.kind.order_decided", "Decisions on your orders"),
    (
        "notify.kind.order_decided.help",
        "An order you placed was confirmed or rejected.",
    ),
    (
        "notify.kind.order_waiting",
        "Orders waiting for your decision",
    ),
    (
        "notify.kind.order_waiting.help",
        "A large order waits for the federation manager to confirm it.",
    ),
    (
        "notify.kind.approval_waiting",
        "Requests waiting for your approval",
    ),
    (
        "notify.kind.approval_waiting.help",
        "A service catalog request waits for you to approve it.",
    ),
    ("notify.kind.status_message", "Status messages"),
    (
        "notify.kind.status_message.help",
        "An outage or planned maintenance affects your municipality.",
    ),
];
