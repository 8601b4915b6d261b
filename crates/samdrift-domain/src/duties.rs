//! Separation of duties (funktionsåtskillnad): no one decides a step of
//! their own catalog request or order. The requester of a request decides
//! none of its approvals (the requester's manager, the system owner, the
//! orderer's cost approval), and the orderer who placed an order does not
//! confirm or reject it, whatever other role they also hold.
//!
//! "Their own" is judged by account and by person: a second account of the
//! same person (a member's orderer who is also the federation manager, or
//! a manager with an end-user login) is the same party. A step whose only
//! possible decider is the requester waits for someone else (another
//! orderer of the member, a named approver changed by an administrator);
//! the requester may still withdraw it.

use crate::ids::{AccountId, PersonId};
use crate::scope::Scope;

/// Who placed a request or an order, as far as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlacedBy {
    /// The account that placed it.
    pub account: Option<AccountId>,
    /// The person it was placed by (a request's requester, the orderer's
    /// person behind the ordering account).
    pub person: Option<PersonId>,
}

/// Whether the principal of `scope` placed it: the same account, or an
/// account of the same person.
pub fn is_own(scope: &Scope, placed: PlacedBy) -> bool {
    let same_account = placed.account == Some(scope.account);
    let same_person = scope.person.is_some() && placed.person == scope.person;
    same_account || same_person
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::StaffRole;
    use uuid::Uuid;

    fn scope(account: u128, person: Option<u128>) -> Scope {
        Scope {
            account: AccountId(Uuid::from_u128(account)),
            username: "u".into(),
            person: person.map(|p| PersonId(Uuid::from_u128(p))),
            staff: Some(StaffRole::Manager),
            member_roles: vec![],
        }
    }

    fn placed(account: Option<u128>, person: Option<u128>) -> PlacedBy {
        PlacedBy {
            account: account.map(|a| AccountId(Uuid::from_u128(a))),
            person: person.map(|p| PersonId(Uuid::from_u128(p))),
        }
    }

    #[test]
    fn the_same_account_or_person_is_the_same_party() {
        assert!(is_own(&scope(1, None), placed(Some(1), None)));
        assert!(is_own(&scope(2, Some(7)), placed(Some(1), Some(7))));
        assert!(is_own(&scope(2, Some(7)), placed(None, Some(7))));
    }

    #[test]
    fn someone_else_decides() {
        assert!(!is_own(&scope(2, Some(8)), placed(Some(1), Some(7))));
        assert!(!is_own(&scope(2, None), placed(Some(1), None)));
        assert!(
            !is_own(&scope(2, None), placed(None, None)),
            "no person on either side is not a match"
        );
        assert!(!is_own(&scope(2, Some(8)), PlacedBy::default()));
    }
}
