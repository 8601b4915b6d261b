//! A synthetic federation at scale, for benchmarks and capacity planning:
//! `samdrift demo --scale S`. S = 1 is the demo; larger S adds members (up
//! to all 290 municipalities), people (up to 1,000,000), business systems
//! and tickets (10,000 × S, so S = 100 gives 1,000,000) with realistic
//! histories over three years: most tickets assigned, worked, sometimes
//! waiting for the requester, reassigned, answered and resolved, then
//! closed; recent ones still open. Mondays and mornings are busiest, and
//! once a year a major outage floods the desk. The same seed gives the same
//! federation (names, tickets and histories; ids are taken at load time).
//!
//! Tickets go in through the bulk path (multi-row inserts, 5,000 tickets
//! per transaction) with their clocks computed in memory from the same
//! rules as every other ticket; warnings and breaches that lie before the
//! load count as fired, so starting the server does not notify about the
//! past.

use crate::demo::{ADMINISTRATIONS, FIRST, LAST, PROBLEMS};
use crate::demo_catalog::DemoMember;
use crate::ids::new_id;
use crate::service_levels::clocks::{ClockSetup, clock_records, compute_sla};
use crate::{App, AppError};
use samdrift_domain::ids::{
    AccountId, AdministrationId, CommentId, EventId, GroupId, MemberId, PersonId, ServiceId,
    TicketId,
};
use samdrift_domain::priority::{Level, Priority};
use samdrift_domain::ticket::{Status, TicketType};
use samdrift_domain::time::{from_micros, to_micros};
use samdrift_store::people::PersonRecord;
use samdrift_store::tickets::{CommentRecord, EventRecord, NewTicket, TicketRecord};
use std::collections::HashMap;
use uuid::Uuid;

/// What a scaled load put in the database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScaleSummary {
    pub members: usize,
    pub people: usize,
    pub services: usize,
    pub tickets: usize,
    pub events: usize,
    pub comments: usize,
}

/// Members, people and tickets for a scale.
pub fn sizes(scale: u32) -> (usize, usize, usize) {
    let s = scale.max(1) as usize;
    let members = (3 * s).clamp(3, 290);
    let people = (1_000 * s).min(1_000_000);
    let tickets = 10_000 * s;
    (members, people, tickets)
}

/// A small deterministic generator (PCG-style LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// A three-letter member code for the n-th generated member, never one of
/// the demo's.
fn member_code(n: usize) -> String {
    let letters = |mut i: usize| {
        let mut s = String::new();
        for _ in 0..3 {
            s.insert(0, char::from(b'A' + (i % 26) as u8));
            i /= 26;
        }
        s
    };
    let mut i = n + 26 * 26; // from "BAA"
    loop {
        let code = letters(i);
        if !["SIM", "TOM", "YST"].contains(&code.as_str()) {
            return code;
        }
        i += 1;
    }
}

/// A valid organisation number `212000-NNNC` for the n-th member.
fn organisation_number(n: usize) -> String {
    let body = format!("212000{:03}", 100 + n % 900);
    let digits: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = if i % 2 == 0 { d * 2 } else { *d };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    format!("{}-{}{check}", &body[..6], &body[6..])
}

struct Member {
    id: Uuid,
    code: String,
    administrations: Vec<Uuid>,
    people: Vec<(Uuid, Option<Uuid>, String)>,
}

/// An index drawn with the given weights.
fn pick_weighted(rng: &mut Rng, weights: &[u64], total: u64) -> usize {
    let mut pick = rng.below(total);
    let mut i = 0;
    while i + 1 < weights.len() && pick >= weights[i] {
        pick -= weights[i];
        i += 1;
    }
    i
}

/// A moment of `date` in office hours; mornings are busiest (07-17,
/// peaking 08-10).
fn morning_instant(rng: &mut Rng, date: jiff::civil::Date, now: jiff::Timestamp) -> i64 {
    let hour = [7, 8, 8, 8, 9, 9, 9, 10, 10, 11, 13, 13, 14, 15, 16][rng.below(15) as usize];
    let local = date.at(hour, rng.below(60) as i8, rng.below(60) as i8, 0);
    samdrift_domain::time::stockholm()
        .to_ambiguous_zoned_datetime(local)
        .compatible()
        .map(|z| to_micros(z.timestamp()))
        .unwrap_or_else(|_| to_micros(now))
}

