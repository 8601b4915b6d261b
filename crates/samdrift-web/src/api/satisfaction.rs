//! Customer satisfaction: results of the ratings of resolved tickets
//! (count, average, the grades 1-5) per member, service, group, month or
//! technician; each member's sampling rules (admins, with If-Match); the
//! requester's rating of their own resolved ticket (once: 409 after); and
//! the annual surveys of a member with their questions, opening (which
//! answers with the invitation links to hand out), closing and results.
//! Who reads what is the use cases' (`samdrift_app::satisfaction`).

use super::views::{rfc3339, with_etag};
use crate::auth::Principal;
use crate::extract::{Body, Id, Params, PathParams, conditional, if_match};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use samdrift_app::satisfaction::{
    NewSurvey, OpenedSurvey, RatingRecord, SatisfactionQuery, SatisfactionResults,
    SatisfactionSettings, SurveyDetail, SurveyRecord, SurveyResults, TicketRating,
};
use samdrift_domain::ids::TicketId;
use samdrift_domain::satisfaction::{Distribution, SamplingRules};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Count, average and the count of each grade.
#[derive(Serialize, ToSchema)]
pub struct GradesView {
    pub count: i64,
    /// The average grade, two decimals; null without ratings.
    pub average: Option<f64>,
    /// How many gave 1, 2, 3, 4 and 5.
    pub distribution: [i64; 5],
}

impl From<Distribution> for GradesView {
    fn from(d: Distribution) -> Self {
        GradesView {
            count: d.count(),
            average: d.average_hundredths().map(|a| a as f64 / 100.0),
            distribution: d.counts,
        }
    }
}

/// One line of the breakdown.
#[derive(Serialize, ToSchema)]
pub struct ResultRowView {
    /// A member's code, a service's code, a group's or technician's id, or
    /// `YYYY-MM`; empty for ratings without a service, group or technician.
    pub key: String,
    /// Its name.
    pub label: String,
    #[serde(flatten)]
    pub grades: GradesView,
}

/// A requester's comment.
#[derive(Serialize, ToSchema)]
pub struct RatingCommentView {
    pub ticket: String,
    pub rating: i64,
    pub comment: String,
    /// RFC 3339.
    pub rated_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct SatisfactionView {
    /// The member asked for, if one was.
    pub member: Option<String>,
    /// `YYYY-MM`, first month.
    pub from: String,
    /// `YYYY-MM`, last month (included).
    pub to: String,
    pub by: String,
    pub total: GradesView,
    pub rows: Vec<ResultRowView>,
    /// The newest comments (at most 200); absent when the caller may not
    /// read them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<Vec<RatingCommentView>>,
}

fn results_view(r: SatisfactionResults) -> SatisfactionView {
    SatisfactionView {
        member: r.member.map(|m| m.code),
        from: r.from,
        to: r.to,
        by: r.by.as_str().to_owned(),
        total: r.total.into(),
        rows: r
            .rows
            .into_iter()
            .map(|row| ResultRowView {
                key: row.key,
                label: row.label,
                grades: row.grades.into(),
            })
            .collect(),
        comments: r.comments.map(|list| {
            list.into_iter()
                .map(|c| RatingCommentView {
                    ticket: c.ticket_number,
                    rating: c.rating,
                    comment: c.comment,
                    rated_at: rfc3339(c.rated_at),
                })
                .collect()
        }),
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResultsQuery {
    /// A member's code; without it every member the caller reads.
    pub member: Option<String>,
    /// `YYYY-MM`; without it eleven months before `to`.
    pub from: Option<String>,
    /// `YYYY-MM` (included); without it this month.
    pub to: Option<String>,
    /// `member` (default), `service`, `group`, `month` or `technician`.
    pub by: Option<String>,
    /// Only the ratings of this competence group.
    pub group: Option<Uuid>,
}

#[utoipa::path(get, path = "/api/v1/satisfaction", operation_id = "satisfaction_results", tag = "satisfaction",
    params(ResultsQuery),
    responses((status = 200, body = SatisfactionView), (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem)))]
pub async fn results(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<ResultsQuery>,
) -> ApiResult<Json<SatisfactionView>> {
    let query = SatisfactionQuery {
        member: q.member,
        from: q.from,
        to: q.to,
        by: q.by,
        group: q.group,
    };
    let r = s.app.satisfaction_results(&p.scope, &query).await?;
    Ok(Json(results_view(r)))
}

/// A member's sampling rules.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct SettingsView {
    /// 0-100: the share of resolved tickets whose requester is asked.
    #[schema(minimum = 0, maximum = 100)]
    pub sampling_percent: i64,
    /// 0-365: nobody is asked more than once in this many days.
    #[schema(minimum = 0, maximum = 365)]
    pub quiet_days: i64,
}

