//! Scope: what an authenticated principal may see and do. Every repository
//! function that touches member data takes a `Scope`; every decision about a
//! member's data is made here, so the rules live in one place.

use crate::ids::{AccountId, MemberId, PersonId};
use crate::role::{MemberRole, StaffRole};

/// The authenticated principal, resolved from a session or a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub account: AccountId,
    pub username: String,
    pub person: Option<PersonId>,
    pub staff: Option<StaffRole>,
    pub member_roles: Vec<(MemberId, MemberRole)>,
}

/// Which members' rows a query may return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberFilter {
    /// Service center staff see every member.
    All,
    /// Only these members (possibly none).
    Only(Vec<MemberId>),
}

impl MemberFilter {
    pub fn allows(&self, member: MemberId) -> bool {
        match self {
            MemberFilter::All => true,
            MemberFilter::Only(ids) => ids.contains(&member),
        }
    }
}

/// Which tickets of a member a principal reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketVisibility {
    /// Every ticket of the member (staff, orderers, strategists).
    All,
    /// Only tickets the principal's person requested (end users).
    OwnOnly,
}

impl Scope {
    pub fn is_staff(&self) -> bool {
        self.staff.is_some()
    }

    pub fn is_admin(&self) -> bool {
        self.staff == Some(StaffRole::Admin)
    }

    /// Managers and admins maintain the federation's registers.
    pub fn may_manage_registers(&self) -> bool {
        matches!(self.staff, Some(StaffRole::Admin | StaffRole::Manager))
    }

    /// Staff who work tickets.
    pub fn may_work_tickets(&self) -> bool {
        self.staff.is_some()
    }