const MINUTE: i64 = 60_000_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// The federation's shared parts a scaled load builds on.
struct Basis {
    services: Vec<samdrift_store::registers::services::ServiceRecord>,
    groups: Vec<Uuid>,
    /// The demo's desk agent, who works the generated tickets.
    staff: Option<Uuid>,
}

/// The days tickets are spread over: three years up to today, weighted by
/// weekday (Mondays busiest, weekends quiet).
struct TicketDays {
    start: jiff::civil::Date,
    weights: Vec<u64>,
    total: u64,
    /// Histories end at today's local midnight, not at this instant, so
    /// the same seed gives the same federation all day.
    history_end: i64,
}

impl TicketDays {
    fn up_to(now: jiff::Timestamp) -> TicketDays {
        let tz = samdrift_domain::time::stockholm();
        let this_day = tz.to_datetime(now).date();
        let start = this_day - jiff::Span::new().days(3 * 365);
        let history_end = crate::service_levels::reports::local_midnight(this_day, "today")
            .map(to_micros)
            .unwrap_or_else(|_| to_micros(now));
        let weekday_weight = |d: jiff::civil::Date| match d.weekday() {
            jiff::civil::Weekday::Monday => 14,
            jiff::civil::Weekday::Friday => 8,
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday => 1,
            _ => 10,
        };
        let weights: Vec<u64> = (0..3 * 365)
            .map(|i| weekday_weight(start + jiff::Span::new().days(i)))
            .collect();
        TicketDays {
            start,
            total: weights.iter().sum(),
            weights,
            history_end,
        }
    }
}

impl App {
    /// Loads the demo, then grows it to `scale`, with `tickets` tickets
    /// instead of the scale's when given. Calls `progress` now and then
    /// with a line to show.
    pub async fn load_scaled_demo(
        &self,
        scale: u32,
        seed: u64,
        tickets: Option<usize>,
        progress: &(dyn Fn(String) + Send + Sync),
    ) -> Result<ScaleSummary, AppError> {
        self.load_demo().await?;
        let (n_members, n_people, n_tickets) = sizes(scale);
        let n_tickets = tickets.unwrap_or(n_tickets);
        let mut summary = ScaleSummary {
            members: 3,
            people: 60,
            services: 11,
            tickets: 300,
            ..Default::default()
        };
        if scale <= 1 && tickets.is_none() {
            return Ok(summary);
        }
        let mut rng = Rng(seed ^ 0x5a3d_1f00_77aa_0001);
        let year = samdrift_domain::time::stockholm()
            .to_datetime(self.clock.now())
            .year();
        summary.services += self.scale_services(scale).await?;
        let mut members = self.scale_members(n_members, year, &mut rng).await?;
        summary.members = members.len();
        self.scale_agreements(&members, year).await?;
        let basis = Basis {
            services: self.store.list_services().await?,
            groups: self
                .store
                .list_groups()
                .await?
                .iter()
                .map(|g| g.id)
                .collect(),
            staff: self.store.account_by_username("agent").await?.map(|a| a.id),
        };
        progress(format!(
            "{} members, {} services",
            members.len(),
            basis.services.len()
        ));
        if let Some(added) = self.scale_people(&mut members, n_people, &mut rng).await? {
            summary.people += added;
            progress(format!("{} people", summary.people));
        }
        let to_make = n_tickets.saturating_sub(300);
        self.scale_tickets(&members, &basis, to_make, &mut rng, &mut summary, progress)
            .await?;
        Ok(summary)
    }

    /// Business systems of the larger federation; how many were added.
    async fn scale_services(&self, scale: u32) -> Result<usize, AppError> {
        let scope = self.system_scope();
        let business_group = self
            .store
            .list_groups()
            .await?
            .iter()
            .find(|g| g.name == "Verksamhetssystem")
            .map(|g| g.id);
        let extra_services = (scale as usize / 2).min(50);
        for i in 0..extra_services {
            self.create_service(
                &scope,
                &format!("BUS{:03}", i + 1),
                &format!("Verksamhetssystem {}", i + 1),
                "business",
                "",
                business_group.map(GroupId),
            )
            .await?;
        }
        Ok(extra_services)
    }

