//! The annual survey of a member: admins and the member's orderers and
//! strategists create it with its questions (a grade 1-5 or free text),
//! open it, which invites every person of the member or a random share
//! of them, and close it; managers also read the results.
//!
//! Each invitation gets a random token (only its hash is kept); opening
//! returns the links `/survey/{token}` for the member to hand out, since
//! nothing else ever knows a token. Answering through the link (no login)
//! marks the invitation answered and stores the answers under a fresh
//! random response id, in one transaction: no answer names the person,
//! the invitation or the time, so results cannot be traced to anyone.

use crate::{App, AppError};
use rand::seq::SliceRandom;
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::MemberId;
use samdrift_domain::satisfaction::{
    Distribution, QUESTIONS_MAX, QuestionKind, SurveyState, check_answer, check_survey, check_text,
};
use samdrift_domain::scope::Scope;
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::satisfaction::{NewAnswer, SurveyQuestionRecord, SurveyRecord};
use uuid::Uuid;

/// A survey to create.
#[derive(Debug, Clone)]
pub struct NewSurvey {
    pub title: String,
    pub year: i64,
    /// 1..=100: the share of the member's people invited when opened.
    pub sample_percent: i64,
}

/// A survey with its member, questions and response figures.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyDetail {
    pub survey: SurveyRecord,
    pub member_code: String,
    pub questions: Vec<SurveyQuestionRecord>,
    pub invited: i64,
    pub answered: i64,
}

/// One invitation as made when opening: whom, and their link's token.
#[derive(Debug, Clone, PartialEq)]
pub struct Invitation {
    pub person_id: Uuid,
    pub name: String,
    pub email: String,
    pub token: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OpenedSurvey {
    pub detail: SurveyDetail,
    pub invitations: Vec<Invitation>,
}

/// One question's results: the grades' counts (scale) or the texts given
/// (free text, sorted, empty answers left out).
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionResult {
    pub question: SurveyQuestionRecord,
    pub grades: Distribution,
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SurveyResults {
    pub detail: SurveyDetail,
    pub questions: Vec<QuestionResult>,
}

/// What the link's page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyForm {
    pub title: String,
    pub member_name: String,
    pub questions: Vec<SurveyQuestionRecord>,
    pub answered: bool,
    pub open: bool,
}

/// One answer as given: the question's position, a grade (scale) or a
/// text (free text).
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyAnswer {
    pub position: i64,
    pub grade: Option<i64>,
    pub text: String,
}

fn state(s: &SurveyRecord) -> SurveyState {
    SurveyState::parse(&s.state).unwrap_or(SurveyState::Closed)
}

fn forbidden() -> AppError {
    AppError::Forbidden(samdrift_domain::msg!("forbidden.surveys"))
}

impl App {
    /// A member the caller names by code: not found outside the scope.
    async fn survey_member(&self, scope: &Scope, code: &str) -> Result<MemberRecord, AppError> {
        self.member_in_scope(scope, code)
            .await
            .map_err(|_| AppError::NotFound("member"))
    }

    /// A survey the caller reads (or runs, with `run`), with its details.
    async fn survey_for(
        &self,
        scope: &Scope,
        id: Uuid,
        run: bool,
    ) -> Result<SurveyDetail, AppError> {
        let survey = self
            .store
            .get_survey(&scope.members(), id)
            .await?
            .ok_or(AppError::NotFound("survey"))?;
        let member = MemberId(survey.member_id);
        let allowed = if run {
            scope.may_run_surveys(member)
        } else {
            scope.may_read_surveys(member)
        };
        if !allowed {
            return Err(forbidden());
        }
        self.survey_detail(survey).await
    }

    async fn survey_detail(&self, survey: SurveyRecord) -> Result<SurveyDetail, AppError> {
        let member = MemberId(survey.member_id);
        let questions = self.store.survey_questions(member, survey.id).await?;
        let (invited, answered) = self.store.survey_response_counts(member, survey.id).await?;
        let member_code = self
            .store
            .get_member(&crate::demo::system_scope(), member)
            .await?
            .map(|m| m.code)
            .unwrap_or_default();
        Ok(SurveyDetail {
            survey,
            member_code,
            questions,
            invited,
            answered,
        })
    }

