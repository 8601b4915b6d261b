//! New ids: UUIDv7 stamped with the application clock, so ids sort by
//! creation time. A shared counter keeps ids made in the same millisecond
//! in the order they were made, so history rows written at one instant
//! (a resolve and a reopen in the same request burst) keep their order.

use samdrift_domain::time::Clock;
use std::sync::Mutex;
use uuid::{ContextV7, Timestamp, Uuid};

static CONTEXT: Mutex<ContextV7> = Mutex::new(ContextV7::new());

/// A UUIDv7 for an entity created at the clock's now.
pub fn new_id(clock: &dyn Clock) -> Uuid {
    let now = clock.now();
    let secs = u64::try_from(now.as_second()).unwrap_or(0);
    let nanos = u32::try_from(now.subsec_nanosecond()).unwrap_or(0);
    match CONTEXT.lock() {
        Ok(context) => Uuid::new_v7(Timestamp::from_unix(&*context, secs, nanos)),
        Err(_) => Uuid::new_v7(Timestamp::from_unix(uuid::NoContext, secs, nanos)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;
    impl Clock for Fixed {
        fn now(&self) -> jiff::Timestamp {
            jiff::Timestamp::from_second(1_800_000_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        }
    }

    #[test]
    fn ids_made_at_one_instant_keep_their_order() {
        let ids: Vec<Uuid> = (0..1000).map(|_| new_id(&Fixed)).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
    }
}
