//! Calendars (service hours) and computing with them: days, business
//! seconds, deadlines.

use crate::auth::Principal;
use crate::extract::{Body, Id, Params, conditional, if_match};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use samdrift_app::AppError;
use samdrift_app::service_levels::calendars::{MAX_RANGE_DAYS, check_range, instant};
use samdrift_domain::agreement::parse_date;
use samdrift_domain::calendar::CalendarSpec;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// A calendar: its id, version and the spec it was saved with.
#[derive(Serialize, ToSchema)]
pub struct CalendarView {
    pub id: Uuid,
    pub version: i64,
    #[serde(flatten)]
    #[schema(value_type = super::specs::CalendarSpecDoc)]
    pub spec: CalendarSpec,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DaysQuery {
    /// First local date, YYYY-MM-DD.
    #[param(format = Date)]
    pub from: String,
    /// Last local date (inclusive), YYYY-MM-DD.
    #[param(format = Date)]
    pub to: String,
}

#[derive(Serialize, ToSchema)]
pub struct DayView {
    pub date: String,
    /// Open intervals in local time, `[["08:00","12:00"], ...]`.
    pub hours: Vec<[String; 2]>,
    /// The same intervals as instants (RFC 3339).
    pub open: Vec<[String; 2]>,
    /// The holiday that closes the day, by its Swedish name.
    pub holiday: Option<String>,
    pub exception: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RangeBody {
    #[schema(format = DateTime)]
    pub from: String,
    #[schema(format = DateTime)]
    pub to: String,
}

#[derive(Serialize, ToSchema)]
pub struct SecondsView {
    pub seconds: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadlineBody {
    #[schema(format = DateTime)]
    pub from: String,
    #[schema(minimum = 0)]
    pub seconds: i64,
}

#[derive(Serialize, ToSchema)]
pub struct DeadlineView {
    pub at: String,
}

fn view(id: Uuid, version: i64, spec: CalendarSpec) -> CalendarView {
    CalendarView { id, version, spec }
}

fn with_etag(status: StatusCode, v: CalendarView) -> Response {
    let version = v.version;
    super::views::with_etag(status, v, version)
}

#[utoipa::path(get, path = "/api/v1/calendars", operation_id = "calendars_list", tag = "service levels", responses((status = 200, body = Vec<CalendarView>)))]
pub async fn list(State(s): State<AppState>, p: Principal) -> ApiResult<Json<Vec<CalendarView>>> {
    let mut out = Vec::new();
    for record in s.app.calendars(&p.scope).await? {
        let (spec, _) = samdrift_app::service_levels::calendars::compile(&record)?;
        out.push(view(record.id, record.version, spec));
    }
    Ok(Json(out))
}

#[utoipa::path(post, path = "/api/v1/calendars", operation_id = "calendars_create", tag = "service levels", request_body = super::specs::CalendarSpecDoc,
    responses((status = 201, body = CalendarView), (status = 422, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Body(spec): Body<CalendarSpec>,
) -> ApiResult<Response> {
    let (record, spec) = s.app.create_calendar(&p.scope, spec).await?;
    Ok(with_etag(
        StatusCode::CREATED,
        view(record.id, record.version, spec),
    ))
}

#[utoipa::path(get, path = "/api/v1/calendars/{id}", operation_id = "calendars_show", tag = "service levels", params(("id" = Uuid, Path, description = "The calendar's id")), responses((status = 200, body = CalendarView), (status = 404, body = crate::problem::Problem)))]
pub async fn show(State(s): State<AppState>, _p: Principal, Id(id): Id) -> ApiResult<Response> {
    let (record, spec, _) = s.app.calendar(id).await?;
    Ok(with_etag(
        StatusCode::OK,
        view(record.id, record.version, spec),
    ))
}

#[utoipa::path(put, path = "/api/v1/calendars/{id}", operation_id = "calendars_update", tag = "service levels", params(("id" = Uuid, Path, description = "The calendar's id"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`): the change applies only to that version (412 if it changed). `*` applies it to the current version.")), request_body = super::specs::CalendarSpecDoc,
    responses((status = 200, body = CalendarView), (status = 412, body = crate::problem::Problem), (status = 428, body = crate::problem::Problem)))]
pub async fn update(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    headers: HeaderMap,
    Body(spec): Body<CalendarSpec>,
) -> ApiResult<Response> {
    let (record, spec) = conditional(
        if_match(&headers)?,
        || async { Ok(s.app.calendar(id).await?.0.version) },
        |version| s.app.update_calendar(&p.scope, id, version, spec.clone()),
    )
    .await?;
    Ok(with_etag(
        StatusCode::OK,
        view(record.id, record.version, spec),
    ))
}

#[utoipa::path(delete, path = "/api/v1/calendars/{id}", operation_id = "calendars_delete", tag = "service levels", params(("id" = Uuid, Path, description = "The calendar's id")), responses((status = 204), (status = 409, body = crate::problem::Problem)))]
pub async fn delete(State(s): State<AppState>, p: Principal, Id(id): Id) -> ApiResult<StatusCode> {
    s.app.delete_calendar(&p.scope, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/calendars/{id}/days", operation_id = "calendars_days", tag = "service levels", params(("id" = Uuid, Path, description = "The calendar's id"), DaysQuery), responses((status = 200, body = Vec<DayView>)))]
pub async fn days(
    State(s): State<AppState>,
    _p: Principal,
    Id(id): Id,
    Params(q): Params<DaysQuery>,
) -> ApiResult<Json<Vec<DayView>>> {
    let (_, _, calendar) = s.app.calendar(id).await?;
    let from = parse_date(&q.from).map_err(|e| AppError::invalid("from", e))?;
    let to = parse_date(&q.to).map_err(|e| AppError::invalid("to", e))?;
    if to < from {
        return Err(AppError::invalid(
            "to",
            samdrift_domain::msg!("field.not_before", other = "from"),
        )
        .into());
    }
    if (to - from).get_days() > i32::try_from(MAX_RANGE_DAYS).unwrap_or(i32::MAX) {
        return Err(AppError::invalid("to", samdrift_domain::msg!("calendar.range_years")).into());
    }
    let mut out = Vec::new();
    let mut date = from;
    while date <= to {
        let day = calendar.day(date);
        out.push(DayView {
            date: date.to_string(),
            hours: day
                .hours
                .iter()
                .map(|h| [h.start.to_string(), h.end.to_string()])
                .collect(),
            open: day
                .open
                .iter()
                .map(|i| [i.from.to_string(), i.to.to_string()])
                .collect(),
            holiday: day.holiday.map(str::to_owned),
            exception: day.exception,
        });
        match date.tomorrow() {
            Ok(next) => date = next,
            Err(_) => break,
        }
    }
    Ok(Json(out))
}

#[utoipa::path(post, path = "/api/v1/calendars/{id}/business-seconds", operation_id = "calendars_business_seconds", tag = "service levels", params(("id" = Uuid, Path, description = "The calendar's id")), request_body = RangeBody, responses((status = 200, body = SecondsView)))]
pub async fn business_seconds(
    State(s): State<AppState>,
    _p: Principal,
    Id(id): Id,
    Body(b): Body<RangeBody>,
) -> ApiResult<Json<SecondsView>> {
    let (_, _, calendar) = s.app.calendar(id).await?;
    let from = instant("from", &b.from)?;
    let to = instant("to", &b.to)?;
    check_range(from, to)?;
    Ok(Json(SecondsView {
        seconds: calendar.business_seconds(from, to),
    }))
}

#[utoipa::path(post, path = "/api/v1/calendars/{id}/deadline", operation_id = "calendars_deadline", tag = "service levels", params(("id" = Uuid, Path, description = "The calendar's id")), request_body = DeadlineBody, responses((status = 200, body = DeadlineView), (status = 422, body = crate::problem::Problem)))]
pub async fn deadline(
    State(s): State<AppState>,
    _p: Principal,
    Id(id): Id,
    Body(b): Body<DeadlineBody>,
) -> ApiResult<Json<DeadlineView>> {
    let (_, _, calendar) = s.app.calendar(id).await?;
    let from = instant("from", &b.from)?;
    if b.seconds < 0 {
        return Err(
            AppError::invalid("seconds", samdrift_domain::msg!("field.not_negative")).into(),
        );
    }
    let at = calendar
        .deadline(from, b.seconds)
        .ok_or_else(|| AppError::invalid("seconds", samdrift_domain::msg!("calendar.too_far")))?;
    Ok(Json(DeadlineView { at: at.to_string() }))
}
