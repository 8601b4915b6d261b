//! Orders awaiting the federation manager's confirmation, across members:
//! an order that changes a member's yearly cost by the federation's
//! threshold or more applies only when the manager (`StaffRole::Manager`)
//! confirms it; a rejection needs a reason the orderer reads. Admins see
//! the list without the forms.

use super::super::catalog::accounts::{signed, signed_money};
use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, error_page, page};
use super::{Access, Problems, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::catalog::orders::{Decision, OrderDetail};
use samdrift_domain::role::StaffRole;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    member: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    reason: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    /// After a decision: `confirmed` or `rejected`.
    #[serde(default)]
    done: Option<String>,
}

/// One waiting order as listed, with its forms' field names.
pub struct PendingView {
    pub id: String,
    pub version: i64,
    pub member: String,
    pub member_name: String,
    pub offering: String,
    pub administration: String,
    pub change: String,
    pub from: String,
    pub yearly: String,
    pub ordered: String,
    pub note: String,
    /// The reason field's name in the page's problems.
    pub reason_field: String,
    /// What was typed as the reason, when the rejection came back.
    pub reason: String,
    /// Why it waits (alone or with the member's other recent orders).
    pub held_because: String,
    /// The viewer placed it, so someone else decides it.
    pub own: bool,
}

#[derive(Template)]
#[template(path = "admin_orders.html")]
struct OrdersPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    notice: Option<&'static str>,
    alert: Option<&'static str>,
    may_decide: bool,
    orders: Vec<PendingView>,
    threshold: String,
}

fn reason_field(id: &str) -> String {
    format!("reason-{id}")
}

fn pending_view(t: &Tr, d: &OrderDetail, names: &[(String, String)]) -> PendingView {
    let o = &d.order;
    let id = o.id.to_string();
    PendingView {
        reason_field: reason_field(&id),
        id,
        version: o.version,
        member: d.member_code.clone(),
        member_name: names
            .iter()
            .find(|(code, _)| *code == d.member_code)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| d.member_code.clone()),
        offering: format!("{} {}", d.offering_code, d.offering_name),
        administration: d.administration_name.clone(),
        change: signed(o.quantity_change),
        from: o.effective_on.clone(),
        yearly: signed_money(t, o.yearly_change_ore),
        ordered: format!("{}, {}", o.ordered_by_name, t.time(o.ordered_at)),
        note: o.note.clone(),
        reason: String::new(),
        held_because: o
            .hold()
            .map(|h| crate::messages::render(t, &h.message()))
            .unwrap_or_default(),
        own: d.own,
    }
}

/// What the page says besides the list.
struct Said {
    errors: Problems,
    notice: Option<&'static str>,
    alert: Option<&'static str>,
    /// The order whose rejection came back, and its reason as typed.
    typed: Option<(String, String)>,
    status: StatusCode,
}

impl Said {
    fn nothing(notice: Option<&'static str>) -> Said {
        Said {
            errors: Problems::default(),
            notice,
            alert: None,
            typed: None,
            status: StatusCode::OK,
        }
    }
}

async fn render(state: &AppState, user: &UiUser, said: Said) -> Response {
    let t = &user.tr;
    let waiting = state
        .app
        .orders(&user.scope, None, Some("awaiting_confirmation"))
        .await;
    let waiting = match waiting {
        Ok(list) => list,
        Err(e) => {
            return crate::ui::failure(user, e);
        }
    };
    let names = match state.app.members(&user.scope).await {
        Ok(members) => members,
        Err(e) => return crate::ui::failure(user, e),
    };
    let names: Vec<(String, String)> = names.into_iter().map(|m| (m.code, m.name)).collect();
    let mut orders: Vec<PendingView> = waiting.iter().map(|d| pending_view(t, d, &names)).collect();
    orders.sort_by(|a, b| (&a.member, &a.from).cmp(&(&b.member, &b.from)));
    if let Some((id, reason)) = said.typed {
        for o in orders.iter_mut().filter(|o| o.id == id) {
            o.reason = reason.clone();
        }
    }
    page(
        said.status,
        &OrdersPage {
            frame: frame(user, "/admin/orders"),
            t: user.tr,
            sections: sections(user, "/admin/orders"),
            errors: said.errors,
            saved: false,
            notice: said.notice,
            alert: said.alert,
            may_decide: user.scope.staff == Some(StaffRole::Manager),
            orders,
            threshold: t.money(state.app.settings.large_order_ore),
        },
    )
}

/// GET /admin/orders
pub async fn list(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<DoneQuery>,
) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    let notice = match q.done.as_deref() {
        Some("confirmed") => Some("admin.orders.confirmed"),
        Some("rejected") => Some("admin.orders.rejected"),
        _ => None,
    };
    render(&state, &user, Said::nothing(notice)).await
}

/// POST /admin/orders/{id}/confirm
pub async fn confirm(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<Uuid>,
    Form(form): Form<DecisionForm>,
) -> Response {
    decide(state, user, id, form, Decision::Confirm).await
}

/// POST /admin/orders/{id}/reject
pub async fn reject(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<Uuid>,
    Form(form): Form<DecisionForm>,
) -> Response {
    decide(state, user, id, form, Decision::Reject).await
}

async fn decide(
    state: AppState,
    user: UiUser,
    id: Uuid,
    form: DecisionForm,
    decision: Decision,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let t = &user.tr;
    if user.scope.staff != Some(StaffRole::Manager) {
        return error_page(
            &user,
            StatusCode::FORBIDDEN,
            t.t("admin.orders.only_manager").into(),
        );
    }
    let stale = || Said {
        alert: Some("accounts.stale"),
        status: StatusCode::CONFLICT,
        ..Said::nothing(None)
    };
    let Ok(version) = form.version.trim().parse::<i64>() else {
        return render(&state, &user, stale()).await;
    };
    let reason = Some(form.reason.clone()).filter(|r| !r.trim().is_empty());
    let decided = state
        .app
        .decide_order(
            &user.scope,
            form.member.trim(),
            id,
            version,
            decision,
            reason,
        )
        .await;
    match decided {
        Ok(_) => {
            let done = match decision {
                Decision::Confirm => "confirmed",
                Decision::Reject => "rejected",
            };
            Redirect::to(&format!("/admin/orders?done={done}")).into_response()
        }
        Err(AppError::Stale | AppError::Conflict(_)) => render(&state, &user, stale()).await,
        Err(AppError::Invalid(list)) => {
            let id = id.to_string();
            let field = reason_field(&id);
            let fields = [("reason", field.as_str(), "admin.orders.reason")];
            let errors = super::super::catalog::accounts::problems(t, list, &fields);
            let said = Said {
                errors,
                typed: Some((id, form.reason)),
                status: StatusCode::UNPROCESSABLE_ENTITY,
                ..Said::nothing(None)
            };
            render(&state, &user, said).await
        }
        Err(AppError::NotFound(_)) => {
            error_page(&user, StatusCode::NOT_FOUND, t.t("admin.not_found").into())
        }
        // The manager's role was checked above: what is left is their own order.
        Err(AppError::Forbidden(_)) => {
            error_page(&user, StatusCode::FORBIDDEN, t.t("admin.orders.own").into())
        }
        Err(e) => crate::ui::failure(&user, e),
    }
}
