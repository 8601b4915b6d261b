//! The codes the store keeps as text, read back into their types. A row
//! whose code is not one of ours is a fault of the database, not input: the
//! store reports it as a decode error and the request fails as unavailable.

use crate::priority::Priority;
use crate::ticket::{Status, TicketType};

impl TryFrom<String> for Status {
    type Error = String;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        code.parse()
    }
}

impl TryFrom<String> for Priority {
    type Error = String;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        code.parse()
    }
}

impl TryFrom<String> for TicketType {
    type Error = String;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        code.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stored_code_reads_back_as_itself() {
        for s in Status::ALL {
            assert_eq!(Status::try_from(s.as_str().to_owned()), Ok(s));
        }
        for p in Priority::ALL {
            assert_eq!(Priority::try_from(p.as_str().to_owned()), Ok(p));
        }
        for t in [TicketType::Incident, TicketType::Request] {
            assert_eq!(TicketType::try_from(t.as_str().to_owned()), Ok(t));
        }
        assert!(Status::try_from("open".to_owned()).is_err());
    }
}
