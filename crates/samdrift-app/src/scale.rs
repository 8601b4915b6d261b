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
use samdrift_domain::ids::{GroupId, MemberId};
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

const MINUTE: i64 = 60_000_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

impl App {
    /// Loads the demo, then grows it to `scale`. Calls `progress` now and
    /// then with a line to show.
    pub async fn load_scaled_demo(
        &self,
        scale: u32,
        seed: u64,
        progress: &(dyn Fn(String) + Send + Sync),
    ) -> Result<ScaleSummary, AppError> {
        self.load_demo().await?;
        let scope = self.system_scope();
        let (n_members, n_people, n_tickets) = sizes(scale);
        let mut summary = ScaleSummary {
            members: 3,
            people: 60,
            services: 11,
            tickets: 300,
            ..Default::default()
        };
        if scale <= 1 {
            return Ok(summary);
        }
        let mut rng = Rng(seed ^ 0x5a3d_1f00_77aa_0001);
        let now = self.clock.now();
        let tz = samdrift_domain::time::stockholm();
        let year = tz.to_datetime(now).year();

        // Business systems of the larger federation.
        let groups = self.store.list_groups().await?;
        let business_group = groups
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
        summary.services += extra_services;
        let services = self.store.list_services().await?;
        let calendars = self.store.list_calendars().await?;
        let office = calendars
            .iter()
            .find(|c| c.name == "Kontorstid")
            .map(|c| c.id);
        let around = calendars
            .iter()
            .find(|c| c.name == "Dygnet runt")
            .map(|c| c.id);

        // The members: the demo's three and the generated ones.
        let mut members: Vec<Member> = Vec::new();
        for m in self.store.list_members(&scope).await? {
            let filter = samdrift_domain::scope::MemberFilter::Only(vec![MemberId(m.id)]);
            let administrations = self
                .store
                .list_administrations(&filter, Some(MemberId(m.id)))
                .await?
                .into_iter()
                .map(|a| a.id)
                .collect();
            let people = self
                .store
                .people_of_member(MemberId(m.id))
                .await?
                .into_iter()
                .map(|p| (p.id, p.administration_id, p.name))
                .collect();
            members.push(Member {
                id: m.id,
                code: m.code,
                administrations,
                people,
            });
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
            self.subscribe_demo_member(
                &DemoMember {
                    code: code.clone(),
                    id: member.id,
                    administrations: administrations.clone(),
                    people: vec![],
                    size_percent: 20 + rng.below(100) as i64,
                },
                &starts_on,
            )
            .await?;
            members.push(Member {
                id: member.id,
                code,
                administrations,
                people: vec![],
            });
        }
        summary.members = members.len();
        // Agreements for the three years the tickets span.
        if let (Some(office), Some(around)) = (office, around) {
            for m in &members {
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
        }
        progress(format!(
            "{} members, {} services",
            members.len(),
            services.len()
        ));

        // People, spread over the generated members.
        let generated = members.len() - 3;
        if let Some(per_member) = n_people.saturating_sub(60).checked_div(generated) {
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
                summary.people += per_member;
            }
            progress(format!("{} people", summary.people));
        }

        // Tickets, day by day over three years, weighted per member.
        let weights: Vec<u64> = members.iter().map(|m| 1 + m.people.len() as u64).collect();
        let total_weight: u64 = weights.iter().sum();
        let to_make = n_tickets.saturating_sub(300);
        let this_day = tz.to_datetime(now).date();
        let start_day = this_day - jiff::Span::new().days(3 * 365);
        // Histories end at today's local midnight, not at this instant, so
        // the same seed gives the same federation all day.
        let history_end = crate::service_levels::reports::local_midnight(this_day, "today")
            .map(to_micros)
            .unwrap_or_else(|_| to_micros(now));
        let days = 3 * 365;
        let weekday_weight = |d: jiff::civil::Date| match d.weekday() {
            jiff::civil::Weekday::Monday => 14,
            jiff::civil::Weekday::Friday => 8,
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday => 1,
            _ => 10,
        };
        let day_weights: Vec<u64> = (0..days)
            .map(|i| weekday_weight(start_day + jiff::Span::new().days(i)))
            .collect();
        let all_day_weight: u64 = day_weights.iter().sum();
        let group_ids: Vec<Uuid> = groups.iter().map(|g| g.id).collect();
        let staff = self.store.account_by_username("agent").await?.map(|a| a.id);
        let mut setups: HashMap<(Uuid, i16, Option<String>), Option<ClockSetup>> = HashMap::new();
        let mut batch: Vec<NewTicket> = Vec::new();
        let mut made = 0usize;
        let mut carry = 0u64;
        for (day_index, w) in day_weights.iter().enumerate() {
            let date = start_day + jiff::Span::new().days(day_index as i64);
            // One major outage a year floods the desk for a day.
            let flood = day_index % 365 == 200;
            carry += to_make as u64 * w;
            let mut today = carry / all_day_weight;
            carry %= all_day_weight;
            if flood {
                today += today * 4;
            }
            for _ in 0..today {
                if made >= to_make {
                    break;
                }
                let mut pick = rng.below(total_weight);
                let mut mi = 0;
                while pick >= weights[mi] {
                    pick -= weights[mi];
                    mi += 1;
                }
                let m = &members[mi];
                // Mornings are busiest: 07-17, peaking 08-10.
                let hour =
                    [7, 8, 8, 8, 9, 9, 9, 10, 10, 11, 13, 13, 14, 15, 16][rng.below(15) as usize];
                let local = date.at(hour, rng.below(60) as i8, rng.below(60) as i8, 0);
                let created = tz
                    .to_ambiguous_zoned_datetime(local)
                    .compatible()
                    .map(|z| to_micros(z.timestamp()))
                    .unwrap_or_else(|_| to_micros(now));
                let ticket = self.synthetic_ticket(
                    &mut rng,
                    m,
                    &services,
                    &group_ids,
                    staff,
                    created,
                    history_end,
                    flood,
                );
                summary.events += ticket.events.len();
                summary.comments += ticket.comments.len();
                batch.push(ticket);
                made += 1;
                if batch.len() == 5_000 {
                    self.insert_batch(std::mem::take(&mut batch), &mut setups, &services, now)
                        .await?;
                    if made % 100_000 < 5_000 {
                        progress(format!("{made} tickets"));
                    }
                }
            }
        }
        if !batch.is_empty() {
            self.insert_batch(batch, &mut setups, &services, now)
                .await?;
        }
        summary.tickets += made;
        Ok(summary)
    }

