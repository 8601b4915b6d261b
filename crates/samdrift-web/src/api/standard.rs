//! The common standard, compliance and diversity, the consolidation plan,
//! the application portfolio with its overlaps across members, and the
//! keys inventory agents report with.

use crate::api::inventory_csv::{self as csv, CsvQuery};
use crate::auth::Principal;
use crate::extract::{Body, Id, Params, PathParams, conditional, if_match, member_in_path};
use crate::messages::csv::CsvChoice;
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use samdrift_app::inventory::consolidation::NewTarget;
use samdrift_app::inventory::standard::NewStandardEntry;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct StandardEntryView {
    pub id: Uuid,
    pub category: String,
    pub product_key: String,
    pub product_name: String,
    /// Empty: any version.
    pub product_version: String,
    #[schema(format = Date)]
    pub valid_from: String,
    /// The last day it is approved.
    #[schema(format = Date)]
    pub valid_until: Option<String>,
    /// The number of the decision that set it (`B-2027-004`).
    pub decision: Option<String>,
    pub note: String,
    pub version: i64,
}

#[utoipa::path(get, path = "/api/v1/standard", operation_id = "standard_list", tag = "inventory", responses((status = 200, body = Vec<StandardEntryView>)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<StandardEntryView>>> {
    let lines = s.app.standard(&p.scope).await?;
    Ok(Json(
        lines
            .into_iter()
            .map(|l| StandardEntryView {
                id: l.entry.id,
                category: l.entry.category,
                product_key: l.entry.product_key,
                product_name: l.entry.product_name,
                product_version: l.entry.product_version,
                valid_from: l.entry.valid_from,
                valid_until: l.entry.valid_until,
                decision: l.decision,
                note: l.entry.note,
                version: l.entry.version,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StandardEntryBody {
    pub category: String,
    /// The product as usually named; it is recognised across members.
    #[schema(min_length = 1)]
    pub product: String,
    /// Empty or absent: any version.
    #[serde(default)]
    pub version: String,
    #[schema(format = Date)]
    pub valid_from: String,
    #[schema(format = Date)]
    pub valid_until: Option<String>,
    /// The board's adopted decision (required where the federation has a board).
    pub decision: Option<String>,
    #[serde(default)]
    pub note: String,
}

#[utoipa::path(post, path = "/api/v1/standard", operation_id = "standard_add", tag = "inventory", request_body = StandardEntryBody,
    responses((status = 201, body = StandardEntryView), (status = 403, body = crate::problem::Problem)))]
pub async fn add(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<StandardEntryBody>,
) -> ApiResult<(StatusCode, Json<StandardEntryView>)> {
    let decision = b.decision.clone();
    let e = s
        .app
        .add_standard_entry(
            &p.scope,
            NewStandardEntry {
                category: b.category,
                product: b.product,
                version: b.version,
                valid_from: b.valid_from,
                valid_until: b.valid_until,
                decision: b.decision,
                note: b.note,
            },
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(StandardEntryView {
            id: e.id,
            category: e.category,
            product_key: e.product_key,
            product_name: e.product_name,
            product_version: e.product_version,
            valid_from: e.valid_from,
            valid_until: e.valid_until,
            decision: decision.map(|d| d.trim().to_uppercase()),
            note: e.note,
            version: e.version,
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndEntryBody {
    /// The last day the entry is approved.
    #[schema(format = Date)]
    pub valid_until: String,
}

#[utoipa::path(post, path = "/api/v1/standard/{id}/end", operation_id = "standard_end", tag = "inventory",
    params(("id" = Uuid, Path, description = "The entry's id"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The version you read (`\"1\"`), or `*`.")),
    request_body = EndEntryBody, responses((status = 204), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 412, body = crate::problem::Problem)))]
pub async fn end(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    headers: HeaderMap,
    Body(b): Body<EndEntryBody>,
) -> ApiResult<StatusCode> {
    conditional(
        if_match(&headers)?,
        || async {
            s.app
                .standard(&p.scope)
                .await?
                .into_iter()
                .find(|l| l.entry.id == id)
                .map(|l| l.entry.version)
                .ok_or(samdrift_app::AppError::NotFound("standard entry"))
        },
        |version| {
            s.app
                .end_standard_entry(&p.scope, id, version, &b.valid_until)
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct ComplianceCellView {
    /// The member's code; absent for the federation's own items.
    pub owner: Option<String>,
    /// Empty in a member's total.
    pub category: String,
    pub items: u64,
    pub on_standard: u64,
    /// Whether the category has a standard on the day.
    pub has_standard: bool,
    /// Share on standard in hundredths of a percent.
    pub share_bp: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub struct DiversityView {
    pub category: String,
    /// Distinct products in use.
    pub products: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ComplianceBody {
    #[schema(format = Date)]
    pub day: String,
    pub cells: Vec<ComplianceCellView>,
    /// Each owner over every category that has a standard.
    pub totals: Vec<ComplianceCellView>,
    pub diversity: Vec<DiversityView>,
}

#[utoipa::path(get, path = "/api/v1/inventory/compliance", operation_id = "inventory_compliance", tag = "inventory", params(CsvQuery),
    responses((status = 200, description = "Compliance and diversity today (CSV with `format=csv`)", content((ComplianceBody = "application/json"), (String = "text/csv"))), (status = 403, body = crate::problem::Problem)))]
pub async fn compliance(
    State(s): State<AppState>,
    p: Principal,
    headers: HeaderMap,
    Params(f): Params<CsvQuery>,
) -> ApiResult<Response> {
    let v = s.app.compliance_view(&p.scope).await?;
    let choice = CsvChoice::of(&headers, f.format.as_deref(), f.lang.as_deref());
    if choice.is_csv() {
        return Ok(csv::file(&s, choice, "inventory-compliance", |n| {
            csv::compliance(&v, n)
        })
        .await?);
    }
    let cell = |c: samdrift_domain::inventory::standard::ComplianceCell| ComplianceCellView {
        owner: c.owner.and_then(|m| v.member_codes.get(&m.0).cloned()),
        share_bp: c.share_bp(),
        category: c.category,
        items: c.items,
        on_standard: c.on_standard,
        has_standard: c.has_standard,
    };
    Ok(Json(ComplianceBody {
        day: v.day.to_string(),
        cells: v.cells.clone().into_iter().map(cell).collect(),
        totals: v.totals.clone().into_iter().map(cell).collect(),
        diversity: v
            .diversity
            .iter()
            .map(|d| DiversityView {
                category: d.category.clone(),
                products: d
                    .products
                    .iter()
                    .map(|k| v.product_names.get(k).cloned().unwrap_or_else(|| k.clone()))
                    .collect(),
            })
            .collect(),
    })
    .into_response())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthQuery {
    /// `YYYY-MM`.
    pub month: String,
}

#[derive(Serialize, ToSchema)]
pub struct MonthCellView {
    pub month: String,
    /// The member's code; absent for the whole federation.
    pub member: Option<String>,
    pub category: String,
    pub items: i64,
    pub on_standard: i64,
    /// Distinct products in use.
    pub products: i64,
    pub has_standard: bool,
}

#[utoipa::path(get, path = "/api/v1/inventory/compliance/history", operation_id = "inventory_compliance_history", tag = "inventory", params(MonthQuery), responses((status = 200, body = Vec<MonthCellView>), (status = 403, body = crate::problem::Problem)))]
pub async fn history(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<MonthQuery>,
) -> ApiResult<Json<Vec<MonthCellView>>> {
    let h = s.app.compliance_history(&p.scope, &q.month).await?;
    Ok(Json(
        h.cells
            .into_iter()
            .map(|c| MonthCellView {
                member: c.member_id.and_then(|m| h.member_codes.get(&m).cloned()),
                month: c.month,
                category: c.category,
                items: c.items,
                on_standard: c.on_standard,
                products: c.products,
                has_standard: c.has_standard != 0,
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/inventory/compliance/compute", operation_id = "inventory_compliance_compute", tag = "inventory", params(MonthQuery), responses((status = 204), (status = 403, body = crate::problem::Problem)))]
pub async fn compute(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<MonthQuery>,
) -> ApiResult<StatusCode> {
    if !p.scope.may_set_standard() {
        return Err(
            samdrift_app::AppError::Forbidden(samdrift_domain::msg!("forbidden.standard")).into(),
        );
    }
    s.app.compute_inventory_month(&q.month).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OwnerQuery {
    /// One member's (its code).
    pub member: Option<String>,
}

impl OwnerQuery {
    /// The member named, if the caller reads its inventory (a code it does
    /// not read answers like an unknown one).
    async fn member_id(
        &self,
        s: &AppState,
        p: &Principal,
    ) -> Result<Option<Uuid>, samdrift_app::AppError> {
        let Some(code) = self.member.as_deref() else {
            return Ok(None);
        };
        let member = s.app.inventory_owner_filter(&p.scope, code).await?;
        member
            .ok_or(samdrift_app::AppError::NotFound("member"))
            .map(Some)
    }
}

#[derive(Serialize, ToSchema)]
pub struct PlanLineView {
    pub item_id: Uuid,
    pub member: Option<String>,
    pub item_name: String,
    pub category: Option<String>,
    pub product_name: String,
    pub product_version: String,
    pub target: String,
    #[schema(format = Date)]
    pub due: String,
    #[schema(format = Date)]
    pub done_on: Option<String>,
    pub overdue: bool,
    pub version: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ProgressView {
    pub member: String,
    #[schema(format = Date)]
    pub month_end: String,
    pub planned: u64,
    pub done: u64,
    pub due: u64,
    pub overdue: u64,
}

#[derive(Serialize, ToSchema)]
pub struct PlanBody {
    pub lines: Vec<PlanLineView>,
    pub progress: Vec<ProgressView>,
}

#[utoipa::path(get, path = "/api/v1/inventory/plan", operation_id = "inventory_plan", tag = "inventory", params(OwnerQuery, CsvQuery),
    responses((status = 200, description = "The consolidation plan with progress (CSV with `format=csv`)", content((PlanBody = "application/json"), (String = "text/csv"))), (status = 403, body = crate::problem::Problem)))]
pub async fn plan(
    State(s): State<AppState>,
    p: Principal,
    headers: HeaderMap,
    Params(q): Params<OwnerQuery>,
    Params(f): Params<CsvQuery>,
) -> ApiResult<Response> {
    let member = q.member_id(&s, &p).await?;
    let v = s.app.consolidation_plan(&p.scope, member).await?;
    let choice = CsvChoice::of(&headers, f.format.as_deref(), f.lang.as_deref());
    if choice.is_csv() {
        return Ok(csv::file(&s, choice, "consolidation-plan", |n| csv::plan(&v, n)).await?);
    }
    let overdue: std::collections::HashSet<Uuid> = v.overdue.iter().map(|l| l.item_id).collect();
    Ok(Json(PlanBody {
        lines: v
            .lines
            .iter()
            .map(|l| PlanLineView {
                item_id: l.item_id,
                member: l.member_id.and_then(|m| v.member_codes.get(&m).cloned()),
                item_name: l.item_name.clone(),
                category: l.category.clone(),
                product_name: l.product_name.clone(),
                product_version: l.product_version.clone(),
                target: v
                    .entries
                    .get(&l.standard_entry_id)
                    .map(|e| {
                        format!("{} {}", e.product_name, e.product_version)
                            .trim()
                            .to_owned()
                    })
                    .unwrap_or_default(),
                due: l.due.clone(),
                done_on: l.done_on.clone(),
                overdue: overdue.contains(&l.item_id),
                version: l.version,
            })
            .collect(),
        progress: v
            .progress
            .iter()
            .map(|g| ProgressView {
                member: v.member_codes.get(&g.owner.0).cloned().unwrap_or_default(),
                month_end: g.month_end.to_string(),
                planned: g.planned,
                done: g.done,
                due: g.due,
                overdue: g.overdue,
            })
            .collect(),
    })
    .into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetBody {
    pub standard_entry_id: Uuid,
    #[schema(format = Date)]
    pub due: String,
    #[schema(format = Date)]
    pub done_on: Option<String>,
    #[serde(default)]
    pub note: String,
    /// The version of the target you read, when changing one.
    pub version: Option<i64>,
}

#[utoipa::path(put, path = "/api/v1/inventory/items/{id}/target", operation_id = "inventory_set_target", tag = "inventory", params(("id" = Uuid, Path, description = "The item's id")), request_body = TargetBody,
    responses((status = 200, body = crate::api::inventory::TargetView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem), (status = 412, body = crate::problem::Problem), (status = 428, body = crate::problem::Problem)))]
pub async fn set_target(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<TargetBody>,
) -> ApiResult<Json<crate::api::inventory::TargetView>> {
    let t = s
        .app
        .set_consolidation_target(
            &p.scope,
            id,
            NewTarget {
                standard_entry: b.standard_entry_id,
                due: b.due,
                done_on: b.done_on,
                note: b.note,
            },
            b.version,
        )
        .await?;
    Ok(Json(crate::api::inventory::TargetView {
        standard_entry_id: t.standard_entry_id,
        due: t.due,
        done_on: t.done_on,
        note: t.note,
        version: t.version,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct SystemView {
    pub id: Uuid,
    pub member: Option<String>,
    pub name: String,
    pub category: Option<String>,
    pub product_key: String,
    pub product_name: String,
    pub product_version: String,
    pub lifecycle: String,
    pub supplier: Option<String>,
    #[schema(format = Date)]
    pub contract_end: Option<String>,
    pub users: Option<i64>,
    pub classification: Option<String>,
    pub system_owner: Option<String>,
}

fn system_view(
    l: samdrift_app::queries::records::SystemLine,
    member: Option<String>,
) -> SystemView {
    SystemView {
        id: l.id,
        member,
        name: l.name,
        category: l.category,
        product_key: l.product_key,
        product_name: l.product_name,
        product_version: l.product_version,
        lifecycle: l.lifecycle,
        supplier: l.supplier,
        contract_end: l.contract_end,
        users: l.user_count,
        classification: l.classification,
        system_owner: l.system_owner,
    }
}

#[utoipa::path(get, path = "/api/v1/inventory/systems", operation_id = "inventory_systems", tag = "inventory", params(OwnerQuery, CsvQuery),
    responses((status = 200, description = "Business systems (CSV with `format=csv`)", content((Vec<SystemView> = "application/json"), (String = "text/csv"))), (status = 403, body = crate::problem::Problem)))]
pub async fn systems(
    State(s): State<AppState>,
    p: Principal,
    headers: HeaderMap,
    Params(q): Params<OwnerQuery>,
    Params(f): Params<CsvQuery>,
) -> ApiResult<Response> {
    let member = q.member_id(&s, &p).await?;
    let lines = s.app.application_portfolio(&p.scope, member).await?;
    let choice = CsvChoice::of(&headers, f.format.as_deref(), f.lang.as_deref());
    if choice.is_csv() {
        return Ok(csv::file(&s, choice, "business-systems", |n| csv::systems(&lines, n)).await?);
    }
    Ok(Json(
        lines
            .into_iter()
            .map(|(l, c)| system_view(l, c))
            .collect::<Vec<_>>(),
    )
    .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct OverlapProductView {
    pub product_key: String,
    pub product_name: String,
    /// Members running it.
    pub members: usize,
    /// The earliest contract end in the next 24 months.
    #[schema(format = Date)]
    pub window: Option<String>,
    pub systems: Vec<SystemView>,
}

#[derive(Serialize, ToSchema)]
pub struct OverlapView {
    pub category: String,
    pub members: usize,
    pub products: Vec<OverlapProductView>,
}

#[utoipa::path(get, path = "/api/v1/inventory/overlap", operation_id = "inventory_overlap", tag = "inventory", params(CsvQuery),
    responses((status = 200, description = "Business systems by purpose and product across members (CSV with `format=csv`)", content((Vec<OverlapView> = "application/json"), (String = "text/csv"))), (status = 403, body = crate::problem::Problem)))]
pub async fn overlap(
    State(s): State<AppState>,
    p: Principal,
    headers: HeaderMap,
    Params(f): Params<CsvQuery>,
) -> ApiResult<Response> {
    let groups = s.app.application_overlap(&p.scope).await?;
    let choice = CsvChoice::of(&headers, f.format.as_deref(), f.lang.as_deref());
    if choice.is_csv() {
        return Ok(csv::file(&s, choice, "system-overlap", |n| csv::overlap(&groups, n)).await?);
    }
    Ok(Json(
        groups
            .into_iter()
            .map(|g| OverlapView {
                category: g.category,
                members: g.members,
                products: g
                    .products
                    .into_iter()
                    .map(|p| OverlapProductView {
                        product_key: p.product_key,
                        product_name: p.product_name,
                        members: p.members,
                        window: p.window,
                        systems: p
                            .systems
                            .into_iter()
                            .map(|(c, l)| system_view(l, Some(c)))
                            .collect(),
                    })
                    .collect(),
            })
            .collect::<Vec<_>>(),
    )
    .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct AgentKeyView {
    pub id: Uuid,
    pub label: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
    pub last_used_at: Option<String>,
    /// The key itself: only in the answer that made it.
    pub key: Option<String>,
}

fn key_view(
    k: samdrift_app::queries::records::AgentKeyRecord,
    key: Option<String>,
) -> AgentKeyView {
    use super::views::rfc3339;
    AgentKeyView {
        id: k.id,
        label: k.label,
        created_at: rfc3339(k.created_at),
        revoked_at: k.revoked_at.map(rfc3339),
        last_used_at: k.last_used_at.map(rfc3339),
        key,
    }
}

#[derive(Deserialize)]
pub struct MemberPath {
    pub member: String,
}

#[utoipa::path(get, path = "/api/v1/members/{member}/agent-keys", operation_id = "agent_keys", tag = "inventory", params(("member" = String, Path, description = "The member's code")), responses((status = 200, body = Vec<AgentKeyView>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn keys(
    State(s): State<AppState>,
    p: Principal,
    PathParams(path): PathParams<MemberPath>,
) -> ApiResult<Json<Vec<AgentKeyView>>> {
    let keys = s
        .app
        .agent_keys(&p.scope, &path.member)
        .await
        .map_err(member_in_path)?;
    Ok(Json(keys.into_iter().map(|k| key_view(k, None)).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgentKeyBody {
    #[schema(min_length = 1, max_length = 100)]
    pub label: String,
}

#[utoipa::path(post, path = "/api/v1/members/{member}/agent-keys", operation_id = "agent_key_create", tag = "inventory", params(("member" = String, Path, description = "The member's code")), request_body = AgentKeyBody,
    responses((status = 201, body = AgentKeyView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn create_key(
    State(s): State<AppState>,
    p: Principal,
    PathParams(path): PathParams<MemberPath>,
    Body(b): Body<AgentKeyBody>,
) -> ApiResult<(StatusCode, Json<AgentKeyView>)> {
    let k = s
        .app
        .create_agent_key(&p.scope, &path.member, &b.label)
        .await
        .map_err(member_in_path)?;
    Ok((StatusCode::CREATED, Json(key_view(k.record, Some(k.key)))))
}

#[derive(Deserialize)]
pub struct KeyPath {
    pub member: String,
    pub id: Uuid,
}

#[utoipa::path(delete, path = "/api/v1/members/{member}/agent-keys/{id}", operation_id = "agent_key_revoke", tag = "inventory",
    params(("member" = String, Path, description = "The member's code"), ("id" = Uuid, Path, description = "The key's id")),
    responses((status = 204), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn revoke_key(
    State(s): State<AppState>,
    p: Principal,
    PathParams(path): PathParams<KeyPath>,
) -> ApiResult<StatusCode> {
    s.app
        .revoke_agent_key(&p.scope, &path.member, path.id)
        .await
        .map_err(member_in_path)?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct AgentInboxView {
    /// Inventories received and not yet applied.
    pub waiting: i64,
    /// Inventories that could not be read, kept with the reason.
    pub set_aside: i64,
}

#[utoipa::path(get, path = "/api/v1/inventory/agent-inbox", operation_id = "agent_inbox", tag = "inventory", responses((status = 200, body = AgentInboxView), (status = 403, body = crate::problem::Problem)))]
pub async fn inbox(State(s): State<AppState>, p: Principal) -> ApiResult<Json<AgentInboxView>> {
    let (waiting, set_aside) = s.app.agent_inbox_counts(&p.scope).await?;
    Ok(Json(AgentInboxView { waiting, set_aside }))
}
