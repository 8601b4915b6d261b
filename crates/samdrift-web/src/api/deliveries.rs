//! People from the members' HR and school systems: a delivery is pushed
//! (CSV, or JSON Lines), shown as a preview, applied or discarded; a
//! person's source facts (personnummer masked) and history.

use super::views::{rfc3339, with_etag};
use crate::auth::Principal;
use crate::extract::{Id, IfMatch, Params, conditional, if_match, member_in_path};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use samdrift_app::AppError;
use samdrift_app::identity::deliveries::DeliveryView;
use samdrift_app::identity::delivery_file::DeliveryFormat;
use samdrift_domain::identity::source::SourceKind;
use samdrift_domain::ids::MemberId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Which source system a delivery comes from.
#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum SourceName {
    Hr,
    School,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliverQuery {
    #[param(inline)]
    pub source: SourceName,
    /// The file names every person of the source: those it leaves out leave.
    #[serde(default)]
    pub full: bool,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Member code.
    #[param(pattern = r"^[A-Z]{2,5}$")]
    pub member: Option<String>,
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ApplyBody {
    /// Confirms a delivery that ends more than the member's share of a
    /// source's people (administrators only).
    #[serde(default)]
    pub confirm: bool,
}

#[derive(Serialize, ToSchema)]
pub struct SummaryView {
    pub joiners: usize,
    pub movers: usize,
    pub updates: usize,
    pub leavers: usize,
    pub unchanged: usize,
    /// Delivered people the other source holds (left to it).
    pub held_elsewhere: usize,
    /// The source's active people before the delivery.
    pub active: usize,
    pub share_percent: u32,
    /// More leavers than the share: an administrator must confirm.
    pub needs_confirmation: bool,
}

#[derive(Serialize, ToSchema)]
pub struct FieldChangeView {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct JoinerView {
    pub line: usize,
    pub name: String,
    pub returning: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ChangeView {
    pub person_id: Uuid,
    pub name: String,
    pub changes: Vec<FieldChangeView>,
}

#[derive(Serialize, ToSchema)]
pub struct LeaverView {
    pub person_id: Uuid,
    pub name: String,
    /// `end_date` (the last day passed) or `missing` (not in a full delivery).
    pub reason: String,
    #[schema(format = Date)]
    pub last_day: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct DeliveryJson {
    pub id: Uuid,
    pub member_id: Uuid,
    pub source: String,
    pub full: bool,
    /// previewed, waiting (for an administrator), applied or discarded.
    pub state: String,
    #[schema(format = DateTime)]
    pub received_at: String,
    pub version: i64,
    pub summary: SummaryView,
    /// Until applied, who the delivery would change (compared with the
    /// register as it is now).
    pub joiners: Vec<JoinerView>,
    pub movers: Vec<ChangeView>,
    pub updates: Vec<ChangeView>,
    pub leavers: Vec<LeaverView>,
}

fn changes(list: Vec<samdrift_domain::identity::comparison::FieldChange>) -> Vec<FieldChangeView> {
    list.into_iter()
        .map(|c| FieldChangeView {
            field: c.field,
            old: c.old,
            new: c.new,
        })
        .collect()
}

fn json(v: DeliveryView) -> DeliveryJson {
    let s = v.summary;
    let change = |c: samdrift_app::identity::deliveries::PreviewChange| ChangeView {
        person_id: c.person,
        name: c.name,
        changes: changes(c.changes),
    };
    DeliveryJson {
        id: v.record.id,
        member_id: v.record.member_id,
        source: v.record.source,
        full: v.record.is_full,
        state: v.record.state,
        received_at: rfc3339(v.record.received_at),
        version: v.record.version,
        summary: SummaryView {
            joiners: s.joiners,
            movers: s.movers,
            updates: s.updates,
            leavers: s.leavers,
            unchanged: s.unchanged,
            held_elsewhere: s.held_elsewhere,
            active: s.active,
            share_percent: s.share_percent,
            needs_confirmation: s.needs_confirmation,
        },
        joiners: v
            .joiners
            .into_iter()
            .map(|j| JoinerView {
                line: j.line,
                name: j.name,
                returning: j.returning,
            })
            .collect(),
        movers: v.movers.into_iter().map(change).collect(),
        updates: v.updates.into_iter().map(change).collect(),
        leavers: v
            .leavers
            .into_iter()
            .map(|l| LeaverView {
                person_id: l.person,
                name: l.name,
                reason: l.reason.to_owned(),
                last_day: l.last_day.map(|d| d.to_string()),
            })
            .collect(),
    }
}

fn respond(status: StatusCode, v: DeliveryView) -> Response {
    let version = v.record.version;
    with_etag(status, json(v), version)
}

#[utoipa::path(post, path = "/api/v1/members/{member}/people-deliveries", operation_id = "deliveries_create", tag = "identity",
    params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$"), DeliverQuery),
    request_body(description = "The delivery: CSV with a header line (`text/csv`), or JSON Lines (`application/x-ndjson` or `application/jsonl`). The columns of each source are in docs/IDENTITY.md. A file with any error is refused whole.",
        content((String = "text/csv"), (String = "application/x-ndjson"), (String = "application/jsonl"))),
    responses((status = 201, body = DeliveryJson), (status = 404, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Path(member): Path<String>,
    Params(q): Params<DeliverQuery>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> ApiResult<Response> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let format = DeliveryFormat::from_name(content_type);
    let member = s
        .app
        .member_in_scope(&p.scope, &member)
        .await
        .map_err(member_in_path)?;
    let source = match q.source {
        SourceName::Hr => SourceKind::Hr,
        SourceName::School => SourceKind::School,
    };
    let view = s
        .app
        .receive_delivery(&p.scope, MemberId(member.id), source, q.full, format, &body)
        .await?;
    Ok(respond(StatusCode::CREATED, view))
}

#[utoipa::path(get, path = "/api/v1/people-deliveries", operation_id = "deliveries_list", tag = "identity", params(ListQuery),
    responses((status = 200, body = Vec<DeliveryJson>)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<ListQuery>,
) -> ApiResult<Json<Vec<DeliveryJson>>> {
    let member = match q.member.as_deref() {
        Some(code) => Some(MemberId(s.app.member_in_scope(&p.scope, code).await?.id)),
        None => None,
    };
    let list = s.app.deliveries(&p.scope, member).await?;
    Ok(Json(
        list.into_iter()
            .map(|record| {
                let summary = serde_json::from_str(&record.summary).unwrap_or(
                    samdrift_app::identity::deliveries::DeliverySummary {
                        joiners: 0,
                        movers: 0,
                        updates: 0,
                        leavers: 0,
                        unchanged: 0,
                        held_elsewhere: 0,
                        active: 0,
                        share_percent: 5,
                        needs_confirmation: false,
                    },
                );
                json(DeliveryView {
                    record,
                    summary,
                    joiners: vec![],
                    movers: vec![],
                    updates: vec![],
                    leavers: vec![],
                })
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/people-deliveries/{id}", operation_id = "deliveries_show", tag = "identity", params(("id" = Uuid, Path, description = "The delivery's id")),
    responses((status = 200, body = DeliveryJson), (status = 404, body = crate::problem::Problem)))]
pub async fn show(State(s): State<AppState>, p: Principal, Id(id): Id) -> ApiResult<Response> {
    Ok(respond(StatusCode::OK, s.app.delivery(&p.scope, id).await?))
}

#[utoipa::path(post, path = "/api/v1/people-deliveries/{id}/apply", operation_id = "deliveries_apply", tag = "identity",
    params(("id" = Uuid, Path, description = "The delivery's id"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`); `*` for the current version.")),
    request_body = ApplyBody,
    responses((status = 200, body = DeliveryJson), (status = 409, body = crate::problem::Problem), (status = 412, body = crate::problem::Problem), (status = 428, body = crate::problem::Problem)))]
pub async fn apply(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    headers: HeaderMap,
    crate::extract::Body(body): crate::extract::Body<ApplyBody>,
) -> ApiResult<Response> {
    let confirm = body.confirm;
    let precondition = if_match(&headers)?.ok_or(AppError::VersionRequired)?;
    let view = conditional(
        Some(precondition),
        || async { Ok(s.app.delivery(&p.scope, id).await?.record.version) },
        |version| {
            s.app
                .apply_delivery(&p.scope, id, version.unwrap_or(0), confirm)
        },
    )
    .await?;
    Ok(respond(StatusCode::OK, view))
}

#[utoipa::path(post, path = "/api/v1/people-deliveries/{id}/discard", operation_id = "deliveries_discard", tag = "identity",
    params(("id" = Uuid, Path, description = "The delivery's id"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`); `*` for the current version.")),
    responses((status = 204), (status = 412, body = crate::problem::Problem), (status = 428, body = crate::problem::Problem)))]
pub async fn discard(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
    let precondition: IfMatch = if_match(&headers)?.ok_or(AppError::VersionRequired)?;
    conditional(
        Some(precondition),
        || async { Ok(s.app.delivery(&p.scope, id).await?.record.version) },
        |version| s.app.discard_delivery(&p.scope, id, version.unwrap_or(0)),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IdentityQuery {
    /// Show the whole personnummer (administrators only).
    #[serde(default)]
    pub reveal: bool,
}

/// A person as their source system describes them.
#[derive(Serialize, ToSchema)]
pub struct PersonIdentityView {
    pub id: Uuid,
    pub member_id: Uuid,
    pub name: String,
    pub email: String,
    pub kind: String,
    /// `hr` or `school`; none for a person entered by hand.
    pub source: Option<String>,
    /// The employee number or the school system's id.
    pub source_key: Option<String>,
    /// Masked (`19800101-XXXX`) unless an administrator asked to reveal it.
    pub personnummer: Option<String>,
    pub administration: Option<String>,
    pub workplace: Option<String>,
    pub title: Option<String>,
    pub manager: Option<String>,
    pub school: Option<String>,
    pub class: Option<String>,
    #[schema(format = Date)]
    pub starts_on: Option<String>,
    #[schema(format = Date)]
    pub ends_on: Option<String>,
    /// When the person left (their account was disabled).
    #[schema(format = DateTime)]
    pub ended_at: Option<String>,
    /// Their account in the member's directory, as last read.
    pub directory: Option<DirectoryAccountView>,
}

/// A person's account in the member's directory (Active Directory or
/// OpenLDAP), as the last read found it.
#[derive(Serialize, ToSchema)]
pub struct DirectoryAccountView {
    pub dn: String,
    /// `sAMAccountName` (AD) or `uid` (OpenLDAP).
    pub login: Option<String>,
    /// `userPrincipalName` (AD) or `mail` (OpenLDAP).
    pub principal: Option<String>,
    pub disabled: bool,
    /// The names of its groups.
    pub groups: Vec<String>,
    #[schema(format = DateTime)]
    pub read_at: String,
}

#[utoipa::path(get, path = "/api/v1/people/{id}/identity", operation_id = "people_identity", tag = "identity",
    params(("id" = Uuid, Path, description = "The person's id"), IdentityQuery),
    responses((status = 200, body = PersonIdentityView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn identity(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Params(q): Params<IdentityQuery>,
) -> ApiResult<Json<PersonIdentityView>> {
    let found = s.app.person_identity(&p.scope, id, q.reveal).await?;
    let x = found.person;
    Ok(Json(PersonIdentityView {
        id: x.id,
        member_id: x.member_id,
        name: x.name,
        email: x.email,
        kind: x.kind,
        source: x.source,
        source_key: x.source_key,
        personnummer: found.personnummer,
        administration: x.source_administration,
        workplace: x.workplace,
        title: x.title,
        manager: x.manager_key,
        school: x.school,
        class: x.class_name,
        starts_on: x.starts_on,
        ends_on: x.ends_on,
        ended_at: x.ended_at.map(rfc3339),
        directory: found.directory.map(|d| DirectoryAccountView {
            dn: d.dn,
            login: d.login,
            principal: d.principal,
            disabled: d.disabled,
            groups: serde_json::from_str(&d.groups).unwrap_or_default(),
            read_at: rfc3339(d.read_at),
        }),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct PersonHistoryView {
    pub id: Uuid,
    #[schema(format = DateTime)]
    pub at: String,
    /// joined, moved, updated, left or returned.
    pub kind: String,
    /// Why, when no delivery says: `end_date` or `missing`.
    pub reason: Option<String>,
    /// The delivery that made the change.
    pub delivery_id: Option<Uuid>,
    /// Who applied it (none for the server's own sweep).
    pub by_account: Option<Uuid>,
    pub changes: Vec<FieldChangeView>,
}

#[utoipa::path(get, path = "/api/v1/people/{id}/history", operation_id = "people_history", tag = "identity",
    params(("id" = Uuid, Path, description = "The person's id")),
    responses((status = 200, body = Vec<PersonHistoryView>), (status = 404, body = crate::problem::Problem)))]
pub async fn history(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<Vec<PersonHistoryView>>> {
    let rows = s.app.person_history(&p.scope, id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|h| PersonHistoryView {
                id: h.id,
                at: rfc3339(h.at),
                kind: h.kind,
                reason: h.reason,
                delivery_id: h.delivery_id,
                by_account: h.by_account,
                changes: changes(serde_json::from_str(&h.changes).unwrap_or_default()),
            })
            .collect(),
    ))
}

/// An entitlement rule: people who match every condition given need the
/// access; the group grants it when they join or move in and removes it
/// when they move out or leave.
#[derive(Deserialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct RuleBody {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// `hr` or `school`.
    pub source: Option<String>,
    #[schema(max_length = 200)]
    pub title: Option<String>,
    #[schema(max_length = 200)]
    pub administration: Option<String>,
    #[schema(max_length = 200)]
    pub school: Option<String>,
    /// The fulfilment task when someone needs the access.
    #[schema(min_length = 1, max_length = 200)]
    pub grant_task: String,
    /// The fulfilment task when someone no longer needs it.
    #[schema(min_length = 1, max_length = 200)]
    pub removal_task: String,
    /// The competence group that does both.
    pub group_id: Uuid,
}

/// The conditions of a rule, to see whom it would reach.
#[derive(Deserialize, ToSchema, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct RuleConditions {
    pub source: Option<String>,
    pub title: Option<String>,
    pub administration: Option<String>,
    pub school: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RuleView {
    pub id: Uuid,
    pub member_id: Uuid,
    pub name: String,
    pub source: Option<String>,
    pub title: Option<String>,
    pub administration: Option<String>,
    pub school: Option<String>,
    pub grant_task: String,
    pub removal_task: String,
    pub group_id: Uuid,
}

#[derive(Serialize, ToSchema)]
pub struct RulePreviewView {
    /// Active people the rule reaches today.
    pub count: usize,
    /// The first 50 of them by name.
    pub names: Vec<String>,
}

fn rule_view(r: samdrift_app::identity::entitlements::RuleRecordView) -> RuleView {
    RuleView {
        id: r.id,
        member_id: r.member_id,
        name: r.name,
        source: r.source,
        title: r.title,
        administration: r.administration,
        school: r.school,
        grant_task: r.grant_task,
        removal_task: r.removal_task,
        group_id: r.group_id,
    }
}

fn conditions(
    source: Option<String>,
    title: Option<String>,
    administration: Option<String>,
    school: Option<String>,
) -> samdrift_domain::identity::entitlements::RuleMatch {
    samdrift_domain::identity::entitlements::RuleMatch {
        source,
        title,
        administration,
        school,
    }
}

#[utoipa::path(get, path = "/api/v1/members/{member}/entitlement-rules", operation_id = "rules_list", tag = "identity",
    params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$")),
    responses((status = 200, body = Vec<RuleView>), (status = 404, body = crate::problem::Problem)))]
pub async fn rules(
    State(s): State<AppState>,
    p: Principal,
    Path(member): Path<String>,
) -> ApiResult<Json<Vec<RuleView>>> {
    let member = s
        .app
        .member_in_scope(&p.scope, &member)
        .await
        .map_err(member_in_path)?;
    let list = s
        .app
        .entitlement_rules(&p.scope, MemberId(member.id))
        .await?;
    Ok(Json(list.into_iter().map(rule_view).collect()))
}

#[utoipa::path(post, path = "/api/v1/members/{member}/entitlement-rules", operation_id = "rules_create", tag = "identity",
    params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$")),
    request_body = RuleBody,
    responses((status = 201, body = RuleView), (status = 404, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem)))]
pub async fn create_rule(
    State(s): State<AppState>,
    p: Principal,
    Path(member): Path<String>,
    crate::extract::Body(b): crate::extract::Body<RuleBody>,
) -> ApiResult<(StatusCode, Json<RuleView>)> {
    let member = s
        .app
        .member_in_scope(&p.scope, &member)
        .await
        .map_err(member_in_path)?;
    let input = samdrift_app::identity::entitlements::RuleInput {
        name: b.name,
        when: conditions(b.source, b.title, b.administration, b.school),
        grant_task: b.grant_task,
        removal_task: b.removal_task,
        group_id: b.group_id,
    };
    let rule = s
        .app
        .create_entitlement_rule(&p.scope, MemberId(member.id), input)
        .await?;
    Ok((StatusCode::CREATED, Json(rule_view(rule))))
}

#[utoipa::path(post, path = "/api/v1/members/{member}/entitlement-rules/preview", operation_id = "rules_preview", tag = "identity",
    params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$")),
    request_body = RuleConditions,
    responses((status = 200, body = RulePreviewView), (status = 404, body = crate::problem::Problem)))]
pub async fn preview_rule(
    State(s): State<AppState>,
    p: Principal,
    Path(member): Path<String>,
    crate::extract::Body(b): crate::extract::Body<RuleConditions>,
) -> ApiResult<Json<RulePreviewView>> {
    let member = s
        .app
        .member_in_scope(&p.scope, &member)
        .await
        .map_err(member_in_path)?;
    let when = conditions(b.source, b.title, b.administration, b.school);
    let preview = s
        .app
        .preview_entitlement_rule(&p.scope, MemberId(member.id), &when)
        .await?;
    Ok(Json(RulePreviewView {
        count: preview.count,
        names: preview.names,
    }))
}

#[utoipa::path(delete, path = "/api/v1/entitlement-rules/{id}", operation_id = "rules_delete", tag = "identity",
    params(("id" = Uuid, Path, description = "The rule's id")),
    responses((status = 204), (status = 404, body = crate::problem::Problem)))]
pub async fn delete_rule(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    s.app.delete_entitlement_rule(&p.scope, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