    /// Creates a draft survey for the member `code`.
    pub async fn create_survey(
        &self,
        scope: &Scope,
        code: &str,
        new: NewSurvey,
    ) -> Result<SurveyDetail, AppError> {
        let member = self.survey_member(scope, code).await?;
        if !scope.may_run_surveys(MemberId(member.id)) {
            return Err(forbidden());
        }
        check_survey(&new.title, new.year, new.sample_percent).map_err(AppError::Invalid)?;
        let survey = SurveyRecord {
            member_id: member.id,
            id: crate::ids::new_id(self.clock.as_ref()),
            title: new.title.trim().to_owned(),
            year: new.year,
            state: SurveyState::Draft.as_str().to_owned(),
            sample_percent: new.sample_percent,
            created_at: self.now_micros(),
            version: 1,
        };
        self.store.insert_survey(&survey).await?;
        self.survey_detail(survey).await
    }

    /// The member's surveys, newest year first.
    pub async fn surveys(
        &self,
        scope: &Scope,
        code: &str,
    ) -> Result<(MemberRecord, Vec<SurveyRecord>), AppError> {
        let member = self.survey_member(scope, code).await?;
        if !scope.may_read_surveys(MemberId(member.id)) {
            return Err(forbidden());
        }
        let list = self.store.surveys_of_member(MemberId(member.id)).await?;
        Ok((member, list))
    }

    pub async fn survey(&self, scope: &Scope, id: Uuid) -> Result<SurveyDetail, AppError> {
        self.survey_for(scope, id, false).await
    }

