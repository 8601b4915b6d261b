//! Time as the domain sees it: instants are passed in, never read. The only
//! reader of the current time is a [`Clock`], so tests can set it.

use jiff::Timestamp;

/// The source of "now". The binary uses the system clock; tests set one.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// Microseconds since the Unix epoch: how instants are stored.
pub fn to_micros(t: Timestamp) -> i64 {
    t.as_microsecond()
}

/// The instant for stored microseconds; out-of-range values clamp to the
/// nearest representable instant rather than fail.
pub fn from_micros(micros: i64) -> Timestamp {
    Timestamp::from_microsecond(micros).unwrap_or(if micros < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// Europe/Stockholm (from the bundled time-zone database; UTC only if it
/// were ever missing).
pub fn stockholm() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/Stockholm").unwrap_or(jiff::tz::TimeZone::UTC)
}

/// The calendar day in Stockholm at an instant.
pub fn stockholm_date(t: Timestamp) -> jiff::civil::Date {
    stockholm().to_datetime(t).date()
}

/// The year of an instant in Swedish local time (ticket numbers use it).
pub fn stockholm_year(t: Timestamp) -> i16 {
    stockholm().to_datetime(t).year()
}
