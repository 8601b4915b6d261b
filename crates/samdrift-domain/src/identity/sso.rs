//! Who a single sign-on provider may sign in. A provider belongs to a
//! member or to the federation; its ID token names a person by one claim
//! (e-mail, employee number or personnummer), and the store finds the
//! accounts that claim may mean. This decides which one signs in:
//!
//! - A member's provider signs in only accounts that hold a role in that
//!   member and no staff role: a municipality's identity provider never
//!   opens the service desk's or an administrator's account. Staff sign in
//!   through the federation's provider, or with a password (break-glass).
//! - Several different accounts for one claim sign in none of them
//!   (the claim does not say which person is meant).
//! - A disabled account does not sign in, and says so.
//! - Nobody found is an unknown user: no account is made.

use crate::messages::Message;

/// Which claim of the ID token names the person, and how it is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonClaim {
    /// A person's e-mail address, or an account's username.
    Email,
    /// The employee number the HR system delivers.
    EmployeeNumber,
    /// The personnummer (matched through its keyed hash, never stored).
    Personnummer,
}

impl PersonClaim {
    pub fn parse(text: &str) -> Result<PersonClaim, Message> {
        match text {
            "email" => Ok(PersonClaim::Email),
            "employee_number" => Ok(PersonClaim::EmployeeNumber),
            "personnummer" => Ok(PersonClaim::Personnummer),
            _ => Err(crate::msg!(
                "field.one_of",
                options = vec![
                    "email".to_owned(),
                    "employee_number".to_owned(),
                    "personnummer".to_owned()
                ]
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PersonClaim::Email => "email",
            PersonClaim::EmployeeNumber => "employee_number",
            PersonClaim::Personnummer => "personnummer",
        }
    }

    /// The name of the ID token claim that carries it unless configured.
    pub fn default_claim_name(self) -> &'static str {
        match self {
            PersonClaim::Email => "email",
            PersonClaim::EmployeeNumber => "employee_number",
            PersonClaim::Personnummer => "personnummer",
        }
    }
}

/// An account the claim may mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate<Id> {
    pub account: Id,
    pub disabled: bool,
    pub staff: bool,
    /// Holds a role in the provider's member (true for the federation's
    /// provider).
    pub in_member: bool,
}

/// What a provider's login comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision<Id> {
    SignIn(Id),
    /// No account the provider may sign in is known for the claim.
    Unknown,
    /// The one account is disabled.
    Disabled,
    /// Several accounts answer to the claim.
    Ambiguous,
}

/// Decides which account a provider's login signs in (module docs).
/// `member_provider` is true for a member's provider, false for the
/// federation's.
pub fn decide<Id: Copy + PartialEq>(
    member_provider: bool,
    candidates: &[Candidate<Id>],
) -> Decision<Id> {
    let mut allowed: Vec<Candidate<Id>> = Vec::new();
    for c in candidates {
        let fits = !member_provider || (c.in_member && !c.staff);
        if fits && !allowed.iter().any(|a| a.account == c.account) {
            allowed.push(*c);
        }
    }
    match allowed.as_slice() {
        [] => Decision::Unknown,
        [one] if one.disabled => Decision::Disabled,
        [one] => Decision::SignIn(one.account),
        _ => Decision::Ambiguous,
    }
}

/// Whether `key` may name a provider in URLs: 1-32 of a-z, 0-9 and `-`.
pub fn is_provider_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 32
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(account: u8, disabled: bool, staff: bool, in_member: bool) -> Candidate<u8> {
        Candidate {
            account,
            disabled,
            staff,
            in_member,
        }
    }

    #[test]
    fn a_member_provider_never_signs_in_staff_or_outsiders() {
        assert_eq!(decide(true, &[c(1, false, true, true)]), Decision::Unknown);
        assert_eq!(
            decide(true, &[c(1, false, false, false)]),
            Decision::Unknown
        );
        assert_eq!(
            decide(true, &[c(1, false, false, true)]),
            Decision::SignIn(1)
        );
    }

    #[test]
    fn the_federation_provider_signs_in_staff() {
        assert_eq!(
            decide(false, &[c(7, false, true, true)]),
            Decision::SignIn(7)
        );
    }

    #[test]
    fn one_account_found_twice_is_one_account() {
        let found = [c(3, false, false, true), c(3, false, false, true)];
        assert_eq!(decide(true, &found), Decision::SignIn(3));
    }

    #[test]
    fn two_accounts_sign_in_neither() {
        let found = [c(3, false, false, true), c(4, false, false, true)];
        assert_eq!(decide(true, &found), Decision::Ambiguous);
    }

    #[test]
    fn a_disabled_account_says_so_and_nobody_is_unknown() {
        assert_eq!(decide(true, &[c(3, true, false, true)]), Decision::Disabled);
        assert_eq!(decide::<u8>(false, &[]), Decision::Unknown);
    }

    #[test]
    fn provider_keys_are_short_and_plain() {
        for (key, fine) in [
            ("ystad", true),
            ("tomelilla-2", true),
            ("", false),
            ("Ystad", false),
            ("a/b", false),
        ] {
            assert_eq!(is_provider_key(key), fine, "{key}");
        }
    }
}