    pub fn roles_in(&self, member: MemberId) -> impl Iterator<Item = MemberRole> + '_ {
        self.member_roles
            .iter()
            .filter(move |(m, _)| *m == member)
            .map(|(_, r)| *r)
    }

    pub fn has_role_in(&self, member: MemberId, role: MemberRole) -> bool {
        self.roles_in(member).any(|r| r == role)
    }

    /// Members whose data this principal may read at all.
    pub fn members(&self) -> MemberFilter {
        if self.is_staff() {
            return MemberFilter::All;
        }
        let mut ids: Vec<MemberId> = self.member_roles.iter().map(|(m, _)| *m).collect();
        ids.sort();
        ids.dedup();
        MemberFilter::Only(ids)
    }

    /// Members whose registers (people, administrations) this principal
    /// reads: staff all; orderers and strategists their own; end users none.
    pub fn register_members(&self) -> MemberFilter {
        if self.is_staff() {
            return MemberFilter::All;
        }
        let mut ids: Vec<MemberId> = self
            .member_roles
            .iter()
            .filter(|(_, r)| matches!(r, MemberRole::Orderer | MemberRole::Strategist))
            .map(|(m, _)| *m)
            .collect();
        ids.sort();
        ids.dedup();
        MemberFilter::Only(ids)
    }

    /// How much of `member`'s tickets this principal reads, if any.
    pub fn ticket_visibility(&self, member: MemberId) -> Option<TicketVisibility> {
        if self.is_staff() {
            return Some(TicketVisibility::All);
        }
        let mut best = None;
        for role in self.roles_in(member) {
            match role {
                MemberRole::Orderer | MemberRole::Strategist => {
                    return Some(TicketVisibility::All);
                }
                MemberRole::EndUser => best = Some(TicketVisibility::OwnOnly),
            }
        }
        best
    }

    /// Whether this principal may read `member`'s ticket requested by `requester`.
    pub fn may_read_ticket(&self, member: MemberId, requester: Option<PersonId>) -> bool {
        match self.ticket_visibility(member) {
            Some(TicketVisibility::All) => true,
            Some(TicketVisibility::OwnOnly) => self.person.is_some() && requester == self.person,
            None => false,
        }
    }

    /// Whether this principal may report a ticket in `member`.
    pub fn may_report_in(&self, member: MemberId) -> bool {
        self.is_staff() || self.roles_in(member).next().is_some()
    }

    /// Internal comments and internal history are for staff only.
    pub fn sees_internal(&self) -> bool {
        self.is_staff()
    }

    /// Who reads which accounts of `member` accepted its user agreement
    /// (användaravtal): managers and admins every member's; the member's
    /// own orderers and strategists. Other staff and end users do not.
    pub fn may_read_agreement_acceptances(&self, member: MemberId) -> bool {
        self.may_manage_registers()
            || self
                .roles_in(member)
                .any(|r| matches!(r, MemberRole::Orderer | MemberRole::Strategist))
    }

    /// Whether this principal orders for or plans `member` (beställare,
    /// IT-strateg).
    fn orders_for(&self, member: MemberId) -> bool {
        self.roles_in(member)
            .any(|r| matches!(r, MemberRole::Orderer | MemberRole::Strategist))
    }

    /// Whose satisfaction results this principal reads: staff every
    /// member's; orderers and strategists their own; end users none.
    pub fn satisfaction_members(&self) -> MemberFilter {
        self.register_members()
    }

    /// Results per technician: managers and admins, and group leads (for
    /// their own groups only; the use case narrows them).
    pub fn may_read_satisfaction_by_technician(&self) -> bool {
        self.may_manage_registers() || self.staff == Some(StaffRole::GroupLead)
    }

    /// The requesters' own words in ratings of `member`: managers, admins
    /// and the member's orderers and strategists.
    pub fn may_read_rating_comments(&self, member: MemberId) -> bool {
        self.may_manage_registers() || self.orders_for(member)
    }

    /// Who creates, opens and closes `member`'s surveys: admins and the
    /// member's orderers and strategists.
    pub fn may_run_surveys(&self, member: MemberId) -> bool {
        self.is_admin() || self.orders_for(member)
    }

    /// Who reads `member`'s surveys and their results: those who run
    /// them, and managers.
    pub fn may_read_surveys(&self, member: MemberId) -> bool {
        self.may_run_surveys(member) || self.may_manage_registers()
    }

    /// Members whose inventory (items, business systems, compliance and
    /// plan) this principal reads: staff every member's; orderers and
    /// strategists their own; end users none. A federation item is read
    /// by the members it serves.
    pub fn inventory_members(&self) -> MemberFilter {
        self.register_members()
    }

    /// Whether this principal changes items owned by `owner` (`None`: the
    /// federation's): staff every item; a member's IT strategist that
    /// member's own items (the application portfolio is theirs).
    pub fn may_edit_inventory(&self, owner: Option<MemberId>) -> bool {
        if self.is_staff() {
            return true;
        }
        owner.is_some_and(|m| self.has_role_in(m, MemberRole::Strategist))
    }

    /// Managers and admins record the common standard the federation
    /// decided, and hand out inventory agents' keys.
    pub fn may_set_standard(&self) -> bool {
        self.may_manage_registers()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn member(n: u128) -> MemberId {
        MemberId(Uuid::from_u128(n))
    }

    fn scope(staff: Option<StaffRole>, roles: Vec<(MemberId, MemberRole)>) -> Scope {
        Scope {
            account: AccountId(Uuid::from_u128(100)),
            username: "u".into(),
            person: Some(PersonId(Uuid::from_u128(7))),
            staff,
            member_roles: roles,
        }
    }

    #[test]
    fn staff_see_every_member() {
        let s = scope(Some(StaffRole::Agent), vec![]);
        assert_eq!(s.members(), MemberFilter::All);
        assert!(s.may_read_ticket(member(1), None));
    }

    #[test]
    fn member_roles_see_only_their_member() {
        let s = scope(None, vec![(member(1), MemberRole::Orderer)]);
        assert!(s.members().allows(member(1)));
        assert!(!s.members().allows(member(2)));
        assert!(s.may_read_ticket(member(1), None));
        assert!(!s.may_read_ticket(member(2), None));
    }

    #[test]
    fn end_users_read_only_their_own_tickets() {
        let s = scope(None, vec![(member(1), MemberRole::EndUser)]);
        assert!(s.may_read_ticket(member(1), Some(PersonId(Uuid::from_u128(7)))));
        assert!(!s.may_read_ticket(member(1), Some(PersonId(Uuid::from_u128(8)))));
        assert_eq!(s.register_members(), MemberFilter::Only(vec![]));
    }

    #[test]
    fn one_person_may_hold_different_roles_in_different_members() {
        let s = scope(
            None,
            vec![
                (member(1), MemberRole::Orderer),
                (member(2), MemberRole::EndUser),
            ],
        );
        assert_eq!(s.ticket_visibility(member(1)), Some(TicketVisibility::All));
        assert_eq!(
            s.ticket_visibility(member(2)),
            Some(TicketVisibility::OwnOnly)
        );
        assert_eq!(s.register_members(), MemberFilter::Only(vec![member(1)]));
    }

    #[test]
    fn acceptances_are_read_by_registrars_and_the_members_own_orderers_and_strategists() {
        let manager = scope(Some(StaffRole::Manager), vec![]);
        assert!(manager.may_read_agreement_acceptances(member(2)));
        let agent = scope(Some(StaffRole::Agent), vec![]);
        assert!(!agent.may_read_agreement_acceptances(member(1)));
        let s = scope(
            None,
            vec![
                (member(1), MemberRole::Strategist),
                (member(2), MemberRole::EndUser),
            ],
        );
        assert!(s.may_read_agreement_acceptances(member(1)));
        assert!(!s.may_read_agreement_acceptances(member(2)));
        assert!(!s.may_read_agreement_acceptances(member(3)));
    }

    #[test]
    fn satisfaction_is_read_by_staff_and_the_members_own_orderers() {
        let lead = scope(Some(StaffRole::GroupLead), vec![]);
        assert_eq!(lead.satisfaction_members(), MemberFilter::All);
        assert!(lead.may_read_satisfaction_by_technician());
        assert!(!lead.may_read_rating_comments(member(1)));
        let tech = scope(Some(StaffRole::Technician), vec![]);
        assert!(!tech.may_read_satisfaction_by_technician());
        let s = scope(
            None,
            vec![
                (member(1), MemberRole::Orderer),
                (member(2), MemberRole::EndUser),
            ],
        );
        assert_eq!(
            s.satisfaction_members(),
            MemberFilter::Only(vec![member(1)])
        );
        assert!(s.may_read_rating_comments(member(1)));
        assert!(!s.may_read_rating_comments(member(2)));
        assert!(s.may_run_surveys(member(1)));
        assert!(!s.may_run_surveys(member(2)));
        let manager = scope(Some(StaffRole::Manager), vec![]);
        assert!(!manager.may_run_surveys(member(1)));
        assert!(manager.may_read_surveys(member(1)));
    }
}