    /// The members: the demo's three and `n_members - 3` generated ones,
    /// each generated member with the demo's administrations and
    /// subscriptions from two years back.
    async fn scale_members(
        &self,
        n_members: usize,
        year: i16,
        rng: &mut Rng,
    ) -> Result<Vec<Member>, AppError> {
        let scope = self.system_scope();
        let mut members: Vec<Member> = Vec::new();
        for m in self.store.list_members(&scope).await? {
            members.push(self.existing_member(m.id, m.code).await?);
        }
        let starts_on = format!("{}-01-01", year - 2);
        for n in 0..n_members.saturating_sub(3) {
            let code = member_code(n);
            let name = format!(
                "{} kommun",
                code[..1].to_owned() + &code[1..].to_lowercase()
            );
            let member = self
                .create_member(&scope, &code, &name, &organisation_number(n), 30)
                .await?;
            let mut administrations = Vec::new();
            for adm in ADMINISTRATIONS {
                administrations.push(
                    self.create_administration(&scope, MemberId(member.id), None, adm)
                        .await?
                        .id,
                );
            }
            let demo = DemoMember {
                code: code.clone(),
                id: member.id,
                administrations: administrations.clone(),
                people: vec![],
                size_percent: 20 + rng.below(100) as i64,
            };
            self.subscribe_demo_member(&demo, &starts_on).await?;
            members.push(Member {
                id: member.id,
                code,
                administrations,
                people: vec![],
            });
        }
        Ok(members)
    }

    /// A member already in the database, with its administrations and people.
    async fn existing_member(&self, id: Uuid, code: String) -> Result<Member, AppError> {
        let filter = samdrift_domain::scope::MemberFilter::Only(vec![MemberId(id)]);
        let administrations = self
            .store
            .list_administrations(&filter, Some(MemberId(id)))
            .await?
            .into_iter()
            .map(|a| a.id)
            .collect();
        let people = self
            .store
            .people_of_member(MemberId(id))
            .await?
            .into_iter()
            .map(|p| (p.id, p.administration_id, p.name))
            .collect();
        Ok(Member {
            id,
            code,
            administrations,
            people,
        })
    }

    /// Agreements for the three years the tickets span, where missing.
    async fn scale_agreements(&self, members: &[Member], year: i16) -> Result<(), AppError> {
        let calendars = self.store.list_calendars().await?;
        let named = |name: &str| calendars.iter().find(|c| c.name == name).map(|c| c.id);
        let (Some(office), Some(around)) = (named("Kontorstid"), named("Dygnet runt")) else {
            return Ok(());
        };
        let scope = self.system_scope();
        for m in members {
            let have: Vec<String> = self
                .store
                .list_agreements(&samdrift_domain::scope::MemberFilter::All, Some(m.id))
                .await?
                .into_iter()
                .map(|a| a.valid_from)
                .collect();
            for y in [year - 2, year - 1, year] {
                if !have.contains(&format!("{y}-01-01")) {
                    self.save_demo_agreement(&scope, &m.code, y, office, around)
                        .await?;
                }
            }
        }
        Ok(())
    }

    /// People, spread over the generated members; how many were added
    /// (none when no member was generated).
    async fn scale_people(
        &self,
        members: &mut [Member],
        n_people: usize,
        rng: &mut Rng,
    ) -> Result<Option<usize>, AppError> {
        let generated = members.len() - 3;
        let Some(per_member) = n_people.saturating_sub(60).checked_div(generated) else {
            return Ok(None);
        };
        let per_member = per_member.max(1);
        for m in members.iter_mut().skip(3) {
            let domain = m.code.to_lowercase();
            let mut batch = Vec::with_capacity(per_member);
            for i in 0..per_member {
                let first = FIRST[rng.below(FIRST.len() as u64) as usize];
                let last = LAST[rng.below(LAST.len() as u64) as usize];
                let administration = m.administrations[i % m.administrations.len()];
                let person = PersonRecord {
                    member_id: m.id,
                    id: new_id(self.clock.as_ref()),
                    administration_id: Some(administration),
                    name: format!("{first} {last}"),
                    email: format!("person{i}@{domain}.example"),
                    kind: if i % 9 == 8 { "student" } else { "employee" }.into(),
                    version: 1,
                };
                m.people
                    .push((person.id, person.administration_id, person.name.clone()));
                batch.push(person);
                if batch.len() == 5_000 {
                    self.store
                        .insert_people(&std::mem::take(&mut batch))
                        .await?;
                }
            }
            self.store.insert_people(&batch).await?;
        }
        Ok(Some(per_member * generated))
    }

