//! Forums, seats and meetings. A board seat weighs its member's ownership
//! share; a service-level meeting belongs to one member and is read only
//! by staff and that member's people.

use super::require_steering_admin;
use crate::steering::goals::required;
use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::Scope;
use samdrift_domain::steering::forum::{ForumKind, SeatRole, check_quorum, seat_weight};
use samdrift_domain::steering::vote::Majority;
use samdrift_store::steering::forums::{ForumRecord, MeetingRecord, SeatRecord};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct NewForum {
    pub kind: String,
    pub name: String,
    pub member: Option<String>,
    pub quorum_bp: i64,
    pub majority: String,
}

#[derive(Debug, Clone)]
pub struct NewSeat {
    pub member: Option<String>,
    /// The account that holds the seat and votes in it.
    pub username: Option<String>,
    pub holder: String,
    pub role: String,
}

#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub held_on: String,
    pub title: String,
    pub agenda: String,
    pub minutes: String,
    pub attended: Vec<Uuid>,
}

/// A forum with its seats (and their members' codes) and meetings.
#[derive(Debug, Clone)]
pub struct ForumView {
    pub forum: ForumRecord,
    pub member_code: Option<String>,
    pub seats: Vec<(SeatRecord, Option<String>)>,
    pub meetings: Vec<(MeetingRecord, Vec<Uuid>)>,
}

impl App {
    pub async fn create_forum(
        &self,
        scope: &Scope,
        new: NewForum,
    ) -> Result<ForumRecord, AppError> {
        require_steering_admin(scope)?;
        let kind = ForumKind::parse(&new.kind).map_err(|m| AppError::invalid("kind", m))?;
        let majority =
            Majority::parse(&new.majority).map_err(|m| AppError::invalid("majority", m))?;
        let quorum_bp =
            check_quorum(new.quorum_bp).map_err(|m| AppError::invalid("quorum_bp", m))?;
        let member = match (&new.member, kind.is_per_member()) {
            (Some(code), true) => Some(self.member_in_scope(scope, code).await?.id),
            (None, true) => {
                return Err(AppError::invalid(
                    "member",
                    samdrift_domain::msg!("forum.member_required"),
                ));
            }
            (Some(_), false) => {
                return Err(AppError::invalid(
                    "member",
                    samdrift_domain::msg!("forum.member_not_allowed"),
                ));
            }
            (None, false) => None,
        };
        let forum = ForumRecord {
            id: crate::ids::new_id(&*self.clock),
            kind: kind.as_str().to_owned(),
            name: required("name", &new.name, 200)?,
            member_id: member,
            quorum_bp,
            majority: majority.as_str().to_owned(),
            created_at: self.now_micros(),
            version: 1,
        };
        self.store.insert_forum(&forum).await?;
        Ok(forum)
    }

    /// A forum the caller reads (a service-level meeting only by staff and
    /// its member's people).
    pub(crate) async fn readable_forum(
        &self,
        scope: &Scope,
        id: Uuid,
    ) -> Result<ForumRecord, AppError> {
        self.require_steering_reader(scope).await?;
        let forum = self
            .store
            .forum(id)
            .await?
            .ok_or(AppError::NotFound("forum"))?;
        if forum
            .member_id
            .is_some_and(|m| !scope.members().allows(MemberId(m)))
        {
            return Err(AppError::NotFound("forum"));
        }
        Ok(forum)
    }