    /// Adds a question at the end of a draft survey.
    pub async fn add_survey_question(
        &self,
        scope: &Scope,
        id: Uuid,
        kind: &str,
        text: &str,
    ) -> Result<SurveyDetail, AppError> {
        let detail = self.survey_for(scope, id, true).await?;
        let mut errors = FieldErrors::default();
        let kind = QuestionKind::parse(kind);
        if kind.is_none() {
            errors.push(
                "kind",
                samdrift_domain::msg!(
                    "field.one_of",
                    options = vec!["scale".to_owned(), "text".to_owned()]
                ),
            );
        }
        check_text(&mut errors, "text", text);
        errors.into_result(()).map_err(AppError::Invalid)?;
        let kind = kind.unwrap_or(QuestionKind::Scale);
        let member = MemberId(detail.survey.member_id);
        if state(&detail.survey) != SurveyState::Draft {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.survey_not_draft"
            )));
        }
        let added = self
            .store
            .add_survey_question(member, id, kind.as_str(), text.trim(), QUESTIONS_MAX as i64)
            .await?;
        if added.is_none() {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.survey_not_draft"
            )));
        }
        self.survey_for(scope, id, true).await
    }

    /// Opens a draft survey with questions: invites the member's people
    /// (all, or a random share), and returns each invitation's link token.
    pub async fn open_survey(&self, scope: &Scope, id: Uuid) -> Result<OpenedSurvey, AppError> {
        let detail = self.survey_for(scope, id, true).await?;
        if state(&detail.survey) != SurveyState::Draft {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.survey_not_draft"
            )));
        }
        if detail.questions.is_empty() {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.survey_no_questions"
            )));
        }
        let member = MemberId(detail.survey.member_id);
        let mut people = self.store.people_of_member(member).await?;
        people.shuffle(&mut rand::rng());
        let share = usize::try_from(detail.survey.sample_percent.clamp(1, 100)).unwrap_or(100);
        let n = (people.len() * share).div_ceil(100);
        people.truncate(n);
        people.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        let invitations: Vec<Invitation> = people
            .into_iter()
            .map(|p| Invitation {
                person_id: p.id,
                name: p.name,
                email: p.email,
                token: crate::auth::random_secret(),
            })
            .collect();
        let hashes: Vec<(Uuid, String)> = invitations
            .iter()
            .map(|i| (i.person_id, crate::auth::sha256_hex(i.token.as_bytes())))
            .collect();
        if !self.store.open_survey(member, id, &hashes).await? {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.survey_not_draft"
            )));
        }
        Ok(OpenedSurvey {
            detail: self.survey_for(scope, id, true).await?,
            invitations,
        })
    }

    /// Closes an open survey: no more answers.
    pub async fn close_survey(&self, scope: &Scope, id: Uuid) -> Result<SurveyDetail, AppError> {
        let detail = self.survey_for(scope, id, true).await?;
        let member = MemberId(detail.survey.member_id);
        if !self.store.close_survey(member, id).await? {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.survey_not_open"
            )));
        }
        self.survey_for(scope, id, true).await
    }

    /// Per question the grades or texts given, and the response rate.
    pub async fn survey_results(&self, scope: &Scope, id: Uuid) -> Result<SurveyResults, AppError> {
        let detail = self.survey_for(scope, id, false).await?;
        let answers = self
            .store
            .survey_answers(MemberId(detail.survey.member_id), id)
            .await?;
        let questions = detail
            .questions
            .iter()
            .map(|q| {
                let mut grades = Distribution::default();
                let mut texts = Vec::new();
                for a in answers.iter().filter(|a| a.position == q.position) {
                    if let Some(g) = a.grade {
                        grades.add(g, 1);
                    }
                    if !a.text.is_empty() {
                        texts.push(a.text.clone());
                    }
                }
                texts.sort();
                QuestionResult {
                    question: q.clone(),
                    grades,
                    texts,
                }
            })
            .collect();
        Ok(SurveyResults { detail, questions })
    }

    /// The survey a link's token names, its questions, and whether the
    /// invitation was answered. Reading records nothing.
    pub async fn survey_by_token(&self, token: &str) -> Result<SurveyForm, AppError> {
        let hash = crate::auth::sha256_hex(token.trim().as_bytes());
        let invitation = self
            .store
            .invitation_by_token(&hash)
            .await?
            .ok_or(AppError::NotFound("survey"))?;
        let member = MemberId(invitation.member_id);
        let survey = self
            .store
            .get_survey(
                &samdrift_domain::scope::MemberFilter::Only(vec![member]),
                invitation.survey_id,
            )
            .await?
            .ok_or(AppError::NotFound("survey"))?;
        let member_name = self
            .store
            .get_member(&crate::demo::system_scope(), member)
            .await?
            .map(|m| m.name)
            .unwrap_or_default();
        Ok(SurveyForm {
            open: state(&survey) == SurveyState::Open,
            questions: self.store.survey_questions(member, survey.id).await?,
            title: survey.title,
            member_name,
            answered: invitation.answered,
        })
    }

    /// Answers the survey a link's token names, once (module docs).
    pub async fn answer_survey(
        &self,
        token: &str,
        answers: &[SurveyAnswer],
    ) -> Result<(), AppError> {
        let form = self.survey_by_token(token).await?;
        if form.answered {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.survey_answered"
            )));
        }
        if !form.open {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.survey_not_open"
            )));
        }
        let stored = checked_answers(&form.questions, answers).map_err(AppError::Invalid)?;
        let response = uuid::Builder::from_random_bytes(rand::random()).into_uuid();
        let hash = crate::auth::sha256_hex(token.trim().as_bytes());
        if !self.store.answer_survey(&hash, response, &stored).await? {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.survey_answered"
            )));
        }
        Ok(())
    }
}

/// The answers to store: one per question answered, checked against its
/// kind; answers to questions the survey lacks are refused.
fn checked_answers(
    questions: &[SurveyQuestionRecord],
    answers: &[SurveyAnswer],
) -> Result<Vec<NewAnswer>, Vec<samdrift_domain::error::FieldError>> {
    let mut errors = FieldErrors::default();
    let mut out: Vec<NewAnswer> = Vec::new();
    for a in answers {
        let field = format!("answers.{}", a.position);
        let Some(q) = questions.iter().find(|q| q.position == a.position) else {
            errors.push(field, samdrift_domain::msg!("field.missing_reference"));
            continue;
        };
        let kind = QuestionKind::parse(&q.kind).unwrap_or(QuestionKind::Text);
        check_answer(&mut errors, &field, kind, a.grade, &a.text);
        if out.iter().any(|o| o.position == a.position) {
            errors.push(
                field,
                samdrift_domain::msg!("field.listed_twice", value = a.position.to_string()),
            );
            continue;
        }
        let (grade, text) = match kind {
            QuestionKind::Scale => (a.grade, String::new()),
            QuestionKind::Text => (None, a.text.trim().to_owned()),
        };
        if grade.is_some() || !text.is_empty() {
            out.push(NewAnswer {
                position: a.position,
                grade,
                text,
            });
        }
    }
    errors.into_result(out)
}
