//! The messages' texts in English: the API's `detail` and `message` texts and the English pages.
//! One entry per code; `{name}` is an argument of the message.

pub const TEXTS: &[(&str, &str)] = &[
    (
        "account.demote_self",
        "you cannot take away your own administrator role; ask another administrator",
    ),
    (
        "account.disable_self",
        "you cannot disable your own account; ask another administrator",
    ),
    (
        "administration.not_in_member",
        "no such administration in this member",
    ),
    (
        "agreement.availability_calendar",
        "an availability target needs its calendar, and only then",
    ),
    (
        "agreement.availability_range",
        "must be at most 10000 (100 %)",
    ),
    ("agreement.cannot_store", "cannot store this agreement"),
    ("agreement.default_entry", "all other services"),
    (
        "agreement.default_twice",
        "only one default entry (without service)",
    ),
    (
        "agreement.no_entry",
        "an agreement needs at least one entry",
    ),
    (
        "agreement.service_twice",
        "service '{code}' has two entries",
    ),
    ("agreement.targets", "each of P1-P4 needs targets"),
    (
        "attachment.content_mismatch",
        "the file's content is not {content_type}",
    ),
    ("attachment.empty", "is empty"),
    ("attachment.filename", "give the file a name"),
    ("attachment.too_large", "is larger than {mb} MB"),
    (
        "attachment.type_refused",
        "content type '{content_type}' is not accepted; send PDF, PNG, JPEG, GIF, ZIP, Office documents, text or CSV",
    ),
    ("auth.cannot_hash", "cannot hash this password"),
    ("auth.current_password", "is not your current password"),
    (
        "auth.password_common",
        "is one of the most common passwords, or nearly; choose another",
    ),
    (
        "auth.password_guessable",
        "is easy to guess (repeats, sequences, dates, names, a single word or the username); use a longer phrase of unusual words",
    ),
    ("auth.password_length", "must be at least {min} characters"),
    ("auth.password_too_long", "must be at most {max} bytes"),
    (
        "auth.username_control",
        "must not contain control characters",
    ),
    ("auth.username_too_long", "must be at most {max} bytes"),
    (
        "calendar.bad_date",
        "'{text}' is not a date: write YYYY-MM-DD, e.g. 2027-05-07",
    ),
    (
        "calendar.bad_time",
        "'{text}' is not a time: write HH:MM, from 00:00 to 24:00",
    ),
    ("calendar.cannot_store", "cannot store this calendar"),
    (
        "calendar.country",
        "'{country}' is not supported: use \"SE\" (Sweden) or null for no holidays",
    ),
    (
        "calendar.date_twice",
        "{date} is already given by exceptions[{first}]: give each date once",
    ),
    ("calendar.end", "end {reason}"),
    (
        "calendar.end_before_start",
        "the end {end} must be after the start {start}",
    ),
    ("calendar.name", "give the calendar a name"),
    (
        "calendar.never_open",
        "the calendar is never open: give opening hours for at least one weekday",
    ),
    ("calendar.no_id", "no calendar with id {id}"),
    (
        "calendar.overlap",
        "{start}-{end} overlaps or comes before the previous interval: list intervals in order, without overlap",
    ),
    (
        "calendar.pair",
        "an interval is a pair [\"HH:MM\", \"HH:MM\"]: start and end",
    ),
    ("calendar.range_years", "the range may be at most 20 years"),
    ("calendar.start", "start {reason}"),
    (
        "calendar.start_at_end_of_day",
        "an interval cannot start at 24:00: use 00:00 of the next day",
    ),
    (
        "calendar.time_zone",
        "'{zone}' is not a known IANA time zone: use a name such as {example}",
    ),
    (
        "calendar.too_far",
        "the calendar does not reach that many open seconds within 20 years",
    ),
    (
        "calendar.weekday",
        "'{key}' is not a weekday: use mon, tue, wed, thu, fri, sat or sun",
    ),
    ("catalog.answer_required", "{label} is required"),
    ("catalog.approval_twice", "'{approval}' is listed twice"),
    ("catalog.choose_option", "choose one of: {options}"),
    (
        "catalog.field_key",
        "use 1-40 lower-case letters a-z, digits or _ (e.g. software_name)",
    ),
    ("catalog.key_twice", "the key '{key}' is used twice"),
    ("catalog.must_tick", "{label} must be ticked"),
    (
        "catalog.no_group_named",
        "no competence group is named '{group}'",
    ),
    ("catalog.no_such_answer", "the form has no such field"),
    (
        "catalog.options_needed",
        "a select field needs at least one option",
    ),
    (
        "catalog.options_only_select",
        "only a select field has options",
    ),
    ("catalog.stage", "stages start at 1"),
    (
        "charging.explain.credit",
        "Penalty under the service-level agreement: {amount}",
    ),
    (
        "charging.explain.no_price",
        "No price for {code} in {year}: the line is charged 0.",
    ),
    (
        "charging.explain.request",
        "One-off price, fulfilled {date}: {amount}",
    ),
    (
        "charging.explain.subscription",
        "{quantity} × {price} a year ÷ 12 × {days}/{month_days} days = {amount}",
    ),
    (
        "charging.explain.subscription_rounded",
        "{quantity} × {price} a year ÷ 12 × {days}/{month_days} days = {amount} (rounded to the nearest öre)",
    ),
    (
        "charging.explain.work",
        "Worked {date}: {minutes} min × {rate} an hour ÷ 60 = {amount}",
    ),
    (
        "charging.explain.work_rounded",
        "Worked {date}: {minutes} min × {rate} an hour ÷ 60 = {amount} (rounded to the nearest öre)",
    ),
    (
        "charging.warning.capped",
        "The amount of {reference} is too large and was capped.",
    ),
    (
        "charging.warning.carried",
        "{code} has no price for {year}: the {from} price is used.",
    ),
    (
        "charging.warning.left_out",
        "{code} has no price for {year} or earlier: the line is left out.",
    ),
    (
        "charging.warning.negative",
        "The credit {reference} has a negative amount and counts as 0.",
    ),
    (
        "charging.warning.no_price",
        "{code} has no price for {year}: the line is charged 0.",
    ),
    (
        "charging.warning.no_rate",
        "No hourly rate is set for {year}: time is charged 0.",
    ),
    (
        "charging.warning.pending",
        "The budget counts an order awaiting confirmation: {change} {code} from {from}.",
    ),
    (
        "clock.misplaced_created",
        "event {index} is a creation: only the first event may be, and it must be",
    ),
    (
        "clock.no_events",
        "the ticket has no history: its first event must be its creation",
    ),
    (
        "clock.out_of_order",
        "event {index} is earlier than the event before it: give events in time order",
    ),
    (
        "conflict.agreement_no_targets",
        "the agreement has no {priority} targets",
    ),
    (
        "conflict.agreement_unreadable",
        "agreement '{name}' is stored in a shape this version cannot read",
    ),
    (
        "conflict.approval_not_now",
        "this approval is not the one asked now (decided already, or an earlier one waits)",
    ),
    (
        "conflict.calendar_gone",
        "the agreement refers to a calendar that no longer exists",
    ),
    (
        "conflict.calendar_in_use",
        "an agreement uses this calendar; change the agreement first",
    ),
    (
        "conflict.calendar_unreadable",
        "calendar '{name}' is stored in a shape this version cannot read",
    ),
    (
        "conflict.demo_not_empty",
        "the database already holds a federation; the demo loads only into an empty one",
    ),
    ("conflict.duplicate", "already exists ({what})"),
    ("conflict.group_gone", "group '{group}' no longer exists"),
    (
        "conflict.history_untimed",
        "the ticket's history cannot be timed: {reason}",
    ),
    (
        "conflict.item_unreadable",
        "catalog item {code} is unreadable",
    ),
    (
        "conflict.mail_contact_decided",
        "The sender has already been confirmed or rejected.",
    ),
    (
        "conflict.order_no_longer_fits",
        "the order no longer fits: {reason}",
    ),
    (
        "conflict.order_not_awaiting",
        "the order is {status}, not awaiting confirmation",
    ),
    (
        "conflict.order_not_withdrawable",
        "the order is {status}; only an order awaiting confirmation can be withdrawn",
    ),
    (
        "conflict.rating_given",
        "the ticket has already been rated; thank you for your answer",
    ),
    (
        "conflict.rating_not_asked",
        "this ticket is not part of the satisfaction survey",
    ),
    (
        "conflict.rating_not_resolved",
        "a ticket can be rated once it is resolved",
    ),
    (
        "conflict.stored_date",
        "a stored date is unreadable: '{text}'",
    ),
    (
        "conflict.survey_answered",
        "the survey has already been answered with this link; thank you",
    ),
    (
        "conflict.survey_no_questions",
        "add at least one question before opening the survey",
    ),
    (
        "conflict.survey_not_draft",
        "the survey has been opened; its questions can no longer change",
    ),
    (
        "conflict.survey_not_open",
        "the survey is not open for answers",
    ),
    ("conflict.task_not_open", "the task is {state}, not open"),
    (
        "conflict.ticket_cannot_change",
        "the ticket is {status} and cannot change",
    ),
    (
        "conflict.ticket_final",
        "the ticket is {status}; report a new ticket instead",
    ),
    ("csv.bool.false", "no"),
    ("csv.bool.true", "yes"),
    ("csv.clock.resolution", "Resolution"),
    ("csv.clock.response", "Response"),
    ("csv.column.accepted_at", "Accepted at"),
    (
        "csv.column.accepted_current",
        "Accepted the current version",
    ),
    ("csv.column.accepted_version", "Accepted version"),
    ("csv.column.active_days", "Active days"),
    ("csv.column.administration", "Administration"),
    ("csv.column.agreement", "Agreement"),
    ("csv.column.amount_ore", "Amount (SEK)"),
    ("csv.column.availability_percent", "Availability (%)"),
    ("csv.column.breached", "Breached"),
    ("csv.column.category", "Category"),
    ("csv.column.classification", "Information classification"),
    ("csv.column.compliance_percent", "Compliance (%)"),
    ("csv.column.contract_end", "Contract ends"),
    ("csv.column.counted", "Counted"),
    ("csv.column.description", "Description"),
    ("csv.column.disabled", "Disabled"),
    ("csv.column.done_on", "Done"),
    ("csv.column.down_seconds", "Down time (seconds)"),
    ("csv.column.due", "Due"),
    ("csv.column.entry", "Entry"),
    ("csv.column.items", "Items"),
    ("csv.column.kind", "Kind"),
    ("csv.column.lifecycle", "Lifecycle"),
    ("csv.column.location", "Location"),
    ("csv.column.manufacturer", "Manufacturer"),
    ("csv.column.median_seconds", "Median (seconds)"),
    ("csv.column.member", "Member"),
    ("csv.column.members_running", "Members running it"),
    ("csv.column.met", "Met"),
    ("csv.column.model", "Model"),
    ("csv.column.month", "Month"),
    ("csv.column.month_days", "Days in month"),
    ("csv.column.name", "Name"),
    ("csv.column.network", "Network"),
    ("csv.column.offering_code", "Offering code"),
    ("csv.column.offering_name", "Offering"),
    ("csv.column.on_standard", "On standard"),
    ("csv.column.open_seconds", "Open time (seconds)"),
    ("csv.column.overdue", "Overdue"),
    ("csv.column.owner", "Owner"),
    ("csv.column.p90_seconds", "90th percentile (seconds)"),
    ("csv.column.penalty_total_ore", "Penalties in total (SEK)"),
    ("csv.column.person", "Name"),
    ("csv.column.price_year", "Price year"),
    ("csv.column.priority", "Priority"),
    ("csv.column.product", "Product as reported"),
    ("csv.column.product_name", "Product"),
    ("csv.column.product_version", "Product version"),
    ("csv.column.products", "Distinct products"),
    ("csv.column.quantity", "Quantity"),
    ("csv.column.reference", "Reference"),
    ("csv.column.roles", "Roles"),
    ("csv.column.serial", "Serial number"),
    ("csv.column.service", "Service"),
    ("csv.column.service_code", "Service"),
    ("csv.column.share_percent", "Share on standard (%)"),
    ("csv.column.source", "Source"),
    ("csv.column.supplier", "Supplier"),
    ("csv.column.system_owner", "System owner"),
    ("csv.column.target", "Target"),
    ("csv.column.target_percent", "Target (%)"),
    ("csv.column.total_kind", "Clock"),
    ("csv.column.unit_price_ore", "Unit price (SEK)"),
    ("csv.column.username", "Username"),
    ("csv.column.users", "Users"),
    ("csv.column.version", "Version"),
    ("csv.column.window", "Window opens"),
    ("csv.column.year", "Year"),
    ("csv.kind.credit", "Credit"),
    ("csv.kind.request", "Request"),
    ("csv.kind.subscription", "Subscription"),
    ("csv.kind.total", "Total"),
    ("csv.kind.work", "Work"),
    ("delivery.cannot_store", "The delivery cannot be stored."),
    (
        "delivery.column_count",
        "The line has {found} fields but the header {expected}.",
    ),
    (
        "delivery.column_missing",
        "The column is missing but needed.",
    ),
    (
        "delivery.column_unknown",
        "Unknown column; the known columns are {known}.",
    ),
    ("delivery.csv", "The line cannot be read as CSV."),
    (
        "delivery.duplicate",
        "Already on an earlier line of the file.",
    ),
    ("delivery.empty", "The file holds no people."),
    ("delivery.header", "The first line must name the columns."),
    (
        "delivery.needs_confirmation",
        "{leavers} of {active} active people would leave, more than {share} %: an administrator must confirm the delivery.",
    ),
    (
        "delivery.no_personnummer_key",
        "The delivery holds personnummer but no personnummer key is configured (personnummer_key_file).",
    ),
    (
        "delivery.not_utf8",
        "The file is not UTF-8; save it as UTF-8 and send it again.",
    ),
    ("delivery.text_value", "Give the value as text."),
    ("escalation.clock", "use response or resolution"),
    (
        "escalation.group_needed",
        "say which group the ticket moves to",
    ),
    (
        "escalation.group_only_for_reassign",
        "only reassign_group takes a group",
    ),
    ("escalation.no_priority", "name at least one priority"),
    ("escalation.on", "use warning or breach"),
    ("field.at_most_chars", "at most {max} characters"),
    (
        "field.at_most_chars_must",
        "must be at most {max} characters",
    ),
    ("field.bad_year", "bad year"),
    ("field.boolean", "use true or false"),
    ("field.date", "use a date as YYYY-MM-DD"),
    ("field.email", "must be an e-mail address"),
    ("field.empty_lines", "leave out empty lines"),
    ("field.length", "must be {min}-{max} characters"),
    ("field.listed_twice", "{value} is listed twice"),
    (
        "field.missing_reference",
        "refers to something that does not exist",
    ),
    ("field.month", "use a month as YYYY-MM (e.g. 2027-03)"),
    ("field.not_a_date", "'{text}' is not a date YYYY-MM-DD"),
    ("field.not_before", "must not be before {other}"),
    ("field.not_negative", "must not be negative"),
    (
        "field.not_rfc3339",
        "'{value}' is not an RFC 3339 instant with an offset",
    ),
    ("field.one_of", "use one of {options}"),
    ("field.positive", "must be positive"),
    ("field.range", "must be {min}-{max}"),
    ("field.required", "must not be empty"),
    ("field.rfc3339", "must be an RFC 3339 time with an offset"),
    (
        "field.share_range",
        "must be 0-10000 (hundredths of a percent)",
    ),
    ("field.too_far_ahead", "too far ahead"),
    ("field.year", "use a year from 2000 to 2100"),
    ("filter.name", "give the filter a name of 1-60 characters"),
    (
        "forbidden.accounts_create",
        "only administrators create accounts",
    ),
    (
        "forbidden.accounts_disable",
        "only administrators disable and enable accounts",
    ),
    (
        "forbidden.accounts_edit",
        "only administrators change accounts",
    ),
    (
        "forbidden.accounts_list",
        "only administrators list accounts",
    ),
    (
        "forbidden.accounts_pages",
        "subscriptions, orders and invoices are for the member's orderers and strategists",
    ),
    (
        "forbidden.agent_keys",
        "Only managers and admins hand out keys for inventory agents.",
    ),
    (
        "forbidden.agreements",
        "only managers and administrators write agreements",
    ),
    (
        "forbidden.approval_other",
        "this approval is for someone else to decide",
    ),
    (
        "forbidden.calendars",
        "only managers and administrators maintain calendars",
    ),
    ("forbidden.callers", "finding callers is for staff"),
    (
        "forbidden.catalog_write",
        "only the federation's managers and administrators change the catalog",
    ),
    (
        "forbidden.csrf",
        "send the session's CSRF token in X-CSRF-Token",
    ),
    (
        "forbidden.escalations_read",
        "escalation rules are for service center staff",
    ),
    (
        "forbidden.escalations_write",
        "only managers and administrators write escalation rules",
    ),
    (
        "forbidden.federation_report",
        "the federation report is for service center staff; name your member",
    ),
    (
        "forbidden.federation_view",
        "Only the service center's staff see every member's systems side by side.",
    ),
    (
        "forbidden.import",
        "only managers and administrators import tickets",
    ),
    (
        "forbidden.internal_attachment",
        "only service center staff add internal attachments",
    ),
    (
        "forbidden.internal_note",
        "only service center staff write internal notes",
    ),
    (
        "forbidden.inventory_edit",
        "You may read this item but not change it: staff change every item, a member's IT strategist that member's own.",
    ),
    (
        "forbidden.inventory_read",
        "Your role does not read the inventory; IT strategists, orderers and the service center's staff do.",
    ),
    ("forbidden.lead_board", "the lead board is for staff"),
    (
        "forbidden.mail_contact",
        "Only the service desk's staff confirm or reject senders.",
    ),
    (
        "forbidden.not_requester",
        "only the requester may cancel or reopen this ticket",
    ),
    (
        "forbidden.order_confirm",
        "large orders are confirmed by the federation manager (förbundschef)",
    ),
    (
        "forbidden.order_place",
        "only the member's orderer (beställare) orders or ends services",
    ),
    (
        "forbidden.order_withdraw",
        "only the member's orderer withdraws its orders",
    ),
    (
        "forbidden.orders_member",
        "name your member to list its orders",
    ),
    (
        "forbidden.outages",
        "only service center staff record outages",
    ),
    (
        "forbidden.own_step",
        "no one decides a step of their own request or order (separation of duties)",
    ),
    (
        "forbidden.personnummer",
        "Only administrators can see whole personnummer.",
    ),
    (
        "forbidden.proposal_raise",
        "You can only raise proposals for a member where you are an orderer or IT strategist.",
    ),
    ("forbidden.queues", "the queues are for staff"),
    (
        "forbidden.rating_not_requester",
        "only the ticket's requester may rate it",
    ),
    (
        "forbidden.registers_read",
        "the registers are managed by managers and administrators",
    ),
    (
        "forbidden.registers_write",
        "only managers and administrators maintain the registers",
    ),
    (
        "forbidden.reports",
        "reports are for the member's orderers and strategists",
    ),
    (
        "forbidden.request_no_person",
        "requests are made by a person; this account has none",
    ),
    (
        "forbidden.requester_change",
        "requesters may only cancel or reopen a ticket",
    ),
    (
        "forbidden.routing_rules",
        "routing rules are for service center staff",
    ),
    (
        "forbidden.satisfaction",
        "satisfaction results are for the service center's staff and the member's orderers and strategists",
    ),
    (
        "forbidden.satisfaction_settings",
        "only administrators change the satisfaction sample",
    ),
    (
        "forbidden.satisfaction_technicians",
        "results per technician are for managers, administrators and group leads (their own groups)",
    ),
    (
        "forbidden.saved_filters",
        "saved filters are for service center staff",
    ),
    (
        "forbidden.scim_tokens",
        "only an administrator manages a member's SCIM tokens",
    ),
    (
        "forbidden.standard",
        "Only managers and admins record the common standard.",
    ),
    (
        "forbidden.steering",
        "Steering is read by the federation's staff, the members' orderers and IT strategists and the forums' seat holders.",
    ),
    (
        "forbidden.steering_manage",
        "Only the federation manager and administrators set up goals, forums and decisions.",
    ),
    (
        "forbidden.surveys",
        "surveys are run by administrators and the member's orderers and strategists",
    ),
    (
        "forbidden.tasks_do",
        "fulfilment tasks are done by service center staff",
    ),
    (
        "forbidden.tasks_read",
        "fulfilment tasks are for service center staff",
    ),
    (
        "forbidden.ticket_items",
        "Only the service center's staff link tickets to configuration items.",
    ),
    (
        "forbidden.time_log",
        "time is logged by service center staff",
    ),
    (
        "forbidden.tokens_all",
        "only administrators list every account's tokens",
    ),
    (
        "forbidden.user_agreement_acceptances",
        "the acceptances of the user agreement are read by the federation's managers and administrators and by the member's own orderers and strategists",
    ),
    (
        "forbidden.user_agreement_publish",
        "only administrators publish user agreements",
    ),
    (
        "forbidden.user_agreements",
        "the overview of the user agreements is for the federation's managers and administrators",
    ),
    (
        "forum.bad_quorum",
        "The quorum must be 0–10000 hundredths of a percent, not {value}.",
    ),
    (
        "forum.member_not_allowed",
        "Only a service-level meeting belongs to one member; leave the member out.",
    ),
    (
        "forum.member_required",
        "A service-level meeting is held with one member; name it.",
    ),
    (
        "forum.no_such_account",
        "There is no account named {value}.",
    ),
    ("forum.not_a_seat", "{value} is not a seat in the forum."),
    (
        "forum.unknown_kind",
        "Unknown kind of forum: {value}. Use board, orderers_council, development_forum or service_level_meeting.",
    ),
    (
        "forum.unknown_majority",
        "Unknown majority rule: {value}. Use simple, qualified or unanimous.",
    ),
    (
        "forum.unknown_seat_role",
        "Unknown role: {value}. Use chair, member or secretary.",
    ),
    ("group.unknown", "no such group"),
    ("history.from_to", "{from} → {to}"),
    ("history.name", "{name}"),
    ("history.none", "(none)"),
    ("history.removed", "(removed)"),
    ("history.request.approved", "Approved ({approval})"),
    (
        "history.request.fulfilled_at_once",
        "Fulfilled: nothing to approve or do",
    ),
    (
        "history.request.fulfilment_starts",
        "Nothing to approve: fulfilment starts",
    ),
    ("history.request.rejected", "Rejected ({approval})"),
    ("history.request.task_done", "Task done: {task}"),
    ("history.word", "{word}"),
    ("http.if_match", "send the ETag you read, e.g. \"3\", or *"),
    ("import.comment_body", "a comment needs a body"),
    ("import.empty", "no tickets to import"),
    (
        "import.event_type",
        "unknown event type '{value}': use created (first), comment, status or priority",
    ),
    ("import.events_order", "events must be in time order"),
    ("import.first_created", "the first event must be 'created'"),
    (
        "import.json_array",
        "expected a JSON array of tickets: {detail}",
    ),
    (
        "import.no_person",
        "no person with e-mail '{email}' in {member}",
    ),
    ("import.not_utf8", "is not valid UTF-8"),
    ("import.priority_to", "a priority event needs 'to'"),
    ("import.status_to", "a status event needs 'to'"),
    ("input.json", "{detail}"),
    (
        "inventory.agent_unreadable",
        "The agent's request cannot be read: {detail}",
    ),
    (
        "inventory.agents_off",
        "This server does not accept inventory agents.",
    ),
    (
        "inventory.application_fields_only",
        "Supplier, contract, classification, users and the management roles belong to business systems only.",
    ),
    ("inventory.csv", "{detail}"),
    (
        "inventory.item_of_other_member",
        "The item is neither the ticket's member's nor a federation item serving it.",
    ),
    ("inventory.kind.business_system", "Business system"),
    ("inventory.kind.client", "Client computer"),
    ("inventory.kind.database", "Database"),
    ("inventory.kind.firewall", "Firewall"),
    ("inventory.kind.mail_system", "Mail system"),
    ("inventory.kind.network_device", "Network device"),
    ("inventory.kind.other", "Other"),
    ("inventory.kind.printer", "Printer"),
    ("inventory.kind.server", "Server"),
    ("inventory.kind.storage", "Storage"),
    ("inventory.lifecycle.in_use", "In use"),
    ("inventory.lifecycle.planned", "Planned"),
    ("inventory.lifecycle.retired", "Retired"),
    ("inventory.lifecycle.retiring", "Being retired"),
    ("inventory.network.administrative", "Administrative"),
    ("inventory.network.pedagogical", "Pedagogical"),
    (
        "inventory.no_administration",
        "No administration named {name} in the owner's member.",
    ),
    (
        "inventory.no_item",
        "No item named {name} (in the file, the owner's or the federation's).",
    ),
    ("inventory.no_service", "No service with the code {code}."),
    (
        "inventory.no_service_affected",
        "Its failure reaches no service: relate the item or what runs on it to a service first.",
    ),
    ("inventory.not_a_count", "'{text}' is not a whole number."),
    ("inventory.relation.depends_on", "Depends on"),
    ("inventory.relation.part_of_service", "Part of service"),
    ("inventory.relation.runs_on", "Runs on"),
    ("inventory.relation.used_by", "Used by"),
    (
        "inventory.serves_federation_only",
        "Only a federation item serves members; a member's item is its own.",
    ),
    ("inventory.source.agent", "Inventory agent"),
    ("inventory.source.csv", "Imported"),
    ("inventory.source.manual", "Entered"),
    (
        "inventory.too_many_lines",
        "At most {max} lines in one import.",
    ),
    (
        "inventory.unknown_area",
        "Unknown area: {value}; use platform or application.",
    ),
    ("inventory.unknown_category", "Unknown category: {value}."),
    ("inventory.unknown_column", "Unknown column: {value}."),
    (
        "inventory.unknown_kind",
        "Unknown kind: {value}; use client, server, network_device, printer, storage, database, firewall, mail_system, business_system or other.",
    ),
    (
        "inventory.unknown_lifecycle",
        "Unknown lifecycle state: {value}; use planned, in_use, retiring or retired.",
    ),
    (
        "inventory.unknown_network",
        "Unknown network: {value}; use administrative or pedagogical.",
    ),
    (
        "inventory.unknown_relation",
        "Unknown relation: {value}; use runs_on, depends_on, part_of_service or used_by.",
    ),
    (
        "item.code",
        "use 1-32 capital letters, digits, - or _ (e.g. SW-INSTALL)",
    ),
    (
        "item.not_offered",
        "no catalog item '{item}' is offered to this member",
    ),
    ("item.price_range", "use 0 to 100 000 000 kr (in öre)"),
    ("kpi.bad_target", "Give a number."),
    (
        "kpi.computed_not_entered",
        "This KPI is computed by samdrift; only entered KPIs take values by hand.",
    ),
    (
        "kpi.unknown_direction",
        "Unknown direction: {value}. Use higher_is_better or lower_is_better.",
    ),
    ("kpi.unknown_measure", "Unknown measure: {value}."),
    ("level.range", "must be 1 (high), 2 or 3 (low), not {value}"),
    (
        "mail.outbox_state",
        "The outbox can be shown for queued, sending, sent or failed.",
    ),
    ("mail.template_error", "Line {line}: {reason}"),
    (
        "mail.template_event",
        "There is no such event to write a text for.",
    ),
    (
        "mail.template_language",
        "A text can be written in sv or en.",
    ),
    (
        "member.code",
        "member code '{code}' must be 2-5 capital letters A-Z, e.g. YST",
    ),
    ("member.no_code", "no member with code '{code}'"),
    (
        "member.organisation_number_check",
        "organisation number '{value}' has a wrong check digit",
    ),
    (
        "member.organisation_number_shape",
        "organisation number '{value}' must look like 212000-1124",
    ),
    (
        "notification.agreement_expiring",
        "The agreement {name} is valid through {ends}",
    ),
    (
        "notification.approval_waiting",
        "{ticket} {title} from {by} waits for your approval",
    ),
    (
        "notification.channel_unknown",
        "{channel} is not a way to get notifications; choose product, immediate or digest.",
    ),
    ("notification.clock.resolution", "resolution"),
    ("notification.clock.response", "response"),
    (
        "notification.group_assigned",
        "{ticket} {title} came to your group ({by})",
    ),
    (
        "notification.order_confirmed",
        "The order of {offering} ({quantity}) for {member} was confirmed by {by}",
    ),
    (
        "notification.order_rejected",
        "The order of {offering} ({quantity}) for {member} was rejected by {by}",
    ),
    (
        "notification.order_waiting",
        "An order of {offering} ({quantity}) for {member} from {by} waits for your decision",
    ),
    (
        "notification.sla_breach",
        "{ticket}: the {clock} clock has passed its target ({elapsed} s of {target} s)",
    ),
    (
        "notification.sla_warning",
        "{ticket}: the {clock} clock is close to its target ({elapsed} s of {target} s)",
    ),
    ("notification.status_outage", "Outage of {service}: {text}"),
    (
        "notification.status_planned",
        "Planned maintenance of {service}: {text}",
    ),
    (
        "notification.task_waiting",
        "The task {task} of {ticket} {title} waits for your group",
    ),
    ("notification.text", "{text}"),
    (
        "notification.ticket_assigned",
        "{ticket} {title} was assigned to you by {by}",
    ),
    (
        "notification.ticket_comment",
        "{by} commented on {ticket} {title}",
    ),
    (
        "notification.ticket_resolved",
        "{ticket} {title} was resolved ({by})",
    ),
    (
        "notification.ticket_waiting",
        "{ticket} {title} is waiting for your answer ({by})",
    ),
    (
        "notification.token_expiring",
        "The API token {name} expires {ends}",
    ),
    (
        "offering.code",
        "use 1-32 capital letters, digits, - or _ (e.g. WP-ADM)",
    ),
    ("offering.invalid", "invalid offering"),
    ("offering.no_code", "no offering '{code}'"),
    ("offering.price_range", "use 0 to 1 000 000 000 kr (in öre)"),
    (
        "order.backwards",
        "an order applies from today or later, never backwards",
    ),
    (
        "order.below_zero",
        "that would take the quantity below zero: {quantity} subscribed from {from}",
    ),
    (
        "order.hold.alone",
        "Waits for the federation manager's confirmation: the order changes the yearly cost by {total}, which reaches the threshold of {threshold}.",
    ),
    (
        "order.hold.combined",
        "Waits for the federation manager's confirmation: together with {others} orders of the last {days} days the yearly cost changes by {total}, which reaches the threshold of {threshold}.",
    ),
    (
        "order.hold.combined_one",
        "Waits for the federation manager's confirmation: together with one order of the last {days} days the yearly cost changes by {total}, which reaches the threshold of {threshold}.",
    ),
    ("order.inactive", "this offering is no longer offered"),
    ("order.invalid", "invalid order"),
    (
        "order.no_change",
        "the quantity must change (use a positive number to add, a negative one to reduce)",
    ),
    (
        "order.nothing_to_reduce",
        "nothing is subscribed from that day to reduce or end",
    ),
    (
        "order.reason_needed",
        "say why the order is rejected; the orderer reads it",
    ),
    (
        "order.status",
        "use awaiting_confirmation, applied, rejected or cancelled",
    ),
    ("order.too_many", "at most 1 000 000 units in one order"),
    (
        "order.zero_change",
        "use a positive number to add, a negative one to reduce",
    ),
    (
        "outage.ended_after_start",
        "must be after the outage started",
    ),
    ("outage.ends_after_start", "must be after starts_at"),
    ("outage.message_needed", "say what users will notice"),
    ("outage.no_member", "name at least one affected member"),
    (
        "penalty.at_most_all",
        "must be at most 10000 basis points (100 %)",
    ),
    (
        "penalty.compliance_share",
        "{clock} {priorities}: {met} of {counted} met = {compliance} (rounded down), below {threshold}: {points} started points × {per_point} = {raw} (cap {cap}): {share} of the monthly fee {fee} = {amount} (rounded down)",
    ),
    ("penalty.no_priority", "list at least one priority (P1-P4)"),
    ("penalty.none", "no penalty"),
    (
        "penalty.per_breach",
        "{clock} {priorities}: {counted} counted, {breached} breached: {fined} fined in the month × {each} = {amount}",
    ),
    (
        "penalty.per_breach_earlier",
        "{clock} {priorities}: {counted} counted, {breached} breached ({earlier} of them in an earlier month, fined in that month): {fined} fined in the month × {each} = {amount}",
    ),
    ("person.language", "use sv or en"),
    ("person.not_in_member", "no such person in this member"),
    ("person.own_manager", "a person cannot be their own manager"),
    ("person.unknown", "no such person"),
    (
        "personnummer.cannot_open",
        "The personnummer cannot be opened with the configured key.",
    ),
    (
        "personnummer.check_digit",
        "The personnummer's check digit is wrong.",
    ),
    (
        "personnummer.date",
        "The personnummer's date does not exist.",
    ),
    (
        "personnummer.format",
        "Write the personnummer as YYYYMMDD-NNNN, YYYYMMDDNNNN or YYMMDD-NNNN.",
    ),
    ("priority.bad", "use P1, P2, P3 or P4"),
    (
        "priority.unknown",
        "unknown priority '{value}': use P1, P2, P3 or P4",
    ),
    (
        "proposal.cannot_move",
        "A proposal that is {from} cannot become {to}.",
    ),
    (
        "proposal.member_required",
        "Name the member the proposal comes from.",
    ),
    (
        "proposal.unknown_kind",
        "Unknown kind of proposal: {value}. Use improvement or change_request.",
    ),
    ("proposal.unknown_state", "Unknown state: {value}."),
    (
        "query.clock_state",
        "unknown clock state '{value}': use running, paused, met or breached",
    ),
    ("query.cursor", "not a cursor from a previous page"),
    (
        "query.instant",
        "must be an RFC 3339 instant, e.g. 2027-03-01T00:00:00+01:00",
    ),
    (
        "query.sort",
        "use created, -created, updated, -updated or due",
    ),
    ("rate.range", "use 0 to 100 000 kr per hour (in öre)"),
    (
        "report.cannot_place_date",
        "cannot place that date in Europe/Stockholm",
    ),
    ("report.no_pdf", "This server makes no PDFs."),
    (
        "report.pdf_failed",
        "The PDF could not be made. Try again in a while.",
    ),
    ("report.three_years", "a report covers at most three years"),
    (
        "report.to_after_from",
        "must be after from (the period is [from, to))",
    ),
    ("request.decision", "use approve or reject"),
    (
        "request.member_needed",
        "say which member the request is for (member code)",
    ),
    (
        "request.own_member",
        "you can only make requests in your own member",
    ),
    (
        "request.reason_needed",
        "say why the request is rejected; the requester reads it",
    ),
    ("role.member_needed", "a member role needs a member code"),
    (
        "role.member_not_staff",
        "'{value}' is a member role, not a staff role",
    ),
    (
        "role.member_only",
        "only member roles are granted per member",
    ),
    (
        "role.staff_not_member",
        "'{value}' is a staff role, not a member role",
    ),
    (
        "role.unknown",
        "unknown role '{value}': use end_user, orderer, strategist, agent, technician, group_lead, manager or admin",
    ),
    (
        "rule.not_specific",
        "Give at least one condition: source, title, administration or school.",
    ),
    (
        "service.circle",
        "that would make the dependencies go round in a circle",
    ),
    (
        "service.code",
        "use 1-32 capital letters, digits, - or _ (e.g. EMAIL)",
    ),
    (
        "service.depends_on_itself",
        "a service cannot depend on itself",
    ),
    ("service.level", "use business, it or infrastructure"),
    ("service.no_code", "no service '{code}'"),
    ("service.no_code_with", "no service with code '{code}'"),
    ("service.unknown", "no such service"),
    ("staff.no_account", "no staff account with that username"),
    ("staff.no_account_id", "no staff account with that id"),
    (
        "staff.username",
        "use 2-64 letters a-z, digits, '.', '_', '-' or '@'",
    ),
    (
        "standard.decision_not_adopted",
        "{number} is not a decision the board adopted.",
    ),
    (
        "standard.decision_required",
        "Name the board's decision that sets this standard (e.g. B-2027-004).",
    ),
    ("standard.no_decision", "There is no decision {number}."),
    ("standard.no_entry", "No such entry in the standard."),
    (
        "standard.other_category",
        "The standard entry is of another category than the item.",
    ),
    ("supplier.unknown", "no such supplier"),
    ("text.nul", "must not contain the NUL character (U+0000)"),
    (
        "ticket.final",
        "a {status} ticket cannot change status any more",
    ),
    ("ticket.invalid", "invalid ticket"),
    (
        "ticket.member_needed",
        "say which member the ticket is for (member code)",
    ),
    (
        "ticket.not_allowed",
        "a ticket cannot go from {from} to {to}",
    ),
    (
        "ticket.own_administration",
        "Your own ticket is charged to your own administration; only the service desk chooses another.",
    ),
    (
        "ticket.priority_reason",
        "say why the priority is set by hand",
    ),
    (
        "ticket.priority_staff_only",
        "only service center staff set the priority",
    ),
    (
        "ticket.reopen_passed",
        "the reopen period has passed: contact the service desk for a new ticket",
    ),
    (
        "ticket.requester_may_not",
        "a requester may only cancel a new ticket or reopen a resolved one",
    ),
    (
        "ticket.resolution_needed",
        "say how the ticket was resolved",
    ),
    (
        "ticket.resolution_only_when_resolving",
        "a resolution is given when resolving (status resolved)",
    ),
    (
        "ticket.supplier_needed",
        "say which supplier the ticket is forwarded to",
    ),
    ("ticket.unchanged", "the ticket is already {status}"),
    (
        "ticket.unknown_status",
        "unknown status '{value}': use one of new, assigned, in_progress, waiting_for_customer, waiting_for_supplier, resolved, closed, cancelled",
    ),
    (
        "ticket.unknown_type",
        "unknown ticket type '{value}': use incident or request",
    ),
    (
        "token.days",
        "must be a whole number of days from 1 to {max}",
    ),
    (
        "token.name",
        "must be at most {max} characters, without control characters",
    ),
    (
        "unit.unknown",
        "unknown unit '{value}': use workstation, user, mailbox, server, month or fixed_year",
    ),
    (
        "user_agreement.control_characters",
        "the text may hold line breaks and tabs but no other control characters",
    ),
    (
        "user_agreement.not_current",
        "version {version} is no longer current; read and accept version {current}",
    ),
    (
        "user_agreement.published_meanwhile",
        "someone published another version (now version {current}) since you read it; read it and publish again if your text is to apply",
    ),
    (
        "user_agreement.required",
        "accept the user agreement first: read GET /api/v1/user-agreements/pending and accept each",
    ),
    (
        "vote.already_cast",
        "The seat {seat} has already voted in this decision.",
    ),
    (
        "vote.decision_closed",
        "Decision {number} is closed; votes are no longer taken.",
    ),
    (
        "vote.explain",
        "Yes {yes}, no {no}, abstaining {abstain} of the voting weight; by {majority}: {outcome}.",
    ),
    (
        "vote.explain_no_quorum",
        "No quorum: {present} of the voting weight took part, at least {quorum} is needed.",
    ),
    (
        "vote.not_a_seat_holder",
        "You hold no voting seat in this forum.",
    ),
    (
        "vote.unknown_choice",
        "Vote yes, no or abstain, not {value}.",
    ),
    ("work.ahead", "work cannot be logged ahead of time"),
    ("work.minutes", "use 1 to 1440 minutes (one day)"),
];
