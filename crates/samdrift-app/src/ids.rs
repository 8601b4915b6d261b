//! New ids: UUIDv7 stamped with the application clock, so ids sort by
//! creation time and tests get reproducible orderings.

use samdrift_domain::time::Clock;
use uuid::{Timestamp, Uuid};

/// A UUIDv7 for an entity created at the clock's now.
pub fn new_id(clock: &dyn Clock) -> Uuid {
    let now = clock.now();
    let secs = u64::try_from(now.as_second()).unwrap_or(0);
    let nanos = u32::try_from(now.subsec_nanosecond()).unwrap_or(0);
    Uuid::new_v7(Timestamp::from_unix(uuid::NoContext, secs, nanos))
}
