//! Deliveries of people from a member's HR or school system: received
//! (read, checked, compared with the register and kept as a preview),
//! applied in one transaction, or discarded. A delivery that would end
//! more than the member's share of a source's people waits for an
//! administrator. People whose last day has passed are ended by a sweep.

use crate::identity::delivery_file::{DeliveryFormat, read_delivery};
use crate::ids::new_id;
use crate::registers::require_registrar;
use crate::{App, AppError};
use samdrift_domain::identity::comparison::{
    Comparison, FieldChange, LeaveReason, RegisterPerson, compare,
};
use samdrift_domain::identity::source::{Facts, SourceKind, SourcePerson};
use samdrift_domain::ids::MemberId;
use samdrift_domain::msg;
use samdrift_domain::scope::Scope;
use samdrift_store::identity::{DeliveryRecord, SourcedPerson};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The counts a delivery's preview shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliverySummary {
    pub joiners: usize,
    pub movers: usize,
    pub updates: usize,
    pub leavers: usize,
    pub unchanged: usize,
    /// Delivered people the other source holds.
    pub held_elsewhere: usize,
    /// The source's active people before the delivery.
    pub active: usize,
    pub share_percent: u32,
    pub needs_confirmation: bool,
}

/// A delivered person as kept with a delivery until it is applied: the
/// personnummer only sealed, hashed and masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Delivered {
    pub line: usize,
    pub key: String,
    pub name: String,
    pub email: String,
    pub kind: String,
    pub facts: Facts,
    pub pnr_sealed: Option<String>,
    pub pnr_hash: Option<String>,
    pub pnr_masked: Option<String>,
}

impl Delivered {
    fn source_person(&self) -> SourcePerson {
        SourcePerson {
            line: self.line,
            key: self.key.clone(),
            personnummer: None,
            name: self.name.clone(),
            email: self.email.clone(),
            kind: if self.kind == "student" {
                "student"
            } else {
                "employee"
            },
            facts: self.facts.clone(),
        }
    }
}

/// A joiner as the preview lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewJoiner {
    pub line: usize,
    pub name: String,
    /// Someone already in the register (entered by hand, or a leaver who
    /// returns).
    pub returning: bool,
}

/// A mover or an update as the preview lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewChange {
    pub person: Uuid,
    pub name: String,
    pub changes: Vec<FieldChange>,
}

/// A leaver as the preview lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewLeaver {
    pub person: Uuid,
    pub name: String,
    /// `end_date` or `missing`.
    pub reason: &'static str,
    pub last_day: Option<jiff::civil::Date>,
}

/// A delivery with its summary, and while it is not yet applied, who it
/// would change (compared with the register as it is now).
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryView {
    pub record: DeliveryRecord,
    pub summary: DeliverySummary,
    pub joiners: Vec<PreviewJoiner>,
    pub movers: Vec<PreviewChange>,
    pub updates: Vec<PreviewChange>,
    pub leavers: Vec<PreviewLeaver>,
}

/// A delivery compared with the register it would change.
pub(crate) struct Compared {
    pub delivered: Vec<Delivered>,
    pub register: Vec<SourcedPerson>,
    pub comparison: Comparison,
    pub summary: DeliverySummary,
}

/// The register person the comparison sees.
pub(crate) fn register_person(p: &SourcedPerson) -> RegisterPerson {
    let date = |d: &Option<String>| d.as_deref().and_then(|d| d.parse().ok());
    RegisterPerson {
        id: p.id,
        source: p.source.clone(),
        key: p.source_key.clone(),
        pnr_hash: p.pnr_hash.clone(),
        name: p.name.clone(),
        email: p.email.to_lowercase(),
        facts: Facts {
            administration: p.source_administration.clone(),
            workplace: p.workplace.clone(),
            title: p.title.clone(),
            manager: p.manager_key.clone(),
            school: p.school.clone(),
            class: p.class_name.clone(),
            starts_on: date(&p.starts_on),
            ends_on: date(&p.ends_on),
        },
        ended: p.ended_at.is_some(),
    }
}

impl App {
    /// Today in Europe/Stockholm.
    pub(crate) fn stockholm_today(&self) -> jiff::civil::Date {
        samdrift_domain::time::stockholm()
            .to_datetime(self.clock.now())
            .date()
    }

