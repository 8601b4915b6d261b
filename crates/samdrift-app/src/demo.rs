//! The demo federation Ystad-Österlen: Simrishamn, Tomelilla and Ystad with
//! their administrations, about 60 people, the competence groups, services,
//! suppliers, one login per role, a user agreement per member, and about
//! 300 tickets over the last three months with realistic histories.
//! Deterministic for a given "now".

use crate::import::{ImportEvent, ImportTicket};
use crate::registers::NewAccount;
use crate::{App, AppError};
use samdrift_domain::ids::{AdministrationId, GroupId, MemberId, PersonId};
use samdrift_domain::role::{MemberRole, Role, StaffRole};
use samdrift_domain::scope::Scope;
use samdrift_store::people::PersonRecord;
use uuid::Uuid;

/// The password of every demo login.
pub const DEMO_PASSWORD: &str = "Kaffe-och-kanelbulle";

const MEMBERS: [(&str, &str, &str, i64, &str); 3] = [
    (
        "SIM",
        "Simrishamns kommun",
        "212000-0969",
        3300,
        "simrishamn",
    ),
    ("TOM", "Tomelilla kommun", "212000-0944", 2200, "tomelilla"),
    ("YST", "Ystads kommun", "212000-1124", 4500, "ystad"),
];

pub(crate) const ADMINISTRATIONS: [&str; 5] = [
    "Kommunledningsförvaltningen",
    "Barn- och utbildningsförvaltningen",
    "Vård- och omsorgsförvaltningen",
    "Samhällsbyggnadsförvaltningen",
    "Kultur- och fritidsförvaltningen",
];

const SCHOOLS: [[&str; 2]; 3] = [
    ["Korsavadsskolan", "Österlenskolan"],
    ["Byavångsskolan", "Kastanjeskolan"],
    ["Västervångskolan", "Österportskolan"],
];

pub(crate) const FIRST: [&str; 20] = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Anders", "Emma", "Per", "Elin",
    "Mikael", "Ida", "Fredrik", "Linnea", "Oskar", "Hanna", "Gustav", "Maja", "Nils",
];
pub(crate) const LAST: [&str; 10] = [
    "Berg",
    "Nilsson",
    "Persson",
    "Lindqvist",
    "Andersson",
    "Holm",
    "Sjöberg",
    "Åkesson",
    "Ek",
    "Mårtensson",
];

const GROUPS: [&str; 6] = [
    "Servicedesk",
    "Klient & arbetsplats",
    "Server & drift",
    "Nätverk",
    "Verksamhetssystem",
    "Identitet & behörighet",
];

/// (code, name, level, owning group index)
const SERVICES: [(&str, &str, &str, usize); 11] = [
    ("WORKPLACE", "Standardarbetsplats", "it", 1),
    ("EMAIL", "E-post och kalender", "it", 2),
    ("IDENTITY", "Identitet och inloggning", "infrastructure", 5),
    ("NET-ADM", "Nätverk (administrativt)", "infrastructure", 3),
    ("NET-PED", "Nätverk (pedagogiskt)", "infrastructure", 3),
    ("SERVER", "Serverdrift", "infrastructure", 2),
    ("FINANCE", "Ekonomisystem", "business", 4),
    ("HR", "Personalsystem", "business", 4),
    ("LIBRARY", "Bibliotekssystem", "business", 4),
    ("PRINT", "Skrivare", "it", 1),
    ("CARE", "Verksamhetssystem vård och omsorg", "business", 4),
];

