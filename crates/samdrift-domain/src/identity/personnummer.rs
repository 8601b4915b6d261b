//! Swedish personal identity numbers (personnummer) and coordination
//! numbers (samordningsnummer): parsed from the forms source systems
//! deliver, checked (date and check digit), kept as twelve digits and
//! shown masked. The digits never appear through `Debug`, so a number in
//! a struct that is logged stays hidden.

use crate::messages::Message;
use crate::msg;
use jiff::civil::Date;

/// A checked personnummer or samordningsnummer as twelve digits
/// (`YYYYMMDDNNNN`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Personnummer(String);

impl std::fmt::Debug for Personnummer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Personnummer({})", self.masked())
    }
}

impl Personnummer {
    /// Parses `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN`,
    /// `YYMMDDNNNN` and `YYMMDD+NNNN` (a `+` marks someone 100 or older).
    /// The century of a ten-digit form is the one that makes the person
    /// at most 99 years old on `today` (100 or more with `+`).
    pub fn parse(text: &str, today: Date) -> Result<Personnummer, Message> {
        let text = text.trim();
        let plus = text.contains('+');
        let digits: String = text.chars().filter(|c| *c != '-' && *c != '+').collect();
        let separators = text.chars().filter(|c| *c == '-' || *c == '+').count();
        if separators > 1 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(msg!("personnummer.format"));
        }
        let full = match digits.len() {
            12 => digits,
            10 => with_century(&digits, plus, today)?,
            _ => return Err(msg!("personnummer.format")),
        };
        if birth_date(&full).is_none() {
            return Err(msg!("personnummer.date"));
        }
        if !luhn_ok(&full[2..]) {
            return Err(msg!("personnummer.check_digit"));
        }
        Ok(Personnummer(full))
    }

    /// The twelve digits, for sealing and matching only: never for
    /// display, logs, URLs or exports.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// `19800101-XXXX`: the birth date without the last four digits.
    pub fn masked(&self) -> String {
        format!("{}-XXXX", &self.0[..8])
    }

    /// Whether this is a samordningsnummer (day of birth plus 60).
    pub fn is_coordination_number(&self) -> bool {
        self.0[6..8].parse::<u8>().is_ok_and(|d| d > 60)
    }
}

/// The date part: a real calendar date, with 60 added to the day for a
/// samordningsnummer.
fn birth_date(full: &str) -> Option<Date> {
    let year: i16 = full[0..4].parse().ok()?;
    let month: i8 = full[4..6].parse().ok()?;
    let mut day: i8 = full[6..8].parse().ok()?;
    if day > 60 {
        day -= 60;
    }
    Date::new(year, month, day).ok()
}

fn with_century(digits: &str, plus: bool, today: Date) -> Result<String, Message> {
    let yy: i16 = digits[0..2]
        .parse()
        .map_err(|_| msg!("personnummer.format"))?;
    let this_year = today.year();
    let mut year = this_year - (this_year - yy).rem_euclid(100);
    if plus {
        year -= 100;
    }
    Ok(format!("{:02}{digits}", year / 100))
}

/// The Luhn check over the ten digits `YYMMDDNNNC`.
fn luhn_ok(ten: &str) -> bool {
    let sum: u32 = ten
        .chars()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            let v = if i % 2 == 0 { d * 2 } else { d };
            v / 10 + v % 10
        })
        .sum();
    ten.len() == 10 && sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 12, 2);

    #[test]
    fn the_forms_source_systems_deliver_give_the_same_number() {
        let forms = ["19811218-9876", "198112189876", "811218-9876", "8112189876"];
        for form in forms {
            let p = Personnummer::parse(form, TODAY).unwrap();
            assert_eq!(p.digits(), "198112189876", "{form}");
        }
    }

    #[test]
    fn a_plus_marks_a_person_a_hundred_or_older() {
        let p = Personnummer::parse("121212+1212", TODAY).unwrap();
        assert_eq!(p.digits(), "191212121212");
        let young = Personnummer::parse("121212-1212", TODAY).unwrap();
        assert_eq!(young.digits(), "201212121212");
    }

    #[test]
    fn a_wrong_check_digit_or_date_is_refused_with_its_reason() {
        assert_eq!(
            Personnummer::parse("19811218-9875", TODAY)
                .unwrap_err()
                .code,
            "personnummer.check_digit"
        );
        assert_eq!(
            Personnummer::parse("19810231-1234", TODAY)
                .unwrap_err()
                .code,
            "personnummer.date"
        );
        for bad in ["", "abc", "1981-12-18-9876", "19811218 9876x", "123"] {
            assert_eq!(
                Personnummer::parse(bad, TODAY).unwrap_err().code,
                "personnummer.format",
                "{bad}"
            );
        }
    }

    #[test]
    fn a_coordination_number_has_sixty_added_to_the_day() {
        let p = Personnummer::parse("19701063-2391", TODAY).unwrap();
        assert!(p.is_coordination_number());
        assert_eq!(p.masked(), "19701063-XXXX");
    }

    #[test]
    fn the_digits_never_show_in_debug_output() {
        let p = Personnummer::parse("19811218-9876", TODAY).unwrap();
        let shown = format!("{p:?}");
        assert!(!shown.contains("9876"), "{shown}");
        assert_eq!(p.masked(), "19811218-XXXX");
    }
}
