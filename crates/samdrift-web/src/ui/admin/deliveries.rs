//! Deliveries of people from the members' HR and school systems: the
//! list with a form to upload one, the preview (who joins, moves and
//! leaves) with apply and discard, and a person's page with their source
//! facts and history. Managers and admins; only an admin confirms a
//! delivery that would end too many people.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::upload::{Refused, Upload, read_file, upload_refused};
use super::super::{Frame, error_page, page};
use super::problems::say;
use super::{Access, Choice, Problems, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::identity::deliveries::DeliveryView;
use samdrift_app::identity::delivery_file::DeliveryFormat;
use samdrift_domain::identity::source::SourceKind;
use samdrift_domain::ids::MemberId;
use serde::Deserialize;

/// The largest delivery file a page takes (100,000 people fit).
pub const DELIVERY_MAX_BYTES: usize = 64 * 1024 * 1024;

pub struct DeliveryRow {
    pub id: String,
    pub member: String,
    pub source: &'static str,
    pub full: bool,
    pub state: &'static str,
    pub received: String,
    pub counts: String,
}

#[derive(Template)]
#[template(path = "admin_deliveries.html")]
struct DeliveriesPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    members: Vec<Choice>,
    sources: Vec<Choice>,
    deliveries: Vec<DeliveryRow>,
    form: UploadForm,
}

#[derive(Debug, Clone, Default)]
pub struct UploadForm {
    member_id: String,
    source: String,
    full: bool,
}

fn source_label(t: &Tr, source: &str) -> &'static str {
    t.t(if source == "school" {
        "admin.deliveries.source_school"
    } else {
        "admin.deliveries.source_hr"
    })
}

fn state_label(t: &Tr, state: &str) -> &'static str {
    t.t(match state {
        "waiting" => "admin.deliveries.state_waiting",
        "applied" => "admin.deliveries.state_applied",
        "discarded" => "admin.deliveries.state_discarded",
        _ => "admin.deliveries.state_previewed",
    })
}