fn settings_response(status: StatusCode, s: SatisfactionSettings) -> Response {
    let view = SettingsView {
        sampling_percent: s.rules.percent,
        quiet_days: s.rules.quiet_days,
    };
    with_etag(status, view, s.version)
}

#[utoipa::path(get, path = "/api/v1/members/{member}/satisfaction-settings", operation_id = "satisfaction_settings_get", tag = "satisfaction",
    params(("member" = String, Path, description = "The member's code")),
    responses((status = 200, description = "The rules, with their version as the ETag", body = SettingsView),
        (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn settings(
    State(s): State<AppState>,
    p: Principal,
    PathParams(code): PathParams<String>,
) -> ApiResult<Response> {
    let settings = s.app.satisfaction_settings(&p.scope, &code).await?;
    Ok(settings_response(StatusCode::OK, settings))
}

#[utoipa::path(put, path = "/api/v1/members/{member}/satisfaction-settings", operation_id = "satisfaction_settings_set", tag = "satisfaction",
    params(("member" = String, Path, description = "The member's code"),
        ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`): the change applies only to that version (412 if it changed). `*` applies it to the current version.")),
    request_body = SettingsView,
    responses((status = 200, body = SettingsView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem),
        (status = 412, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem), (status = 428, body = crate::problem::Problem)))]
pub async fn set_settings(
    State(s): State<AppState>,
    p: Principal,
    PathParams(code): PathParams<String>,
    headers: HeaderMap,
    Body(b): Body<SettingsView>,
) -> ApiResult<Response> {
    let rules = SamplingRules {
        percent: b.sampling_percent,
        quiet_days: b.quiet_days,
    };
    let saved = conditional(
        if_match(&headers)?,
        || async { Ok(s.app.satisfaction_settings(&p.scope, &code).await?.version) },
        |version| {
            s.app
                .save_satisfaction_settings(&p.scope, &code, rules, version)
        },
    )
    .await?;
    Ok(settings_response(StatusCode::OK, saved))
}

/// A rating of a resolved ticket.
#[derive(Serialize, ToSchema)]
pub struct RatingView {
    pub ticket_id: Uuid,
    pub rating: i64,
    pub comment: String,
    /// RFC 3339.
    pub rated_at: String,
}

impl From<RatingRecord> for RatingView {
    fn from(r: RatingRecord) -> Self {
        RatingView {
            ticket_id: r.ticket_id,
            rating: r.rating,
            comment: r.comment,
            rated_at: rfc3339(r.rated_at),
        }
    }
}

/// Where the caller's ticket stands for a rating.
#[derive(Serialize, ToSchema)]
pub struct TicketRatingView {
    /// `none` (nothing to rate), `open` (the caller was asked and may
    /// rate) or `rated`.
    pub state: String,
    pub rating: Option<RatingView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RateBody {
    /// 1 (very dissatisfied) to 5 (very satisfied).
    #[schema(minimum = 1, maximum = 5)]
    pub rating: i64,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub comment: String,
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/rating", operation_id = "tickets_rating_get", tag = "satisfaction",
    params(("id" = Uuid, Path, description = "The ticket's id")),
    responses((status = 200, body = TicketRatingView), (status = 404, body = crate::problem::Problem)))]
pub async fn ticket_rating(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<TicketRatingView>> {
    let ticket = s.app.ticket(&p.scope, TicketId(id)).await?;
    let view = match s.app.ticket_rating(&p.scope, &ticket).await? {
        TicketRating::None => TicketRatingView {
            state: "none".into(),
            rating: None,
        },
        TicketRating::Open => TicketRatingView {
            state: "open".into(),
            rating: None,
        },
        TicketRating::Rated(r) => TicketRatingView {
            state: "rated".into(),
            rating: Some(r.into()),
        },
    };
    Ok(Json(view))
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/rating", operation_id = "tickets_rate", tag = "satisfaction",
    params(("id" = Uuid, Path, description = "The ticket's id")), request_body = RateBody,
    responses((status = 201, body = RatingView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem),
        (status = 409, description = "Rated already, not resolved, or not asked", body = crate::problem::Problem), (status = 422, body = crate::problem::Problem)))]
pub async fn rate(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<RateBody>,
) -> ApiResult<(StatusCode, Json<RatingView>)> {
    let r = s
        .app
        .rate_ticket(&p.scope, TicketId(id), b.rating, &b.comment)
        .await?;
    Ok((StatusCode::CREATED, Json(r.into())))
}

/// A survey.
#[derive(Serialize, ToSchema)]
pub struct SurveyView {
    pub id: Uuid,
    pub member: String,
    pub title: String,
    pub year: i64,
    /// `draft`, `open` or `closed`.
    pub state: String,
    /// The share of the member's people invited when opened.
    pub sample_percent: i64,
    pub questions: Vec<QuestionView>,
    pub invited: i64,
    pub answered: i64,
}

#[derive(Serialize, ToSchema)]
pub struct QuestionView {
    pub position: i64,
    /// `scale` (1-5) or `text`.
    pub kind: String,
    pub text: String,
}

fn survey_view(d: SurveyDetail) -> SurveyView {
    SurveyView {
        id: d.survey.id,
        member: d.member_code,
        title: d.survey.title,
        year: d.survey.year,
        state: d.survey.state,
        sample_percent: d.survey.sample_percent,
        questions: d
            .questions
            .into_iter()
            .map(|q| QuestionView {
                position: q.position,
                kind: q.kind,
                text: q.text,
            })
            .collect(),
        invited: d.invited,
        answered: d.answered,
    }
}

/// A survey in a member's list.
#[derive(Serialize, ToSchema)]
pub struct SurveyListEntry {
    pub id: Uuid,
    pub title: String,
    pub year: i64,
    pub state: String,
}

impl From<SurveyRecord> for SurveyListEntry {
    fn from(s: SurveyRecord) -> Self {
        SurveyListEntry {
            id: s.id,
            title: s.title,
            year: s.year,
            state: s.state,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSurveyBody {
    #[schema(min_length = 1, max_length = 500)]
    pub title: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: i64,
    /// 1-100 (default 100): the share of the member's people invited.
    #[serde(default = "all")]
    #[schema(minimum = 1, maximum = 100)]
    pub sample_percent: i64,
}

fn all() -> i64 {
    100
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionBody {
    /// `scale` (1-5) or `text`.
    pub kind: String,
    #[schema(min_length = 1, max_length = 500)]
    pub text: String,
}

/// One invitation made when opening: hand the link to the person.
#[derive(Serialize, ToSchema)]
pub struct InvitationView {
    pub person_id: Uuid,
    pub name: String,
    pub email: String,
    /// `/survey/{token}`: answered without login, once. Shown only now.
    pub path: String,
}

#[derive(Serialize, ToSchema)]
pub struct OpenedSurveyView {
    pub survey: SurveyView,
    pub invitations: Vec<InvitationView>,
}

fn opened_view(o: OpenedSurvey) -> OpenedSurveyView {
    OpenedSurveyView {
        survey: survey_view(o.detail),
        invitations: o
            .invitations
            .into_iter()
            .map(|i| InvitationView {
                person_id: i.person_id,
                name: i.name,
                email: i.email,
                path: format!("/survey/{}", i.token),
            })
            .collect(),
    }
}

/// One question's results.
#[derive(Serialize, ToSchema)]
pub struct QuestionResultView {
    pub position: i64,
    pub kind: String,
    pub text: String,
    /// Scale questions: the grades given.
    #[serde(flatten)]
    pub grades: GradesView,
    /// Free-text questions: the texts given, sorted.
    pub answers: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SurveyResultsView {
    pub survey: SurveyView,
    pub invited: i64,
    pub answered: i64,
    /// answered / invited, two decimals; null before anyone was invited.
    pub response_rate: Option<f64>,
    pub questions: Vec<QuestionResultView>,
}

fn survey_results_view(r: SurveyResults) -> SurveyResultsView {
    let (invited, answered) = (r.detail.invited, r.detail.answered);
    SurveyResultsView {
        invited,
        answered,
        response_rate: (invited > 0)
            .then(|| ((answered * 10_000 + invited / 2) / invited) as f64 / 10_000.0),
        survey: survey_view(r.detail),
        questions: r
            .questions
            .into_iter()
            .map(|q| QuestionResultView {
                position: q.question.position,
                kind: q.question.kind,
                text: q.question.text,
                grades: q.grades.into(),
                answers: q.texts,
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/members/{member}/surveys", operation_id = "surveys_list", tag = "satisfaction",
    params(("member" = String, Path, description = "The member's code")),
    responses((status = 200, description = "Newest year first", body = Vec<SurveyListEntry>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn surveys(
    State(s): State<AppState>,
    p: Principal,
    PathParams(code): PathParams<String>,
) -> ApiResult<Json<Vec<SurveyListEntry>>> {
    let (_, list) = s.app.surveys(&p.scope, &code).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/members/{member}/surveys", operation_id = "surveys_create", tag = "satisfaction",
    params(("member" = String, Path, description = "The member's code")), request_body = NewSurveyBody,
    responses((status = 201, body = SurveyView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem)))]
pub async fn create_survey(
    State(s): State<AppState>,
    p: Principal,
    PathParams(code): PathParams<String>,
    Body(b): Body<NewSurveyBody>,
) -> ApiResult<(StatusCode, Json<SurveyView>)> {
    let new = NewSurvey {
        title: b.title,
        year: b.year,
        sample_percent: b.sample_percent,
    };
    let d = s.app.create_survey(&p.scope, &code, new).await?;
    Ok((StatusCode::CREATED, Json(survey_view(d))))
}

#[utoipa::path(get, path = "/api/v1/surveys/{id}", operation_id = "surveys_show", tag = "satisfaction",
    params(("id" = Uuid, Path, description = "The survey's id")),
    responses((status = 200, body = SurveyView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn survey(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<SurveyView>> {
    Ok(Json(survey_view(s.app.survey(&p.scope, id).await?)))
}

#[utoipa::path(post, path = "/api/v1/surveys/{id}/questions", operation_id = "surveys_add_question", tag = "satisfaction",
    params(("id" = Uuid, Path, description = "The survey's id")), request_body = QuestionBody,
    responses((status = 201, description = "The survey with the question last", body = SurveyView), (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem), (status = 409, description = "Not a draft any more", body = crate::problem::Problem), (status = 422, body = crate::problem::Problem)))]
pub async fn add_question(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<QuestionBody>,
) -> ApiResult<(StatusCode, Json<SurveyView>)> {
    let d = s
        .app
        .add_survey_question(&p.scope, id, &b.kind, &b.text)
        .await?;
    Ok((StatusCode::CREATED, Json(survey_view(d))))
}

#[utoipa::path(post, path = "/api/v1/surveys/{id}/open", operation_id = "surveys_open", tag = "satisfaction",
    params(("id" = Uuid, Path, description = "The survey's id")),
    responses((status = 200, description = "Opened; the invitation links, shown only now", body = OpenedSurveyView), (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem)))]
pub async fn open_survey(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<OpenedSurveyView>> {
    Ok(Json(opened_view(s.app.open_survey(&p.scope, id).await?)))
}

#[utoipa::path(post, path = "/api/v1/surveys/{id}/close", operation_id = "surveys_close", tag = "satisfaction",
    params(("id" = Uuid, Path, description = "The survey's id")),
    responses((status = 200, body = SurveyView), (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem)))]
pub async fn close_survey(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<SurveyView>> {
    Ok(Json(survey_view(s.app.close_survey(&p.scope, id).await?)))
}

#[utoipa::path(get, path = "/api/v1/surveys/{id}/results", operation_id = "surveys_results", tag = "satisfaction",
    params(("id" = Uuid, Path, description = "The survey's id")),
    responses((status = 200, body = SurveyResultsView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn survey_results(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<SurveyResultsView>> {
    Ok(Json(survey_results_view(
        s.app.survey_results(&p.scope, id).await?,
    )))
}
