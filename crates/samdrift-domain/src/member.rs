//! Members (medlemskommuner) and the human ticket number they give tickets.

use crate::messages::Message;
use crate::msg;
use std::fmt;

/// A member's short code: 2-5 capital letters A-Z, e.g. `YST`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MemberCode(String);

impl MemberCode {
    pub fn parse(code: &str) -> Result<MemberCode, Message> {
        let ok = (2..=5).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase());
        if ok {
            Ok(MemberCode(code.to_owned()))
        } else {
            Err(msg!("member.code", code = code))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MemberCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The human ticket number: member code, year, sequence (`YST-2027-000042`).
pub fn ticket_number(member: &str, year: i16, sequence: i64) -> String {
    format!("{member}-{year}-{sequence:06}")
}

/// A Swedish organisation number `NNNNNN-NNNN` with a valid Luhn check digit.
pub fn check_organisation_number(value: &str) -> Result<(), Message> {
    let digits: Vec<u32> = value.chars().filter_map(|c| c.to_digit(10)).collect();
    let shape_ok =
        value.len() == 11 && value.as_bytes().get(6) == Some(&b'-') && digits.len() == 10;
    if !shape_ok {
        return Err(msg!("member.organisation_number_shape", value = value));
    }
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = if i % 2 == 0 { d * 2 } else { *d };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    if sum.is_multiple_of(10) {
        Ok(())
    } else {
        Err(msg!("member.organisation_number_check", value = value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_codes_are_two_to_five_capitals() {
        assert!(MemberCode::parse("YST").is_ok());
        assert!(MemberCode::parse("AB").is_ok());
        assert!(MemberCode::parse("ABCDE").is_ok());
        for bad in ["Y", "yst", "ABCDEF", "YS1", "ÅSE", ""] {
            assert!(MemberCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ticket_numbers_are_padded_to_six_digits() {
        assert_eq!(ticket_number("YST", 2027, 42), "YST-2027-000042");
    }

    #[test]
    fn organisation_numbers_are_luhn_checked() {
        // Ystads kommun and Simrishamns kommun.
        assert!(check_organisation_number("212000-1124").is_ok());
        assert!(check_organisation_number("212000-0969").is_ok());
        assert!(check_organisation_number("212000-1125").is_err());
        assert!(check_organisation_number("2120001124").is_err());
    }
}