async fn render_list(
    state: &AppState,
    user: &UiUser,
    form: UploadForm,
    errors: Problems,
) -> Response {
    let t = &user.tr;
    let built = async {
        let members = state.app.members(&user.scope).await?;
        let list = state.app.deliveries(&user.scope, None).await?;
        Ok::<_, AppError>((members, list))
    }
    .await;
    let (members, list) = match built {
        Ok(x) => x,
        Err(e) => return crate::ui::failure(user, e),
    };
    let code = |id: uuid::Uuid| {
        members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.code.clone())
            .unwrap_or_default()
    };
    let deliveries = list
        .iter()
        .map(|d| {
            let s: Option<samdrift_app::identity::deliveries::DeliverySummary> =
                serde_json::from_str(&d.summary).ok();
            DeliveryRow {
                id: d.id.to_string(),
                member: code(d.member_id),
                source: source_label(t, &d.source),
                full: d.is_full,
                state: state_label(t, &d.state),
                received: t.time(d.received_at),
                counts: s
                    .map(|s| {
                        format!(
                            "+{} / ~{} / −{}",
                            s.joiners,
                            s.movers + s.updates,
                            s.leavers
                        )
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    let mut member_choices = vec![Choice::new("", t.t("admin.choose"))];
    member_choices.extend(
        members
            .iter()
            .map(|m| Choice::new(m.id.to_string(), format!("{} – {}", m.code, m.name))),
    );
    let sources = vec![
        Choice::new("hr", t.t("admin.deliveries.source_hr")),
        Choice::new("school", t.t("admin.deliveries.source_school")),
    ];
    page(
        errors.status(),
        &DeliveriesPage {
            frame: frame(user, "/admin/deliveries"),
            t: user.tr,
            sections: sections(user, "/admin/deliveries"),
            errors,
            saved: false,
            members: member_choices,
            sources,
            deliveries,
            form,
        },
    )
}

/// GET /admin/deliveries
pub async fn list(State(state): State<AppState>, user: UiUser) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let form = UploadForm {
        source: "hr".into(),
        ..UploadForm::default()
    };
    render_list(&state, &user, form, Problems::default()).await
}

/// The upload form's fields and its file.
async fn read_upload(
    mut multipart: axum::extract::Multipart,
) -> Result<(String, UploadForm, Option<Upload>), Refused> {
    let (mut csrf, mut form, mut file) = (String::new(), UploadForm::default(), None);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Refused::Unreadable)?
    {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.map_err(|_| Refused::Unreadable)?,
            "member_id" => form.member_id = field.text().await.map_err(|_| Refused::Unreadable)?,
            "source" => form.source = field.text().await.map_err(|_| Refused::Unreadable)?,
            "full" => form.full = true,
            "file" => file = Some(read_file(field, DELIVERY_MAX_BYTES).await?),
            _ => {}
        }
    }
    Ok((csrf, form, file))
}

/// POST /admin/deliveries (multipart: csrf, member_id, source, full, file)
pub async fn upload(
    State(state): State<AppState>,
    user: UiUser,
    multipart: axum::extract::Multipart,
) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let (csrf, form, file) = match read_upload(multipart).await {
        Ok(read) => read,
        Err(refused) => return upload_refused(&user, &refused),
    };
    if let Some(refusal) = denied_form(&user, Access::Registrar, &csrf) {
        return refusal;
    }
    let t = &user.tr;
    let mut errors = Problems::default();
    let member = form.member_id.trim().parse::<uuid::Uuid>().ok();
    if member.is_none() {
        errors.push(t, "member_id", t.t("admin.msg.choose_member").to_owned());
    }
    let source = form.source.parse::<SourceKind>().ok();
    if source.is_none() {
        errors.push(
            t,
            "source",
            t.t("admin.deliveries.choose_source").to_owned(),
        );
    }
    let file = file.filter(|f| !f.data.is_empty());
    if file.is_none() {
        errors.push(t, "file", t.t("admin.deliveries.choose_file").to_owned());
    }
    let (Some(member), Some(source), Some(file)) = (member, source, file) else {
        return render_list(&state, &user, form, errors).await;
    };
    let format = DeliveryFormat::from_name(&file.filename);
    match state
        .app
        .receive_delivery(
            &user.scope,
            MemberId(member),
            source,
            form.full,
            format,
            &file.data,
        )
        .await
    {
        Ok(v) => Redirect::to(&format!("/admin/deliveries/{}", v.record.id)).into_response(),
        Err(AppError::Invalid(fields)) => {
            let errors = Problems::from_app(t, fields, &[("file", "file")]);
            render_list(&state, &user, form, errors).await
        }
        Err(AppError::Conflict(m)) => error_page(&user, StatusCode::CONFLICT, say(t, &m)),
        Err(e) => crate::ui::failure(&user, e),
    }
}

pub struct ChangeRow {
    pub person: String,
    pub name: String,
    pub changes: Vec<(String, String, String)>,
}

pub struct LeaverRow {
    pub person: String,
    pub name: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "admin_delivery.html")]
struct DeliveryPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    id: String,
    version: i64,
    state: &'static str,
    open: bool,
    source: &'static str,
    full: bool,
    member: String,
    summary: samdrift_app::identity::deliveries::DeliverySummary,
    wait_text: String,
    may_confirm: bool,
    joiners: Vec<(usize, String, bool)>,
    movers: Vec<ChangeRow>,
    updates: Vec<ChangeRow>,
    leavers: Vec<LeaverRow>,
}

fn field_label(t: &Tr, field: &str) -> String {
    match t.t(&format!("admin.deliveries.field.{field}")) {
        "?" => field.to_owned(),
        text => text.to_owned(),
    }
}