    /// Tickets, day by day over three years, weighted per member by its
    /// people; once a year a major outage floods the desk for a day.
    async fn scale_tickets(
        &self,
        members: &[Member],
        basis: &Basis,
        to_make: usize,
        rng: &mut Rng,
        summary: &mut ScaleSummary,
        progress: &(dyn Fn(String) + Send + Sync),
    ) -> Result<(), AppError> {
        let now = self.clock.now();
        let days = TicketDays::up_to(now);
        let weights: Vec<u64> = members.iter().map(|m| 1 + m.people.len() as u64).collect();
        let total_weight: u64 = weights.iter().sum();
        let mut setups: HashMap<(MemberId, i16, Option<String>), Option<ClockSetup>> =
            HashMap::new();
        let mut batch: Vec<NewTicket> = Vec::new();
        let mut made = 0usize;
        let mut carry = 0u64;
        for (day_index, w) in days.weights.iter().enumerate() {
            let date = days.start + jiff::Span::new().days(day_index as i64);
            let flood = day_index % 365 == 200;
            carry += to_make as u64 * w;
            let mut today = carry / days.total;
            carry %= days.total;
            if flood {
                today += today * 4;
            }
            for _ in 0..today.min(to_make.saturating_sub(made) as u64) {
                let m = &members[pick_weighted(rng, &weights, total_weight)];
                let created = morning_instant(rng, date, now);
                let ticket = self.synthetic_ticket(rng, m, basis, created, days.history_end, flood);
                summary.events += ticket.events.len();
                summary.comments += ticket.comments.len();
                batch.push(ticket);
                made += 1;
                if batch.len() == 5_000 {
                    self.insert_batch(
                        std::mem::take(&mut batch),
                        &mut setups,
                        &basis.services,
                        now,
                    )
                    .await?;
                    if made % 100_000 < 5_000 {
                        progress(format!("{made} tickets"));
                    }
                }
            }
        }
        if !batch.is_empty() {
            self.insert_batch(batch, &mut setups, &basis.services, now)
                .await?;
        }
        summary.tickets += made;
        Ok(())
    }

    /// Creates a batch of tickets with their clocks through the bulk path.
    async fn insert_batch(
        &self,
        mut batch: Vec<NewTicket>,
        setups: &mut HashMap<(MemberId, i16, Option<String>), Option<ClockSetup>>,
        services: &[samdrift_store::registers::services::ServiceRecord],
        now: jiff::Timestamp,
    ) -> Result<(), AppError> {
        let tz = samdrift_domain::time::stockholm();
        for new in batch.iter_mut() {
            let ticket = &new.ticket;
            let year = tz.to_datetime(from_micros(ticket.created_at)).year();
            let code = ticket
                .service_id
                .and_then(|id| services.iter().find(|s| ServiceId(s.id) == id))
                .map(|s| s.code.clone());
            let key = (ticket.member_id, year, code.clone());
            if !setups.contains_key(&key) {
                let setup = self
                    .clock_setup_for(ticket.member_id, &format!("{year}-06-01"), code.as_deref())
                    .await?;
                setups.insert(key.clone(), setup);
            }
            let records = match setups.get(&key) {
                Some(Some(setup)) => match compute_sla(ticket, &new.events, setup, now) {
                    Ok(sla) => clock_records(ticket, &sla, to_micros(now)),
                    Err(_) => vec![],
                },
                _ => vec![],
            };
            new.clocks = records;
        }
        self.store
            .bulk_create_tickets(batch, to_micros(now))
            .await?;
        Ok(())
    }