/// (service code, title, description)
pub(crate) const PROBLEMS: [(&str, &str, &str); 12] = [
    (
        "EMAIL",
        "Kan inte skicka e-post",
        "Meddelanden fastnar i utkorgen sedan i morse.",
    ),
    (
        "EMAIL",
        "Delad kalender syns inte",
        "Avdelningens gemensamma kalender har försvunnit i Outlook.",
    ),
    (
        "IDENTITY",
        "Kontot är låst",
        "Jag har skrivit fel lösenord för många gånger och kommer inte in.",
    ),
    (
        "IDENTITY",
        "Ny medarbetare behöver konto",
        "Ny undersköterska börjar på måndag och behöver inloggning.",
    ),
    (
        "WORKPLACE",
        "Datorn startar inte",
        "Skärmen förblir svart efter uppstart, lampan blinkar orange.",
    ),
    (
        "WORKPLACE",
        "Behöver programmet GIMP installerat",
        "Till bildundervisningen i årskurs 8.",
    ),
    (
        "PRINT",
        "Skrivaren på plan 2 skriver inte ut",
        "Utskrifter försvinner i kön, skrivaren visar inget fel.",
    ),
    (
        "NET-PED",
        "Wifi fungerar inte i klassrum B12",
        "Elevernas datorer tappar anslutningen hela tiden.",
    ),
    (
        "NET-ADM",
        "Långsamt nätverk på kommunhuset",
        "Allt går mycket långsamt sedan lunch.",
    ),
    (
        "FINANCE",
        "Fakturor går inte att attestera",
        "Attestknappen är grå i ekonomisystemet.",
    ),
    (
        "HR",
        "Lönespecifikationen saknas",
        "Kan inte se min lönespecifikation för förra månaden.",
    ),
    (
        "LIBRARY",
        "Utlåningen i biblioteket står still",
        "Kassan i biblioteket kan inte registrera lån.",
    ),
];

/// A small deterministic generator (no dependency on a random source).
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

/// The scope the system acts with (CLI, demo loader): an administrator.
pub fn system_scope() -> Scope {
    Scope {
        account: samdrift_domain::ids::AccountId(uuid::Uuid::nil()),
        username: "samdrift".into(),
        person: None,
        staff: Some(StaffRole::Admin),
        member_roles: vec![],
    }
}

pub(crate) fn ascii(s: &str) -> String {
    s.to_lowercase().replace(['å', 'ä'], "a").replace('ö', "o")
}

impl App {
    /// The scope the command line acts with.
    pub fn system_scope(&self) -> Scope {
        system_scope()
    }

    /// Whether the database holds no members yet.
    pub async fn is_empty(&self) -> Result<bool, AppError> {
        Ok(self.store.list_members(&system_scope()).await?.is_empty())
    }