fn change_rows(
    t: &Tr,
    list: Vec<samdrift_app::identity::deliveries::PreviewChange>,
) -> Vec<ChangeRow> {
    list.into_iter()
        .map(|c| ChangeRow {
            person: c.person.to_string(),
            name: c.name,
            changes: c
                .changes
                .into_iter()
                .map(|f| {
                    (
                        field_label(t, &f.field),
                        f.old.unwrap_or_default(),
                        f.new.unwrap_or_default(),
                    )
                })
                .collect(),
        })
        .collect()
}

async fn delivery_page(state: &AppState, user: &UiUser, v: DeliveryView, saved: bool) -> Response {
    let t = &user.tr;
    let member = match state.app.members(&user.scope).await {
        Ok(ms) => ms
            .into_iter()
            .find(|m| m.id == v.record.member_id)
            .map(|m| format!("{} – {}", m.code, m.name))
            .unwrap_or_default(),
        Err(e) => return crate::ui::failure(user, e),
    };
    let s = v.summary.clone();
    let wait_text = say(
        t,
        &samdrift_domain::msg!(
            "delivery.needs_confirmation",
            leavers = s.leavers as i64,
            active = s.active as i64,
            share = i64::from(s.share_percent)
        ),
    );
    let open = matches!(v.record.state.as_str(), "previewed" | "waiting");
    let leavers = v
        .leavers
        .into_iter()
        .map(|l| LeaverRow {
            person: l.person.to_string(),
            name: l.name,
            reason: match l.last_day {
                Some(d) => format!("{} {d}", t.t("admin.deliveries.last_day")),
                None => t.t("admin.deliveries.missing").to_owned(),
            },
        })
        .collect();
    page(
        StatusCode::OK,
        &DeliveryPage {
            frame: frame(user, &format!("/admin/deliveries/{}", v.record.id)),
            t: user.tr,
            sections: sections(user, "/admin/deliveries"),
            errors: Problems::default(),
            saved,
            id: v.record.id.to_string(),
            version: v.record.version,
            state: state_label(t, &v.record.state),
            open,
            source: source_label(t, &v.record.source),
            full: v.record.is_full,
            member,
            summary: s,
            wait_text,
            may_confirm: user.scope.is_admin(),
            joiners: v
                .joiners
                .into_iter()
                .map(|j| (j.line, j.name, j.returning))
                .collect(),
            movers: change_rows(t, v.movers),
            updates: change_rows(t, v.updates),
            leavers,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// GET /admin/deliveries/{id}
pub async fn show(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return error_page(
            &user,
            StatusCode::NOT_FOUND,
            user.tr.t("admin.not_found").into(),
        );
    };
    match state.app.delivery(&user.scope, id).await {
        Ok(v) => delivery_page(&state, &user, v, q.saved.is_some()).await,
        Err(e) => crate::ui::failure(&user, e),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    confirm: Option<String>,
}

/// POST /admin/deliveries/{id}/apply and …/discard
async fn decide(
    state: AppState,
    user: UiUser,
    id: String,
    form: DecideForm,
    apply: bool,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return error_page(
            &user,
            StatusCode::NOT_FOUND,
            user.tr.t("admin.not_found").into(),
        );
    };
    let done = if apply {
        state
            .app
            .apply_delivery(&user.scope, id, form.version, form.confirm.is_some())
            .await
            .map(|_| ())
    } else {
        state
            .app
            .discard_delivery(&user.scope, id, form.version)
            .await
    };
    match done {
        Ok(()) => Redirect::to(&format!("/admin/deliveries/{id}?saved=1")).into_response(),
        Err(AppError::Conflict(m)) => error_page(&user, StatusCode::CONFLICT, say(&user.tr, &m)),
        Err(AppError::Stale) => {
            error_page(&user, StatusCode::CONFLICT, user.tr.t("form.stale").into())
        }
        Err(e) => crate::ui::failure(&user, e),
    }
}

pub async fn apply(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<DecideForm>,
) -> Response {
    decide(state, user, id, form, true).await
}

pub async fn discard(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<DecideForm>,
) -> Response {
    decide(state, user, id, form, false).await
}
