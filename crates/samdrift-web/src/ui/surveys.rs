//! The annual surveys of a member (`/satisfaction/surveys?member=CODE`):
//! each survey with its questions, response rate and results; forms to
//! create one, add questions to a draft, open it (the page then shows the
//! invitation links, once) and close it. And the page of an invitation
//! link (`/survey/{token}`, no login): the questions, answered once; GET
//! records nothing. The use cases decide who may do what.

use super::i18n::Tr;
use super::satisfaction::{GradesRow, decimal2};
use super::session::{UiUser, visitor_lang};
use super::{Frame, error_page, failure, page};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::satisfaction::{Invitation, NewSurvey, SurveyAnswer, SurveyResults};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct MemberQuery {
    member: Option<String>,
}

pub struct QuestionView {
    pub position: i64,
    pub kind: String,
    pub text: String,
    pub grades: GradesRow,
    pub texts: Vec<String>,
}

pub struct SurveyView {
    pub id: String,
    pub title: String,
    pub year: i64,
    pub state: String,
    pub response: String,
    pub questions: Vec<QuestionView>,
}

fn survey_view(t: &Tr, r: SurveyResults) -> SurveyView {
    let d = &r.detail;
    let rate = if d.invited > 0 {
        format!(
            " ({} %)",
            decimal2(t, (d.answered * 10_000 + d.invited / 2) / d.invited)
        )
    } else {
        String::new()
    };
    SurveyView {
        id: d.survey.id.to_string(),
        title: d.survey.title.clone(),
        year: d.survey.year,
        state: d.survey.state.clone(),
        response: t
            .t("satisfaction.surveys.answered_of")
            .replace("{answered}", &t.whole(d.answered))
            .replace("{invited}", &t.whole(d.invited))
            + &rate,
        questions: r
            .questions
            .into_iter()
            .map(|q| QuestionView {
                grades: GradesRow::of(t, String::new(), &q.grades),
                position: q.question.position,
                kind: q.question.kind,
                text: q.question.text,
                texts: q.texts,
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "surveys.html")]
struct SurveysPage {
    frame: Frame,
    t: Tr,
    member_code: String,
    member_name: String,
    surveys: Vec<SurveyView>,
    /// Just opened: the invitations, shown once.
    invitations: Vec<Invitation>,
    errors: Vec<(String, String)>,
}

async fn render(
    state: &AppState,
    user: &UiUser,
    code: Option<&str>,
    invitations: Vec<Invitation>,
    errors: Vec<(String, String)>,
) -> Response {
    let member = match state.app.home_member(&user.scope, code).await {
        Ok(Some(m)) => m,
        Ok(None) => {
            return error_page(
                user,
                StatusCode::NOT_FOUND,
                user.tr.t("ticket.not_found").into(),
            );
        }
        Err(e) => return failure(user, e),
    };
    let list = match state.app.surveys(&user.scope, &member.code).await {
        Ok((_, list)) => list,
        Err(e) => return failure(user, e),
    };
    let mut surveys = Vec::with_capacity(list.len());
    for s in list {
        match state.app.survey_results(&user.scope, s.id).await {
            Ok(r) => surveys.push(survey_view(&user.tr, r)),
            Err(e) => return failure(user, e),
        }
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page(
        status,
        &SurveysPage {
            frame: Frame::of(user, "/satisfaction/surveys"),
            t: user.tr,
            member_code: member.code,
            member_name: member.name,
            surveys,
            invitations,
            errors,
        },
    )
}

/// GET /satisfaction/surveys
pub async fn show(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<MemberQuery>,
) -> Response {
    render(&state, &user, q.member.as_deref(), Vec::new(), Vec::new()).await
}

#[derive(Deserialize)]
pub struct SurveyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    member: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    sample_percent: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    text: String,
}

fn field_errors(t: &Tr, e: &AppError) -> Vec<(String, String)> {
    match e {
        AppError::Invalid(fields) => fields
            .iter()
            .map(|f| (f.field.clone(), crate::messages::render(t, &f.message)))
            .collect(),
        other => vec![(String::new(), crate::messages::refusal(t, other))],
    }
}

/// What a survey form's use case answered: back to the page, or the page
/// with the refusal.
async fn after(
    state: &AppState,
    user: &UiUser,
    member: &str,
    outcome: Result<Vec<Invitation>, AppError>,
) -> Response {
    match outcome {
        Ok(invitations) if invitations.is_empty() => Redirect::to(&format!(
            "/satisfaction/surveys?member={}",
            urlencoding(member)
        ))
        .into_response(),
        Ok(invitations) => render(state, user, Some(member), invitations, Vec::new()).await,
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let errors = field_errors(&user.tr, &e);
            render(state, user, Some(member), Vec::new(), errors).await
        }
        Err(e) => failure(user, e),
    }
}

fn urlencoding(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// POST /satisfaction/surveys/new
pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    Form(f): Form<SurveyForm>,
) -> Response {
    if !user.csrf_ok(&f.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let new = NewSurvey {
        title: f.title.clone(),
        year: f.year.trim().parse().unwrap_or(0),
        sample_percent: f.sample_percent.trim().parse().unwrap_or(0),
    };
    let outcome = state
        .app
        .create_survey(&user.scope, &f.member, new)
        .await
        .map(|_| Vec::new());
    after(&state, &user, &f.member, outcome).await
}

/// POST /satisfaction/surveys/{id}/{action}: `questions`, `open`, `close`.
pub async fn act(
    State(state): State<AppState>,
    user: UiUser,
    Path((id, action)): Path<(String, String)>,
    Form(f): Form<SurveyForm>,
) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return error_page(
            &user,
            StatusCode::NOT_FOUND,
            user.tr.t("ticket.not_found").into(),
        );
    };
    if !user.csrf_ok(&f.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let app = &state.app;
    let outcome = match action.as_str() {
        "questions" => app
            .add_survey_question(&user.scope, id, &f.kind, &f.text)
            .await
            .map(|_| Vec::new()),
        "open" => app
            .open_survey(&user.scope, id)
            .await
            .map(|o| o.invitations),
        "close" => app.close_survey(&user.scope, id).await.map(|_| Vec::new()),
        _ => Err(AppError::NotFound("survey")),
    };
    after(&state, &user, &f.member, outcome).await
}

/// The page of an invitation link, outside the signed-in frame.
#[derive(Template)]
#[template(path = "survey_answer.html")]
struct AnswerPage {
    t: Tr,
    token: String,
    title: String,
    member: String,
    questions: Vec<(i64, String, String)>,
    /// A message instead of the form (thanks, answered, closed, unknown).
    message: Option<String>,
    thanks: bool,
    errors: Vec<(String, String)>,
}

async fn answer_page(state: &AppState, t: Tr, token: &str) -> (StatusCode, AnswerPage) {
    let mut p = AnswerPage {
        t,
        token: token.to_owned(),
        title: String::new(),
        member: String::new(),
        questions: Vec::new(),
        message: None,
        thanks: false,
        errors: Vec::new(),
    };
    match state.app.survey_by_token(token).await {
        Ok(form) => {
            p.title = form.title;
            p.member = form.member_name;
            if form.answered {
                p.message = Some(t.t("satisfaction.survey.answered").into());
            } else if !form.open {
                p.message = Some(t.t("satisfaction.survey.closed").into());
            } else {
                p.questions = form
                    .questions
                    .into_iter()
                    .map(|q| (q.position, q.kind, q.text))
                    .collect();
            }
            (StatusCode::OK, p)
        }
        Err(AppError::NotFound(_)) => {
            p.message = Some(t.t("satisfaction.survey.not_found").into());
            (StatusCode::NOT_FOUND, p)
        }
        Err(e) => {
            p.message = Some(super::unavailable(
                &t,
                &e,
                "a survey link could not be read",
            ));
            (StatusCode::SERVICE_UNAVAILABLE, p)
        }
    }
}

/// GET /survey/{token}: the questions; records nothing.
pub async fn answer_show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let (status, p) = answer_page(&state, Tr(visitor_lang(&headers)), &token).await;
    page(status, &p)
}

/// The answers as posted: `q{position}` = a grade or a text.
fn answers(fields: &[(String, String)]) -> Vec<SurveyAnswer> {
    fields
        .iter()
        .filter_map(|(name, value)| {
            let position = name.strip_prefix('q')?.parse::<i64>().ok()?;
            let value = value.trim();
            (!value.is_empty()).then(|| SurveyAnswer {
                position,
                grade: Some(value.parse::<i64>().unwrap_or(0)),
                text: value.to_owned(),
            })
        })
        .collect()
}

/// POST /survey/{token}: the answers, once.
pub async fn answer_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let t = Tr(visitor_lang(&headers));
    let outcome = state.app.answer_survey(&token, &answers(&fields)).await;
    let (status, mut p) = answer_page(&state, t, &token).await;
    match outcome {
        Ok(()) => {
            p.message = None;
            p.questions.clear();
            p.thanks = true;
            page(StatusCode::OK, &p)
        }
        Err(e @ AppError::Invalid(_)) => {
            p.errors = field_errors(&t, &e);
            page(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Err(AppError::Conflict(m)) => {
            p.message = Some(crate::messages::render(&t, &m));
            page(StatusCode::CONFLICT, &p)
        }
        Err(_) => page(status, &p),
    }
}