    /// Loads the demo federation into an empty database.
    pub async fn load_demo(&self) -> Result<(), AppError> {
        if !self.is_empty().await? {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.demo_not_empty"
            )));
        }
        let scope = system_scope();
        let groups = self.demo_registers(&scope).await?;
        self.demo_staff(&scope, &groups).await?;
        let mut seq = Sequence(20_270_301);
        let mut tickets = Vec::new();
        let mut catalog_members = Vec::new();
        let now = self.clock.now();
        for (m, member) in MEMBERS.into_iter().enumerate() {
            let (member, people) = self.demo_member(&scope, m, member).await?;
            for _ in 0..100 {
                tickets.push(demo_ticket(&mut seq, &member.code, &people, now));
            }
            catalog_members.push(member);
        }
        self.load_demo_user_agreements(&catalog_members).await?;
        self.load_demo_catalog(&scope, &catalog_members).await?;
        self.load_demo_service_levels(&scope).await?;
        tickets.sort_by(|a, b| a.events[0].at.cmp(&b.events[0].at));
        self.import_tickets(&scope, tickets).await?;
        self.load_demo_mail(&scope).await?;
        self.load_demo_satisfaction(&scope).await?;
        self.load_demo_steering(&scope).await?;
        self.load_demo_inventory(&scope).await?;
        Ok(())
    }

    /// The federation's groups, services and suppliers; the groups' ids.
    async fn demo_registers(&self, scope: &Scope) -> Result<Vec<Uuid>, AppError> {
        let mut groups = Vec::new();
        for name in GROUPS {
            groups.push(self.create_group(scope, name, "").await?.id);
        }
        for (code, name, level, group) in SERVICES {
            self.create_service(scope, code, name, level, "", Some(GroupId(groups[group])))
                .await?;
        }
        for (name, email, phone, contact) in [
            (
                "Tieto Evry",
                "support@tietoevry.example",
                "010-000 00 00",
                "Supportcenter",
            ),
            (
                "Visma",
                "support@visma.example",
                "08-000 00 00",
                "Kundtjänst",
            ),
            (
                "Axiell",
                "support@axiell.example",
                "046-000 00 00",
                "Bibliotekssupport",
            ),
        ] {
            self.create_supplier(scope, name, email, phone, contact)
                .await?;
        }
        Ok(groups)
    }

    /// The service center's staff, in their groups.
    async fn demo_staff(&self, scope: &Scope, groups: &[Uuid]) -> Result<(), AppError> {
        let staff = [
            ("admin", StaffRole::Admin),
            ("chef", StaffRole::Manager),
            ("agent", StaffRole::Agent),
            ("tekniker", StaffRole::Technician),
            ("gruppledare", StaffRole::GroupLead),
        ];
        for (username, role) in staff {
            self.create_account(
                None,
                NewAccount {
                    username: username.into(),
                    password: DEMO_PASSWORD.into(),
                    role: Role::Staff(role),
                    member: None,
                    person: None,
                },
            )
            .await?;
        }
        for (group, username) in [(0, "agent"), (1, "tekniker"), (1, "gruppledare")] {
            self.add_group_member(scope, GroupId(groups[group]), username)
                .await?;
        }
        Ok(())
    }

    /// The `m`-th member with its administrations, schools, twenty people
    /// and its logins.
    async fn demo_member(
        &self,
        scope: &Scope,
        m: usize,
        (code, name, org, share, domain): (&str, &str, &str, i64, &str),
    ) -> Result<(crate::demo_catalog::DemoMember, Vec<PersonRecord>), AppError> {
        let member = self.create_member(scope, code, name, org, share).await?;
        let mut administrations = Vec::new();
        for adm in ADMINISTRATIONS {
            administrations.push(
                self.create_administration(scope, MemberId(member.id), None, adm)
                    .await?
                    .id,
            );
        }
        // Schools sit under the education administration.
        let education = AdministrationId(administrations[1]);
        for school in SCHOOLS[m] {
            self.create_administration(scope, MemberId(member.id), Some(education), school)
                .await?;
        }
        let mut people = Vec::new();
        for i in 0..20 {
            let first = FIRST[(i + m * 7) % FIRST.len()];
            let last = LAST[(i * 3 + m) % LAST.len()];
            let kind = if i % 9 == 8 {
                "student"
            } else if i == 17 {
                "consultant"
            } else {
                "employee"
            };
            let email = format!("{}.{}@{domain}.example", ascii(first), ascii(last));
            let adm = administrations[i % administrations.len()];
            let person = self
                .create_person(
                    scope,
                    MemberId(member.id),
                    Some(AdministrationId(adm)),
                    &format!("{first} {last}"),
                    &email,
                    kind,
                )
                .await?;
            people.push(person);
        }
        self.demo_member_logins(code, &people).await?;
        let demo = crate::demo_catalog::DemoMember {
            code: code.to_owned(),
            id: member.id,
            administrations,
            people: people.iter().map(|p| p.id).collect(),
            size_percent: [70, 50, 100][m],
        };
        Ok((demo, people))
    }

    /// A member's demo logins, each for one of its first five people.
    async fn demo_member_logins(
        &self,
        code: &str,
        people: &[PersonRecord],
    ) -> Result<(), AppError> {
        let lower = code.to_lowercase();
        for (suffix, role, person) in [
            ("user", MemberRole::EndUser, 0),
            ("orderer", MemberRole::Orderer, 1),
            ("strategist", MemberRole::Strategist, 2),
            ("chef", MemberRole::EndUser, 3),
            ("systemagare", MemberRole::EndUser, 4),
        ] {
            self.create_account(
                None,
                NewAccount {
                    username: format!("{lower}.{suffix}"),
                    password: DEMO_PASSWORD.into(),
                    role: Role::Member(role),
                    member: Some(code.into()),
                    person: people.get(person).map(|p| PersonId(p.id)),
                },
            )
            .await?;
        }
        Ok(())
    }

    /// Office hours and 24/7 calendars, an agreement per member for last
    /// year and this year, and two outages.
    async fn load_demo_service_levels(&self, scope: &Scope) -> Result<(), AppError> {
        let weekday = serde_json::json!([["08:00", "12:00"], ["12:45", "16:30"]]);
        let office: samdrift_domain::calendar::CalendarSpec = spec(serde_json::json!({
            "name": "Kontorstid",
            "time_zone": "Europe/Stockholm",
            "weekly_hours": {"mon": weekday, "tue": weekday, "wed": weekday, "thu": weekday,
                             "fri": [["08:00", "12:00"], ["12:45", "15:00"]], "sat": [], "sun": []},
            "holidays": {"country": "SE", "de_facto": true},
            "exceptions": []
        }))?;
        let all_day = serde_json::json!([["00:00", "24:00"]]);
        let around: samdrift_domain::calendar::CalendarSpec = spec(serde_json::json!({
            "name": "Dygnet runt",
            "time_zone": "Europe/Stockholm",
            "weekly_hours": {"mon": all_day, "tue": all_day, "wed": all_day, "thu": all_day, "fri": all_day, "sat": all_day, "sun": all_day},
            "holidays": {"country": null},
            "exceptions": []
        }))?;
        let office = self.create_calendar(scope, office).await?.0.id;
        let around = self.create_calendar(scope, around).await?.0.id;
        let year = self
            .clock
            .now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .year();
        for (code, _, _, _, _) in MEMBERS {
            for y in [year - 1, year] {
                self.save_demo_agreement(scope, code, y, office, around)
                    .await?;
            }
        }
        let email = self
            .store
            .service_by_code("EMAIL")
            .await?
            .map(|s| s.id)
            .unwrap_or_default();
        let server = self
            .store
            .service_by_code("SERVER")
            .await?
            .map(|s| s.id)
            .unwrap_or_default();
        let now = self.clock.now();
        let hours = |h: i64| jiff::SignedDuration::from_hours(h);
        self.create_outage(
            scope,
            crate::service_levels::outages::NewOutage {
                service_id: email,
                members: MEMBERS.iter().map(|m| m.0.to_owned()).collect(),
                starts_at: now - hours(24 * 30 + 2),
                ends_at: Some(now - hours(24 * 30)),
                planned: false,
                announced_at: Some(now - hours(24 * 30 + 2)),
                message: "E-posten fungerar inte. Vi felsöker.".into(),
            },
        )
        .await?;
        self.create_outage(scope, crate::service_levels::outages::NewOutage {
            service_id: server,
            members: vec!["YST".into(), "TOM".into()],
            starts_at: now + hours(24 * 3),
            ends_at: Some(now + hours(24 * 3 + 4)),
            planned: true,
            announced_at: Some(now - hours(24 * 4)),
            message: "Planerat underhåll av servrarna. Vissa system kan vara otillgängliga under arbetet.".into(),
        })
        .await?;
        Ok(())
    }
}