    /// Creates a batch of tickets with their clocks through the bulk path.
    async fn insert_batch(
        &self,
        mut batch: Vec<NewTicket>,
        setups: &mut HashMap<(Uuid, i16, Option<String>), Option<ClockSetup>>,
        services: &[samdrift_store::registers::services::ServiceRecord],
        now: jiff::Timestamp,
    ) -> Result<(), AppError> {
        let tz = samdrift_domain::time::stockholm();
        for new in batch.iter_mut() {
            let ticket = &new.ticket;
            let year = tz.to_datetime(from_micros(ticket.created_at)).year();
            let code = ticket
                .service_id
                .and_then(|id| services.iter().find(|s| s.id == id))
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
    #[allow(clippy::too_many_arguments)]
    fn synthetic_ticket(
        &self,
        rng: &mut Rng,
        m: &Member,
        services: &[samdrift_store::registers::services::ServiceRecord],
        groups: &[Uuid],
        staff: Option<Uuid>,
        created: i64,
        now: i64,
        flood: bool,
    ) -> NewTicket {
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
            services.get(rng.below(services.len() as u64) as usize)
        } else {
            services.iter().find(|s| s.code == service_code)
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
            .or_else(|| groups.first().copied());
        let mut t = TicketRecord {
            member_id: m.id,
            id,
            number: String::new(),
            ticket_type: if rng.chance(25) {
                TicketType::Request
            } else {
                TicketType::Incident
            },
            administration_id: requester.and_then(|r| r.1),
            requester_id: requester.map(|r| r.0),
            service_id: service.map(|s| s.id),
            title: title.into(),
            description: description.into(),
            impact,
            urgency,
            priority,
            priority_overridden: false,
            status: Status::New,
            group_id: group,
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
        let mut events = Vec::with_capacity(8);
        let mut comments = Vec::new();
        let event =
            |at: i64, by_staff: bool, kind: &str, old: Option<&str>, new: Option<String>| {
                EventRecord {
                    member_id: m.id,
                    id: Uuid::now_v7(),
                    ticket_id: id,
                    at,
                    actor_id: if by_staff { staff } else { None },
                    actor_name: if by_staff {
                        "agent".into()
                    } else {
                        requester_name.clone()
                    },
                    actor_kind: if by_staff { "staff" } else { "requester" }.into(),
                    kind: kind.into(),
                    old_value: old.map(str::to_owned),
                    new_value: new,
                    public: true,
                }
            };
        events.push(event(created, false, "created", None, Some("new".into())));
        // How far the ticket got: old tickets are done, recent ones may be open.
        let age = now - created;
        // The last month's tickets are often still open, and a few older
        // ones linger; an open ticket stops somewhere before resolution.
        let open = (age < 30 * DAY && rng.chance(60)) || rng.chance(1);
        let stop_after = if open {
            rng.below(5) as usize
        } else {
            usize::MAX
        };
        let mut at = created + (5 + rng.below(240) as i64) * MINUTE;
        let mut status = "new";
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
                "assigned" | "in_progress" | "resolved" => {
                    events.push(event(at, true, "status", Some(status), Some(step.into())));
                    status = step;
                    if step == "resolved" {
                        t.resolved_at = Some(at);
                    }
                }
                "comment" => {
                    let comment = CommentRecord {
                        member_id: m.id,
                        id: Uuid::now_v7(),
                        ticket_id: id,
                        at,
                        author_id: staff,
                        author_name: "agent".into(),
                        public: true,
                        by_staff: true,
                        body: "Vi tittar på det och återkommer.".into(),
                    };
                    comments.push(comment);
                    events.push(event(at, true, "comment", None, None));
                }
                "waiting" => {
                    events.push(event(
                        at,
                        true,
                        "status",
                        Some(status),
                        Some("waiting_for_customer".into()),
                    ));
                    at += (1 + rng.below(48) as i64) * HOUR;
                    if at >= now {
                        status = "waiting_for_customer";
                        break;
                    }
                    comments.push(CommentRecord {
                        member_id: m.id,
                        id: Uuid::now_v7(),
                        ticket_id: id,
                        at,
                        author_id: None,
                        author_name: requester_name.clone(),
                        public: true,
                        by_staff: false,
                        body: "Nu har jag testat igen, samma fel.".into(),
                    });
                    events.push(event(at, false, "comment", None, None));
                    events.push(event(
                        at,
                        false,
                        "status",
                        Some("waiting_for_customer"),
                        Some("in_progress".into()),
                    ));
                    status = "in_progress";
                }
                "reassign" => {
                    let next = groups.get(rng.below(groups.len() as u64) as usize).copied();
                    let mut e = event(at, true, "group", None, next.map(|g| g.to_string()));
                    e.old_value = t.group_id.map(|g| g.to_string());
                    events.push(e);
                    t.group_id = next;
                }
                _ => {
                    // Closed when the reopen period has passed.
                    let closed = at + 10 * DAY;
                    if closed < now {
                        let mut e =
                            event(closed, false, "status", Some(status), Some("closed".into()));
                        e.actor_kind = "system".into();
                        e.actor_name = "samdrift".into();
                        e.actor_id = None;
                        events.push(e);
                        status = "closed";
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
        // The generator's steps are status codes of ours.
        t.status = status.parse().unwrap_or(Status::New);
        t.updated_at = events.last().map(|e| e.at).unwrap_or(created);
        let year = samdrift_domain::time::stockholm_year(from_micros(created));
        NewTicket {
            member_code: m.code.clone(),
            year,
            ticket: t,
            comments,
            attachments: vec![],
            events,
            request: None,
            clocks: vec![],
        }
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
