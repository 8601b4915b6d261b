//! The budget proposal for a year: lines per offering, sums per service
//! and per administration, with the orders still waiting applied.

use super::*;

/// One budget line as shown.
pub struct BudgetLineView {
    pub service: String,
    pub offering: String,
    pub administration: String,
    pub quantity: i64,
    pub unit_price: String,
    pub amount: String,
}

/// A sum per service or administration as shown.
pub struct Sum {
    pub label: String,
    pub amount: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct BudgetQuery {
    #[serde(default)]
    member: Option<String>,
    #[serde(default)]
    year: Option<String>,
}

#[derive(Template)]
#[template(path = "member_accounts_budget.html")]
pub(super) struct BudgetPage {
    frame: Frame,
    t: Tr,
    member: MemberRecord,
    members: Vec<Choice>,
    year: String,
    errors: Problems,
    budget: Option<Budget>,
    lines: Vec<BudgetLineView>,
    per_service: Vec<Sum>,
    per_administration: Vec<Sum>,
    warnings: Vec<String>,
    invoice_month: String,
}

pub(super) fn budget_views(
    t: &Tr,
    catalog: &Catalog,
    b: &Budget,
) -> (Vec<BudgetLineView>, Vec<Sum>, Vec<Sum>) {
    let lines = b
        .lines
        .iter()
        .map(|l| {
            let mut unit_price = t
                .t("accounts.per_year")
                .replace("{price}", &t.money(l.unit_price_ore));
            if l.price_year != b.year {
                unit_price.push(' ');
                unit_price.push_str(
                    &t.t("accounts.budget.price_from")
                        .replace("{year}", &l.price_year.to_string()),
                );
            }
            BudgetLineView {
                service: service_name(catalog, &l.service_code),
                offering: format!("{} {}", l.offering_code, l.offering_name),
                administration: l.administration.clone(),
                quantity: l.quantity,
                unit_price,
                amount: t.money(l.amount_ore),
            }
        })
        .collect();
    let per_service = b
        .per_service
        .iter()
        .map(|(code, amount)| Sum {
            label: format!("{} ({code})", service_name(catalog, code)),
            amount: t.money(*amount),
        })
        .collect();
    let per_administration = b
        .per_administration
        .iter()
        .map(|(name, amount)| Sum {
            label: name.clone(),
            amount: t.money(*amount),
        })
        .collect();
    (lines, per_service, per_administration)
}

/// GET /member/budget
pub async fn budget(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<BudgetQuery>,
) -> Response {
    let t = &user.tr;
    let member = match member_page(&state, &user, q.member.as_deref()).await {
        Ok(member) => member,
        Err(refusal) => return refusal,
    };
    let today = today(&state);
    let typed = q
        .year
        .map(|y| y.trim().to_owned())
        .filter(|y| !y.is_empty());
    let mut errors = Problems::default();
    let year = match typed.as_deref().map(str::parse::<i16>) {
        None => Some(today.year() + 1),
        Some(Ok(y)) => Some(y),
        Some(Err(_)) => {
            errors.push_labelled(
                "year",
                t.t("accounts.field.year").to_owned(),
                t.t("accounts.msg.year").to_owned(),
            );
            None
        }
    };
    let mut budget = None;
    if let Some(year) = year {
        match state
            .app
            .budget(&user.scope, &member.code, Some(year))
            .await
        {
            Ok(b) => budget = Some(b),
            Err(AppError::Invalid(list)) => {
                errors = problems(t, list, &[("year", "year", "accounts.field.year")]);
            }
            Err(e) => return failed(&user, e),
        }
    }
    let catalog = match state.app.catalog().await {
        Ok(c) => c,
        Err(e) => return failed(&user, e),
    };
    let (lines, per_service, per_administration) = budget
        .as_ref()
        .map(|b| budget_views(t, &catalog, b))
        .unwrap_or_default();
    let warnings = budget
        .as_ref()
        .map(|b| b.warnings.iter().map(|w| say(t, w)).collect())
        .unwrap_or_default();
    let members = match member_choices(&state, &user).await {
        Ok(members) => members,
        Err(e) => return crate::ui::failure(&user, e),
    };
    page(
        errors.status(),
        &BudgetPage {
            frame: Frame::of(&user, "/member/invoice"),
            t: user.tr,
            members,
            member,
            year: typed.unwrap_or_else(|| (today.year() + 1).to_string()),
            errors,
            budget,
            lines,
            per_service,
            per_administration,
            warnings,
            invoice_month: format!("{:04}-{:02}", today.year(), today.month()),
        },
    )
}