#[cfg(test)]
mod inventory_tests {
    use super::*;
    use uuid::Uuid;

    fn scope(staff: Option<StaffRole>, roles: Vec<(MemberId, MemberRole)>) -> Scope {
        Scope {
            account: AccountId(Uuid::nil()),
            username: "u".into(),
            person: None,
            staff,
            member_roles: roles,
        }
    }

    #[test]
    fn a_strategist_edits_only_the_own_members_items_and_never_the_federations() {
        let yst = MemberId(Uuid::from_u128(1));
        let tom = MemberId(Uuid::from_u128(2));
        let s = scope(
            None,
            vec![(yst, MemberRole::Strategist), (tom, MemberRole::Orderer)],
        );
        assert!(s.may_edit_inventory(Some(yst)));
        assert!(
            !s.may_edit_inventory(Some(tom)),
            "an orderer reads, not edits"
        );
        assert!(!s.may_edit_inventory(None));
        assert!(s.inventory_members().allows(tom));
        let user = scope(None, vec![(yst, MemberRole::EndUser)]);
        assert!(!user.inventory_members().allows(yst));
        let tech = scope(Some(StaffRole::Technician), vec![]);
        assert!(tech.may_edit_inventory(None));
        assert!(!tech.may_set_standard());
        assert!(scope(Some(StaffRole::Manager), vec![]).may_set_standard());
    }
}
