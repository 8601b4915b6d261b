//! `/portal/approvals/{id}`: one request to approve or reject (a rejection
//! needs a reason, which the requester reads). An end-user manager decides
//! here although they do not open the ticket itself.

use super::*;

#[derive(Template)]
#[template(path = "catalog_approval.html")]
struct ApprovalPage {
    frame: Frame,
    t: Tr,
    ticket_id: uuid::Uuid,
    /// The waiting row when the approval is the user's to decide.
    waiting: Option<WaitingRow>,
    request: RequestSection,
    /// The position of the approval the user may decide now.
    position: Option<i64>,
    /// The user asked for it and an approval waits: someone else decides.
    own: bool,
    reason: String,
    reason_error: Option<String>,
    conflict: bool,
}

#[derive(Deserialize, Default)]
pub struct DecideForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

async fn render_approval(
    state: &AppState,
    user: &UiUser,
    id: uuid::Uuid,
    form: &DecideForm,
    reason_error: Option<String>,
    conflict: bool,
) -> Response {
    let view = match state.app.request_view(&user.scope, TicketId(id)).await {
        Ok(Some(view)) => view,
        Ok(None) => return failed(user, &AppError::NotFound("request")),
        Err(e) => return failed(user, &e),
    };
    let t = user.tr;
    let waiting = state
        .app
        .my_waiting_approvals(&user.scope)
        .await
        .unwrap_or_default()
        .iter()
        .find(|r| r.ticket_id == id)
        .map(|r| waiting_row(&t, r));
    let position = view
        .approvals
        .iter()
        .find(|a| a.may_decide)
        .map(|a| a.record.position);
    let status = if conflict {
        StatusCode::CONFLICT
    } else if reason_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page(
        status,
        &ApprovalPage {
            frame: Frame::of(user, "/portal/approvals"),
            t,
            ticket_id: id,
            waiting,
            request: RequestSection::of(&t, &view),
            position,
            own: view.own && view.approvals.iter().any(|a| a.waiting),
            reason: form.reason.clone(),
            reason_error,
            conflict,
        },
    )
}

pub(super) async fn approval(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return failed(&user, &AppError::NotFound("request"));
    };
    render_approval(&state, &user, id, &DecideForm::default(), None, false).await
}

pub(super) async fn decide(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<DecideForm>,
) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return failed(&user, &AppError::NotFound("request"));
    };
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let approve = match form.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => {
            let message = user.tr.t("catalog.decide.error_decision").to_owned();
            return render_approval(&state, &user, id, &form, Some(message), false).await;
        }
    };
    let Ok(position) = form.position.trim().parse::<i64>() else {
        return render_approval(&state, &user, id, &form, None, true).await;
    };
    let reason = Some(form.reason.clone()).filter(|r| !r.trim().is_empty());
    match state
        .app
        .decide_approval(&user.scope, TicketId(id), position, approve, reason)
        .await
    {
        Ok(_) => {
            let what = if approve { "approved" } else { "rejected" };
            Redirect::to(&format!("/portal/approvals?decided={what}")).into_response()
        }
        Err(AppError::Invalid(_)) => {
            let message = user.tr.t("catalog.decide.error_reason").to_owned();
            render_approval(&state, &user, id, &form, Some(message), false).await
        }
        Err(AppError::Conflict(_) | AppError::Stale) => {
            render_approval(&state, &user, id, &form, None, true).await
        }
        Err(AppError::Forbidden(_)) => refused_decision(&state, &user, id).await,
        Err(e) => failed(&user, &e),
    }
}

/// A decision the user may not make: on their own request, or on an
/// approval that is someone else's.
async fn refused_decision(state: &AppState, user: &UiUser, id: uuid::Uuid) -> Response {
    let own = match state.app.request_view(&user.scope, TicketId(id)).await {
        Ok(view) => view.is_some_and(|v| v.own),
        Err(e) => return failed(user, &e),
    };
    let key = if own {
        "catalog.decide.own"
    } else {
        "catalog.decide.nothing"
    };
    error_page(user, StatusCode::FORBIDDEN, user.tr.t(key).into())
}
