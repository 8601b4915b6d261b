//! Votes in a forum: each seat votes once with its weight (a board seat
//! weighs its member's ownership share); a decision needs a quorum (a share
//! of all seats' weight taking part) and then the forum's majority rule.
//! The tally says why it came out as it did.

use crate::messages::Message;
use crate::msg;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Yes,
    No,
    Abstain,
}

impl Choice {
    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Yes => "yes",
            Choice::No => "no",
            Choice::Abstain => "abstain",
        }
    }

    pub fn parse(text: &str) -> Result<Choice, Message> {
        match text {
            "yes" => Ok(Choice::Yes),
            "no" => Ok(Choice::No),
            "abstain" => Ok(Choice::Abstain),
            _ => Err(msg!("vote.unknown_choice", value = text)),
        }
    }
}

/// How many must agree once the quorum is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Majority {
    /// More yes weight than no weight (abstentions do not count).
    Simple,
    /// At least two thirds of the weight voting yes or no says yes.
    Qualified,
    /// Every seat of the forum votes yes.
    Unanimous,
}

impl Majority {
    pub fn as_str(self) -> &'static str {
        match self {
            Majority::Simple => "simple",
            Majority::Qualified => "qualified",
            Majority::Unanimous => "unanimous",
        }
    }

    pub fn parse(text: &str) -> Result<Majority, Message> {
        match text {
            "simple" => Ok(Majority::Simple),
            "qualified" => Ok(Majority::Qualified),
            "unanimous" => Ok(Majority::Unanimous),
            _ => Err(msg!("forum.unknown_majority", value = text)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Adopted,
    Rejected,
    NoQuorum,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Adopted => "adopted",
            Outcome::Rejected => "rejected",
            Outcome::NoQuorum => "no_quorum",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        match text {
            "adopted" => Some(Outcome::Adopted),
            "rejected" => Some(Outcome::Rejected),
            "no_quorum" => Some(Outcome::NoQuorum),
            _ => None,
        }
    }
}

/// What a decision's votes add up to, with every figure that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// The weight of every voting seat of the forum.
    pub total: i64,
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
    pub quorum_bp: i64,
    pub quorum_met: bool,
    pub majority: Majority,
    pub outcome: Outcome,
}

impl Tally {
    /// The weight that took part.
    pub fn present(&self) -> i64 {
        self.yes + self.no + self.abstain
    }

    /// Why the decision came out as it did, for the decision log.
    pub fn explanation(&self) -> Message {
        let present = share_bp(self.present(), self.total);
        if !self.quorum_met {
            return msg!(
                "vote.explain_no_quorum",
                present = crate::messages::Arg::Percent(present),
                quorum = crate::messages::Arg::Percent(self.quorum_bp.max(0) as u64)
            );
        }
        msg!(
            "vote.explain",
            yes = crate::messages::Arg::Percent(share_bp(self.yes, self.total)),
            no = crate::messages::Arg::Percent(share_bp(self.no, self.total)),
            abstain = crate::messages::Arg::Percent(share_bp(self.abstain, self.total)),
            majority = crate::messages::Arg::Word("majority", self.majority.as_str().to_owned()),
            outcome = crate::messages::Arg::Word("outcome", self.outcome.as_str().to_owned())
        )
    }
}

fn share_bp(part: i64, whole: i64) -> u64 {
    if whole <= 0 {
        return 0;
    }
    (part.max(0) as i128 * 10_000 / whole as i128) as u64
}