    /// One ticket with a history that ends before `now`.
    fn synthetic_ticket(
        &self,
        rng: &mut Rng,
        m: &Member,
        basis: &Basis,
        created: i64,
        now: i64,
        flood: bool,
    ) -> NewTicket {
        let (mut t, requester) = self.synthetic_record(rng, m, basis, created, flood);
        let mut history = History {
            member: t.member_id,
            ticket: t.id,
            staff: basis.staff.map(AccountId),
            requester: &requester,
            status: Status::New,
            events: Vec::with_capacity(8),
            comments: Vec::new(),
        };
        history.push(created, false, "created", None, Some(Status::New));
        walk_history(rng, &mut history, &mut t, &basis.groups, now);
        t.status = history.status;
        t.updated_at = history.events.last().map(|e| e.at).unwrap_or(created);
        let year = samdrift_domain::time::stockholm_year(from_micros(created));
        NewTicket {
            member_code: m.code.clone(),
            year,
            ticket: t,
            comments: history.comments,
            attachments: vec![],
            events: history.events,
            request: None,
            clocks: vec![],
        }
    }

    /// A new ticket of member `m`: its problem, service, requester and
    /// priority, and the requester's name.
    fn synthetic_record(
        &self,
        rng: &mut Rng,
        m: &Member,
        basis: &Basis,
        created: i64,
        flood: bool,
    ) -> (TicketRecord, String) {
        let (service_code, title, description) = if flood {
            (
                "EMAIL",
                "E-posten fungerar inte",
                "Kan varken skicka eller ta emot e-post.",
            )
        } else {
            PROBLEMS[rng.below(PROBLEMS.len() as u64) as usize]
        };
        let service = if !flood && rng.chance(15) {
            basis
                .services
                .get(rng.below(basis.services.len() as u64) as usize)
        } else {
            basis.services.iter().find(|s| s.code == service_code)
        };
        let requester =
            (!m.people.is_empty()).then(|| &m.people[rng.below(m.people.len() as u64) as usize]);
        let impact = [1, 2, 2, 3, 3, 3][rng.below(6) as usize];
        let urgency = [1, 2, 2, 2, 3, 3][rng.below(6) as usize];
        let priority = match (Level::new(impact), Level::new(urgency)) {
            (Ok(i), Ok(u)) => Priority::from_matrix(i, u),
            _ => Priority::P4,
        };
        let id = new_id(self.clock.as_ref());
        let group = service
            .and_then(|s| s.owning_group_id)
            .or_else(|| basis.groups.first().copied());
        let t = TicketRecord {
            member_id: MemberId(m.id),
            id: TicketId(id),
            number: String::new(),
            ticket_type: if rng.chance(25) {
                TicketType::Request
            } else {
                TicketType::Incident
            },
            administration_id: requester.and_then(|r| r.1).map(AdministrationId),
            requester_id: requester.map(|r| PersonId(r.0)),
            service_id: service.map(|s| ServiceId(s.id)),
            title: title.into(),
            description: description.into(),
            impact,
            urgency,
            priority,
            priority_overridden: false,
            status: Status::New,
            group_id: group.map(GroupId),
            assignee_id: None,
            supplier_id: None,
            supplier_reference: None,
            created_at: created,
            updated_at: created,
            resolved_at: None,
            version: 1,
        };
        let requester_name = requester
            .map(|r| r.2.clone())
            .unwrap_or_else(|| "Okänd".into());
        (t, requester_name)
    }
}

/// A generated ticket's history as it is built, step by step.
struct History<'a> {
    member: MemberId,
    ticket: TicketId,
    /// The desk agent who works it.
    staff: Option<AccountId>,
    requester: &'a str,
    status: Status,
    events: Vec<EventRecord>,
    comments: Vec<CommentRecord>,
}

