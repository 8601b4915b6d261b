//! The user agreement (användaravtal) of a member: the text, in Swedish and
//! English, that everyone holding a member role in the member accepts at
//! first login and again after each new version, before they use the
//! service through a browser session.
//!
//! Rules where the brief left a choice:
//! - A version is never changed once published; a new text is a new
//!   version, numbered 1, 2, 3 ... per member.
//! - Publishing says which version the publisher read (0: the member had
//!   none). If another version was published in between, the new text is
//!   refused rather than silently becoming the next version on top of a
//!   text its author never saw.
//! - Only the current (newest) version can be accepted. Accepting an older
//!   one is refused with the current version's number, so the client shows
//!   the new text instead of recording consent to a text that no longer
//!   applies. Accepting the current version twice changes nothing.
//! - Who must accept: an account that holds any member role (end user,
//!   orderer, strategist) in the member. Service-center staff without a
//!   member role are not asked: the agreement is the member's, for its
//!   own people.
//! - Texts hold line breaks and tabs but no other control characters, and
//!   at most [`TEXT_MAX_CHARS`] characters each.

use crate::error::{FieldError, FieldErrors};
use crate::ids::MemberId;
use crate::messages::Message;
use crate::msg;
use crate::scope::Scope;

/// The longest text of a version in one language, in characters.
pub const TEXT_MAX_CHARS: usize = 50_000;

/// Checks a new version's texts: both languages are given, neither is
/// longer than [`TEXT_MAX_CHARS`], and neither holds a control character
/// other than a line break or a tab. Every problem is named by its field
/// (`text_sv`, `text_en`).
pub fn check_texts(text_sv: &str, text_en: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = FieldErrors::default();
    for (field, text) in [("text_sv", text_sv), ("text_en", text_en)] {
        if text.trim().is_empty() {
            errors.push(field, msg!("field.required"));
        } else if text.chars().count() > TEXT_MAX_CHARS {
            errors.push(
                field,
                msg!("field.at_most_chars", max = TEXT_MAX_CHARS as i64),
            );
        } else if text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            errors.push(field, msg!("user_agreement.control_characters"));
        }
    }
    errors.into_result(())
}

/// The number of the version to publish, when the publisher read version
/// `read` (0: none) and the member's current version is `current`.
/// Refused when the two differ: someone published in between.
pub fn next_version(current: Option<i64>, read: i64) -> Result<i64, Message> {
    let current = current.unwrap_or(0);
    if read == current {
        Ok(current + 1)
    } else {
        Err(msg!(
            "user_agreement.published_meanwhile",
            current = current
        ))
    }
}

/// Whether accepting version `offered` is accepting the member's current
/// version `current`; refused (naming the current version) otherwise.
pub fn check_acceptance(current: i64, offered: i64) -> Result<(), Message> {
    if offered == current {
        Ok(())
    } else {
        Err(msg!(
            "user_agreement.not_current",
            version = offered,
            current = current
        ))
    }
}

/// The members whose user agreement `scope` must accept: those in which it
/// holds a member role, each once, in id order. Staff roles ask nothing.
pub fn members_to_accept(scope: &Scope) -> Vec<MemberId> {
    let mut members: Vec<MemberId> = scope.member_roles.iter().map(|(m, _)| *m).collect();
    members.sort();
    members.dedup();
    members
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::AccountId;
    use crate::role::{MemberRole, StaffRole};
    use uuid::Uuid;

    fn codes(r: Result<(), Vec<FieldError>>) -> Vec<(String, &'static str)> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field.clone(), e.code()))
            .collect()
    }

    #[test]
    fn both_texts_are_needed_and_may_hold_line_breaks_but_no_other_controls() {
        assert_eq!(codes(check_texts("Villkor\n\n1. Ansvar\tx", "Terms")), []);
        assert_eq!(
            codes(check_texts(" ", "")),
            [
                ("text_sv".to_owned(), "field.required"),
                ("text_en".to_owned(), "field.required")
            ]
        );
        assert_eq!(
            codes(check_texts("a\u{7}b", "ok")),
            [("text_sv".to_owned(), "user_agreement.control_characters")]
        );
        let long = "å".repeat(TEXT_MAX_CHARS + 1);
        assert_eq!(
            codes(check_texts("ok", &long)),
            [("text_en".to_owned(), "field.at_most_chars")]
        );
        assert_eq!(codes(check_texts(&"å".repeat(TEXT_MAX_CHARS), "ok")), []);
    }

    #[test]
    fn a_version_follows_the_one_its_publisher_read() {
        assert_eq!(next_version(None, 0), Ok(1));
        assert_eq!(next_version(Some(3), 3), Ok(4));
        let refused = next_version(Some(4), 3).unwrap_err();
        assert_eq!(refused.code, "user_agreement.published_meanwhile");
        assert_eq!(refused.arg("current"), Some(&crate::messages::Arg::Int(4)));
        assert!(next_version(None, 1).is_err());
    }

    #[test]
    fn only_the_current_version_is_accepted() {
        assert_eq!(check_acceptance(2, 2), Ok(()));
        assert_eq!(
            check_acceptance(2, 1).unwrap_err().code,
            "user_agreement.not_current"
        );
        assert!(check_acceptance(2, 3).is_err());
    }

    #[test]
    fn member_roles_ask_for_their_members_agreements_and_staff_roles_do_not() {
        let m = |n| MemberId(Uuid::from_u128(n));
        let scope = |staff, roles| Scope {
            account: AccountId(Uuid::from_u128(9)),
            username: "u".into(),
            person: None,
            staff,
            member_roles: roles,
        };
        assert!(members_to_accept(&scope(Some(StaffRole::Admin), vec![])).is_empty());
        let both = scope(
            Some(StaffRole::Agent),
            vec![
                (m(2), MemberRole::Orderer),
                (m(1), MemberRole::EndUser),
                (m(2), MemberRole::EndUser),
            ],
        );
        assert_eq!(members_to_accept(&both), [m(1), m(2)]);
    }
}