/// The demo's user agreement (användaravtal) of a member, in Swedish and
/// English, with the member's name filled in.
fn demo_user_agreement(name: &str) -> (String, String) {
    let sv = format!(
        "Användaravtal för {name}\n\n\
         Avtalet gäller dig som använder kommunens IT-tjänster och förbundets gemensamma servicedesk.\n\n\
         1. Ditt konto är personligt. Låna inte ut det och dela aldrig ditt lösenord eller dina API-nycklar.\n\
         2. Använd tjänsterna i ditt arbete eller dina studier. Privat bruk ska vara litet och får inte störa verksamheten.\n\
         3. Ärenden och bilagor är allmänna handlingar hos kommunen. Skriv inga känsliga personuppgifter i ett ärende om de inte behövs för att lösa det.\n\
         4. Inloggningar och ändringar loggas för att skydda informationen. Loggarna används inte för att följa upp din arbetsinsats.\n\
         5. Kontakta servicedesken genast om du tror att någon annan har använt ditt konto.\n\
         6. Dina personuppgifter behandlas enligt dataskyddsförordningen (GDPR). Du har rätt att få veta vilka uppgifter som finns om dig.\n\n\
         Om avtalet inte följs kan kontot stängas av."
    );
    let en = format!(
        "User agreement of {name}\n\n\
         This agreement applies to you as a user of the municipality's IT services and the federation's shared service desk.\n\n\
         1. Your account is personal. Do not lend it to anyone and never share your password or your API tokens.\n\
         2. Use the services for your work or your studies. Private use must be small and must not disturb the work of others.\n\
         3. Tickets and attachments are public records of the municipality. Do not write sensitive personal data in a ticket unless it is needed to solve it.\n\
         4. Logins and changes are logged to protect the information. The logs are not used to follow up on your work.\n\
         5. Contact the service desk at once if you think someone else has used your account.\n\
         6. Your personal data is processed under the General Data Protection Regulation (GDPR). You have the right to know what is held about you.\n\n\
         If the agreement is not kept, the account may be disabled."
    );
    (sv, en)
}