/// The tally of `votes` (each a choice with its seat's weight) among seats
/// weighing `total` together.
pub fn tally(total: i64, votes: &[(Choice, i64)], quorum_bp: i64, majority: Majority) -> Tally {
    let sum = |c: Choice| {
        votes
            .iter()
            .filter(|v| v.0 == c)
            .map(|v| v.1.max(0))
            .sum::<i64>()
    };
    let (yes, no, abstain) = (sum(Choice::Yes), sum(Choice::No), sum(Choice::Abstain));
    let present = yes + no + abstain;
    // present / total >= quorum_bp / 10000, in integers.
    let quorum_met = total > 0 && present as i128 * 10_000 >= quorum_bp as i128 * total as i128;
    let adopted = match majority {
        Majority::Simple => yes > no,
        Majority::Qualified => yes > 0 && yes as i128 * 3 >= (yes + no) as i128 * 2,
        Majority::Unanimous => yes == total && total > 0,
    };
    let outcome = if !quorum_met {
        Outcome::NoQuorum
    } else if adopted {
        Outcome::Adopted
    } else {
        Outcome::Rejected
    };
    Tally {
        total,
        yes,
        no,
        abstain,
        quorum_bp,
        quorum_met,
        majority,
        outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Choice::*;
    use proptest::prelude::*;

    // Ystad-Österlen's board: Ystad 50 %, Simrishamn 27 %, Tomelilla 23 %.
    const YST: i64 = 5000;
    const SIM: i64 = 2700;
    const TOM: i64 = 2300;
    const BOARD: i64 = YST + SIM + TOM;

    #[test]
    fn the_largest_owner_alone_does_not_carry_a_simple_majority_against_both_others() {
        let t = tally(
            BOARD,
            &[(Yes, YST), (No, SIM), (No, TOM)],
            5000,
            Majority::Simple,
        );
        assert_eq!((t.yes, t.no), (5000, 5000));
        assert_eq!(t.outcome, Outcome::Rejected, "a tie is not a majority");
        let t = tally(
            BOARD,
            &[(Yes, YST), (No, SIM), (Abstain, TOM)],
            5000,
            Majority::Simple,
        );
        assert_eq!(t.outcome, Outcome::Adopted);
    }

    #[test]
    fn without_quorum_nothing_is_decided() {
        let t = tally(BOARD, &[(Yes, TOM)], 5000, Majority::Simple);
        assert!(!t.quorum_met);
        assert_eq!(t.outcome, Outcome::NoQuorum);
        // Exactly at the quorum is enough.
        let t = tally(BOARD, &[(Yes, YST)], 5000, Majority::Simple);
        assert_eq!(t.outcome, Outcome::Adopted);
    }

    #[test]
    fn a_qualified_majority_needs_two_thirds_of_the_votes_cast() {
        let t = tally(
            BOARD,
            &[(Yes, YST), (Yes, TOM), (No, SIM)],
            5000,
            Majority::Qualified,
        );
        assert_eq!(t.outcome, Outcome::Adopted, "73 % yes");
        let t = tally(BOARD, &[(Yes, YST), (No, SIM)], 5000, Majority::Qualified);
        assert_eq!(t.outcome, Outcome::Rejected, "50/77 = 65 % yes");
        let t = tally(300, &[(Yes, 200), (No, 100)], 0, Majority::Qualified);
        assert_eq!(t.outcome, Outcome::Adopted, "exactly two thirds");
    }

    #[test]
    fn unanimity_needs_every_seat_yes() {
        let all = [(Yes, YST), (Yes, SIM), (Yes, TOM)];
        assert_eq!(
            tally(BOARD, &all, 5000, Majority::Unanimous).outcome,
            Outcome::Adopted
        );
        let one_abstains = [(Yes, YST), (Yes, SIM), (Abstain, TOM)];
        assert_eq!(
            tally(BOARD, &one_abstains, 5000, Majority::Unanimous).outcome,
            Outcome::Rejected
        );
    }

    #[test]
    fn the_explanation_names_the_shares() {
        let t = tally(BOARD, &[(Yes, TOM)], 5000, Majority::Simple);
        let m = t.explanation();
        assert_eq!(m.code, "vote.explain_no_quorum");
        assert!(
            m.args
                .contains(&("present", crate::messages::Arg::Percent(2300)))
        );
    }

    fn choice() -> impl Strategy<Value = Choice> {
        prop_oneof![Just(Yes), Just(No), Just(Abstain)]
    }

    proptest! {
        #[test]
        fn more_yes_never_turns_adopted_into_rejected(
            seats in proptest::collection::vec((choice(), 1i64..10_000), 1..12),
            flip in 0usize..12,
            quorum in 0i64..=10_000,
        ) {
            let total: i64 = seats.iter().map(|s| s.1).sum();
            for majority in [Majority::Simple, Majority::Qualified, Majority::Unanimous] {
                let before = tally(total, &seats, quorum, majority);
                let mut more = seats.clone();
                let i = flip % more.len();
                more[i].0 = Yes;
                let after = tally(total, &more, quorum, majority);
                prop_assert!(after.present() >= before.present());
                if before.outcome == Outcome::Adopted {
                    prop_assert_eq!(after.outcome, Outcome::Adopted);
                }
                prop_assert_eq!(after.present() <= total, true);
            }
        }

        #[test]
        fn unanimous_implies_qualified_implies_simple(
            seats in proptest::collection::vec((choice(), 1i64..10_000), 1..12),
        ) {
            let total: i64 = seats.iter().map(|s| s.1).sum();
            let u = tally(total, &seats, 0, Majority::Unanimous).outcome == Outcome::Adopted;
            let q = tally(total, &seats, 0, Majority::Qualified).outcome == Outcome::Adopted;
            let s = tally(total, &seats, 0, Majority::Simple).outcome == Outcome::Adopted;
            prop_assert!(!u || q);
            prop_assert!(!q || s);
        }
    }
}
