//! The federation's registers as the admin pages and the API read them:
//! people, administrations, groups with their members, escalation rules,
//! notifications, and the counts on the registers' start page. Whose rows a
//! caller reads is `Scope::register_members()` (staff all, orderers and
//! strategists their own member, end users none).

use super::records::{AdministrationRecord, EscalationRuleRecord, MemberRecord, PersonRecord};
use crate::service_levels::notices::{self, Notification};
use crate::{App, AppError};
use samdrift_domain::ids::{MemberId, PersonId};
use samdrift_domain::scope::{MemberFilter, Scope};
use uuid::Uuid;

/// People counted on the start page before it says "N+".
const PEOPLE_COUNTED: usize = 1000;

/// How many rows each register holds, for the registers' start page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterCounts {
    pub members: usize,
    /// People, exactly up to a bound.
    pub people: usize,
    pub people_bounded: bool,
    /// Accounts (administrators only).
    pub accounts: Option<usize>,
    pub groups: usize,
    pub suppliers: usize,
    pub services: usize,
    pub calendars: usize,
    pub agreements: usize,
}

/// The people page: people found, with the members and administrations
/// their rows and the page's choices name.
#[derive(Debug, Clone)]
pub struct PeopleRegister {
    pub members: Vec<MemberRecord>,
    pub administrations: Vec<AdministrationRecord>,
    pub people: Vec<PersonRecord>,
}

/// A group with the usernames of its members, sorted.
#[derive(Debug, Clone)]
pub struct GroupWithMembers {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub members: Vec<String>,
}

impl App {
    /// People in the caller's registers, optionally of one member and
    /// matching `text`, at most `limit`.
    pub async fn people(
        &self,
        scope: &Scope,
        member: Option<MemberId>,
        text: Option<&str>,
        limit: i64,
    ) -> Result<Vec<PersonRecord>, AppError> {
        Ok(self
            .store
            .find_people(&scope.register_members(), member, text, limit)
            .await?)
    }

    /// One person of the caller's registers; everyone reads their own.
    pub async fn person(&self, scope: &Scope, id: PersonId) -> Result<PersonRecord, AppError> {
        let filter = if scope.person == Some(id) {
            MemberFilter::All
        } else {
            scope.register_members()
        };
        self.store
            .get_person(&filter, id)
            .await?
            .ok_or(AppError::NotFound("person"))
    }

    /// A member's administrations; members outside the caller's registers
    /// are not found.
    pub async fn administrations(
        &self,
        scope: &Scope,
        member: MemberId,
    ) -> Result<Vec<AdministrationRecord>, AppError> {
        let filter = scope.register_members();
        if !filter.allows(member) {
            return Err(AppError::NotFound("member"));
        }
        Ok(self
            .store
            .list_administrations(&filter, Some(member))
            .await?)
    }

    /// The people page of the registers: staff only.
    pub async fn people_register(
        &self,
        scope: &Scope,
        member: Option<MemberId>,
        text: &str,
        limit: i64,
    ) -> Result<PeopleRegister, AppError> {
        require_registrar(scope)?;
        let registers = scope.register_members();
        Ok(PeopleRegister {
            members: self.store.list_members(scope).await?,
            administrations: self.store.list_administrations(&registers, None).await?,
            people: self
                .store
                .find_people(&registers, member, Some(text), limit)
                .await?,
        })
    }

    /// Groups with their members' usernames: staff only.
    pub async fn groups_with_members(
        &self,
        scope: &Scope,
    ) -> Result<Vec<GroupWithMembers>, AppError> {
        require_registrar(scope)?;
        let memberships = self.store.list_group_members().await?;
        let members: Vec<Uuid> = memberships.iter().map(|(_, a)| *a).collect();
        let usernames = self.usernames(&members).await?;
        let groups = self.store.list_groups().await?;
        Ok(groups
            .into_iter()
            .map(|g| {
                let mut members: Vec<String> = memberships
                    .iter()
                    .filter(|(group, _)| *group == g.id)
                    .filter_map(|(_, account)| usernames.get(account).cloned())
                    .collect();
                members.sort();
                GroupWithMembers {
                    id: g.id,
                    name: g.name,
                    description: g.description,
                    members,
                }
            })
            .collect())
    }

    /// The counts on the registers' start page: staff who manage registers.
    pub async fn register_counts(&self, scope: &Scope) -> Result<RegisterCounts, AppError> {
        require_registrar(scope)?;
        let registers = scope.register_members();
        let people = self
            .store
            .find_people(&registers, None, None, PEOPLE_COUNTED as i64 + 1)
            .await?
            .len();
        let accounts = if scope.is_admin() {
            Some(self.store.list_accounts().await?.len())
        } else {
            None
        };
        Ok(RegisterCounts {
            members: self.store.list_members(scope).await?.len(),
            people: people.min(PEOPLE_COUNTED),
            people_bounded: people > PEOPLE_COUNTED,
            accounts,
            groups: self.store.list_groups().await?.len(),
            suppliers: self.store.list_suppliers().await?.len(),
            services: self.store.list_services().await?.len(),
            calendars: self.store.list_calendars().await?.len(),
            agreements: self.store.list_agreements(&registers, None).await?.len(),
        })
    }

    /// Escalation rules: service center staff only.
    pub async fn escalation_rules(
        &self,
        scope: &Scope,
    ) -> Result<Vec<EscalationRuleRecord>, AppError> {
        if !scope.is_staff() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.escalations_read"
            )));
        }
        Ok(self.store.list_escalation_rules().await?)
    }

    /// The caller's own notifications, newest first (at most `limit`),
    /// each with its message.
    pub async fn notifications(
        &self,
        scope: &Scope,
        limit: i64,
    ) -> Result<Vec<Notification>, AppError> {
        Ok(self
            .store
            .notifications_for(scope.account.0, limit)
            .await?
            .into_iter()
            .map(|n| Notification {
                message: notices::message(&n.kind, &n.message),
                id: n.id,
                kind: n.kind,
                ticket_id: n.ticket_id,
                created_at: n.created_at,
                read_at: n.read_at,
            })
            .collect())
    }

    /// Whether the database answers (readiness).
    pub async fn database_answers(&self) -> bool {
        self.store.ping().await
    }
}

fn require_registrar(scope: &Scope) -> Result<(), AppError> {
    if scope.may_manage_registers() {
        Ok(())
    } else {
        Err(AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.registers_read"
        )))
    }
}