impl History<'_> {
    fn event(
        &self,
        at: i64,
        by_staff: bool,
        kind: &str,
        old: Option<Status>,
        new: Option<Status>,
    ) -> EventRecord {
        EventRecord {
            member_id: self.member,
            id: EventId(Uuid::now_v7()),
            ticket_id: self.ticket,
            at,
            actor_id: if by_staff { self.staff } else { None },
            actor_name: if by_staff { "agent" } else { self.requester }.into(),
            actor_kind: if by_staff { "staff" } else { "requester" }.into(),
            kind: kind.into(),
            old_value: old.map(|s| s.as_str().to_owned()),
            new_value: new.map(|s| s.as_str().to_owned()),
            public: true,
        }
    }

    fn push(
        &mut self,
        at: i64,
        by_staff: bool,
        kind: &str,
        old: Option<Status>,
        new: Option<Status>,
    ) {
        let e = self.event(at, by_staff, kind, old, new);
        self.events.push(e);
    }

    fn set_status(&mut self, at: i64, by_staff: bool, to: Status) {
        self.push(at, by_staff, "status", Some(self.status), Some(to));
        self.status = to;
    }

    fn comment(&mut self, at: i64, by_staff: bool, body: &str) {
        self.comments.push(CommentRecord {
            member_id: self.member,
            id: CommentId(Uuid::now_v7()),
            ticket_id: self.ticket,
            at,
            author_id: if by_staff { self.staff } else { None },
            author_name: if by_staff { "agent" } else { self.requester }.into(),
            public: true,
            by_staff,
            body: body.into(),
        });
        self.push(at, by_staff, "comment", None, None);
    }

    /// Closed by the system when the reopen period has passed.
    fn close(&mut self, at: i64) {
        let mut e = self.event(at, false, "status", Some(self.status), Some(Status::Closed));
        e.actor_kind = "system".into();
        e.actor_name = "samdrift".into();
        e.actor_id = None;
        self.events.push(e);
        self.status = Status::Closed;
    }
}

/// How far a ticket got: old tickets are done, recent ones may be open.
/// The last month's tickets are often still open, and a few older ones
/// linger; an open ticket stops somewhere before resolution.
fn walk_history(
    rng: &mut Rng,
    h: &mut History<'_>,
    t: &mut TicketRecord,
    groups: &[Uuid],
    now: i64,
) {
    let created = t.created_at;
    let open = (now - created < 30 * DAY && rng.chance(60)) || rng.chance(1);
    let stop_after = if open {
        rng.below(5) as usize
    } else {
        usize::MAX
    };
    let mut at = created + (5 + rng.below(240) as i64) * MINUTE;
    let steps = [
        ("assigned", 1),
        ("in_progress", 1),
        ("comment", 1),
        ("waiting", 20),
        ("reassign", 15),
        ("resolved", 1),
        ("closed", 1),
    ];
    for (n, (step, one_in)) in steps.into_iter().enumerate() {
        if at >= now || n >= stop_after {
            break;
        }
        if one_in > 1 && !rng.chance(one_in) {
            continue;
        }
        match step {
            "assigned" => h.set_status(at, true, Status::Assigned),
            "in_progress" => h.set_status(at, true, Status::InProgress),
            "resolved" => {
                h.set_status(at, true, Status::Resolved);
                t.resolved_at = Some(at);
            }
            "comment" => h.comment(at, true, "Vi tittar på det och återkommer."),
            "waiting" => {
                h.set_status(at, true, Status::WaitingForCustomer);
                at += (1 + rng.below(48) as i64) * HOUR;
                if at >= now {
                    break;
                }
                h.comment(at, false, "Nu har jag testat igen, samma fel.");
                h.set_status(at, false, Status::InProgress);
            }
            "reassign" => {
                let next = groups.get(rng.below(groups.len() as u64) as usize).copied();
                let mut e = h.event(at, true, "group", None, None);
                e.old_value = t.group_id.map(|g| g.to_string());
                e.new_value = next.map(|g| g.to_string());
                h.events.push(e);
                t.group_id = next.map(GroupId);
            }
            _ => {
                let closed = at + 10 * DAY;
                if closed < now {
                    h.close(closed);
                }
                break;
            }
        }
        at += match step {
            "assigned" => (5 + rng.below(120) as i64) * MINUTE,
            "in_progress" => (10 + rng.below(600) as i64) * MINUTE,
            _ => (30 + rng.below(3 * 24 * 60) as i64) * MINUTE,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_member_codes_and_organisation_numbers_are_valid_and_unique() {
        let mut codes = std::collections::HashSet::new();
        for n in 0..290 {
            let code = member_code(n);
            assert!(
                samdrift_domain::member::MemberCode::parse(&code).is_ok(),
                "{code}"
            );
            assert!(codes.insert(code));
            let org = organisation_number(n);
            assert!(
                samdrift_domain::member::check_organisation_number(&org).is_ok(),
                "{org}"
            );
        }
    }

    #[test]
    fn sizes_reach_the_national_scale() {
        assert_eq!(sizes(1), (3, 1_000, 10_000));
        assert_eq!(sizes(100), (290, 100_000, 1_000_000));
        assert_eq!(sizes(1_000), (290, 1_000_000, 10_000_000));
    }
}
