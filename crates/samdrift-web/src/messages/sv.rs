//! The messages' texts in Swedish: the default language of the pages.
//! One entry per code; `{name}` is an argument of the message.

pub const TEXTS: &[(&str, &str)] = &[
    (
        "account.demote_self",
        "Du kan inte ta bort din egen administratörsroll; be en annan administratör.",
    ),
    (
        "account.disable_self",
        "Du kan inte stänga av ditt eget konto; be en annan administratör.",
    ),
    (
        "administration.not_in_member",
        "Förvaltningen hör inte till den valda medlemmen.",
    ),
    (
        "agreement.availability_calendar",
        "Ett tillgänglighetsmål behöver sin kalender, och bara då.",
    ),
    ("agreement.availability_range", "Högst 10 000 (100 %)."),
    ("agreement.cannot_store", "Avtalet går inte att spara."),
    ("agreement.default_entry", "alla övriga tjänster"),
    (
        "agreement.default_twice",
        "Bara en standardrad (utan tjänst).",
    ),
    ("agreement.no_entry", "Ett avtal behöver minst en rad."),
    ("agreement.service_twice", "Tjänsten {code} har två rader."),
    ("agreement.targets", "Var och en av P1–P4 behöver mål."),
    (
        "attachment.content_mismatch",
        "Filens innehåll är inte {content_type}.",
    ),
    ("attachment.empty", "Filen är tom."),
    ("attachment.filename", "Ge filen ett namn."),
    ("attachment.too_large", "Filen är större än {mb} MB."),
    (
        "attachment.type_refused",
        "Filtypen {content_type} tas inte emot; skicka PDF, PNG, JPEG, GIF, ZIP, Office-dokument, text eller CSV.",
    ),
    (
        "auth.cannot_hash",
        "Lösenordet går inte att använda; välj ett annat.",
    ),
    (
        "auth.current_password",
        "Det är inte ditt nuvarande lösenord.",
    ),
    (
        "auth.password_common",
        "Lösenordet är ett av de vanligaste lösenorden, eller nästan; välj ett annat.",
    ),
    (
        "auth.password_guessable",
        "Lösenordet är lätt att gissa (upprepningar, följder, datum, namn, ett enstaka ord eller användarnamnet); välj en längre fras av ovanliga ord.",
    ),
    (
        "auth.password_length",
        "Lösenordet måste ha minst {min} tecken.",
    ),
    (
        "auth.password_too_long",
        "Lösenordet får vara högst {max} byte.",
    ),
    (
        "auth.username_control",
        "Användarnamnet får inte innehålla styrtecken.",
    ),
    (
        "auth.username_too_long",
        "Användarnamnet får vara högst {max} byte.",
    ),
    (
        "calendar.bad_date",
        "{text} är inget datum: skriv ÅÅÅÅ-MM-DD, t.ex. 2027-05-07.",
    ),
    (
        "calendar.bad_time",
        "{text} är ingen tid: skriv TT:MM, från 00:00 till 24:00.",
    ),
    ("calendar.cannot_store", "Kalendern går inte att spara."),
    (
        "calendar.country",
        "{country} stöds inte: använd \"SE\" (Sverige) eller null för inga helgdagar.",
    ),
    (
        "calendar.date_twice",
        "{date} finns redan i undantag {first}: ange varje datum en gång.",
    ),
    ("calendar.end", "Slutet: {reason}"),
    (
        "calendar.end_before_start",
        "Slutet {end} måste komma efter början {start}.",
    ),
    ("calendar.name", "Ge kalendern ett namn."),
    (
        "calendar.never_open",
        "Kalendern är aldrig öppen: ange öppettider för minst en veckodag.",
    ),
    ("calendar.no_id", "Kalendern finns inte ({id})."),
    (
        "calendar.overlap",
        "{start}–{end} överlappar eller kommer före föregående intervall: ange intervallen i ordning, utan överlapp.",
    ),
    (
        "calendar.pair",
        "Ett intervall är ett par [\"TT:MM\", \"TT:MM\"]: början och slut.",
    ),
    ("calendar.range_years", "Perioden får vara högst 20 år."),
    ("calendar.start", "Början: {reason}"),
    (
        "calendar.start_at_end_of_day",
        "Ett intervall kan inte börja 24:00: använd 00:00 nästa dag.",
    ),
    (
        "calendar.time_zone",
        "{zone} är ingen känd IANA-tidszon: använd ett namn som {example}.",
    ),
    (
        "calendar.too_far",
        "Kalendern når inte så många öppna sekunder inom 20 år.",
    ),
    (
        "calendar.weekday",
        "{key} är ingen veckodag: använd mon, tue, wed, thu, fri, sat eller sun.",
    ),
    ("catalog.answer_required", "{label} måste fyllas i."),
    ("catalog.approval_twice", "{approval} står två gånger."),
    ("catalog.choose_option", "Välj ett av: {options}."),
    (
        "catalog.field_key",
        "Nyckeln ska vara 1–40 små bokstäver a–z, siffror eller _, t.ex. programvara.",
    ),
    ("catalog.key_twice", "Nyckeln {key} används två gånger."),
    ("catalog.must_tick", "{label} måste kryssas i."),
    (
        "catalog.no_group_named",
        "Det finns ingen kompetensgrupp som heter {group}.",
    ),
    (
        "catalog.no_such_answer",
        "Formuläret har inget sådant fält.",
    ),
    (
        "catalog.options_needed",
        "Ett valfält behöver minst ett alternativ.",
    ),
    (
        "catalog.options_only_select",
        "Bara ett valfält (select) har alternativ.",
    ),
    ("catalog.stage", "Stegen börjar på 1."),
    (
        "charging.explain.credit",
        "Vite enligt servicenivåavtalet: {amount}",
    ),
    (
        "charging.explain.no_price",
        "{code} har inget pris för {year}: raden debiteras 0 kr.",
    ),
    (
        "charging.explain.request",
        "Engångspris, levererad {date}: {amount}",
    ),
    (
        "charging.explain.subscription",
        "{quantity} × {price} per år ÷ 12 × {days}/{month_days} dagar = {amount}",
    ),
    (
        "charging.explain.subscription_rounded",
        "{quantity} × {price} per år ÷ 12 × {days}/{month_days} dagar = {amount} (avrundat till närmaste öre)",
    ),
    (
        "charging.explain.work",
        "Arbetat {date}: {minutes} min × {rate} per timme ÷ 60 = {amount}",
    ),
    (
        "charging.explain.work_rounded",
        "Arbetat {date}: {minutes} min × {rate} per timme ÷ 60 = {amount} (avrundat till närmaste öre)",
    ),
    (
        "charging.warning.capped",
        "Beloppet för {reference} är för stort och har begränsats.",
    ),
    (
        "charging.warning.carried",
        "{code} har inget pris för {year}: priset för {from} används.",
    ),
    (
        "charging.warning.left_out",
        "{code} har inget pris för {year} eller tidigare: raden är inte med.",
    ),
    (
        "charging.warning.negative",
        "Avdraget {reference} har ett negativt belopp och räknas som 0.",
    ),
    (
        "charging.warning.no_price",
        "{code} har inget pris för {year}: raden debiteras 0 kr.",
    ),
    (
        "charging.warning.no_rate",
        "Inget timpris är satt för {year}: tiden debiteras 0 kr.",
    ),
    (
        "charging.warning.pending",
        "Budgeten räknar med en beställning som väntar på bekräftelse: {change} {code} från {from}.",
    ),
    (
        "clock.misplaced_created",
        "Händelse {index} är ett skapande: bara den första händelsen får vara det, och den måste vara det.",
    ),
    (
        "clock.no_events",
        "Ärendet har ingen historik: den första händelsen måste vara att det skapades.",
    ),
    (
        "clock.out_of_order",
        "Händelse {index} är tidigare än händelsen före: ange händelserna i tidsordning.",
    ),
    (
        "conflict.agreement_no_targets",
        "Avtalet har inga mål för {priority}.",
    ),
    (
        "conflict.agreement_unreadable",
        "Avtalet {name} är sparat i en form som den här versionen inte kan läsa.",
    ),
    (
        "conflict.approval_not_now",
        "Det här godkännandet är inte det som efterfrågas nu (det är redan avgjort, eller så väntar ett tidigare).",
    ),
    (
        "conflict.calendar_gone",
        "Avtalet hänvisar till en kalender som inte längre finns.",
    ),
    (
        "conflict.calendar_in_use",
        "Ett avtal använder kalendern; ändra avtalet först.",
    ),
    (
        "conflict.calendar_unreadable",
        "Kalendern {name} är sparad i en form som den här versionen inte kan läsa.",
    ),
    (
        "conflict.demo_not_empty",
        "Databasen innehåller redan ett kommunalförbund; demon läses bara in i en tom databas.",
    ),
    (
        "conflict.duplicate",
        "Det finns redan en post med samma värde ({what}).",
    ),
    ("conflict.group_gone", "Gruppen {group} finns inte längre."),
    (
        "conflict.history_untimed",
        "Ärendets historik går inte att tidsberäkna: {reason}",
    ),
    (
        "conflict.item_unreadable",
        "Katalogartikeln {code} går inte att läsa.",
    ),
    (
        "conflict.mail_contact_decided",
        "Avsändaren är redan bekräftad eller avvisad.",
    ),
    (
        "conflict.order_no_longer_fits",
        "Beställningen passar inte längre: {reason}",
    ),
    (
        "conflict.order_not_awaiting",
        "Beställningen väntar inte på bekräftelse ({status}).",
    ),
    (
        "conflict.order_not_withdrawable",
        "Beställningen kan inte dras tillbaka ({status}); bara en beställning som väntar på bekräftelse kan det.",
    ),
    (
        "conflict.rating_given",
        "Ärendet är redan betygsatt; tack för ditt svar.",
    ),
    (
        "conflict.rating_not_asked",
        "Det här ärendet ingår inte i nöjdhetsmätningen.",
    ),
    (
        "conflict.rating_not_resolved",
        "Ärendet kan betygsättas först när det är löst.",
    ),
    (
        "conflict.stored_date",
        "Ett sparat datum går inte att läsa: {text}",
    ),
    (
        "conflict.survey_answered",
        "Enkäten är redan besvarad med den här länken; tack för ditt svar.",
    ),
    (
        "conflict.survey_no_questions",
        "Lägg till minst en fråga innan enkäten öppnas.",
    ),
    (
        "conflict.survey_not_draft",
        "Enkäten är redan öppnad; frågorna kan inte längre ändras.",
    ),
    (
        "conflict.survey_not_open",
        "Enkäten är inte öppen för svar.",
    ),
    (
        "conflict.task_not_open",
        "Uppgiften är inte öppen ({state}).",
    ),
    (
        "conflict.ticket_cannot_change",
        "Ärendet har status {status} och kan inte ändras.",
    ),
    (
        "conflict.ticket_final",
        "Ärendet har status {status}; anmäl ett nytt ärende i stället.",
    ),
    ("csv.bool.false", "nej"),
    ("csv.bool.true", "ja"),
    ("csv.clock.resolution", "Lösningstid"),
    ("csv.clock.response", "Svarstid"),
    ("csv.column.accepted_at", "Godkänt"),
    (
        "csv.column.accepted_current",
        "Har godkänt gällande version",
    ),
    ("csv.column.accepted_version", "Godkänd version"),
    ("csv.column.active_days", "Aktiva dagar"),
    ("csv.column.administration", "Förvaltning"),
    ("csv.column.agreement", "Avtal"),
    ("csv.column.amount_ore", "Belopp (kr)"),
    ("csv.column.availability_percent", "Tillgänglighet (%)"),
    ("csv.column.breached", "Överskridna"),
    ("csv.column.category", "Kategori"),
    ("csv.column.classification", "Informationsklassning"),
    ("csv.column.compliance_percent", "Måluppfyllelse (%)"),
    ("csv.column.contract_end", "Avtalet löper ut"),
    ("csv.column.counted", "Räknade"),
    ("csv.column.description", "Beskrivning"),
    ("csv.column.disabled", "Avstängt"),
    ("csv.column.done_on", "Klart"),
    ("csv.column.down_seconds", "Avbrottstid (sekunder)"),
    ("csv.column.due", "Klart senast"),
    ("csv.column.entry", "Avtalsrad"),
    ("csv.column.items", "Objekt"),
    ("csv.column.kind", "Typ"),
    ("csv.column.lifecycle", "Livscykel"),
    ("csv.column.location", "Plats"),
    ("csv.column.manufacturer", "Tillverkare"),
    ("csv.column.median_seconds", "Median (sekunder)"),
    ("csv.column.member", "Medlem"),
    ("csv.column.members_running", "Medlemmar som kör den"),
    ("csv.column.met", "Uppfyllda"),
    ("csv.column.model", "Modell"),
    ("csv.column.month", "Månad"),
    ("csv.column.month_days", "Dagar i månaden"),
    ("csv.column.name", "Namn"),
    ("csv.column.network", "Nät"),
    ("csv.column.offering_code", "Tjänstekod"),
    ("csv.column.offering_name", "Tjänsteutbud"),
    ("csv.column.on_standard", "Enligt standard"),
    ("csv.column.open_seconds", "Öppettid (sekunder)"),
    ("csv.column.overdue", "Försenad"),
    ("csv.column.owner", "Ägare"),
    ("csv.column.p90_seconds", "90:e percentilen (sekunder)"),
    ("csv.column.penalty_total_ore", "Viten totalt (kr)"),
    ("csv.column.person", "Namn"),
    ("csv.column.price_year", "Prisår"),
    ("csv.column.priority", "Prioritet"),
    ("csv.column.product", "Produkt enligt källan"),
    ("csv.column.product_name", "Produkt"),
    ("csv.column.product_version", "Produktversion"),
    ("csv.column.products", "Olika produkter"),
    ("csv.column.quantity", "Antal"),
    ("csv.column.reference", "Referens"),
    ("csv.column.roles", "Roller"),
    ("csv.column.serial", "Serienummer"),
    ("csv.column.service", "Tjänst"),
    ("csv.column.service_code", "Tjänst"),
    ("csv.column.share_percent", "Andel enligt standard (%)"),
    ("csv.column.source", "Källa"),
    ("csv.column.supplier", "Leverantör"),
    ("csv.column.system_owner", "Systemägare"),
    ("csv.column.target", "Mål"),
    ("csv.column.target_percent", "Mål (%)"),
    ("csv.column.total_kind", "Klocka"),
    ("csv.column.unit_price_ore", "Styckpris (kr)"),
    ("csv.column.username", "Användarnamn"),
    ("csv.column.users", "Användare"),
    ("csv.column.version", "Version"),
    ("csv.column.window", "Fönster öppnas"),
    ("csv.column.year", "År"),
    ("csv.kind.credit", "Vite"),
    ("csv.kind.request", "Beställning"),
    ("csv.kind.subscription", "Abonnemang"),
    ("csv.kind.total", "Summa"),
    ("csv.kind.work", "Arbete"),
    ("delivery.cannot_store", "Leveransen går inte att spara."),
    (
        "delivery.column_count",
        "Raden har {found} fält men rubrikraden {expected}.",
    ),
    ("delivery.column_missing", "Kolumnen saknas men behövs."),
    (
        "delivery.column_unknown",
        "Okänd kolumn; kända kolumner är {known}.",
    ),
    ("delivery.csv", "Raden går inte att läsa som CSV."),
    (
        "delivery.duplicate",
        "Står redan på en tidigare rad i filen.",
    ),
    ("delivery.empty", "Filen innehåller inga personer."),
    ("delivery.header", "Första raden ska namnge kolumnerna."),
    (
        "delivery.needs_confirmation",
        "{leavers} av {active} aktiva personer skulle sluta, fler än {share} %: en administratör måste bekräfta leveransen.",
    ),
    (
        "delivery.no_personnummer_key",
        "Leveransen innehåller personnummer men ingen nyckel för personnummer är inställd (personnummer_key_file).",
    ),
    (
        "delivery.not_utf8",
        "Filen är inte UTF-8; spara den som UTF-8 och skicka igen.",
    ),
    ("delivery.text_value", "Ange värdet som text."),
    ("escalation.clock", "Använd response eller resolution."),
    (
        "escalation.group_needed",
        "Ange vilken grupp ärendet flyttas till.",
    ),
    (
        "escalation.group_only_for_reassign",
        "Bara åtgärden att flytta till en grupp tar en grupp.",
    ),
    ("escalation.no_priority", "Ange minst en prioritet."),
    ("escalation.on", "Använd warning eller breach."),
    ("field.at_most_chars", "Högst {max} tecken."),
    ("field.at_most_chars_must", "Högst {max} tecken."),
    ("field.bad_year", "Året går inte att använda."),
    ("field.boolean", "Välj ja eller nej."),
    ("field.date", "Skriv ett datum som ÅÅÅÅ-MM-DD."),
    (
        "field.email",
        "Skriv en e-postadress, t.ex. namn@kommun.se.",
    ),
    ("field.empty_lines", "Ta bort tomma rader."),
    ("field.length", "Skriv {min}–{max} tecken."),
    ("field.listed_twice", "{value} står två gånger."),
    (
        "field.missing_reference",
        "Hänvisar till något som inte finns.",
    ),
    ("field.month", "Skriv en månad som ÅÅÅÅ-MM, t.ex. 2027-03."),
    (
        "field.not_a_date",
        "{text} är inget datum: skriv ÅÅÅÅ-MM-DD.",
    ),
    ("field.not_before", "Får inte vara före {other}."),
    ("field.not_negative", "Får inte vara negativt."),
    (
        "field.not_rfc3339",
        "{value} är ingen tid enligt RFC 3339 med tidszon.",
    ),
    ("field.one_of", "Använd något av: {options}."),
    ("field.positive", "Måste vara större än noll."),
    ("field.range", "Måste vara {min}–{max}."),
    ("field.required", "Fyll i fältet."),
    ("field.rfc3339", "Ange en tid enligt RFC 3339 med tidszon."),
    ("field.share_range", "Ange en andel från 0 till 100 %."),
    ("field.too_far_ahead", "Det är för långt fram i tiden."),
    ("field.year", "Skriv ett år från 2000 till 2100."),
    ("filter.name", "Ge filtret ett namn på 1–60 tecken."),
    (
        "forbidden.accounts_create",
        "Bara administratörer skapar konton.",
    ),
    (
        "forbidden.accounts_disable",
        "Bara administratörer stänger av och aktiverar konton.",
    ),
    (
        "forbidden.accounts_edit",
        "Bara administratörer ändrar konton.",
    ),
    (
        "forbidden.accounts_list",
        "Bara administratörer ser kontona.",
    ),
    (
        "forbidden.accounts_pages",
        "Abonnemang, beställningar och fakturor är för medlemmens beställare och strateger.",
    ),
    (
        "forbidden.agent_keys",
        "Bara chefer och administratörer delar ut nycklar till inventeringsagenter.",
    ),
    (
        "forbidden.agreements",
        "Bara förvaltare och administratörer skriver avtal.",
    ),
    (
        "forbidden.approval_other",
        "Det här godkännandet är någon annans att besluta.",
    ),
    (
        "forbidden.calendars",
        "Bara förvaltare och administratörer underhåller kalendrar.",
    ),
    (
        "forbidden.callers",
        "Att söka efter inringare är för personalen.",
    ),
    (
        "forbidden.catalog_write",
        "Bara förbundets förvaltare och administratörer ändrar katalogen.",
    ),
    (
        "forbidden.csrf",
        "Skicka sessionens CSRF-nyckel i X-CSRF-Token.",
    ),
    (
        "forbidden.escalations_read",
        "Eskaleringsregler är för servicecentrets personal.",
    ),
    (
        "forbidden.escalations_write",
        "Bara förvaltare och administratörer skriver eskaleringsregler.",
    ),
    (
        "forbidden.federation_report",
        "Förbundets rapport är för servicecentrets personal; ange din medlem.",
    ),
    (
        "forbidden.federation_view",
        "Bara servicecentrets personal ser alla medlemmars system sida vid sida.",
    ),
    (
        "forbidden.import",
        "Bara förvaltare och administratörer importerar ärenden.",
    ),
    (
        "forbidden.internal_attachment",
        "Bara servicecentrets personal lägger till interna bilagor.",
    ),
    (
        "forbidden.internal_note",
        "Bara servicecentrets personal skriver interna anteckningar.",
    ),
    (
        "forbidden.inventory_edit",
        "Du kan läsa objektet men inte ändra det: personalen ändrar alla objekt, en medlems IT-strateg medlemmens egna.",
    ),
    (
        "forbidden.inventory_read",
        "Din roll läser inte inventariet; det gör IT-strateger, beställare och servicecentrets personal.",
    ),
    (
        "forbidden.lead_board",
        "Gruppledartavlan är för personalen.",
    ),
    (
        "forbidden.mail_contact",
        "Bara servicedeskens personal bekräftar eller avvisar avsändare.",
    ),
    (
        "forbidden.not_requester",
        "Bara anmälaren kan avbryta eller återöppna ärendet.",
    ),
    (
        "forbidden.order_confirm",
        "Stora beställningar bekräftas av förbundschefen.",
    ),
    (
        "forbidden.order_place",
        "Bara medlemmens beställare beställer eller avslutar tjänster.",
    ),
    (
        "forbidden.order_withdraw",
        "Bara medlemmens beställare drar tillbaka dess beställningar.",
    ),
    (
        "forbidden.orders_member",
        "Ange din medlem för att se dess beställningar.",
    ),
    (
        "forbidden.outages",
        "Bara servicecentrets personal registrerar avbrott.",
    ),
    (
        "forbidden.own_step",
        "Ingen beslutar om ett steg i sin egen beställning (åtskillnad av uppgifter).",
    ),
    (
        "forbidden.personnummer",
        "Bara administratörer kan se hela personnummer.",
    ),
    (
        "forbidden.proposal_raise",
        "Du kan bara lämna förslag för en medlem där du är beställare eller IT-strateg.",
    ),
    ("forbidden.queues", "Köerna är för personalen."),
    (
        "forbidden.rating_not_requester",
        "Bara den som anmälde ärendet kan betygsätta det.",
    ),
    (
        "forbidden.registers_read",
        "Registren sköts av förvaltare och administratörer.",
    ),
    (
        "forbidden.registers_write",
        "Bara förvaltare och administratörer underhåller registren.",
    ),
    (
        "forbidden.reports",
        "Rapporterna är för medlemmens beställare och strateger.",
    ),
    (
        "forbidden.request_no_person",
        "Beställningar görs av en person, och det här kontot har ingen.",
    ),
    (
        "forbidden.requester_change",
        "Som anmälare kan du bara avbryta eller återöppna ett ärende.",
    ),
    (
        "forbidden.routing_rules",
        "Fördelningsregler är för servicecentrets personal.",
    ),
    (
        "forbidden.satisfaction",
        "Nöjdhetsresultat visas för servicecentrets personal och medlemmens beställare och IT-strateger.",
    ),
    (
        "forbidden.satisfaction_settings",
        "Bara administratörer ändrar urvalet för nöjdhetsmätningen.",
    ),
    (
        "forbidden.satisfaction_technicians",
        "Resultat per tekniker visas bara för chefer, administratörer och gruppledare för sina egna grupper.",
    ),
    (
        "forbidden.saved_filters",
        "Sparade filter är för servicecentrets personal.",
    ),
    (
        "forbidden.scim_tokens",
        "Bara en administratör hanterar en medlems SCIM-nycklar.",
    ),
    (
        "forbidden.standard",
        "Bara chefer och administratörer registrerar den gemensamma standarden.",
    ),
    (
        "forbidden.steering",
        "Styrningen läses av förbundets personal, medlemmarnas beställare och IT-strateger och forumens ledamöter.",
    ),
    (
        "forbidden.steering_manage",
        "Bara förbundschefen och administratörer sätter upp mål, forum och beslut.",
    ),
    (
        "forbidden.surveys",
        "Enkäter hanteras av administratörer och medlemmens beställare och IT-strateger.",
    ),
    (
        "forbidden.tasks_do",
        "Leveransuppgifter utförs av servicecentrets personal.",
    ),
    (
        "forbidden.tasks_read",
        "Leveransuppgifter är för servicecentrets personal.",
    ),
    (
        "forbidden.ticket_items",
        "Bara servicecentrets personal kopplar ärenden till konfigurationsobjekt.",
    ),
    (
        "forbidden.time_log",
        "Tid registreras av servicecentrets personal.",
    ),
    (
        "forbidden.tokens_all",
        "Bara administratörer ser allas nycklar.",
    ),
    (
        "forbidden.user_agreement_acceptances",
        "Godkännandena av användaravtalet läses av förbundets chefer och administratörer och av kommunens egna beställare och IT-strateger.",
    ),
    (
        "forbidden.user_agreement_publish",
        "Bara administratörer publicerar användaravtal.",
    ),
    (
        "forbidden.user_agreements",
        "Översikten över användaravtalen är för förbundets chefer och administratörer.",
    ),
    (
        "forum.bad_quorum",
        "Beslutsförheten ska vara 0–10000 hundradels procent, inte {value}.",
    ),
    (
        "forum.member_not_allowed",
        "Bara ett servicenivåmöte hör till en medlem; lämna medlemmen tom.",
    ),
    (
        "forum.member_required",
        "Ett servicenivåmöte hålls med en medlem; ange vilken.",
    ),
    (
        "forum.no_such_account",
        "Det finns inget konto som heter {value}.",
    ),
    ("forum.not_a_seat", "{value} är ingen plats i forumet."),
    (
        "forum.unknown_kind",
        "Okänt slag av forum: {value}. Använd board, orderers_council, development_forum eller service_level_meeting.",
    ),
    (
        "forum.unknown_majority",
        "Okänd majoritetsregel: {value}. Använd simple, qualified eller unanimous.",
    ),
    (
        "forum.unknown_seat_role",
        "Okänd roll: {value}. Använd chair, member eller secretary.",
    ),
    ("group.unknown", "Gruppen finns inte."),
    ("history.from_to", "{from} → {to}"),
    ("history.name", "{name}"),
    ("history.none", "(ingen)"),
    ("history.removed", "(borttagen)"),
    ("history.request.approved", "Godkänd ({approval})"),
    (
        "history.request.fulfilled_at_once",
        "Levererad: inget att godkänna eller göra",
    ),
    (
        "history.request.fulfilment_starts",
        "Inget att godkänna: leveransen börjar",
    ),
    ("history.request.rejected", "Avslagen ({approval})"),
    ("history.request.task_done", "Uppgiften är klar: {task}"),
    ("history.word", "{word}"),
    (
        "http.if_match",
        "Skicka den ETag du läste, t.ex. \"3\", eller *.",
    ),
    ("import.comment_body", "En kommentar behöver en text."),
    ("import.empty", "Det finns inga ärenden att importera."),
    (
        "import.event_type",
        "Okänd händelsetyp {value}: använd created (först), comment, status eller priority.",
    ),
    (
        "import.events_order",
        "Händelserna måste stå i tidsordning.",
    ),
    (
        "import.first_created",
        "Den första händelsen måste vara 'created'.",
    ),
    (
        "import.json_array",
        "Väntade en JSON-lista med ärenden: {detail}",
    ),
    (
        "import.no_person",
        "Det finns ingen person med e-postadressen {email} hos {member}.",
    ),
    ("import.not_utf8", "Texten är inte giltig UTF-8."),
    ("import.priority_to", "En prioritetshändelse behöver 'to'."),
    ("import.status_to", "En statushändelse behöver 'to'."),
    ("input.json", "Texten går inte att läsa som JSON: {detail}"),
    (
        "inventory.agent_unreadable",
        "Agentens anrop går inte att läsa: {detail}",
    ),
    (
        "inventory.agents_off",
        "Servern tar inte emot inventeringsagenter.",
    ),
    (
        "inventory.application_fields_only",
        "Leverantör, avtal, klassning, användare och förvaltningsrollerna hör bara till verksamhetssystem.",
    ),
    ("inventory.csv", "{detail}"),
    (
        "inventory.item_of_other_member",
        "Objektet är varken ärendets medlems eller ett förbundsobjekt som betjänar den.",
    ),
    ("inventory.kind.business_system", "Verksamhetssystem"),
    ("inventory.kind.client", "Klientdator"),
    ("inventory.kind.database", "Databas"),
    ("inventory.kind.firewall", "Brandvägg"),
    ("inventory.kind.mail_system", "E-postsystem"),
    ("inventory.kind.network_device", "Nätverksutrustning"),
    ("inventory.kind.other", "Övrigt"),
    ("inventory.kind.printer", "Skrivare"),
    ("inventory.kind.server", "Server"),
    ("inventory.kind.storage", "Lagring"),
    ("inventory.lifecycle.in_use", "I drift"),
    ("inventory.lifecycle.planned", "Planerad"),
    ("inventory.lifecycle.retired", "Avvecklad"),
    ("inventory.lifecycle.retiring", "Avvecklas"),
    ("inventory.network.administrative", "Administrativt"),
    ("inventory.network.pedagogical", "Pedagogiskt"),
    (
        "inventory.no_administration",
        "Ingen förvaltning som heter {name} hos ägaren.",
    ),
    (
        "inventory.no_item",
        "Inget objekt som heter {name} (i filen, hos ägaren eller förbundet).",
    ),
    ("inventory.no_service", "Ingen tjänst med koden {code}."),
    (
        "inventory.no_service_affected",
        "Ett fel på objektet når ingen tjänst: koppla objektet eller det som körs på det till en tjänst först.",
    ),
    ("inventory.not_a_count", "'{text}' är inget heltal."),
    ("inventory.relation.depends_on", "Beror på"),
    ("inventory.relation.part_of_service", "Del av tjänst"),
    ("inventory.relation.runs_on", "Körs på"),
    ("inventory.relation.used_by", "Används av"),
    (
        "inventory.serves_federation_only",
        "Bara förbundets objekt betjänar medlemmar; en medlems objekt är medlemmens eget.",
    ),
    ("inventory.source.agent", "Inventeringsagent"),
    ("inventory.source.csv", "Importerad"),
    ("inventory.source.manual", "Inmatad"),
    ("inventory.too_many_lines", "Högst {max} rader i en import."),
    (
        "inventory.unknown_area",
        "Okänt område: {value}; använd platform eller application.",
    ),
    ("inventory.unknown_category", "Okänd kategori: {value}."),
    ("inventory.unknown_column", "Okänd kolumn: {value}."),
    (
        "inventory.unknown_kind",
        "Okänd typ: {value}; använd client, server, network_device, printer, storage, database, firewall, mail_system, business_system eller other.",
    ),
    (
        "inventory.unknown_lifecycle",
        "Okänt livscykelläge: {value}; använd planned, in_use, retiring eller retired.",
    ),
    (
        "inventory.unknown_network",
        "Okänt nät: {value}; använd administrative eller pedagogical.",
    ),
    (
        "inventory.unknown_relation",
        "Okänd relation: {value}; använd runs_on, depends_on, part_of_service eller used_by.",
    ),
    (
        "item.code",
        "Använd 1–32 versaler, siffror, - eller _, t.ex. SW-INSTALL.",
    ),
    (
        "item.not_offered",
        "Artikeln {item} erbjuds inte den här medlemmen.",
    ),
    (
        "item.price_range",
        "Skriv ett pris från 0 till 100 000 000 kr.",
    ),
    ("kpi.bad_target", "Ange ett tal."),
    (
        "kpi.computed_not_entered",
        "Nyckeltalet räknas fram av samdrift; bara inmatade nyckeltal tar värden för hand.",
    ),
    (
        "kpi.unknown_direction",
        "Okänd riktning: {value}. Använd higher_is_better eller lower_is_better.",
    ),
    ("kpi.unknown_measure", "Okänt mått: {value}."),
    (
        "level.range",
        "Ange 1 (hög), 2 eller 3 (låg), inte {value}.",
    ),
    (
        "mail.outbox_state",
        "Utkorgen kan visas för queued, sending, sent eller failed.",
    ),
    ("mail.template_error", "Rad {line}: {reason}"),
    (
        "mail.template_event",
        "Det finns ingen sådan händelse att skriva en text för.",
    ),
    (
        "mail.template_language",
        "Texten kan skrivas på sv eller en.",
    ),
    (
        "member.code",
        "Medlemskoden {code} ska vara 2–5 versaler A–Z, t.ex. YST.",
    ),
    ("member.no_code", "Det finns ingen medlem med koden {code}."),
    (
        "member.organisation_number_check",
        "Organisationsnumret {value} har fel kontrollsiffra.",
    ),
    (
        "member.organisation_number_shape",
        "Organisationsnumret {value} ska se ut som 212000-1124.",
    ),
    (
        "notification.agreement_expiring",
        "Avtalet {name} gäller till och med {ends}",
    ),
    (
        "notification.approval_waiting",
        "{ticket} {title} från {by} väntar på ditt godkännande",
    ),
    (
        "notification.channel_unknown",
        "{channel} är inget sätt att få aviseringar; välj product, immediate eller digest.",
    ),
    ("notification.clock.resolution", "lösningstiden"),
    ("notification.clock.response", "svarstiden"),
    (
        "notification.group_assigned",
        "{ticket} {title} har kommit till din grupp ({by})",
    ),
    (
        "notification.order_confirmed",
        "Beställningen av {offering} ({quantity}) för {member} har godkänts av {by}",
    ),
    (
        "notification.order_rejected",
        "Beställningen av {offering} ({quantity}) för {member} har avslagits av {by}",
    ),
    (
        "notification.order_waiting",
        "En beställning av {offering} ({quantity}) för {member} från {by} väntar på ditt beslut",
    ),
    (
        "notification.sla_breach",
        "{ticket}: {clock} har passerat målet ({elapsed} s av {target} s)",
    ),
    (
        "notification.sla_warning",
        "{ticket}: {clock} närmar sig målet ({elapsed} s av {target} s)",
    ),
    (
        "notification.status_outage",
        "Driftstörning i {service}: {text}",
    ),
    (
        "notification.status_planned",
        "Planerat underhåll av {service}: {text}",
    ),
    (
        "notification.task_waiting",
        "Uppgiften {task} i {ticket} {title} väntar på din grupp",
    ),
    ("notification.text", "{text}"),
    (
        "notification.ticket_assigned",
        "{ticket} {title} har tilldelats dig av {by}",
    ),
    (
        "notification.ticket_comment",
        "{by} har kommenterat {ticket} {title}",
    ),
    (
        "notification.ticket_resolved",
        "{ticket} {title} är löst ({by})",
    ),
    (
        "notification.ticket_waiting",
        "{ticket} {title} väntar på ditt svar ({by})",
    ),
    (
        "notification.token_expiring",
        "API-nyckeln {name} slutar gälla {ends}",
    ),
    (
        "offering.code",
        "Använd 1–32 versaler, siffror, - eller _, t.ex. WP-ADM.",
    ),
    ("offering.invalid", "Tjänsten går inte att spara."),
    (
        "offering.no_code",
        "Välj en tjänst i listan ({code} finns inte).",
    ),
    (
        "offering.price_range",
        "Skriv ett pris från 0 till 1 000 000 000 kr.",
    ),
    (
        "order.backwards",
        "En beställning gäller från i dag eller senare, aldrig bakåt i tiden.",
    ),
    (
        "order.below_zero",
        "Antalet kan inte bli mindre än noll: {quantity} abonneras från {from}.",
    ),
    (
        "order.hold.alone",
        "Väntar på förbundschefens bekräftelse: beställningen ändrar årskostnaden med {total}, vilket når gränsen {threshold}.",
    ),
    (
        "order.hold.combined",
        "Väntar på förbundschefens bekräftelse: tillsammans med {others} beställningar de senaste {days} dagarna ändras årskostnaden med {total}, vilket når gränsen {threshold}.",
    ),
    (
        "order.hold.combined_one",
        "Väntar på förbundschefens bekräftelse: tillsammans med en beställning de senaste {days} dagarna ändras årskostnaden med {total}, vilket når gränsen {threshold}.",
    ),
    ("order.inactive", "Tjänsten går inte längre att beställa."),
    ("order.invalid", "Beställningen går inte att spara."),
    (
        "order.no_change",
        "Antalet måste ändras: skriv ett positivt tal för att lägga till, ett negativt för att minska.",
    ),
    (
        "order.nothing_to_reduce",
        "Det finns inget abonnemang från den dagen att minska eller avsluta.",
    ),
    (
        "order.reason_needed",
        "Skriv varför beställningen avslås; beställaren läser det.",
    ),
    (
        "order.status",
        "Använd awaiting_confirmation, applied, rejected eller cancelled.",
    ),
    ("order.too_many", "Högst 1 000 000 i en beställning."),
    (
        "order.zero_change",
        "Antalet måste ändras: skriv ett positivt tal för att lägga till, ett negativt för att minska.",
    ),
    (
        "outage.ended_after_start",
        "Måste vara efter att avbrottet började.",
    ),
    (
        "outage.ends_after_start",
        "Slutet måste komma efter början.",
    ),
    ("outage.message_needed", "Beskriv vad användarna märker."),
    ("outage.no_member", "Ange minst en berörd medlem."),
    ("penalty.at_most_all", "Högst 10 000 baspunkter (100 %)."),
    (
        "penalty.compliance_share",
        "{clock} {priorities}: {met} av {counted} uppfyllda = {compliance} (avrundat nedåt), under {threshold}: {points} påbörjade procentenheter × {per_point} = {raw} (högst {cap}): {share} av månadsavgiften {fee} = {amount} (avrundat nedåt)",
    ),
    ("penalty.no_priority", "Ange minst en prioritet (P1–P4)."),
    ("penalty.none", "inget vite"),
    (
        "penalty.per_breach",
        "{clock} {priorities}: {counted} räknade, {breached} överskridna: {fined} med vite under månaden × {each} = {amount}",
    ),
    (
        "penalty.per_breach_earlier",
        "{clock} {priorities}: {counted} räknade, {breached} överskridna ({earlier} av dem en tidigare månad, med vite den månaden): {fined} med vite under månaden × {each} = {amount}",
    ),
    ("person.language", "Välj svenska (sv) eller engelska (en)."),
    (
        "person.not_in_member",
        "Personen finns inte hos den medlemmen.",
    ),
    (
        "person.own_manager",
        "En person kan inte vara sin egen chef.",
    ),
    ("person.unknown", "Det finns ingen person med det id:t."),
    (
        "personnummer.cannot_open",
        "Personnumret går inte att öppna med den inställda nyckeln.",
    ),
    (
        "personnummer.check_digit",
        "Personnumrets kontrollsiffra stämmer inte.",
    ),
    ("personnummer.date", "Personnumrets datum finns inte."),
    (
        "personnummer.format",
        "Skriv personnumret som ÅÅÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN eller ÅÅMMDD-NNNN.",
    ),
    ("priority.bad", "Använd P1, P2, P3 eller P4."),
    (
        "priority.unknown",
        "Okänd prioritet {value}: använd P1, P2, P3 eller P4.",
    ),
    (
        "proposal.cannot_move",
        "Ett förslag som är {from} kan inte bli {to}.",
    ),
    (
        "proposal.member_required",
        "Ange vilken medlem förslaget kommer från.",
    ),
    (
        "proposal.unknown_kind",
        "Okänt slag av förslag: {value}. Använd improvement eller change_request.",
    ),
    ("proposal.unknown_state", "Okänt läge: {value}."),
    (
        "query.clock_state",
        "Okänt klockläge {value}: använd running, paused, met eller breached.",
    ),
    ("query.cursor", "Ingen markör från en tidigare sida."),
    (
        "query.instant",
        "Ange en tid enligt RFC 3339, t.ex. 2027-03-01T00:00:00+01:00.",
    ),
    (
        "query.sort",
        "Använd created, -created, updated, -updated eller due.",
    ),
    ("rate.range", "Skriv ett timpris från 0 till 100 000 kr."),
    (
        "report.cannot_place_date",
        "Datumet går inte att placera i svensk tid.",
    ),
    ("report.no_pdf", "Den här servern gör inga PDF:er."),
    (
        "report.pdf_failed",
        "PDF:en kunde inte göras. Försök igen om en stund.",
    ),
    ("report.three_years", "En rapport omfattar högst tre år."),
    (
        "report.to_after_from",
        "Slutdatumet måste komma efter startdatumet.",
    ),
    ("request.decision", "Välj godkänn eller avslå."),
    (
        "request.member_needed",
        "Ange vilken medlem beställningen gäller.",
    ),
    (
        "request.own_member",
        "Du kan bara beställa i din egen kommun.",
    ),
    (
        "request.reason_needed",
        "Skriv varför beställningen avslås; beställaren läser det.",
    ),
    (
        "role.member_needed",
        "Välj medlem för en roll hos en medlem.",
    ),
    (
        "role.member_not_staff",
        "{value} är en roll för en medlem, inte för servicecentret.",
    ),
    ("role.member_only", "Bara medlemsroller ges per medlem."),
    (
        "role.staff_not_member",
        "{value} är en roll för servicecentret, inte för en medlem.",
    ),
    (
        "role.unknown",
        "Okänd roll {value}: använd end_user, orderer, strategist, agent, technician, group_lead, manager eller admin.",
    ),
    (
        "rule.not_specific",
        "Ange minst ett villkor: källa, titel, förvaltning eller skola.",
    ),
    (
        "service.circle",
        "Då skulle beroendena gå runt i en cirkel.",
    ),
    (
        "service.code",
        "Använd 1–32 versaler, siffror, - eller _, t.ex. EMAIL.",
    ),
    (
        "service.depends_on_itself",
        "En tjänst kan inte bero på sig själv.",
    ),
    ("service.level", "Välj verksamhet, IT eller infrastruktur."),
    ("service.no_code", "Tjänsten {code} finns inte."),
    (
        "service.no_code_with",
        "Det finns ingen tjänst med koden {code}.",
    ),
    ("service.unknown", "Tjänsten finns inte."),
    (
        "staff.no_account",
        "Det finns inget personalkonto med det användarnamnet.",
    ),
    (
        "staff.no_account_id",
        "Det finns inget konto i servicecentret med det id:t.",
    ),
    (
        "staff.username",
        "Använd 2–64 tecken: a–z, siffror, punkt, _, - eller @.",
    ),
    (
        "standard.decision_not_adopted",
        "{number} är inget beslut som direktionen fattat.",
    ),
    (
        "standard.decision_required",
        "Ange direktionens beslut som fastställer standarden (t.ex. B-2027-004).",
    ),
    ("standard.no_decision", "Det finns inget beslut {number}."),
    ("standard.no_entry", "Posten finns inte i standarden."),
    (
        "standard.other_category",
        "Standardposten gäller en annan kategori än objektets.",
    ),
    ("supplier.unknown", "Leverantören finns inte."),
    (
        "text.nul",
        "Texten får inte innehålla NUL-tecknet (U+0000).",
    ),
    (
        "ticket.final",
        "Ett ärende med status {status} kan inte byta status längre.",
    ),
    ("ticket.invalid", "Ärendet går inte att spara."),
    ("ticket.member_needed", "Välj vilken kommun ärendet gäller."),
    (
        "ticket.not_allowed",
        "Ett ärende kan inte gå från {from} till {to}.",
    ),
    (
        "ticket.own_administration",
        "Ditt eget ärende debiteras din egen förvaltning; en annan förvaltning kan bara servicedesken välja.",
    ),
    (
        "ticket.priority_reason",
        "Skriv varför prioriteten sätts för hand.",
    ),
    (
        "ticket.priority_staff_only",
        "Bara servicecentret sätter prioriteten.",
    ),
    (
        "ticket.reopen_passed",
        "Tiden för att öppna ärendet igen har gått ut: kontakta servicedesken för ett nytt ärende.",
    ),
    (
        "ticket.requester_may_not",
        "Anmälaren kan bara avbryta ett nytt ärende eller öppna ett löst ärende igen.",
    ),
    ("ticket.resolution_needed", "Beskriv hur ärendet löstes."),
    (
        "ticket.resolution_only_when_resolving",
        "En lösning anges när ärendet löses (status löst).",
    ),
    (
        "ticket.supplier_needed",
        "Ange vilken leverantör ärendet skickas till.",
    ),
    ("ticket.unchanged", "Ärendet har redan status {status}."),
    (
        "ticket.unknown_status",
        "Okänd status {value}: använd new, assigned, in_progress, waiting_for_customer, waiting_for_supplier, resolved, closed eller cancelled.",
    ),
    (
        "ticket.unknown_type",
        "Okänd ärendetyp {value}: använd incident eller request.",
    ),
    ("token.days", "Ange ett helt antal dagar från 1 till {max}."),
    (
        "token.name",
        "Namnet får ha högst {max} tecken och inga styrtecken.",
    ),
    (
        "unit.unknown",
        "Okänd enhet {value}: använd workstation, user, mailbox, server, month eller fixed_year.",
    ),
    (
        "user_agreement.control_characters",
        "Texten får innehålla radbrytningar och tabbar men inga andra styrtecken.",
    ),
    (
        "user_agreement.not_current",
        "Version {version} gäller inte längre; läs och godkänn version {current}.",
    ),
    (
        "user_agreement.published_meanwhile",
        "Någon har publicerat en annan version (nu version {current}) sedan du öppnade sidan. Läs den och publicera igen om din text ska gälla.",
    ),
    (
        "user_agreement.required",
        "Godkänn användaravtalet först (GET /api/v1/user-agreements/pending).",
    ),
    (
        "vote.already_cast",
        "Platsen {seat} har redan röstat i det här beslutet.",
    ),
    (
        "vote.decision_closed",
        "Beslut {number} är avslutat; röster tas inte längre emot.",
    ),
    (
        "vote.explain",
        "Ja {yes}, nej {no}, avstår {abstain} av röstvikten; med {majority}: {outcome}.",
    ),
    (
        "vote.explain_no_quorum",
        "Inte beslutsfört: {present} av röstvikten deltog, minst {quorum} behövs.",
    ),
    (
        "vote.not_a_seat_holder",
        "Du har ingen plats med rösträtt i det här forumet.",
    ),
    (
        "vote.unknown_choice",
        "Rösta yes, no eller abstain, inte {value}.",
    ),
    ("work.ahead", "Tid kan inte loggas i förväg."),
    ("work.minutes", "Skriv 1–1440 minuter (ett dygn)."),
];
