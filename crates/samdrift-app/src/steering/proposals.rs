//! Proposals on their way through the forums, and the decisions taken on
//! them (or on anything else) by the weighted votes of a forum's seats.

use super::require_steering_admin;
use crate::steering::goals::required;
use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::role::MemberRole;
use samdrift_domain::scope::Scope;
use samdrift_domain::steering::forum::SeatRole;
use samdrift_domain::steering::proposal::{ProposalKind, ProposalState, after_vote, check_move};
use samdrift_domain::steering::vote::{Choice, Majority, Tally, tally};
use samdrift_store::steering::proposals::{
    DecisionRecord, ProposalEventRecord, ProposalRecord, VoteRecord,
};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct NewProposal {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub benefit: String,
    pub cost_ore: i64,
    /// The member raising it (orderers and strategists raise for theirs).
    pub member: Option<String>,
    pub affects: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct NewDecision {
    pub forum: Uuid,
    pub title: String,
    pub proposal: Option<Uuid>,
    pub meeting: Option<Uuid>,
    /// `agreement`, `catalog` or `budget`, with what it changes.
    pub link_kind: Option<String>,
    pub link_ref: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ProposalView {
    pub proposal: ProposalRecord,
    pub member_code: Option<String>,
    pub affects: Vec<String>,
    pub history: Vec<ProposalEventRecord>,
}

#[derive(Debug, Clone)]
pub struct DecisionView {
    pub decision: DecisionRecord,
    pub forum_name: String,
    pub votes: Vec<(VoteRecord, String)>,
    /// The votes' tally (the stored one once closed).
    pub tally: Tally,
}

const LINK_KINDS: [&str; 3] = ["agreement", "catalog", "budget"];

impl App {
    pub async fn raise_proposal(
        &self,
        scope: &Scope,
        new: NewProposal,
    ) -> Result<ProposalRecord, AppError> {
        self.require_steering_reader(scope).await?;
        let kind = ProposalKind::parse(&new.kind).map_err(|m| AppError::invalid("kind", m))?;
        let member = match &new.member {
            Some(code) => {
                let m = self.member_in_scope(scope, code).await?;
                let may = scope.may_manage_registers()
                    || scope.has_role_in(MemberId(m.id), MemberRole::Orderer)
                    || scope.has_role_in(MemberId(m.id), MemberRole::Strategist);
                if !may {
                    return Err(AppError::Forbidden(samdrift_domain::msg!(
                        "forbidden.proposal_raise"
                    )));
                }
                Some(m.id)
            }
            None if scope.may_manage_registers() => None,
            None => {
                return Err(AppError::invalid(
                    "member",
                    samdrift_domain::msg!("proposal.member_required"),
                ));
            }
        };
        if !(0..=1_000_000_000_000).contains(&new.cost_ore) {
            return Err(AppError::invalid(
                "cost_ore",
                samdrift_domain::msg!("field.not_negative"),
            ));
        }
        let mut affects = Vec::new();
        for code in &new.affects {
            let m = self.store.member_by_code(code).await?.ok_or_else(|| {
                AppError::invalid(
                    "affects",
                    samdrift_domain::msg!("member.no_code", code = code.as_str()),
                )
            })?;
            if !affects.contains(&m.id) {
                affects.push(m.id);
            }
        }
        let now = self.now_micros();
        let record = ProposalRecord {
            id: crate::ids::new_id(&*self.clock),
            number: String::new(),
            kind: kind.as_str().to_owned(),
            title: required("title", &new.title, 200)?,
            description: new.description.trim().to_owned(),
            benefit: new.benefit.trim().to_owned(),
            cost_ore: new.cost_ore,
            member_id: member,
            raised_by: scope.username.clone(),
            state: ProposalState::Raised.as_str().to_owned(),
            forum_id: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let event = self.proposal_event(scope, record.id, ProposalState::Raised, None, "");
        let prefix = format!("F-{}-", crate::catalog::today(self).year());
        let number = self
            .store
            .insert_proposal(&record, &prefix, &affects, &event)
            .await?;
        Ok(ProposalRecord { number, ..record })
    }

    fn proposal_event(
        &self,
        scope: &Scope,
        id: Uuid,
        state: ProposalState,
        forum: Option<Uuid>,
        note: &str,
    ) -> ProposalEventRecord {
        ProposalEventRecord {
            proposal_id: id,
            seq: 0,
            at: self.now_micros(),
            actor: scope.username.clone(),
            state: state.as_str().to_owned(),
            forum_id: forum,
            note: note.trim().to_owned(),
        }
    }

    /// Prepares (managers and admins, optionally for a forum) or withdraws
    /// (also whoever raised it) a proposal, over the version read.
    pub async fn move_proposal(
        &self,
        scope: &Scope,
        id: Uuid,
        version: i64,
        to: &str,
        forum: Option<Uuid>,
        note: &str,
    ) -> Result<ProposalRecord, AppError> {
        self.require_steering_reader(scope).await?;
        let p = self
            .store
            .proposal(id)
            .await?
            .ok_or(AppError::NotFound("proposal"))?;
        let to = ProposalState::parse(to).map_err(|m| AppError::invalid("state", m))?;
        let own = p.raised_by == scope.username && to == ProposalState::Withdrawn;
        if !own {
            require_steering_admin(scope)?;
        }
        let from = ProposalState::parse(&p.state).map_err(AppError::Conflict)?;
        check_move(from, to).map_err(AppError::Conflict)?;
        if let Some(f) = forum {
            self.readable_forum(scope, f).await?;
        }
        let event = self.proposal_event(scope, id, to, forum, note);
        self.store.move_proposal(id, version, &event).await?;
        self.store
            .proposal(id)
            .await?
            .ok_or(AppError::NotFound("proposal"))
    }

    pub async fn proposals(&self, scope: &Scope) -> Result<Vec<ProposalView>, AppError> {
        self.require_steering_reader(scope).await?;
        let codes = self.member_codes(&crate::demo::system_scope()).await?;
        let affected = self.store.proposal_members().await?;
        Ok(self
            .store
            .proposals()
            .await?
            .into_iter()
            .map(|p| ProposalView {
                member_code: p.member_id.and_then(|m| codes.get(&m).cloned()),
                affects: affected
                    .iter()
                    .filter(|(pid, _)| *pid == p.id)
                    .filter_map(|(_, m)| codes.get(m).cloned())
                    .collect(),
                history: vec![],
                proposal: p,
            })
            .collect())
    }

    pub async fn proposal_view(&self, scope: &Scope, id: Uuid) -> Result<ProposalView, AppError> {
        let mut view = self
            .proposals(scope)
            .await?
            .into_iter()
            .find(|p| p.proposal.id == id)
            .ok_or(AppError::NotFound("proposal"))?;
        view.history = self.store.proposal_events(id).await?;
        Ok(view)
    }

    /// Opens a decision in a forum (managers and admins); a proposal named
    /// must be prepared and goes to the vote.
    pub async fn open_decision(
        &self,
        scope: &Scope,
        new: NewDecision,
    ) -> Result<DecisionRecord, AppError> {
        require_steering_admin(scope)?;
        let forum = self.readable_forum(scope, new.forum).await?;
        if let Some(k) = &new.link_kind
            && !LINK_KINDS.contains(&k.as_str())
        {
            return Err(AppError::invalid(
                "link_kind",
                samdrift_domain::msg!("field.one_of", options = LINK_KINDS.join(", ")),
            ));
        }
        if let Some(m) = new.meeting {
            let meeting = self
                .store
                .meeting(m)
                .await?
                .ok_or(AppError::NotFound("meeting"))?;
            if meeting.forum_id != forum.id {
                return Err(AppError::NotFound("meeting"));
            }
        }
        let proposal = match new.proposal {
            Some(id) => {
                let p = self
                    .store
                    .proposal(id)
                    .await?
                    .ok_or(AppError::NotFound("proposal"))?;
                let from = ProposalState::parse(&p.state).map_err(AppError::Conflict)?;
                check_move(from, ProposalState::ForDecision).map_err(AppError::Conflict)?;
                Some(p)
            }
            None => None,
        };
        let decision = DecisionRecord {
            id: crate::ids::new_id(&*self.clock),
            number: String::new(),
            forum_id: forum.id,
            meeting_id: new.meeting,
            proposal_id: proposal.as_ref().map(|p| p.id),
            title: required("title", &new.title, 300)?,
            state: "open".into(),
            outcome: None,
            explanation: String::new(),
            link_kind: new.link_kind,
            link_ref: new
                .link_ref
                .map(|r| r.trim().to_owned())
                .filter(|r| !r.is_empty()),
            opened_at: self.now_micros(),
            closed_at: None,
            version: 1,
        };
        let event = proposal.as_ref().map(|p| {
            (
                p.version,
                self.proposal_event(scope, p.id, ProposalState::ForDecision, Some(forum.id), ""),
            )
        });
        let prefix = format!("B-{}-", crate::catalog::today(self).year());
        let number = self
            .store
            .insert_decision(&decision, &prefix, event.as_ref().map(|(v, e)| (*v, e)))
            .await?;
        Ok(DecisionRecord { number, ..decision })
    }

    /// Casts the caller's vote in their seat of the decision's forum; a
    /// vote after the decision closed, or a second from the same seat, is
    /// refused.
    pub async fn cast_vote(
        &self,
        scope: &Scope,
        decision: Uuid,
        seat: Option<Uuid>,
        choice: &str,
        reservation: &str,
    ) -> Result<VoteRecord, AppError> {
        let d = self.readable_decision(scope, decision).await?;
        let choice = Choice::parse(choice).map_err(|m| AppError::invalid("choice", m))?;
        let seats = self.store.seats(Some(d.forum_id)).await?;
        let mine: Vec<_> = seats
            .iter()
            .filter(|s| s.account_id == Some(scope.account.0))
            .filter(|s| SeatRole::parse(&s.role).is_ok_and(SeatRole::votes))
            .filter(|s| seat.is_none_or(|id| id == s.id))
            .collect();
        let [seat] = mine.as_slice() else {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "vote.not_a_seat_holder"
            )));
        };
        if d.state != "open" {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "vote.decision_closed",
                number = d.number.as_str()
            )));
        }
        let vote = VoteRecord {
            decision_id: d.id,
            seat_id: seat.id,
            choice: choice.as_str().to_owned(),
            weight: seat.weight,
            reservation: reservation.trim().to_owned(),
            cast_by: scope.account.0,
            cast_at: self.now_micros(),
        };
        if self.store.cast_vote(&vote).await? {
            return Ok(vote);
        }
        let now = self
            .store
            .decision(d.id)
            .await?
            .ok_or(AppError::NotFound("decision"))?;
        Err(AppError::Conflict(if now.state != "open" {
            samdrift_domain::msg!("vote.decision_closed", number = d.number.as_str())
        } else {
            samdrift_domain::msg!("vote.already_cast", seat = seat.holder.as_str())
        }))
    }

    /// Closes a decision (managers, admins or the forum's chair): the votes
    /// are tallied with the forum's quorum and majority and its proposal
    /// moves on.
    pub async fn close_decision(
        &self,
        scope: &Scope,
        decision: Uuid,
    ) -> Result<DecisionView, AppError> {
        let d = self.readable_decision(scope, decision).await?;
        let seats = self.store.seats(Some(d.forum_id)).await?;
        let chair = seats
            .iter()
            .any(|s| s.account_id == Some(scope.account.0) && s.role == SeatRole::Chair.as_str());
        if !chair {
            require_steering_admin(scope)?;
        }
        let t = self.decision_tally(&d).await?;
        let closed = DecisionRecord {
            state: "closed".into(),
            outcome: Some(t.outcome.as_str().to_owned()),
            explanation: serde_json::to_string(&t).unwrap_or_default(),
            closed_at: Some(self.now_micros()),
            ..d.clone()
        };
        let event = d.proposal_id.map(|p| {
            self.proposal_event(scope, p, after_vote(t.outcome), Some(d.forum_id), &d.number)
        });
        if !self.store.close_decision(&closed, event.as_ref()).await? {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "vote.decision_closed",
                number = d.number.as_str()
            )));
        }
        self.decision_view(scope, decision).await
    }

    async fn decision_tally(&self, d: &DecisionRecord) -> Result<Tally, AppError> {
        let forum = self
            .store
            .forum(d.forum_id)
            .await?
            .ok_or(AppError::NotFound("forum"))?;
        let seats = self.store.seats(Some(d.forum_id)).await?;
        let total: i64 = seats
            .iter()
            .filter(|s| SeatRole::parse(&s.role).is_ok_and(SeatRole::votes))
            .map(|s| s.weight)
            .sum();
        let votes: Vec<(Choice, i64)> = self
            .store
            .votes(d.id)
            .await?
            .iter()
            .filter_map(|v| Choice::parse(&v.choice).ok().map(|c| (c, v.weight)))
            .collect();
        let majority = Majority::parse(&forum.majority).map_err(AppError::Conflict)?;
        Ok(tally(total, &votes, forum.quorum_bp, majority))
    }

    async fn readable_decision(&self, scope: &Scope, id: Uuid) -> Result<DecisionRecord, AppError> {
        let d = self
            .store
            .decision(id)
            .await?
            .ok_or(AppError::NotFound("decision"))?;
        self.readable_forum(scope, d.forum_id).await?;
        Ok(d)
    }

    pub async fn decision_view(&self, scope: &Scope, id: Uuid) -> Result<DecisionView, AppError> {
        let d = self.readable_decision(scope, id).await?;
        let forum = self
            .store
            .forum(d.forum_id)
            .await?
            .ok_or(AppError::NotFound("forum"))?;
        let seats = self.store.seats(Some(d.forum_id)).await?;
        let votes = self
            .store
            .votes(id)
            .await?
            .into_iter()
            .map(|v| {
                let holder = seats
                    .iter()
                    .find(|s| s.id == v.seat_id)
                    .map(|s| s.holder.clone())
                    .unwrap_or_default();
                (v, holder)
            })
            .collect();
        let stored = serde_json::from_str::<Tally>(&d.explanation).ok();
        let tally = match stored {
            Some(t) if d.state != "open" => t,
            _ => self.decision_tally(&d).await?,
        };
        Ok(DecisionView {
            forum_name: forum.name,
            votes,
            tally,
            decision: d,
        })
    }

    /// The decision log: every decision the caller reads, latest first.
    pub async fn decision_log(&self, scope: &Scope) -> Result<Vec<DecisionView>, AppError> {
        let forums = self.forums(scope).await?;
        let mut out = Vec::new();
        for d in self.store.decisions().await? {
            if forums.iter().any(|f| f.id == d.forum_id) {
                out.push(self.decision_view(scope, d.id).await?);
            }
        }
        Ok(out)
    }
}
