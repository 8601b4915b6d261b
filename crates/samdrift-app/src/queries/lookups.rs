//! Reference data and names a page shows: members in scope, the
//! federation's shared registers (groups, suppliers, services, calendars,
//! routing rules), and the names that stand in for ids in lists.

use super::records::{
    CalendarRecord, GroupRecord, MemberRecord, PersonRecord, RoutingRuleRecord, ServiceRecord,
    SupplierRecord,
};
use crate::{App, AppError};
use samdrift_domain::ids::{AccountId, GroupId, MemberId, PersonId, SupplierId};
use samdrift_domain::role::MemberRole;
use samdrift_domain::scope::Scope;
use std::collections::HashMap;
use uuid::Uuid;

/// Names for the ids a ticket list shows: member codes the caller may read,
/// group names, and (for staff) account usernames.
#[derive(Debug, Default, Clone)]
pub struct Names {
    pub member_codes: HashMap<Uuid, String>,
    pub groups: HashMap<Uuid, String>,
    pub accounts: HashMap<Uuid, String>,
}

impl Names {
    pub fn member(&self, id: MemberId) -> String {
        self.member_codes.get(&id.0).cloned().unwrap_or_default()
    }
    pub fn group(&self, id: Option<GroupId>) -> String {
        id.and_then(|g| self.groups.get(&g.0).cloned())
            .unwrap_or_default()
    }
    pub fn account(&self, id: Option<AccountId>) -> String {
        id.and_then(|a| self.accounts.get(&a.0).cloned())
            .unwrap_or_default()
    }
}

/// What staff choose from when they route a ticket: enabled staff
/// accounts, groups and suppliers, each as (id, name).
#[derive(Debug, Default, Clone)]
pub struct StaffLookups {
    pub accounts: Vec<(AccountId, String)>,
    pub groups: Vec<(GroupId, String)>,
    pub suppliers: Vec<(SupplierId, String)>,
}

impl App {
    /// The members the caller reads (staff: all), by code.
    pub async fn members(&self, scope: &Scope) -> Result<Vec<MemberRecord>, AppError> {
        Ok(self.store.list_members(scope).await?)
    }

    /// One member in the caller's scope; outside it, not found.
    pub async fn member(&self, scope: &Scope, id: MemberId) -> Result<MemberRecord, AppError> {
        self.store
            .get_member(scope, id)
            .await?
            .ok_or(AppError::NotFound("member"))
    }

