//! Steering through the API: the goals with their KPIs month by month,
//! the federation overview, the forums with seats and meetings, proposals,
//! decisions and votes, and the members' monthly reports and the board
//! pack as worded documents or PDFs.

use super::views::rfc3339;
use crate::auth::Principal;
use crate::extract::{Body, Id, Params, PathParams, conditional, if_match, member_in_path};
use crate::problem::ApiResult;
use crate::router::AppState;
use crate::ui::i18n::{Lang, Tr};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samdrift_app::steering::forums::{ForumView, NewForum, NewMeeting, NewSeat};
use samdrift_app::steering::goals::{Dashboard, NewGoal, NewKpi};
use samdrift_app::steering::proposals::{DecisionView, NewDecision, NewProposal, ProposalView};
use samdrift_domain::document::Document;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// Only this member's figures (its code).
    pub member: Option<String>,
    /// The last month shown, `YYYY-MM` (this month when left out).
    pub month: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct KpiPointView {
    pub month: String,
    pub value: Option<f64>,
    /// The value first shown for the month, when it was revised since.
    pub revised_from: Option<f64>,
    pub revision: i64,
    /// The month was still open when the figure was computed.
    pub preliminary: bool,
}

#[derive(Serialize, ToSchema)]
pub struct KpiView {
    pub id: Uuid,
    pub name: String,
    /// `sla_compliance`, `availability`, `satisfaction`, ... or `manual`.
    pub measure: String,
    /// The unit values are in: `percent`, `of_five`, `days`, `kronor`, `count`.
    pub unit: String,
    pub member: Option<String>,
    /// `higher_is_better` or `lower_is_better`.
    pub direction: String,
    pub target: f64,
    pub deadline: String,
    pub owner: String,
    pub source: String,
    /// `on_track`, `improving`, `off_track` or `no_data`.
    pub status: String,
    pub points: Vec<KpiPointView>,
}

#[derive(Serialize, ToSchema)]
pub struct GoalView {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub kpis: Vec<KpiView>,
}

#[derive(Serialize, ToSchema)]
pub struct DashboardView {
    pub months: Vec<String>,
    pub member: Option<String>,
    pub goals: Vec<GoalView>,
}

