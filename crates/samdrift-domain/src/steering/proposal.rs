//! Proposals (förbättringsförslag, ändringsbegäran) and the way they move
//! through the forums: raised, prepared, then decided (adopted or rejected
//! by a vote) or withdrawn.

use crate::messages::Message;
use crate::msg;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    Improvement,
    ChangeRequest,
}

impl ProposalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalKind::Improvement => "improvement",
            ProposalKind::ChangeRequest => "change_request",
        }
    }

    pub fn parse(text: &str) -> Result<ProposalKind, Message> {
        match text {
            "improvement" => Ok(ProposalKind::Improvement),
            "change_request" => Ok(ProposalKind::ChangeRequest),
            _ => Err(msg!("proposal.unknown_kind", value = text)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    Raised,
    Prepared,
    /// A decision about it is open for votes.
    ForDecision,
    Adopted,
    Rejected,
    Withdrawn,
}

impl ProposalState {
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalState::Raised => "raised",
            ProposalState::Prepared => "prepared",
            ProposalState::ForDecision => "for_decision",
            ProposalState::Adopted => "adopted",
            ProposalState::Rejected => "rejected",
            ProposalState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Result<ProposalState, Message> {
        Ok(match text {
            "raised" => ProposalState::Raised,
            "prepared" => ProposalState::Prepared,
            "for_decision" => ProposalState::ForDecision,
            "adopted" => ProposalState::Adopted,
            "rejected" => ProposalState::Rejected,
            "withdrawn" => ProposalState::Withdrawn,
            _ => return Err(msg!("proposal.unknown_state", value = text)),
        })
    }

    /// Still waiting for a decision.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ProposalState::Raised | ProposalState::Prepared | ProposalState::ForDecision
        )
    }
}

/// A move a person asks for (a vote's outcome moves it to adopted or
/// rejected, never a person).
pub fn check_move(from: ProposalState, to: ProposalState) -> Result<(), Message> {
    use ProposalState::*;
    let allowed = matches!(
        (from, to),
        (Raised, Prepared) | (Raised | Prepared, Withdrawn) | (Prepared, ForDecision)
    );
    if allowed {
        Ok(())
    } else {
        Err(msg!(
            "proposal.cannot_move",
            from = crate::messages::Arg::Word("proposal_state", from.as_str().to_owned()),
            to = crate::messages::Arg::Word("proposal_state", to.as_str().to_owned())
        ))
    }
}

/// The state a closed vote leaves its proposal in: adopted, rejected, or
/// back to prepared when no quorum was reached.
pub fn after_vote(outcome: super::vote::Outcome) -> ProposalState {
    match outcome {
        super::vote::Outcome::Adopted => ProposalState::Adopted,
        super::vote::Outcome::Rejected => ProposalState::Rejected,
        super::vote::Outcome::NoQuorum => ProposalState::Prepared,
    }
}

#[cfg(test)]
mod tests {
    use super::ProposalState::*;
    use super::*;

    #[test]
    fn a_proposal_moves_forward_or_is_withdrawn_but_never_decided_by_hand() {
        assert!(check_move(Raised, Prepared).is_ok());
        assert!(check_move(Prepared, ForDecision).is_ok());
        assert!(check_move(Prepared, Withdrawn).is_ok());
        assert!(check_move(Raised, ForDecision).is_err(), "prepared first");
        assert!(check_move(Prepared, Adopted).is_err(), "only a vote adopts");
        assert!(
            check_move(ForDecision, Withdrawn).is_err(),
            "not during the vote"
        );
        assert!(check_move(Adopted, Raised).is_err());
    }

    #[test]
    fn a_vote_without_quorum_sends_it_back_to_prepared() {
        use super::super::vote::Outcome;
        assert_eq!(after_vote(Outcome::NoQuorum), Prepared);
        assert_eq!(after_vote(Outcome::Adopted), Adopted);
    }
}