impl App {
    /// Version 1 of each demo member's user agreement, published by the
    /// demo's administrator: every member login accepts it at first login.
    async fn load_demo_user_agreements(
        &self,
        members: &[crate::demo_catalog::DemoMember],
    ) -> Result<(), AppError> {
        let admin = self
            .store
            .account_by_username("admin")
            .await?
            .ok_or(AppError::NotFound("account"))?;
        let scope = self.scope_of(&admin).await?;
        for member in members {
            let name = MEMBERS
                .iter()
                .find(|m| m.0 == member.code)
                .map_or(member.code.as_str(), |m| m.1);
            let (text_sv, text_en) = demo_user_agreement(name);
            let new = crate::user_agreements::NewUserAgreement {
                text_sv,
                text_en,
                read_version: 0,
            };
            self.publish_user_agreement(&scope, MemberId(member.id), new)
                .await?;
        }
        Ok(())
    }

    /// The demo's agreement for a member and year: P2-P4 in office hours,
    /// P1 of the care system around the clock, penalties and availability
    /// targets.
    pub(crate) async fn save_demo_agreement(
        &self,
        scope: &Scope,
        code: &str,
        y: i16,
        office: uuid::Uuid,
        around: uuid::Uuid,
    ) -> Result<(), AppError> {
        const DAY: i64 = 27_900; // a working day of 7 h 45 min
        let targets = |p1_calendar: uuid::Uuid| {
            serde_json::json!({
                "P1": {"response_seconds": 900, "resolution_seconds": 4 * 3600, "calendar_id": p1_calendar},
                "P2": {"response_seconds": 3600, "resolution_seconds": 8 * 3600, "calendar_id": office},
                "P3": {"response_seconds": 4 * 3600, "resolution_seconds": 3 * DAY, "calendar_id": office},
                "P4": {"response_seconds": DAY, "resolution_seconds": 10 * DAY, "calendar_id": office}
            })
        };
        let agreement: samdrift_domain::agreement::AgreementSpec = spec(serde_json::json!({
            "name": format!("Tjänsteavtal {code} {y}"),
            "valid_from": format!("{y}-01-01"),
            "valid_to": format!("{y}-12-31"),
            "entries": [
                {"targets": targets(office), "monthly_fee_ore": 45_000_000,
                 "penalties": [{"kind": "compliance_share", "clock": "resolution", "priorities": ["P1", "P2"],
                                "threshold_bp": 9500, "per_point_bp": 200, "cap_bp": 2000}]},
                {"service": "CARE", "targets": targets(around), "monthly_fee_ore": 12_000_000,
                 "availability_target_bp": 9950, "availability_calendar_id": around,
                 "penalties": [{"kind": "per_breach", "clock": "resolution", "priorities": ["P1"], "amount_ore": 500_000}]},
                {"service": "EMAIL", "targets": targets(office), "monthly_fee_ore": 8_000_000,
                 "availability_target_bp": 9900, "availability_calendar_id": office, "planned_notice_days": 5},
                {"service": "NET-ADM", "targets": targets(office), "monthly_fee_ore": 6_000_000,
                 "availability_target_bp": 9800, "availability_calendar_id": office}
            ]
        }))?;
        self.save_agreement(scope, code, None, agreement).await?;
        Ok(())
    }
}

fn spec<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, AppError> {
    serde_json::from_value(v).map_err(|e| {
        AppError::invalid(
            "demo",
            samdrift_domain::msg!("input.json", detail = e.to_string()),
        )
    })
}

fn at(t: jiff::Timestamp) -> String {
    t.to_string()
}

fn demo_ticket(
    seq: &mut Sequence,
    member: &str,
    people: &[PersonRecord],
    now: jiff::Timestamp,
) -> ImportTicket {
    let (service, title, description) = PROBLEMS[seq.next(PROBLEMS.len() as u64) as usize];
    let requester = &people[seq.next(people.len() as u64) as usize];
    let (created, days_ago) = demo_created(seq, now);
    let events = demo_events(seq, created, days_ago, now);
    ImportTicket {
        member: member.into(),
        ticket_type: if service == "WORKPLACE" && title.starts_with("Behöver") {
            "request".into()
        } else {
            "incident".into()
        },
        service: Some(service.into()),
        title: title.into(),
        description: description.into(),
        requester: Some(requester.email.clone()),
        impact: 1 + seq.next(3) as i64,
        urgency: 1 + seq.next(3) as i64,
        events,
    }
}

