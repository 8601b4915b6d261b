//! Customer satisfaction (kundnöjdhet): asking the requester of a
//! resolved ticket to rate it (`ask.rs`: the member's sample and quiet
//! period, a link with a token whose hash alone is kept), the rating in
//! one step from the portal or the link (`rate.rs`), results per member,
//! service, group, month or technician (`results.rs`), each member's
//! sampling rules (here), and the annual survey with anonymous answers
//! (`surveys.rs`). The rules are the domain's
//! (`samdrift_domain::satisfaction`); who reads what is the `Scope`'s.

mod ask;
mod rate;
mod results;
mod surveys;

pub use rate::{RatingInvitation, TicketRating};
pub use results::{Breakdown, ResultRow, SatisfactionQuery, SatisfactionResults};
pub use samdrift_store::satisfaction::{RatingCommentRow, RatingRecord, SurveyRecord};
pub use surveys::{
    Invitation, NewSurvey, OpenedSurvey, QuestionResult, SurveyAnswer, SurveyDetail, SurveyForm,
    SurveyResults,
};

use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::satisfaction::SamplingRules;
use samdrift_domain::scope::Scope;
use samdrift_store::registers::members::MemberRecord;

/// A member's sampling rules and their version (1 while the defaults
/// apply).
#[derive(Debug, Clone, PartialEq)]
pub struct SatisfactionSettings {
    pub member: MemberRecord,
    pub rules: SamplingRules,
    pub version: i64,
}

impl App {
    /// The rules a member samples with (the defaults when it chose none).
    pub(crate) async fn sampling_rules(
        &self,
        member: MemberId,
    ) -> Result<(SamplingRules, i64), AppError> {
        Ok(match self.store.satisfaction_settings(member).await? {
            Some(s) => (
                SamplingRules {
                    percent: s.sampling_percent,
                    quiet_days: s.quiet_days,
                },
                s.version,
            ),
            None => (SamplingRules::default(), 1),
        })
    }

    /// The member named by `code` for an administrator: not found outside
    /// the scope, forbidden for other roles.
    async fn settings_member(&self, scope: &Scope, code: &str) -> Result<MemberRecord, AppError> {
        let member = self
            .member_in_scope(scope, code)
            .await
            .map_err(|_| AppError::NotFound("member"))?;
        if !scope.is_admin() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.satisfaction_settings"
            )));
        }
        Ok(member)
    }

    /// A member's sampling rules (administrators).
    pub async fn satisfaction_settings(
        &self,
        scope: &Scope,
        code: &str,
    ) -> Result<SatisfactionSettings, AppError> {
        let member = self.settings_member(scope, code).await?;
        let (rules, version) = self.sampling_rules(MemberId(member.id)).await?;
        Ok(SatisfactionSettings {
            member,
            rules,
            version,
        })
    }

    /// Changes a member's sampling rules on the version read
    /// (administrators).
    pub async fn save_satisfaction_settings(
        &self,
        scope: &Scope,
        code: &str,
        rules: SamplingRules,
        version: Option<i64>,
    ) -> Result<SatisfactionSettings, AppError> {
        let member = self.settings_member(scope, code).await?;
        let version = version.ok_or(AppError::VersionRequired)?;
        rules.check().map_err(AppError::Invalid)?;
        self.store
            .save_satisfaction_settings(
                MemberId(member.id),
                rules.percent,
                rules.quiet_days,
                version,
            )
            .await?;
        self.satisfaction_settings(scope, code).await
    }
}