    pub async fn add_seat(
        &self,
        scope: &Scope,
        forum: Uuid,
        new: NewSeat,
    ) -> Result<SeatRecord, AppError> {
        require_steering_admin(scope)?;
        let forum = self.readable_forum(scope, forum).await?;
        let kind = ForumKind::parse(&forum.kind).map_err(AppError::Conflict)?;
        let role = SeatRole::parse(&new.role).map_err(|m| AppError::invalid("role", m))?;
        let member = match &new.member {
            Some(code) => Some(self.member_in_scope(scope, code).await?),
            None => None,
        };
        let account = match &new.username {
            Some(u) => Some(
                self.store
                    .account_by_username(u)
                    .await?
                    .ok_or_else(|| {
                        AppError::invalid(
                            "username",
                            samdrift_domain::msg!("forum.no_such_account", value = u.as_str()),
                        )
                    })?
                    .id,
            ),
            None => None,
        };
        let seat = SeatRecord {
            id: crate::ids::new_id(&*self.clock),
            forum_id: forum.id,
            member_id: member.as_ref().map(|m| m.id),
            account_id: account,
            holder: required("holder", &new.holder, 200)?,
            role: role.as_str().to_owned(),
            weight: seat_weight(kind, role, member.as_ref().map(|m| m.ownership_share_bp)),
            version: 1,
        };
        self.store.insert_seat(&seat).await?;
        Ok(seat)
    }

    pub async fn add_meeting(
        &self,
        scope: &Scope,
        forum: Uuid,
        new: NewMeeting,
    ) -> Result<MeetingRecord, AppError> {
        require_steering_admin(scope)?;
        let forum = self.readable_forum(scope, forum).await?;
        samdrift_domain::agreement::parse_date(&new.held_on)
            .map_err(|m| AppError::invalid("held_on", m))?;
        let seats = self.store.seats(Some(forum.id)).await?;
        if let Some(stranger) = new
            .attended
            .iter()
            .find(|a| !seats.iter().any(|s| s.id == **a))
        {
            return Err(AppError::invalid(
                "attended",
                samdrift_domain::msg!("forum.not_a_seat", value = stranger.to_string()),
            ));
        }
        let meeting = MeetingRecord {
            id: crate::ids::new_id(&*self.clock),
            forum_id: forum.id,
            held_on: new.held_on,
            title: required("title", &new.title, 200)?,
            agenda: new.agenda.trim().to_owned(),
            minutes: new.minutes.trim().to_owned(),
            created_at: self.now_micros(),
            version: 1,
        };
        self.store.insert_meeting(&meeting, &new.attended).await?;
        Ok(meeting)
    }

    /// Writes a meeting's minutes over the version read.
    pub async fn set_minutes(
        &self,
        scope: &Scope,
        meeting: Uuid,
        version: i64,
        minutes: &str,
    ) -> Result<(), AppError> {
        require_steering_admin(scope)?;
        let m = self
            .store
            .meeting(meeting)
            .await?
            .ok_or(AppError::NotFound("meeting"))?;
        self.readable_forum(scope, m.forum_id).await?;
        self.store
            .set_minutes(meeting, version, minutes.trim())
            .await?;
        Ok(())
    }

    /// The forums the caller reads.
    pub async fn forums(&self, scope: &Scope) -> Result<Vec<ForumRecord>, AppError> {
        self.require_steering_reader(scope).await?;
        Ok(self
            .store
            .forums()
            .await?
            .into_iter()
            .filter(|f| {
                f.member_id
                    .is_none_or(|m| scope.members().allows(MemberId(m)))
            })
            .collect())
    }

    pub async fn forum_view(&self, scope: &Scope, id: Uuid) -> Result<ForumView, AppError> {
        let forum = self.readable_forum(scope, id).await?;
        let codes = self.member_codes(&crate::demo::system_scope()).await?;
        let code = |m: Option<Uuid>| m.and_then(|m| codes.get(&m).cloned());
        let seats = self.store.seats(Some(id)).await?;
        let mut meetings = Vec::new();
        for m in self.store.meetings(Some(id)).await? {
            let attended = self.store.attendance(m.id).await?;
            meetings.push((m, attended));
        }
        Ok(ForumView {
            member_code: code(forum.member_id),
            seats: seats
                .into_iter()
                .map(|s| {
                    let c = code(s.member_id);
                    (s, c)
                })
                .collect(),
            meetings,
            forum,
        })
    }
}
