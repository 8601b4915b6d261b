//! The forums of the collaboration model as the federation's rules
//! (förbundsordning) define them, and the seats in them.

use crate::messages::Message;
use crate::msg;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForumKind {
    /// Direktionen: one seat per member, weighted by ownership.
    Board,
    /// Beställarrådet.
    OrderersCouncil,
    /// Utvecklingsforum: change requests and improvements.
    DevelopmentForum,
    /// Servicenivåmöte with one member: its SLA and penalties.
    ServiceLevelMeeting,
}

impl ForumKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ForumKind::Board => "board",
            ForumKind::OrderersCouncil => "orderers_council",
            ForumKind::DevelopmentForum => "development_forum",
            ForumKind::ServiceLevelMeeting => "service_level_meeting",
        }
    }

    pub fn parse(text: &str) -> Result<ForumKind, Message> {
        match text {
            "board" => Ok(ForumKind::Board),
            "orderers_council" => Ok(ForumKind::OrderersCouncil),
            "development_forum" => Ok(ForumKind::DevelopmentForum),
            "service_level_meeting" => Ok(ForumKind::ServiceLevelMeeting),
            _ => Err(msg!("forum.unknown_kind", value = text)),
        }
    }

    /// Whether the forum belongs to one member (and needs it named).
    pub fn is_per_member(self) -> bool {
        self == ForumKind::ServiceLevelMeeting
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatRole {
    Chair,
    Member,
    /// Keeps the minutes; does not vote.
    Secretary,
}

impl SeatRole {
    pub fn as_str(self) -> &'static str {
        match self {
            SeatRole::Chair => "chair",
            SeatRole::Member => "member",
            SeatRole::Secretary => "secretary",
        }
    }

    pub fn parse(text: &str) -> Result<SeatRole, Message> {
        match text {
            "chair" => Ok(SeatRole::Chair),
            "member" => Ok(SeatRole::Member),
            "secretary" => Ok(SeatRole::Secretary),
            _ => Err(msg!("forum.unknown_seat_role", value = text)),
        }
    }

    pub fn votes(self) -> bool {
        self != SeatRole::Secretary
    }
}

/// The weight of a new seat: on the board a member's seat weighs the
/// member's ownership share (basis points); elsewhere every voting seat
/// weighs one.
pub fn seat_weight(kind: ForumKind, role: SeatRole, ownership_share_bp: Option<i64>) -> i64 {
    if !role.votes() {
        return 0;
    }
    match (kind, ownership_share_bp) {
        (ForumKind::Board, Some(bp)) => bp.max(0),
        _ => 1,
    }
}

/// A quorum in basis points, 0..=10000.
pub fn check_quorum(bp: i64) -> Result<i64, Message> {
    if (0..=10_000).contains(&bp) {
        Ok(bp)
    } else {
        Err(msg!("forum.bad_quorum", value = bp))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_seats_weigh_the_ownership_share_and_secretaries_nothing() {
        assert_eq!(
            seat_weight(ForumKind::Board, SeatRole::Member, Some(2700)),
            2700
        );
        assert_eq!(
            seat_weight(ForumKind::Board, SeatRole::Secretary, Some(2700)),
            0
        );
        assert_eq!(
            seat_weight(ForumKind::OrderersCouncil, SeatRole::Chair, Some(2700)),
            1
        );
        assert_eq!(seat_weight(ForumKind::Board, SeatRole::Chair, None), 1);
    }

    #[test]
    fn kinds_read_back() {
        for k in [
            ForumKind::Board,
            ForumKind::OrderersCouncil,
            ForumKind::DevelopmentForum,
            ForumKind::ServiceLevelMeeting,
        ] {
            assert_eq!(ForumKind::parse(k.as_str()), Ok(k));
        }
        assert!(ForumKind::parse("parliament").is_err());
        assert!(check_quorum(10_001).is_err());
    }
}