fn dashboard_view(d: Dashboard) -> DashboardView {
    DashboardView {
        months: d.months,
        member: d.member.map(|m| m.code),
        goals: d
            .goals
            .into_iter()
            .map(|g| GoalView {
                id: g.goal.id,
                title: g.goal.title,
                description: g.goal.description,
                kpis: g
                    .kpis
                    .into_iter()
                    .map(|k| KpiView {
                        id: k.kpi.id,
                        name: k.kpi.name,
                        unit: k.measure.unit().to_owned(),
                        measure: k.kpi.measure,
                        member: k.member,
                        direction: k.kpi.direction,
                        target: k.target,
                        deadline: k.kpi.deadline,
                        owner: k.kpi.owner,
                        source: k.source,
                        status: k.status.as_str().to_owned(),
                        points: k
                            .points
                            .into_iter()
                            .map(|p| KpiPointView {
                                month: p.month,
                                value: p.value,
                                revised_from: p.revised_from,
                                revision: p.revision,
                                preliminary: p.preliminary,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/goals", operation_id = "goals_dashboard", tag = "steering", params(DashboardQuery),
    responses((status = 200, body = DashboardView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn dashboard(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<DashboardQuery>,
) -> ApiResult<Json<DashboardView>> {
    let d = s
        .app
        .goal_dashboard(&p.scope, q.member.as_deref(), q.month.as_deref())
        .await?;
    Ok(Json(dashboard_view(d)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalBody {
    pub title: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: Uuid,
    /// The number given (proposals and decisions), else empty.
    pub number: String,
}

fn created(id: Uuid, number: String) -> (StatusCode, Json<Created>) {
    (StatusCode::CREATED, Json(Created { id, number }))
}

#[utoipa::path(post, path = "/api/v1/goals", operation_id = "goals_create", tag = "steering", request_body = GoalBody,
    responses((status = 201, body = Created), (status = 403, body = crate::problem::Problem)))]
pub async fn create_goal(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<GoalBody>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let g = s
        .app
        .create_goal(
            &p.scope,
            NewGoal {
                title: b.title,
                description: b.description,
            },
        )
        .await?;
    Ok(created(g.id, String::new()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KpiBody {
    pub name: String,
    /// A computed measure (`sla_compliance`, `availability`, `satisfaction`,
    /// `first_contact_resolution`, `backlog`, `backlog_age`, `ticket_volume`,
    /// `cost_per_workstation`, `cost_per_user`, `penalties`,
    /// `platform_diversity`, `standard_compliance`, `invoiced`, `budgeted`) or
    /// `manual`.
    pub measure: String,
    /// Only this member's figures (its code).
    pub member: Option<String>,
    /// `higher_is_better` or `lower_is_better` (the measure's own when left out).
    pub direction: Option<String>,
    /// In the measure's unit (percent, of five, days, kronor, count).
    pub target: f64,
    /// `YYYY-MM-DD`.
    pub deadline: String,
    pub owner: String,
    /// Where hand-entered figures come from.
    #[serde(default)]
    pub source: String,
}

#[utoipa::path(post, path = "/api/v1/goals/{id}/kpis", operation_id = "goals_add_kpi", tag = "steering", request_body = KpiBody,
    params(("id" = Uuid, Path)),
    responses((status = 201, body = Created), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn create_kpi(
    State(s): State<AppState>,
    p: Principal,
    Id(goal): Id,
    Body(b): Body<KpiBody>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let new = NewKpi {
        name: b.name,
        measure: b.measure,
        member: b.member,
        direction: b.direction,
        target: b.target,
        deadline: b.deadline,
        owner: b.owner,
        source: b.source,
    };
    let k = s
        .app
        .create_kpi(&p.scope, goal, new)
        .await
        .map_err(member_in_path_field)?;
    Ok(created(k.id, String::new()))
}

/// An unknown member named in a body is invalid input, not a missing page.
fn member_in_path_field(e: samdrift_app::AppError) -> samdrift_app::AppError {
    match e {
        samdrift_app::AppError::NotFound("member") => samdrift_app::AppError::invalid(
            "member",
            samdrift_domain::msg!("member.no_code", code = ""),
        ),
        other => other,
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KpiValueBody {
    /// `YYYY-MM`.
    pub month: String,
    pub value: f64,
    pub source: String,
}

#[derive(Serialize, ToSchema)]
pub struct Revision {
    pub revision: i64,
}

#[utoipa::path(post, path = "/api/v1/kpis/{id}/values", operation_id = "kpis_enter_value", tag = "steering", request_body = KpiValueBody,
    params(("id" = Uuid, Path)),
    responses((status = 201, body = Revision), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem)))]
pub async fn enter_value(
    State(s): State<AppState>,
    p: Principal,
    Id(kpi): Id,
    Body(b): Body<KpiValueBody>,
) -> ApiResult<(StatusCode, Json<Revision>)> {
    let revision = s
        .app
        .enter_kpi_value(&p.scope, kpi, &b.month, b.value, &b.source)
        .await?;
    Ok((StatusCode::CREATED, Json(Revision { revision })))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthQuery {
    /// `YYYY-MM`.
    pub month: String,
}

#[derive(Serialize, ToSchema)]
pub struct FiguresSaved {
    pub added: u64,
    pub updated: u64,
    /// Closed months whose figures changed: kept as a new revision.
    pub revised: u64,
    pub unchanged: u64,
}

#[utoipa::path(post, path = "/api/v1/figures/compute", operation_id = "figures_compute", tag = "steering", params(MonthQuery),
    responses((status = 200, body = FiguresSaved), (status = 403, body = crate::problem::Problem)))]
pub async fn compute(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<MonthQuery>,
) -> ApiResult<Json<FiguresSaved>> {
    if !p.scope.may_manage_registers() {
        return Err(samdrift_app::AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.steering_manage"
        ))
        .into());
    }
    let r = s.app.compute_month_figures(&q.month).await?;
    Ok(Json(FiguresSaved {
        added: r.added,
        updated: r.updated,
        revised: r.revised,
        unchanged: r.unchanged,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct FigureLineView {
    /// The member's code (none: the federation).
    pub member: Option<String>,
    /// Values by measure, in the order of `measures`.
    pub values: Vec<Option<f64>>,
}

#[derive(Serialize, ToSchema)]
pub struct OverviewView {
    pub month: String,
    pub measures: Vec<String>,
    pub federation: FigureLineView,
    pub members: Vec<FigureLineView>,
    pub year_invoiced: f64,
    pub year_budgeted: f64,
    pub orders_waiting: usize,
    pub proposals_waiting: usize,
    /// `goal: KPI` of each KPI off track.
    pub off_track: Vec<String>,
}

fn line_view(l: samdrift_app::steering::overview::FigureLine) -> FigureLineView {
    FigureLineView {
        member: l.member.map(|m| m.code),
        values: l.values,
    }
}

#[utoipa::path(get, path = "/api/v1/steering/overview", operation_id = "steering_overview", tag = "steering", params(DashboardQuery),
    responses((status = 200, body = OverviewView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn overview(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<DashboardQuery>,
) -> ApiResult<Json<OverviewView>> {
    let o = s
        .app
        .steering_overview(&p.scope, q.member.as_deref(), q.month.as_deref())
        .await?;
    Ok(Json(OverviewView {
        month: o.month,
        measures: samdrift_app::steering::overview::OVERVIEW_MEASURES
            .iter()
            .map(|m| m.as_str().to_owned())
            .collect(),
        federation: line_view(o.federation),
        members: o.members.into_iter().map(line_view).collect(),
        year_invoiced: o.year_invoiced,
        year_budgeted: o.year_budgeted,
        orders_waiting: o.orders_waiting,
        proposals_waiting: o.proposals_waiting.len(),
        off_track: o
            .off_track
            .into_iter()
            .map(|(g, k)| format!("{g}: {k}"))
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct ForumSummary {
    pub id: Uuid,
    /// `board`, `orderers_council`, `development_forum` or `service_level_meeting`.
    pub kind: String,
    pub name: String,
    pub member: Option<String>,
    /// Share of the seats' weight that must take part, basis points.
    pub quorum_bp: i64,
    /// `simple`, `qualified` or `unanimous`.
    pub majority: String,
}

#[derive(Serialize, ToSchema)]
pub struct SeatView {
    pub id: Uuid,
    pub member: Option<String>,
    pub holder: String,
    /// `chair`, `member` or `secretary`.
    pub role: String,
    pub weight: i64,
    /// Whether the caller holds it.
    pub mine: bool,
}

#[derive(Serialize, ToSchema)]
pub struct MeetingView {
    pub id: Uuid,
    pub held_on: String,
    pub title: String,
    pub agenda: String,
    pub minutes: String,
    /// The seats that attended.
    pub attended: Vec<Uuid>,
    pub version: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ForumDetail {
    #[serde(flatten)]
    pub forum: ForumSummary,
    pub seats: Vec<SeatView>,
    pub meetings: Vec<MeetingView>,
}

fn forum_summary(f: samdrift_app::steering::ForumRecord, member: Option<String>) -> ForumSummary {
    ForumSummary {
        id: f.id,
        kind: f.kind,
        name: f.name,
        member,
        quorum_bp: f.quorum_bp,
        majority: f.majority,
    }
}

#[utoipa::path(get, path = "/api/v1/forums", operation_id = "forums_list", tag = "steering",
    responses((status = 200, body = Vec<ForumSummary>), (status = 403, body = crate::problem::Problem)))]
pub async fn forums(State(s): State<AppState>, p: Principal) -> ApiResult<Json<Vec<ForumSummary>>> {
    let mut out = Vec::new();
    for f in s.app.forums(&p.scope).await? {
        let v = s.app.forum_view(&p.scope, f.id).await?;
        out.push(forum_summary(v.forum, v.member_code));
    }
    Ok(Json(out))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForumBody {
    pub kind: String,
    pub name: String,
    /// The member of a service-level meeting (its code).
    pub member: Option<String>,
    #[schema(minimum = 0, maximum = 10000)]
    pub quorum_bp: i64,
    pub majority: String,
}

#[utoipa::path(post, path = "/api/v1/forums", operation_id = "forums_create", tag = "steering", request_body = ForumBody,
    responses((status = 201, body = Created), (status = 403, body = crate::problem::Problem)))]
pub async fn create_forum(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<ForumBody>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let f = s
        .app
        .create_forum(
            &p.scope,
            NewForum {
                kind: b.kind,
                name: b.name,
                member: b.member,
                quorum_bp: b.quorum_bp,
                majority: b.majority,
            },
        )
        .await?;
    Ok(created(f.id, String::new()))
}

fn forum_detail(v: ForumView, me: Uuid) -> ForumDetail {
    ForumDetail {
        seats: v
            .seats
            .into_iter()
            .map(|(s, code)| SeatView {
                id: s.id,
                member: code,
                holder: s.holder,
                role: s.role,
                weight: s.weight,
                mine: s.account_id == Some(me),
            })
            .collect(),
        meetings: v
            .meetings
            .into_iter()
            .map(|(m, attended)| MeetingView {
                id: m.id,
                held_on: m.held_on,
                title: m.title,
                agenda: m.agenda,
                minutes: m.minutes,
                attended,
                version: m.version,
            })
            .collect(),
        forum: forum_summary(v.forum, v.member_code),
    }
}

#[utoipa::path(get, path = "/api/v1/forums/{id}", operation_id = "forums_show", tag = "steering", params(("id" = Uuid, Path)),
    responses((status = 200, body = ForumDetail), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn forum(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<ForumDetail>> {
    Ok(Json(forum_detail(
        s.app.forum_view(&p.scope, id).await?,
        p.scope.account.0,
    )))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeatBody {
    /// The member the seat represents (its code); none for the federation's own.
    pub member: Option<String>,
    /// The account that holds the seat and votes in it.
    pub username: Option<String>,
    pub holder: String,
    /// `chair`, `member` or `secretary` (does not vote).
    pub role: String,
}

#[utoipa::path(post, path = "/api/v1/forums/{id}/seats", operation_id = "forums_add_seat", tag = "steering", request_body = SeatBody,
    params(("id" = Uuid, Path)),
    responses((status = 201, body = Created), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn add_seat(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<SeatBody>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let seat = s
        .app
        .add_seat(
            &p.scope,
            id,
            NewSeat {
                member: b.member,
                username: b.username,
                holder: b.holder,
                role: b.role,
            },
        )
        .await?;
    Ok(created(seat.id, String::new()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingBody {
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub title: String,
    #[serde(default)]
    pub agenda: String,
    #[serde(default)]
    pub minutes: String,
    /// The seats that attended.
    #[serde(default)]
    pub attended: Vec<Uuid>,
}

#[utoipa::path(post, path = "/api/v1/forums/{id}/meetings", operation_id = "forums_add_meeting", tag = "steering", request_body = MeetingBody,
    params(("id" = Uuid, Path)),
    responses((status = 201, body = Created), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn add_meeting(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<MeetingBody>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let m = s
        .app
        .add_meeting(
            &p.scope,
            id,
            NewMeeting {
                held_on: b.held_on,
                title: b.title,
                agenda: b.agenda,
                minutes: b.minutes,
                attended: b.attended,
            },
        )
        .await?;
    Ok(created(m.id, String::new()))
}

#[derive(Serialize, ToSchema)]
pub struct ProposalEventView {
    #[schema(format = DateTime)]
    pub at: String,
    pub actor: String,
    pub state: String,
    pub forum: Option<Uuid>,
    pub note: String,
}

#[derive(Serialize, ToSchema)]
pub struct ProposalApiView {
    pub id: Uuid,
    pub number: String,
    /// `improvement` or `change_request`.
    pub kind: String,
    pub title: String,
    pub description: String,
    pub benefit: String,
    pub cost_ore: i64,
    /// The member that raised it (none: the federation).
    pub member: Option<String>,
    pub raised_by: String,
    /// `raised`, `prepared`, `for_decision`, `adopted`, `rejected` or `withdrawn`.
    pub state: String,
    pub forum: Option<Uuid>,
    /// The members it affects.
    pub affects: Vec<String>,
    pub version: i64,
    pub history: Vec<ProposalEventView>,
}

fn proposal_view(v: ProposalView) -> ProposalApiView {
    let p = v.proposal;
    ProposalApiView {
        id: p.id,
        number: p.number,
        kind: p.kind,
        title: p.title,
        description: p.description,
        benefit: p.benefit,
        cost_ore: p.cost_ore,
        member: v.member_code,
        raised_by: p.raised_by,
        state: p.state,
        forum: p.forum_id,
        affects: v.affects,
        version: p.version,
        history: v
            .history
            .into_iter()
            .map(|e| ProposalEventView {
                at: rfc3339(e.at),
                actor: e.actor,
                state: e.state,
                forum: e.forum_id,
                note: e.note,
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/proposals", operation_id = "proposals_list", tag = "steering",
    responses((status = 200, body = Vec<ProposalApiView>), (status = 403, body = crate::problem::Problem)))]
pub async fn proposals(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<ProposalApiView>>> {
    Ok(Json(
        s.app
            .proposals(&p.scope)
            .await?
            .into_iter()
            .map(proposal_view)
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalBody {
    /// `improvement` or `change_request`.
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub benefit: String,
    #[serde(default)]
    #[schema(minimum = 0)]
    pub cost_ore: i64,
    /// The member raising it (orderers and strategists raise for theirs).
    pub member: Option<String>,
    /// The members it affects (codes).
    #[serde(default)]
    pub affects: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/proposals", operation_id = "proposals_raise", tag = "steering", request_body = ProposalBody,
    responses((status = 201, body = Created), (status = 403, body = crate::problem::Problem)))]
pub async fn raise(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<ProposalBody>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let new = NewProposal {
        kind: b.kind,
        title: b.title,
        description: b.description,
        benefit: b.benefit,
        cost_ore: b.cost_ore,
        member: b.member,
        affects: b.affects,
    };
    let r = s.app.raise_proposal(&p.scope, new).await?;
    Ok(created(r.id, r.number))
}

#[utoipa::path(get, path = "/api/v1/proposals/{id}", operation_id = "proposals_show", tag = "steering", params(("id" = Uuid, Path)),
    responses((status = 200, body = ProposalApiView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn proposal(State(s): State<AppState>, p: Principal, Id(id): Id) -> ApiResult<Response> {
    let v = s.app.proposal_view(&p.scope, id).await?;
    let version = v.proposal.version;
    Ok(super::views::with_etag(
        StatusCode::OK,
        proposal_view(v),
        version,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveBody {
    /// `prepared` or `withdrawn` (a vote decides the rest).
    pub state: String,
    /// The forum that prepares it.
    pub forum: Option<Uuid>,
    #[serde(default)]
    pub note: String,
}

#[utoipa::path(post, path = "/api/v1/proposals/{id}/state", operation_id = "proposals_move", tag = "steering", request_body = MoveBody,
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The proposal's version (its ETag), or `*`")),
    responses((status = 200, body = Created), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem),
        (status = 409, body = crate::problem::Problem), (status = 412, body = crate::problem::Problem), (status = 428, body = crate::problem::Problem)))]
pub async fn move_proposal(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    headers: HeaderMap,
    Body(b): Body<MoveBody>,
) -> ApiResult<Json<Created>> {
    let precondition = if_match(&headers)?;
    let moved = conditional(
        precondition,
        || async { Ok(s.app.proposal_view(&p.scope, id).await?.proposal.version) },
        |version| {
            let (s, p, b) = (&s, &p, &b);
            async move {
                let version = version.ok_or(samdrift_app::AppError::VersionRequired)?;
                s.app
                    .move_proposal(&p.scope, id, version, &b.state, b.forum, &b.note)
                    .await
            }
        },
    )
    .await?;
    Ok(Json(Created {
        id: moved.id,
        number: moved.number,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct VoteView {
    pub seat: Uuid,
    pub holder: String,
    /// `yes`, `no` or `abstain`.
    pub choice: String,
    pub weight: i64,
    /// A reservation (reservation) recorded with the vote.
    pub reservation: String,
    #[schema(format = DateTime)]
    pub cast_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct TallyView {
    /// The weight of every voting seat.
    pub total: i64,
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
    pub quorum_bp: i64,
    pub quorum_met: bool,
    pub majority: String,
    /// `adopted`, `rejected` or `no_quorum` (as it stands while open).
    pub outcome: String,
}

#[derive(Serialize, ToSchema)]
pub struct DecisionApiView {
    pub id: Uuid,
    pub number: String,
    pub forum: Uuid,
    pub forum_name: String,
    pub meeting: Option<Uuid>,
    pub proposal: Option<Uuid>,
    pub title: String,
    /// `open` or `closed`.
    pub state: String,
    pub outcome: Option<String>,
    /// `agreement`, `catalog` or `budget`: what the decision changes.
    pub link_kind: Option<String>,
    pub link_ref: Option<String>,
    #[schema(format = DateTime)]
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub votes: Vec<VoteView>,
    pub tally: TallyView,
}

fn decision_view(v: DecisionView) -> DecisionApiView {
    let d = v.decision;
    let t = v.tally;
    DecisionApiView {
        id: d.id,
        number: d.number,
        forum: d.forum_id,
        forum_name: v.forum_name,
        meeting: d.meeting_id,
        proposal: d.proposal_id,
        title: d.title,
        state: d.state,
        outcome: d.outcome,
        link_kind: d.link_kind,
        link_ref: d.link_ref,
        opened_at: rfc3339(d.opened_at),
        closed_at: d.closed_at.map(rfc3339),
        votes: v
            .votes
            .into_iter()
            .map(|(v, holder)| VoteView {
                seat: v.seat_id,
                holder,
                choice: v.choice,
                weight: v.weight,
                reservation: v.reservation,
                cast_at: rfc3339(v.cast_at),
            })
            .collect(),
        tally: TallyView {
            total: t.total,
            yes: t.yes,
            no: t.no,
            abstain: t.abstain,
            quorum_bp: t.quorum_bp,
            quorum_met: t.quorum_met,
            majority: t.majority.as_str().to_owned(),
            outcome: t.outcome.as_str().to_owned(),
        },
    }
}

#[utoipa::path(get, path = "/api/v1/decisions", operation_id = "decisions_log", tag = "steering",
    responses((status = 200, body = Vec<DecisionApiView>), (status = 403, body = crate::problem::Problem)))]
pub async fn decisions(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<DecisionApiView>>> {
    Ok(Json(
        s.app
            .decision_log(&p.scope)
            .await?
            .into_iter()
            .map(decision_view)
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    pub forum: Uuid,
    pub title: String,
    /// A prepared proposal to decide.
    pub proposal: Option<Uuid>,
    pub meeting: Option<Uuid>,
    /// `agreement`, `catalog` or `budget`.
    pub link_kind: Option<String>,
    /// What it changes (an agreement's name, an offering code, a budget year).
    pub link_ref: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/decisions", operation_id = "decisions_open", tag = "steering", request_body = DecisionBody,
    responses((status = 201, body = Created), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem)))]
pub async fn open_decision(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<DecisionBody>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let new = NewDecision {
        forum: b.forum,
        title: b.title,
        proposal: b.proposal,
        meeting: b.meeting,
        link_kind: b.link_kind,
        link_ref: b.link_ref,
    };
    let d = s.app.open_decision(&p.scope, new).await?;
    Ok(created(d.id, d.number))
}

#[utoipa::path(get, path = "/api/v1/decisions/{id}", operation_id = "decisions_show", tag = "steering", params(("id" = Uuid, Path)),
    responses((status = 200, body = DecisionApiView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn decision(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<DecisionApiView>> {
    Ok(Json(decision_view(
        s.app.decision_view(&p.scope, id).await?,
    )))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteBody {
    /// `yes`, `no` or `abstain`.
    pub choice: String,
    /// The seat voted in, when the caller holds more than one in the forum.
    pub seat: Option<Uuid>,
    #[serde(default)]
    pub reservation: String,
}

#[utoipa::path(post, path = "/api/v1/decisions/{id}/votes", operation_id = "decisions_vote", tag = "steering", request_body = VoteBody,
    params(("id" = Uuid, Path)),
    responses((status = 201, body = VoteView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem)))]
pub async fn vote(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<VoteBody>,
) -> ApiResult<(StatusCode, Json<VoteView>)> {
    let v = s
        .app
        .cast_vote(&p.scope, id, b.seat, &b.choice, &b.reservation)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(VoteView {
            seat: v.seat_id,
            holder: String::new(),
            choice: v.choice,
            weight: v.weight,
            reservation: v.reservation,
            cast_at: rfc3339(v.cast_at),
        }),
    ))
}

#[utoipa::path(post, path = "/api/v1/decisions/{id}/close", operation_id = "decisions_close", tag = "steering", params(("id" = Uuid, Path)),
    responses((status = 200, body = DecisionApiView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem)))]
pub async fn close(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<DecisionApiView>> {
    Ok(Json(decision_view(
        s.app.close_decision(&p.scope, id).await?,
    )))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LangQuery {
    /// `sv` (default) or `en`.
    pub lang: Option<String>,
}

fn lang_of(q: &LangQuery) -> Tr {
    Tr(Lang::parse(q.lang.as_deref().unwrap_or("sv")))
}

fn pdf_response(bytes: Vec<u8>, name: &str) -> Response {
    let mut r = (StatusCode::OK, bytes).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{name}.pdf\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

#[utoipa::path(get, path = "/api/v1/members/{member}/reports/{month}", operation_id = "reports_member_month", tag = "steering",
    params(("member" = String, Path, pattern = r"^[A-Z]{2,5}$"), ("month" = String, Path, pattern = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$"), LangQuery),
    responses((status = 200, description = "The member's monthly report as a worded document", body = Object), (status = 404, body = crate::problem::Problem)))]
pub async fn member_report(
    State(s): State<AppState>,
    p: Principal,
    PathParams((code, month)): PathParams<(String, String)>,
    Params(q): Params<LangQuery>,
) -> ApiResult<Json<Document>> {
    let r = s
        .app
        .member_report(&p.scope, &code, &month)
        .await
        .map_err(member_in_path)?;
    Ok(Json(crate::ui::steering::documents::member_report(
        &lang_of(&q),
        &r,
    )))
}

#[utoipa::path(get, path = "/api/v1/members/{member}/reports/{month}/pdf", operation_id = "reports_member_month_pdf", tag = "steering",
    params(("member" = String, Path, pattern = r"^[A-Z]{2,5}$"), ("month" = String, Path, pattern = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$"), LangQuery),
    responses((status = 200, description = "The report as a PDF (the archived one once made, else made now)", content_type = "application/pdf", body = Vec<u8>), (status = 404, body = crate::problem::Problem)))]
pub async fn member_report_pdf(
    State(s): State<AppState>,
    p: Principal,
    PathParams((code, month)): PathParams<(String, String)>,
    Params(q): Params<LangQuery>,
) -> ApiResult<Response> {
    let t = lang_of(&q);
    let name = format!("{code}-{month}");
    match s
        .app
        .archived_report_pdf(&p.scope, &code, &month, t.lang())
        .await
    {
        Ok(pdf) => return Ok(pdf_response(pdf, &name)),
        Err(samdrift_app::AppError::NotFound("report")) => {}
        Err(e) => return Err(member_in_path(e).into()),
    }
    let r = s
        .app
        .member_report(&p.scope, &code, &month)
        .await
        .map_err(member_in_path)?;
    let pdf = s
        .app
        .render_pdf(crate::ui::steering::documents::member_report(&t, &r))
        .await?;
    Ok(pdf_response(pdf, &name))
}

#[derive(Serialize, ToSchema)]
pub struct ArchivedReportView {
    pub month: String,
    pub language: String,
    #[schema(format = DateTime)]
    pub made_at: String,
    pub pdf_bytes: i64,
}

#[utoipa::path(get, path = "/api/v1/members/{member}/reports", operation_id = "reports_member_archive", tag = "steering",
    params(("member" = String, Path, pattern = r"^[A-Z]{2,5}$")),
    responses((status = 200, body = Vec<ArchivedReportView>), (status = 404, body = crate::problem::Problem)))]
pub async fn archive(
    State(s): State<AppState>,
    p: Principal,
    PathParams(code): PathParams<String>,
) -> ApiResult<Json<Vec<ArchivedReportView>>> {
    let (_, rows) = s
        .app
        .archived_reports(&p.scope, &code)
        .await
        .map_err(member_in_path)?;
    Ok(Json(
        rows.into_iter()
            .map(|r| ArchivedReportView {
                month: r.month,
                language: r.language,
                made_at: rfc3339(r.made_at),
                pdf_bytes: r.pdf_bytes,
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/board-pack", operation_id = "board_pack", tag = "steering", params(DashboardQuery, LangQuery),
    responses((status = 200, description = "The board pack as a worded document", body = Object), (status = 403, body = crate::problem::Problem)))]
pub async fn board_pack(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<DashboardQuery>,
    Params(l): Params<LangQuery>,
) -> ApiResult<Json<Document>> {
    let pack = s.app.board_pack(&p.scope, q.month.as_deref()).await?;
    Ok(Json(crate::ui::steering::documents::board_pack(
        &lang_of(&l),
        &pack,
    )))
}

#[utoipa::path(get, path = "/api/v1/board-pack/pdf", operation_id = "board_pack_pdf", tag = "steering", params(DashboardQuery, LangQuery),
    responses((status = 200, description = "The board pack as a PDF", content_type = "application/pdf", body = Vec<u8>), (status = 403, body = crate::problem::Problem)))]
pub async fn board_pack_pdf(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<DashboardQuery>,
    Params(l): Params<LangQuery>,
) -> ApiResult<Response> {
    let pack = s.app.board_pack(&p.scope, q.month.as_deref()).await?;
    let pdf = s
        .app
        .render_pdf(crate::ui::steering::documents::board_pack(
            &lang_of(&l),
            &pack,
        ))
        .await?;
    Ok(pdf_response(
        pdf,
        &format!("styrelsepaket-{}", pack.overview.month),
    ))
}