    /// Reads, checks and compares a delivery and keeps it as a preview
    /// (or waiting for an administrator when it ends too many people).
    /// Nothing in the register changes. A file with any error is refused
    /// whole, every error named by line and field.
    pub async fn receive_delivery(
        &self,
        scope: &Scope,
        member: MemberId,
        source: SourceKind,
        full: bool,
        format: DeliveryFormat,
        bytes: &[u8],
    ) -> Result<DeliveryView, AppError> {
        require_registrar(scope)?;
        self.store
            .get_member(scope, member)
            .await?
            .ok_or(AppError::NotFound("member"))?;
        let people = read_delivery(source, format, bytes, self.stockholm_today())
            .map_err(AppError::Invalid)?;
        let delivered = self.seal_delivered(people)?;
        let share = u32::try_from(self.store.people_rules(member).await?.0).unwrap_or(5);
        let compared = self
            .compare_delivery(member, source, full, delivered, share)
            .await?;
        let record = DeliveryRecord {
            member_id: member.0,
            id: new_id(self.clock.as_ref()),
            source: source.as_str().to_owned(),
            is_full: full,
            received_at: self.now_micros(),
            received_by: Some(scope.account.0),
            state: if compared.summary.needs_confirmation {
                "waiting"
            } else {
                "previewed"
            }
            .to_owned(),
            people: serde_json::to_string(&compared.delivered)
                .map_err(|_| AppError::invalid("file", msg!("delivery.cannot_store")))?,
            summary: serde_json::to_string(&compared.summary)
                .map_err(|_| AppError::invalid("file", msg!("delivery.cannot_store")))?,
            decided_at: None,
            decided_by: None,
            version: 1,
        };
        self.store.insert_delivery(&record).await?;
        Ok(view(record, compared))
    }

    /// Seals each delivered personnummer; without a configured key a
    /// delivery that carries any is refused.
    fn seal_delivered(&self, people: Vec<SourcePerson>) -> Result<Vec<Delivered>, AppError> {
        let key = self.settings.personnummer_key.as_deref();
        if key.is_none() && people.iter().any(|p| p.personnummer.is_some()) {
            return Err(AppError::Conflict(msg!("delivery.no_personnummer_key")));
        }
        Ok(people
            .into_iter()
            .map(|p| {
                let sealed = p
                    .personnummer
                    .as_ref()
                    .and_then(|n| key.map(|k| (k.seal(n), k.hash(n), n.masked())));
                Delivered {
                    line: p.line,
                    key: p.key,
                    name: p.name,
                    email: p.email,
                    kind: p.kind.to_owned(),
                    facts: p.facts,
                    pnr_sealed: sealed.as_ref().map(|s| s.0.clone()),
                    pnr_hash: sealed.as_ref().map(|s| s.1.clone()),
                    pnr_masked: sealed.map(|s| s.2),
                }
            })
            .collect())
    }

    pub(crate) async fn compare_delivery(
        &self,
        member: MemberId,
        source: SourceKind,
        full: bool,
        delivered: Vec<Delivered>,
        share_percent: u32,
    ) -> Result<Compared, AppError> {
        let register = self.store.sourced_people(member).await?;
        let people: Vec<RegisterPerson> = register.iter().map(register_person).collect();
        let persons: Vec<SourcePerson> = delivered.iter().map(Delivered::source_person).collect();
        let hashes: Vec<Option<String>> = delivered.iter().map(|d| d.pnr_hash.clone()).collect();
        let comparison = compare(
            &people,
            &persons,
            &hashes,
            source.as_str(),
            full,
            self.stockholm_today(),
        );
        let active = people
            .iter()
            .filter(|p| !p.ended && p.source.as_deref() == Some(source.as_str()))
            .count();
        let summary = DeliverySummary {
            joiners: comparison.joiners.len(),
            movers: comparison.movers.len(),
            updates: comparison.updates.len(),
            leavers: comparison.leavers.len(),
            unchanged: comparison.unchanged,
            held_elsewhere: comparison.held_elsewhere.len(),
            active,
            share_percent,
            needs_confirmation: comparison.needs_confirmation(active, share_percent),
        };
        Ok(Compared {
            delivered,
            register,
            comparison,
            summary,
        })
    }

