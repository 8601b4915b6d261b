//! An account as an administrator edits it: its language, its staff role
//! and its roles in members (one account may be an orderer in one member
//! and an end user in another, and hold several roles in one member).
//!
//! Rules kept here:
//! - The language is Swedish (`sv`) or English (`en`).
//! - Member roles are a set: the same role in the same member counts once.
//! - Administrators cannot take away their own administrator role: the
//!   change would lock them out of the page they make it on, and a
//!   federation must not lose its last administrator by a slip. Another
//!   administrator can.

use crate::ids::{AccountId, MemberId};
use crate::messages::Message;
use crate::msg;
use crate::role::{MemberRole, StaffRole};
use crate::scope::Scope;

/// The language an account reads the service in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Sv,
    En,
}

impl Language {
    /// `sv` or `en`; anything else is refused.
    pub fn parse(code: &str) -> Result<Language, Message> {
        match code.trim() {
            "sv" => Ok(Language::Sv),
            "en" => Ok(Language::En),
            _ => Err(msg!("person.language")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Language::Sv => "sv",
            Language::En => "en",
        }
    }
}

/// Every role of an account.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountRoles {
    pub staff: Option<StaffRole>,
    pub members: Vec<(MemberId, MemberRole)>,
}

impl AccountRoles {
    /// The same roles with each member role once, ordered by member and
    /// role, so equal sets of roles compare and store alike.
    pub fn normalised(mut self) -> AccountRoles {
        self.members
            .sort_by(|a, b| (a.0, a.1.as_str()).cmp(&(b.0, b.1.as_str())));
        self.members.dedup();
        self
    }
}

/// Whether `editor` may give `account` the staff role `staff`: an
/// administrator cannot take away their own administrator role.
pub fn check_role_change(
    editor: &Scope,
    account: AccountId,
    staff: Option<StaffRole>,
) -> Result<(), Message> {
    if editor.account == account && editor.is_admin() && staff != Some(StaffRole::Admin) {
        Err(msg!("account.demote_self"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn only_swedish_and_english_are_languages() {
        assert_eq!(Language::parse("sv"), Ok(Language::Sv));
        assert_eq!(Language::parse(" en "), Ok(Language::En));
        assert_eq!(Language::parse("de").unwrap_err().code, "person.language");
        assert_eq!(Language::En.as_str(), "en");
    }

    #[test]
    fn member_roles_are_a_set() {
        let m = |n| MemberId(Uuid::from_u128(n));
        let roles = AccountRoles {
            staff: None,
            members: vec![
                (m(2), MemberRole::EndUser),
                (m(1), MemberRole::Strategist),
                (m(2), MemberRole::EndUser),
                (m(1), MemberRole::Orderer),
            ],
        }
        .normalised();
        assert_eq!(
            roles.members,
            [
                (m(1), MemberRole::Orderer),
                (m(1), MemberRole::Strategist),
                (m(2), MemberRole::EndUser)
            ]
        );
    }

    #[test]
    fn an_administrator_keeps_their_own_administrator_role() {
        let me = AccountId(Uuid::from_u128(1));
        let other = AccountId(Uuid::from_u128(2));
        let admin = Scope {
            account: me,
            username: "admin".into(),
            person: None,
            staff: Some(StaffRole::Admin),
            member_roles: vec![],
        };
        let refused = check_role_change(&admin, me, Some(StaffRole::Manager)).unwrap_err();
        assert_eq!(refused.code, "account.demote_self");
        assert!(check_role_change(&admin, me, None).is_err());
        assert!(check_role_change(&admin, me, Some(StaffRole::Admin)).is_ok());
        assert!(check_role_change(&admin, other, None).is_ok());
    }
}
