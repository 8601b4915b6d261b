//! The invoice basis of a month: each line with its arithmetic, the
//! totals per administration, and the warnings the use case gave.

use super::*;

/// One invoice line as shown.
pub struct LineView {
    pub kind: String,
    pub administration: String,
    pub reference: String,
    pub description: String,
    pub quantity: String,
    pub days: String,
    pub unit_price: String,
    pub amount: String,
    pub explanation: String,
    pub credit: bool,
}

pub(super) fn line_view(t: &Tr, line: &InvoiceLine) -> LineView {
    let (quantity, unit_price) = match line.kind {
        LineKind::Subscription => (
            line.quantity.to_string(),
            t.t("accounts.per_year")
                .replace("{price}", &t.money(line.unit_price_ore)),
        ),
        LineKind::Work => (
            format!("{} min", line.quantity),
            t.t("accounts.per_hour")
                .replace("{price}", &t.money(line.unit_price_ore)),
        ),
        LineKind::Request | LineKind::Credit => {
            (line.quantity.to_string(), t.money(line.unit_price_ore))
        }
    };
    LineView {
        kind: word(t, "accounts.kind", line.kind.as_str()),
        administration: line.administration.clone().unwrap_or_default(),
        reference: line.reference.clone(),
        description: line.description.clone(),
        quantity,
        days: match (line.active_days, line.month_days) {
            (Some(a), Some(m)) => format!("{a}/{m}"),
            _ => String::new(),
        },
        unit_price,
        amount: t.money(line.amount_ore),
        explanation: say(t, &line.explanation),
        credit: line.kind == LineKind::Credit,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct InvoiceQuery {
    #[serde(default)]
    member: Option<String>,
    #[serde(default)]
    month: Option<String>,
}

#[derive(Template)]
#[template(path = "member_accounts_invoice.html")]
pub(super) struct InvoicePage {
    frame: Frame,
    t: Tr,
    member: MemberRecord,
    members: Vec<Choice>,
    month: String,
    errors: Problems,
    basis: Option<InvoiceBasis>,
    lines: Vec<LineView>,
    warnings: Vec<String>,
}

/// GET /member/invoice
pub async fn invoice(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<InvoiceQuery>,
) -> Response {
    let t = &user.tr;
    let member = match member_page(&state, &user, q.member.as_deref()).await {
        Ok(member) => member,
        Err(refusal) => return refusal,
    };
    let today = today(&state);
    let month = q
        .month
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| format!("{:04}-{:02}", today.year(), today.month()));
    let (basis, errors) = match state.app.invoice(&user.scope, &member.code, &month).await {
        Ok(b) => (Some(b), Problems::default()),
        Err(AppError::Invalid(list)) => (
            None,
            problems(t, list, &[("month", "month", "accounts.field.month")]),
        ),
        Err(e) => return failed(&user, e),
    };
    let lines = basis
        .as_ref()
        .map(|b| b.lines.iter().map(|l| line_view(t, l)).collect())
        .unwrap_or_default();
    let warnings = basis
        .as_ref()
        .map(|b| b.warnings.iter().map(|w| say(t, w)).collect())
        .unwrap_or_default();
    let members = match member_choices(&state, &user).await {
        Ok(members) => members,
        Err(e) => return crate::ui::failure(&user, e),
    };
    page(
        errors.status(),
        &InvoicePage {
            frame: Frame::of(&user, "/member/invoice"),
            t: user.tr,
            members,
            member,
            month,
            errors,
            basis,
            lines,
            warnings,
        },
    )
}