/// When a demo ticket came in: working hours on a weekday within the last
/// 90 days, and how many days ago.
fn demo_created(seq: &mut Sequence, now: jiff::Timestamp) -> (jiff::Timestamp, i64) {
    // Mondays and mornings are busier, as on a real desk.
    let tz = jiff::tz::TimeZone::get("Europe/Stockholm").unwrap_or(jiff::tz::TimeZone::UTC);
    let today = tz.to_datetime(now).date();
    let days_ago = 1 + seq.next(90) as i64;
    let mut date = today - jiff::Span::new().days(days_ago);
    while date.weekday() == jiff::civil::Weekday::Saturday
        || date.weekday() == jiff::civil::Weekday::Sunday
    {
        date -= jiff::Span::new().days(1);
    }
    if seq.next(4) == 0 {
        // Pull a share of tickets to the Monday of that week.
        date = date - jiff::Span::new().days(i64::from(date.weekday().to_monday_zero_offset()));
    }
    let minute = if seq.next(2) == 0 {
        7 * 60 + 45 + seq.next(150)
    } else {
        7 * 60 + 45 + seq.next(8 * 60)
    };
    let local = date.to_datetime(jiff::civil::Time::midnight())
        + jiff::SignedDuration::from_mins(minute as i64);
    let created = tz
        .to_ambiguous_zoned_datetime(local)
        .compatible()
        .map(|z| z.timestamp())
        .unwrap_or(now - jiff::SignedDuration::from_hours(24));
    (created, days_ago)
}

/// A demo ticket's history: answered, worked, sometimes waiting for the
/// requester or raised, mostly resolved; every event before `now`.
fn demo_events(
    seq: &mut Sequence,
    created: jiff::Timestamp,
    days_ago: i64,
    now: jiff::Timestamp,
) -> Vec<ImportEvent> {
    let step = |mins: u64| jiff::SignedDuration::from_mins(mins as i64);
    let mut t = created;
    let mut events = vec![ImportEvent {
        at: at(t),
        kind: "created".into(),
        to: None,
        public: None,
        by_staff: false,
        body: None,
    }];
    let status = |t: jiff::Timestamp, to: &str| ImportEvent {
        at: at(t),
        kind: "status".into(),
        to: Some(to.into()),
        public: None,
        by_staff: true,
        body: None,
    };
    // Older tickets are nearly all resolved by now, as on a real desk.
    let outcome = if days_ago > 10 {
        2 + seq.next(8)
    } else {
        seq.next(10)
    };
    t += step(5 + seq.next(90));
    events.push(ImportEvent {
        at: at(t),
        kind: "comment".into(),
        to: None,
        public: Some(true),
        by_staff: true,
        body: Some("Tack för ditt ärende. Vi tittar på det.".into()),
    });
    if outcome >= 1 {
        t += step(10 + seq.next(120));
        events.push(status(t, "in_progress"));
    }
    if outcome >= 3 && outcome.is_multiple_of(3) {
        t += step(30 + seq.next(240));
        events.push(status(t, "waiting_for_customer"));
        t += step(60 + seq.next(1440));
        events.push(ImportEvent {
            at: at(t),
            kind: "comment".into(),
            to: None,
            public: Some(true),
            by_staff: false,
            body: Some("Nu har jag provat igen, samma fel.".into()),
        });
        events.push(ImportEvent {
            at: at(t),
            kind: "status".into(),
            to: Some("in_progress".into()),
            public: None,
            by_staff: false,
            body: None,
        });
    }
    if outcome == 4 {
        t += step(20);
        events.push(ImportEvent {
            at: at(t),
            kind: "priority".into(),
            to: Some("P2".into()),
            public: None,
            by_staff: true,
            body: None,
        });
    }
    if outcome >= 2 {
        t += step(20 + seq.next(if outcome > 7 { 2400 } else { 300 }));
        events.push(status(t, "resolved"));
        if outcome >= 5 && t + jiff::SignedDuration::from_hours(24 * 10) < now {
            events.push(status(
                t + jiff::SignedDuration::from_hours(24 * 10),
                "closed",
            ));
        }
    }
    // Keep every event in the past.
    events.retain(|e| e.at.parse::<jiff::Timestamp>().is_ok_and(|x| x <= now));
    events
}
