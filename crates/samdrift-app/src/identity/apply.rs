//! Applying a delivery: the comparison made again against the register
//! as it is now, turned into one transaction of people, accounts, roles
//! and history. Joiners get an account in the member (an end user's role;
//! an existing account of the same e-mail gets the role instead); leavers
//! lose their roles in the member, and an account left with no role is
//! disabled, its sessions and tokens stopped.

use crate::identity::deliveries::{Compared, Delivered, DeliveryView, register_person, view};
use crate::identity::entitlements::PersonChange;
use crate::ids::new_id;
use crate::{App, AppError};
use samdrift_domain::identity::comparison::{FieldChange, LeaveReason};
use samdrift_domain::msg;
use samdrift_domain::scope::Scope;
use samdrift_store::accounts::AccountRecord;
use samdrift_store::identity::{
    DeliveryApply, DeliveryRecord, HistoryRecord, PersonWrite, SourcedPerson,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The password hash of an account that signs in only through single
/// sign-on until an administrator sets a password: no password matches it.
pub const NO_PASSWORD: &str = "!";

/// The role a joiner gets in their member.
const JOINER_ROLE: &str = "end_user";

/// A register person's source and facts, as the rules saw them before.
fn before_of(p: &SourcedPerson) -> (String, samdrift_domain::identity::source::Facts) {
    (
        p.source.clone().unwrap_or_default(),
        register_person(p).facts,
    )
}

impl App {
    /// Applies a delivery at the version the caller saw. One that ends
    /// more than the member's share of a source's people is applied only
    /// by an administrator who confirms it.
    pub async fn apply_delivery(
        &self,
        scope: &Scope,
        id: Uuid,
        version: i64,
        confirm: bool,
    ) -> Result<DeliveryView, AppError> {
        let (record, summary) = self.delivery_record(scope, id).await?;
        if !matches!(record.state.as_str(), "previewed" | "waiting") || record.version != version {
            return Err(AppError::Stale);
        }
        let compared = self.recompare(&record, summary.share_percent).await?;
        if compared.summary.needs_confirmation && !(confirm && scope.is_admin()) {
            return Err(AppError::Conflict(msg!(
                "delivery.needs_confirmation",
                leavers = compared.summary.leavers as i64,
                active = compared.summary.active as i64,
                share = i64::from(compared.summary.share_percent)
            )));
        }
        let (write, changes) = self
            .delivery_write(&record, &compared, Some(scope.account.0))
            .await?;
        self.store.apply_delivery(&write).await?;
        self.accounts_changed();
        self.after_delivery(&record, &changes).await;
        let applied = DeliveryRecord {
            state: "applied".to_owned(),
            version: version + 1,
            decided_at: Some(write.at),
            decided_by: Some(scope.account.0),
            people: String::new(),
            ..record
        };
        Ok(view(applied, compared))
    }

    /// The entitlement tasks a delivery's changes call for. The register
    /// is already written; a failure here is logged (the delivery stays
    /// applied) rather than reported as the delivery's failure.
    async fn after_delivery(&self, record: &DeliveryRecord, changes: &[PersonChange]) {
        let member = samdrift_domain::ids::MemberId(record.member_id);
        let code = match self
            .store
            .get_member(&crate::demo::system_scope(), member)
            .await
        {
            Ok(Some(m)) => m.code,
            _ => return,
        };
        if let Err(e) = self.raise_entitlement_tasks(member, &code, changes).await {
            tracing::warn!(error = %e, delivery = %record.id, "entitlement tasks of a delivery could not all be made");
        }
    }

    async fn delivery_write(
        &self,
        record: &DeliveryRecord,
        c: &Compared,
        by: Option<Uuid>,
    ) -> Result<(DeliveryApply, Vec<PersonChange>), AppError> {
        let member = samdrift_domain::ids::MemberId(record.member_id);
        let mut w = DeliveryApply {
            member_id: record.member_id,
            delivery_id: record.id,
            expected_version: record.version,
            at: self.now_micros(),
            by,
            ..DeliveryApply::default()
        };
        let mut admins = self.store.administrations_by_name(member).await?;
        let mut changes = Vec::new();
        let by_id: HashMap<Uuid, &SourcedPerson> = c.register.iter().map(|p| (p.id, p)).collect();
        let joiner_emails: Vec<String> = c
            .comparison
            .joiners
            .iter()
            .map(|j| c.delivered[j.delivered].email.clone())
            .collect();
        let accounts = self.store.accounts_by_usernames(&joiner_emails).await?;
        for j in &c.comparison.joiners {
            let d = &c.delivered[j.delivered];
            let id = j.existing.unwrap_or_else(|| new_id(self.clock.as_ref()));
            let person = self.person_row(&mut w, &mut admins, record, id, d, None);
            let kind = if j
                .existing
                .and_then(|e| by_id.get(&e))
                .is_some_and(|p| p.ended_at.is_some())
            {
                "returned"
            } else {
                "joined"
            };
            if j.existing.is_some() {
                w.updates.push(person);
            } else {
                w.inserts.push(person);
            }
            self.join_account(&mut w, &accounts, record.member_id, id, &d.email);
            self.history(&mut w, id, kind, None, Vec::new());
            let held = j
                .existing
                .and_then(|e| by_id.get(&e))
                .filter(|p| p.ended_at.is_none() && p.source.is_some());
            changes.push(PersonChange {
                person: id,
                name: d.name.clone(),
                before: held.map(|p| before_of(p)),
                after: Some((record.source.clone(), d.facts.clone())),
            });
        }
        for (list, kind) in [
            (&c.comparison.movers, "moved"),
            (&c.comparison.updates, "updated"),
        ] {
            for m in list {
                let person = self.person_row(
                    &mut w,
                    &mut admins,
                    record,
                    m.person,
                    &c.delivered[m.delivered],
                    None,
                );
                w.updates.push(person);
                self.history(&mut w, m.person, kind, None, m.changes.clone());
                changes.push(PersonChange {
                    person: m.person,
                    name: c.delivered[m.delivered].name.clone(),
                    before: by_id.get(&m.person).map(|p| before_of(p)),
                    after: Some((
                        record.source.clone(),
                        c.delivered[m.delivered].facts.clone(),
                    )),
                });
            }
        }
        self.write_leavers(&mut w, &mut admins, &mut changes, record, c, &by_id);
        Ok((w, changes))
    }

    /// The leavers' part of a delivery's write: each leaves, with their
    /// delivered changes (if delivered with a last day) and a history row.
    fn write_leavers(
        &self,
        w: &mut DeliveryApply,
        admins: &mut HashMap<String, Uuid>,
        changes: &mut Vec<PersonChange>,
        record: &DeliveryRecord,
        c: &Compared,
        by_id: &HashMap<Uuid, &SourcedPerson>,
    ) {
        let at = w.at;
        for l in &c.comparison.leavers {
            if let Some(d) = l.delivered {
                let person =
                    self.person_row(w, admins, record, l.person, &c.delivered[d], Some(at));
                w.updates.push(person);
            }
            let reason = match l.reason {
                LeaveReason::EndDate(_) => "end_date",
                LeaveReason::Missing => "missing",
            };
            w.ends.push(l.person);
            self.history(w, l.person, "left", Some(reason), l.changes.clone());
            if let Some(p) = by_id.get(&l.person) {
                changes.push(PersonChange {
                    person: l.person,
                    name: p.name.clone(),
                    before: Some(before_of(p)),
                    after: None,
                });
            }
        }
    }

    /// The register row a delivered person becomes; an administration the
    /// member lacks is created with the delivery.
    fn person_row(
        &self,
        w: &mut DeliveryApply,
        admins: &mut HashMap<String, Uuid>,
        record: &DeliveryRecord,
        id: Uuid,
        d: &Delivered,
        ended_at: Option<i64>,
    ) -> PersonWrite {
        let administration_id = d.facts.administration.as_ref().map(|name| {
            *admins.entry(name.to_lowercase()).or_insert_with(|| {
                let new = new_id(self.clock.as_ref());
                w.administrations.push((new, name.clone()));
                new
            })
        });
        PersonWrite {
            person: SourcedPerson {
                member_id: record.member_id,
                id,
                administration_id,
                name: d.name.clone(),
                email: d.email.clone(),
                kind: d.kind.clone(),
                source: Some(record.source.clone()),
                source_key: Some(d.key.clone()),
                pnr_hash: d.pnr_hash.clone(),
                pnr_masked: d.pnr_masked.clone(),
                source_administration: d.facts.administration.clone(),
                workplace: d.facts.workplace.clone(),
                title: d.facts.title.clone(),
                manager_key: d.facts.manager.clone(),
                school: d.facts.school.clone(),
                class_name: d.facts.class.clone(),
                starts_on: d.facts.starts_on.map(|x| x.to_string()),
                ends_on: d.facts.ends_on.map(|x| x.to_string()),
                ended_at,
            },
            pnr_sealed: d.pnr_sealed.clone(),
        }
    }

    fn join_account(
        &self,
        w: &mut DeliveryApply,
        accounts: &HashMap<String, Uuid>,
        member: Uuid,
        person: Uuid,
        email: &str,
    ) {
        if let Some(account) = accounts.get(email) {
            w.roles.push((*account, JOINER_ROLE.to_owned()));
            w.enable.push(*account);
            return;
        }
        let account = AccountRecord {
            id: new_id(self.clock.as_ref()),
            username: email.to_owned(),
            password_hash: NO_PASSWORD.to_owned(),
            person_member_id: Some(member),
            person_id: Some(person),
            staff_role: None,
            language: "sv".to_owned(),
            disabled: false,
            created_at: w.at,
            version: 1,
            email: None,
        };
        w.accounts.push((account, JOINER_ROLE.to_owned()));
    }

    fn history(
        &self,
        w: &mut DeliveryApply,
        person: Uuid,
        kind: &str,
        reason: Option<&str>,
        changes: Vec<FieldChange>,
    ) {
        w.history.push(HistoryRecord {
            member_id: w.member_id,
            id: new_id(self.clock.as_ref()),
            person_id: person,
            at: w.at,
            kind: kind.to_owned(),
            delivery_id: Some(w.delivery_id),
            reason: reason.map(str::to_owned),
            changes: serde_json::to_string(&changes).unwrap_or_else(|_| "[]".to_owned()),
            by_account: w.by,
        });
    }

    /// Ends everyone whose last day (Europe/Stockholm) has passed: the
    /// sweep the server runs every few minutes. Returns how many left.
    pub async fn end_people_past_last_day(&self) -> Result<usize, AppError> {
        let today = self.stockholm_today().to_string();
        let due = self.store.people_past_last_day(&today, 1000).await?;
        let mut by_member: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for (member, person, _) in &due {
            by_member.entry(*member).or_default().push(*person);
        }
        let at = self.now_micros();
        for (member, people) in &by_member {
            let history: Vec<HistoryRecord> = people
                .iter()
                .map(|p| HistoryRecord {
                    member_id: *member,
                    id: new_id(self.clock.as_ref()),
                    person_id: *p,
                    at,
                    kind: "left".to_owned(),
                    delivery_id: None,
                    reason: Some("end_date".to_owned()),
                    changes: "[]".to_owned(),
                    by_account: None,
                })
                .collect();
            self.store.end_people(*member, people, &history, at).await?;
        }
        if !due.is_empty() {
            self.accounts_changed();
        }
        Ok(due.len())
    }

    /// Forgets everyone who left longer ago than their member's retention
    /// period: the server's sweep. Returns how many were forgotten.
    pub async fn forget_people_past_retention(&self) -> Result<usize, AppError> {
        let now = self.now_micros();
        let due = self.store.people_past_retention(now, 1000).await?;
        for (member, person) in &due {
            self.store.forget_person(*member, *person, now).await?;
        }
        if !due.is_empty() {
            self.accounts_changed();
        }
        Ok(due.len())
    }
}