    /// The member a member page is for: the one asked for by code if the
    /// caller reads it, else the caller's own orderer or strategist member,
    /// else (staff) the first member. None when the caller has none.
    pub async fn home_member(
        &self,
        scope: &Scope,
        code: Option<&str>,
    ) -> Result<Option<MemberRecord>, AppError> {
        if let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) {
            return match self.member_in_scope(scope, code).await {
                Ok(m) => Ok(Some(m)),
                Err(AppError::NotFound(_) | AppError::Invalid(_)) => Ok(None),
                Err(e) => Err(e),
            };
        }
        let own = scope
            .member_roles
            .iter()
            .find(|(_, r)| matches!(r, MemberRole::Orderer | MemberRole::Strategist))
            .map(|(m, _)| *m);
        match own {
            Some(m) => Ok(self.store.get_member(scope, m).await?),
            None => Ok(self.store.list_members(scope).await?.into_iter().next()),
        }
    }

    /// Competence groups: shared reference data every signed-in role reads.
    pub async fn groups(&self, _scope: &Scope) -> Result<Vec<GroupRecord>, AppError> {
        Ok(self.store.list_groups().await?)
    }

    /// Suppliers: shared reference data every signed-in role reads.
    pub async fn suppliers(&self, _scope: &Scope) -> Result<Vec<SupplierRecord>, AppError> {
        Ok(self.store.list_suppliers().await?)
    }

    /// Services: shared reference data every signed-in role reads.
    pub async fn services(&self, _scope: &Scope) -> Result<Vec<ServiceRecord>, AppError> {
        Ok(self.store.list_services().await?)
    }

    /// Service-hour calendars: shared reference data every signed-in role reads.
    pub async fn calendars(&self, _scope: &Scope) -> Result<Vec<CalendarRecord>, AppError> {
        Ok(self.store.list_calendars().await?)
    }

    /// Routing rules: service center staff only.
    pub async fn routing_rules(&self, scope: &Scope) -> Result<Vec<RoutingRuleRecord>, AppError> {
        if !scope.is_staff() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.routing_rules"
            )));
        }
        Ok(self.store.list_routing_rules().await?)
    }

    /// The groups the caller belongs to.
    pub async fn my_groups(&self, scope: &Scope) -> Result<Vec<Uuid>, AppError> {
        Ok(self.store.groups_of(scope.account).await?)
    }

    /// Names for ticket lists: member codes in scope, group names, and for
    /// staff the usernames of accounts.
    pub async fn names(&self, scope: &Scope, accounts: &[Uuid]) -> Result<Names, AppError> {
        // Only the accounts the page names (its tickets' assignees): a
        // federation has tens of thousands of accounts, and loading them
        // all made every queue page as slow as their number.
        let accounts = if scope.is_staff() {
            self.store
                .usernames_of(accounts)
                .await?
                .into_iter()
                .collect()
        } else {
            HashMap::new()
        };
        Ok(Names {
            member_codes: self.member_codes(scope).await?,
            groups: self.group_names().await?.into_iter().collect(),
            accounts,
        })
    }

    /// The codes of the members the scope reads, by id.
    pub(crate) async fn member_codes(
        &self,
        scope: &Scope,
    ) -> Result<HashMap<Uuid, String>, AppError> {
        let members = self.store.list_members(scope).await?;
        Ok(members.into_iter().map(|m| (m.id, m.code)).collect())
    }

    /// Every group as (id, name), by name.
    pub(crate) async fn group_names(&self) -> Result<Vec<(Uuid, String)>, AppError> {
        let groups = self.store.list_groups().await?;
        Ok(groups.into_iter().map(|g| (g.id, g.name)).collect())
    }

    /// The usernames of `accounts`, by id (only those asked for: a
    /// federation has tens of thousands of accounts).
    pub(crate) async fn usernames(
        &self,
        accounts: &[Uuid],
    ) -> Result<HashMap<Uuid, String>, AppError> {
        let mut ids = accounts.to_vec();
        ids.sort_unstable();
        ids.dedup();
        Ok(self.store.usernames_of(&ids).await?.into_iter().collect())
    }

    /// What staff route tickets to; none for other roles.
    pub async fn staff_lookups(&self, scope: &Scope) -> Result<StaffLookups, AppError> {
        if !scope.is_staff() {
            return Ok(StaffLookups::default());
        }
        let accounts = self
            .store
            .list_accounts()
            .await?
            .into_iter()
            .filter(|a| a.staff_role.is_some() && !a.disabled)
            .map(|a| (AccountId(a.id), a.username))
            .collect();
        let groups = self
            .group_names()
            .await?
            .into_iter()
            .map(|(id, name)| (GroupId(id), name))
            .collect();
        let suppliers = self
            .store
            .list_suppliers()
            .await?
            .into_iter()
            .map(|s| (SupplierId(s.id), s.name))
            .collect();
        Ok(StaffLookups {
            accounts,
            groups,
            suppliers,
        })
    }

    /// A caller staff report for, with the member they belong to; none for
    /// other roles or people outside the scope.
    pub async fn reporting_for(
        &self,
        scope: &Scope,
        person: PersonId,
    ) -> Result<Option<(PersonRecord, MemberRecord)>, AppError> {
        if !scope.is_staff() {
            return Ok(None);
        }
        let Some(person) = self
            .store
            .get_person(&scope.register_members(), person)
            .await?
        else {
            return Ok(None);
        };
        let member = self
            .store
            .get_member(scope, MemberId(person.member_id))
            .await?;
        Ok(member.map(|m| (person, m)))
    }
}
