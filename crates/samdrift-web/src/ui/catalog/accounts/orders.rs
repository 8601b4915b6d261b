//! Placing an order and withdrawing one that still waits for the
//! federation manager: the forms posted from the subscriptions page.

use super::*;

/// A change in quantity as typed: `50`, `+50`, `-20`, `−20`, `1 000`.
pub fn parse_change(text: &str) -> Option<i64> {
    let text: String = text
        .trim()
        .replace('\u{2212}', "-")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let digits = text.strip_prefix(['+', '-']).unwrap_or(&text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.trim_start_matches('+').parse().ok()
}

/// The order form's fields: the use case's field, the form's, the label.
pub(super) const ORDER_FIELDS: [(&str, &str, &str); 5] = [
    ("offering", "offering", "accounts.field.offering"),
    (
        "administration_id",
        "administration_id",
        "accounts.field.administration",
    ),
    (
        "quantity_change",
        "quantity_change",
        "accounts.field.quantity_change",
    ),
    (
        "effective_on",
        "effective_on",
        "accounts.field.effective_on",
    ),
    ("note", "note", "accounts.field.note"),
];

pub(super) fn where_to(member: &MemberRecord, done: &str) -> String {
    format!("/member/subscriptions?member={}&done={done}", member.code)
}

/// POST /member/orders
pub async fn place_order(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<OrderForm>,
) -> Response {
    let t = &user.tr;
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, t.t("admin.csrf").into());
    }
    let member = match member_page(&state, &user, Some(&form.member)).await {
        Ok(member) => member,
        Err(refusal) => return refusal,
    };
    if !user
        .scope
        .has_role_in(MemberId(member.id), MemberRole::Orderer)
    {
        return error_page(
            &user,
            StatusCode::FORBIDDEN,
            t.t("accounts.order.only_orderer").into(),
        );
    }
    let mut errors = Problems::default();
    let label = |key: &str| t.t(key).to_owned();
    if form.offering.trim().is_empty() {
        errors.push_labelled(
            "offering",
            label("accounts.field.offering"),
            label("accounts.msg.no_offering"),
        );
    }
    let administration = match form.administration_id.trim() {
        "" => {
            errors.push_labelled(
                "administration_id",
                label("accounts.field.administration"),
                label("accounts.msg.no_administration"),
            );
            None
        }
        id => match id.parse::<Uuid>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push_labelled(
                    "administration_id",
                    label("accounts.field.administration"),
                    label("accounts.msg.no_administration"),
                );
                None
            }
        },
    };
    let change = parse_change(&form.quantity_change);
    if change.is_none() {
        errors.push_labelled(
            "quantity_change",
            label("accounts.field.quantity_change"),
            label("accounts.msg.whole_number"),
        );
    }
    let (Some(administration), Some(change), true) = (administration, change, errors.is_empty())
    else {
        return refused_order(&state, &user, member, form, errors).await;
    };
    let placed = state
        .app
        .place_order(
            &user.scope,
            &member.code,
            OrderInput {
                offering: form.offering.trim().to_owned(),
                administration_id: administration,
                quantity_change: change,
                effective_on: form.effective_on.trim().to_owned(),
                note: form.note.clone(),
            },
        )
        .await;
    match placed {
        Ok(d) if d.order.status == "applied" => {
            Redirect::to(&where_to(&member, "applied")).into_response()
        }
        Ok(_) => Redirect::to(&where_to(&member, "waiting")).into_response(),
        Err(AppError::Invalid(list)) => {
            let mut errors = problems(t, list, &ORDER_FIELDS);
            errors.order(&ORDER_FIELDS.map(|(_, form, _)| form));
            refused_order(&state, &user, member, form, errors).await
        }
        Err(e) => failed(&user, e),
    }
}

pub(super) async fn refused_order(
    state: &AppState,
    user: &UiUser,
    member: MemberRecord,
    form: OrderForm,
    errors: Problems,
) -> Response {
    let outcome = Outcome {
        form: Some(form),
        errors,
        notice: None,
        alert: None,
        status: StatusCode::UNPROCESSABLE_ENTITY,
    };
    render_subscriptions(state, user, member, outcome).await
}

/// POST /member/orders/{id}/withdraw
pub async fn withdraw(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<Uuid>,
    Form(form): Form<WithdrawForm>,
) -> Response {
    let t = &user.tr;
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, t.t("admin.csrf").into());
    }
    let member = match member_page(&state, &user, Some(&form.member)).await {
        Ok(member) => member,
        Err(refusal) => return refusal,
    };
    let Ok(version) = form.version.trim().parse::<i64>() else {
        return stale_order(&state, &user, member).await;
    };
    match state
        .app
        .cancel_order(&user.scope, &member.code, id, version)
        .await
    {
        Ok(_) => Redirect::to(&where_to(&member, "withdrawn")).into_response(),
        Err(AppError::Stale | AppError::Conflict(_)) => stale_order(&state, &user, member).await,
        Err(e) => failed(&user, e),
    }
}

/// The page again, fresh, saying the order changed since it was shown.
pub(super) async fn stale_order(state: &AppState, user: &UiUser, member: MemberRecord) -> Response {
    let outcome = Outcome {
        alert: Some("accounts.stale"),
        status: StatusCode::CONFLICT,
        ..Outcome::fresh(None)
    };
    render_subscriptions(state, user, member, outcome).await
}