    /// A delivery in the caller's scope with its stored summary, not
    /// compared again.
    pub(crate) async fn delivery_record(
        &self,
        scope: &Scope,
        id: Uuid,
    ) -> Result<(DeliveryRecord, DeliverySummary), AppError> {
        require_registrar(scope)?;
        let record = self
            .store
            .get_delivery(&scope.register_members(), id)
            .await?
            .ok_or(AppError::NotFound("delivery"))?;
        let summary: DeliverySummary =
            serde_json::from_str(&record.summary).map_err(|_| AppError::NotFound("delivery"))?;
        Ok((record, summary))
    }

    /// A delivery in the caller's scope; one not yet applied is compared
    /// with the register again, so the preview is always current.
    pub async fn delivery(&self, scope: &Scope, id: Uuid) -> Result<DeliveryView, AppError> {
        let (record, summary) = self.delivery_record(scope, id).await?;
        if !matches!(record.state.as_str(), "previewed" | "waiting") {
            return Ok(DeliveryView {
                record,
                summary,
                joiners: vec![],
                movers: vec![],
                updates: vec![],
                leavers: vec![],
            });
        }
        let compared = self.recompare(&record, summary.share_percent).await?;
        Ok(view(record, compared))
    }

    pub(crate) async fn recompare(
        &self,
        record: &DeliveryRecord,
        share: u32,
    ) -> Result<Compared, AppError> {
        let delivered: Vec<Delivered> =
            serde_json::from_str(&record.people).map_err(|_| AppError::NotFound("delivery"))?;
        let source: SourceKind = record
            .source
            .parse()
            .map_err(|_| AppError::NotFound("delivery"))?;
        self.compare_delivery(
            MemberId(record.member_id),
            source,
            record.is_full,
            delivered,
            share,
        )
        .await
    }

    /// The newest deliveries in the caller's scope (a member's only, if
    /// given), without their people.
    pub async fn deliveries(
        &self,
        scope: &Scope,
        member: Option<MemberId>,
    ) -> Result<Vec<DeliveryRecord>, AppError> {
        require_registrar(scope)?;
        let mut list = self
            .store
            .list_deliveries(&scope.register_members(), 200)
            .await?;
        if let Some(m) = member {
            list.retain(|d| d.member_id == m.0);
        }
        Ok(list)
    }

    /// Drops a delivery that was not applied.
    pub async fn discard_delivery(
        &self,
        scope: &Scope,
        id: Uuid,
        version: i64,
    ) -> Result<(), AppError> {
        let (record, _) = self.delivery_record(scope, id).await?;
        self.store
            .discard_delivery(
                record.member_id,
                id,
                version,
                self.now_micros(),
                Some(scope.account.0),
            )
            .await?;
        Ok(())
    }
}

fn name_of(register: &[SourcedPerson], id: Uuid) -> String {
    register
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

pub(crate) fn view(record: DeliveryRecord, c: Compared) -> DeliveryView {
    let changes = |list: &[samdrift_domain::identity::comparison::Changed]| {
        list.iter()
            .map(|m| PreviewChange {
                person: m.person,
                name: c.delivered[m.delivered].name.clone(),
                changes: m.changes.clone(),
            })
            .collect()
    };
    DeliveryView {
        joiners: c
            .comparison
            .joiners
            .iter()
            .map(|j| PreviewJoiner {
                line: c.delivered[j.delivered].line,
                name: c.delivered[j.delivered].name.clone(),
                returning: j.existing.is_some(),
            })
            .collect(),
        movers: changes(&c.comparison.movers),
        updates: changes(&c.comparison.updates),
        leavers: c
            .comparison
            .leavers
            .iter()
            .map(|l| PreviewLeaver {
                person: l.person,
                name: name_of(&c.register, l.person),
                reason: match l.reason {
                    LeaveReason::EndDate(_) => "end_date",
                    LeaveReason::Missing => "missing",
                },
                last_day: match l.reason {
                    LeaveReason::EndDate(d) => Some(d),
                    LeaveReason::Missing => None,
                },
            })
            .collect(),
        summary: c.summary,
        record,
    }
}
