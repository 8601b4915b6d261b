//! The service catalog as its keepers (managers and admins) keep it: the
//! services grouped by family with their owner, dependencies and offerings
//! with each year's price; forms that change a service's family, owner,
//! dependencies and description, create an offering, set an offering's
//! price for a year and set the hourly rate for a year.
//!
//! Money is typed in kronor (`9 000`, `9000,50`) and turned into öre
//! exactly by [`kronor`]; more than two decimals is refused, never rounded.

use super::super::catalog::accounts::{UNITS, problems, word};
use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, error_page, page};
use super::{Access, Choice, Problems, Saved, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::catalog::offerings::{Catalog, OfferingInput};
use serde::Deserialize;

/// Kronor as typed (`9 000`, `9000,50`, `9 000 kr`, `12.5`) in öre,
/// exactly; the error is the catalog key of what is wrong.
pub fn kronor(text: &str) -> Result<i64, &'static str> {
    let not_money = "admin.catalog.msg.kronor";
    let text: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let text = text
        .strip_suffix("kr")
        .or_else(|| text.strip_suffix(":-"))
        .unwrap_or(&text);
    let (whole, fraction) = match text.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (text.contains([',', '.']) && !digits(fraction)) {
        return Err(not_money);
    }
    if fraction.len() > 2 {
        return Err("admin.catalog.msg.decimals");
    }
    let too_large = "admin.catalog.msg.too_large";
    let whole: i64 = whole.parse().map_err(|_| too_large)?;
    let fraction: i64 = format!("{fraction:0<2}").parse().map_err(|_| not_money)?;
    whole
        .checked_mul(100)
        .and_then(|o| o.checked_add(fraction))
        .ok_or(too_large)
}

/// A year as typed; the error is the catalog key.
pub fn year(text: &str) -> Result<i64, &'static str> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or("accounts.msg.year")
}

/// A use case's refusal of a catalog form: its field errors on the form's
/// fields (`fields` as in [`problems`]), a code already taken on `taken`;
/// anything else as an error page.
pub fn refusal(
    user: &UiUser,
    err: AppError,
    fields: &[(&str, &str, &str)],
    taken: (&str, &str),
) -> Result<Problems, Box<Response>> {
    let t = &user.tr;
    match err {
        AppError::Invalid(list) => Ok(problems(t, list, fields)),
        AppError::Conflict(_) => {
            let mut p = Problems::default();
            p.push_labelled(
                taken.0,
                t.t(taken.1).to_owned(),
                t.t("admin.msg.taken").into(),
            );
            Ok(p)
        }
        AppError::Forbidden(_) => Err(Box::new(error_page(
            user,
            StatusCode::FORBIDDEN,
            t.t("admin.forbidden").into(),
        ))),
        AppError::NotFound(_) => Err(Box::new(error_page(
            user,
            StatusCode::NOT_FOUND,
            t.t("admin.not_found").into(),
        ))),
        other => Err(Box::new(crate::ui::failure(user, other))),
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OfferingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    contents: String,
    #[serde(default)]
    service_levels: String,
    /// A checkbox: `on` when ticked.
    #[serde(default)]
    active: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PriceForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    offering: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    price: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RateForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    rate: String,
}

/// A service's catalog form as sent: the checkboxes `depends_on` come once
/// per ticked service, so the form is read as name-value pairs.
#[derive(Debug, Clone, Default)]
pub struct ServiceForm {
    code: String,
    csrf: String,
    family: String,
    owner: String,
    description: String,
    version: String,
    depends_on: Vec<String>,
}

impl ServiceForm {
    fn read(code: String, pairs: Vec<(String, String)>) -> ServiceForm {
        let mut form = ServiceForm {
            code,
            ..ServiceForm::default()
        };
        for (name, value) in pairs {
            match name.as_str() {
                "csrf" => form.csrf = value,
                "family" => form.family = value,
                "owner" => form.owner = value,
                "description" => form.description = value,
                "version" => form.version = value,
                "depends_on" => form.depends_on.push(value),
                _ => {}
            }
        }
        form
    }
}

/// One offering of a service as listed.
pub struct OfferingView {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub active: bool,
    pub contents: Vec<String>,
    pub prices: Vec<Choice>,
}

/// A service another may depend on, ticked or not.
pub struct Dependency {
    pub code: String,
    pub name: String,
    pub checked: bool,
}

/// One service with its offerings and its form.
pub struct ServiceView {
    pub code: String,
    pub name: String,
    pub owner: String,
    pub description: String,
    pub depends_on: String,
    pub offerings: Vec<OfferingView>,
    /// The form's values: the stored ones, or what was typed.
    pub family: String,
    pub owner_value: String,
    pub description_value: String,
    pub version: i64,
    pub dependencies: Vec<Dependency>,
    /// Open when the form came back.
    pub open: bool,
    /// The form fields' names in the page's problems.
    pub f_family: String,
    pub f_owner: String,
    pub f_description: String,
    pub f_depends_on: String,
}

pub struct FamilyView {
    pub name: String,
    pub services: Vec<ServiceView>,
}

#[derive(Template)]
#[template(path = "admin_catalog.html")]
struct CatalogPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    stale: Option<String>,
    families: Vec<FamilyView>,
    services: Vec<Choice>,
    units: Vec<Choice>,
    offerings: Vec<Choice>,
    rates: Vec<Choice>,
    offering: OfferingForm,
    price: PriceForm,
    rate: RateForm,
}

/// The forms of the page: what was typed in the one sent, fresh defaults
/// in the others.
struct Forms {
    offering: OfferingForm,
    price: PriceForm,
    rate: RateForm,
    service: Option<ServiceForm>,
}

impl Forms {
    fn fresh(state: &AppState) -> Forms {
        let next = (super::super::catalog::accounts::today(state).year() + 1).to_string();
        Forms {
            offering: OfferingForm {
                unit: "workstation".into(),
                active: "on".into(),
                ..OfferingForm::default()
            },
            price: PriceForm {
                year: next.clone(),
                ..PriceForm::default()
            },
            rate: RateForm {
                year: next,
                ..RateForm::default()
            },
            service: None,
        }
    }
}

fn field(name: &str, code: &str) -> String {
    format!("{name}-{code}")
}

fn families(
    t: &Tr,
    catalog: &Catalog,
    typed: Option<&ServiceForm>,
    open: Option<&str>,
) -> Vec<FamilyView> {
    let mut out: Vec<FamilyView> = Vec::new();
    for s in &catalog.services {
        let code = &s.service.code;
        let name_of = |c: &str| {
            catalog
                .services
                .iter()
                .find(|x| x.service.code == c)
                .map(|x| format!("{} ({c})", x.service.name))
                .unwrap_or_else(|| c.to_owned())
        };
        let form = typed.filter(|f| &f.code == code);
        let chosen: &[String] = form
            .map(|f| f.depends_on.as_slice())
            .unwrap_or(&s.depends_on);
        let view = ServiceView {
            code: code.clone(),
            name: s.service.name.clone(),
            owner: s.service.owner.clone(),
            description: s.service.description.clone(),
            depends_on: s
                .depends_on
                .iter()
                .map(|c| name_of(c))
                .collect::<Vec<_>>()
                .join(", "),
            offerings: s
                .offerings
                .iter()
                .map(|o| {
                    let mut prices = o.prices.clone();
                    prices.sort();
                    OfferingView {
                        code: o.offering.code.clone(),
                        name: o.offering.name.clone(),
                        unit: word(t, "accounts.unit", &o.offering.unit),
                        active: o.offering.active,
                        contents: o.contents.clone(),
                        prices: prices
                            .into_iter()
                            .map(|(y, p)| Choice::new(y.to_string(), t.money(p)))
                            .collect(),
                    }
                })
                .collect(),
            family: form
                .map(|f| f.family.clone())
                .unwrap_or_else(|| s.service.family.clone()),
            owner_value: form
                .map(|f| f.owner.clone())
                .unwrap_or_else(|| s.service.owner.clone()),
            description_value: form
                .map(|f| f.description.clone())
                .unwrap_or_else(|| s.service.description.clone()),
            version: s.service.version,
            dependencies: catalog
                .services
                .iter()
                .filter(|o| &o.service.code != code)
                .map(|o| Dependency {
                    checked: chosen.contains(&o.service.code),
                    code: o.service.code.clone(),
                    name: o.service.name.clone(),
                })
                .collect(),
            open: form.is_some() || open == Some(code.as_str()),
            f_family: field("family", code),
            f_owner: field("owner", code),
            f_description: field("description", code),
            f_depends_on: field("depends_on", code),
        };
        let family = s.service.family.clone();
        match out.iter_mut().find(|f| f.name == family) {
            Some(f) => f.services.push(view),
            None => out.push(FamilyView {
                name: family,
                services: vec![view],
            }),
        }
    }
    for f in out.iter_mut().filter(|f| f.name.is_empty()) {
        f.name = t.t("admin.catalog.no_family").to_owned();
    }
    out
}

async fn render(
    state: &AppState,
    user: &UiUser,
    forms: Forms,
    errors: Problems,
    saved: bool,
    stale: Option<String>,
) -> Response {
    let t = &user.tr;
    let catalog = match state.app.catalog().await {
        Ok(c) => c,
        Err(e) => {
            return crate::ui::failure(user, e);
        }
    };
    let mut services = vec![Choice::new("", t.t("admin.choose"))];
    services.extend(catalog.services.iter().map(|s| {
        Choice::new(
            s.service.code.clone(),
            format!("{} ({})", s.service.name, s.service.code),
        )
    }));
    let units = UNITS
        .iter()
        .map(|u| Choice::new(*u, word(t, "accounts.unit", u)))
        .collect();
    let mut offerings = vec![Choice::new("", t.t("admin.choose"))];
    offerings.extend(
        catalog
            .services
            .iter()
            .flat_map(|s| s.offerings.iter())
            .map(|o| {
                Choice::new(
                    o.offering.code.clone(),
                    format!("{} – {}", o.offering.code, o.offering.name),
                )
            }),
    );
    let mut rates = catalog.hourly_rates.clone();
    rates.sort();
    let rates = rates
        .into_iter()
        .map(|(y, r)| Choice::new(y.to_string(), t.money(r)))
        .collect();
    let status = if stale.is_some() {
        StatusCode::CONFLICT
    } else {
        errors.status()
    };
    page(
        status,
        &CatalogPage {
            frame: frame(user, "/admin/catalog"),
            t: user.tr,
            sections: sections(user, "/admin/catalog"),
            families: families(t, &catalog, forms.service.as_ref(), stale.as_deref()),
            errors,
            saved,
            stale,
            services,
            units,
            offerings,
            rates,
            offering: forms.offering,
            price: forms.price,
            rate: forms.rate,
        },
    )
}

/// GET /admin/catalog
pub async fn list(State(state): State<AppState>, user: UiUser, Query(q): Query<Saved>) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    render(
        &state,
        &user,
        Forms::fresh(&state),
        Problems::default(),
        q.shown(),
        None,
    )
    .await
}

fn saved() -> Response {
    Redirect::to("/admin/catalog?saved=1").into_response()
}

/// POST /admin/catalog/services/{code}
pub async fn update_service(
    State(state): State<AppState>,
    user: UiUser,
    Path(code): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let form = ServiceForm::read(code, pairs);
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let forms = |form: ServiceForm| Forms {
        service: Some(form),
        ..Forms::fresh(&state)
    };
    let Ok(version) = form.version.trim().parse::<i64>() else {
        let code = form.code.clone();
        return render(
            &state,
            &user,
            Forms::fresh(&state),
            Problems::default(),
            false,
            Some(code),
        )
        .await;
    };
    let updated = state
        .app
        .update_service_catalog(
            &user.scope,
            &form.code,
            &form.family,
            &form.owner,
            &form.description,
            &form.depends_on,
            version,
        )
        .await;
    match updated {
        Ok(_) => saved(),
        Err(AppError::Stale) => {
            let code = form.code.clone();
            render(
                &state,
                &user,
                Forms::fresh(&state),
                Problems::default(),
                false,
                Some(code),
            )
            .await
        }
        Err(AppError::Invalid(mut list)) => {
            for e in list.iter_mut() {
                if e.field.starts_with("depends_on") {
                    e.field = "depends_on".into();
                }
            }
            let code = form.code.clone();
            let (family, owner, description, depends_on) = (
                field("family", &code),
                field("owner", &code),
                field("description", &code),
                field("depends_on", &code),
            );
            let fields = [
                ("family", family.as_str(), "admin.catalog.field.family"),
                ("owner", owner.as_str(), "admin.catalog.field.owner"),
                (
                    "description",
                    description.as_str(),
                    "admin.field.description",
                ),
                (
                    "depends_on",
                    depends_on.as_str(),
                    "admin.catalog.field.depends_on",
                ),
            ];
            let errors = problems(&user.tr, list, &fields);
            render(&state, &user, forms(form), errors, false, None).await
        }
        Err(e) => match refusal(&user, e, &[], ("family", "admin.catalog.field.family")) {
            Ok(errors) => render(&state, &user, forms(form), errors, false, None).await,
            Err(page) => *page,
        },
    }
}

const OFFERING_FIELDS: [(&str, &str, &str); 7] = [
    ("service", "service", "admin.catalog.field.service"),
    ("code", "code", "admin.field.code"),
    ("name", "name", "admin.field.name"),
    ("unit", "unit", "admin.catalog.field.unit"),
    ("description", "description", "admin.field.description"),
    ("contents", "contents", "admin.catalog.field.contents"),
    (
        "service_levels",
        "service_levels",
        "admin.catalog.field.service_levels",
    ),
];

/// POST /admin/catalog/offerings
pub async fn create_offering(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<OfferingForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let input = OfferingInput {
        service: form.service.trim().to_owned(),
        code: form.code.trim().to_owned(),
        name: form.name.clone(),
        unit: form.unit.clone(),
        description: form.description.trim().to_owned(),
        contents: form
            .contents
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        service_levels: form.service_levels.trim().to_owned(),
        active: !form.active.is_empty(),
    };
    match state.app.create_offering(&user.scope, input).await {
        Ok(_) => saved(),
        Err(e) => match refusal(&user, e, &OFFERING_FIELDS, ("code", "admin.field.code")) {
            Ok(mut errors) => {
                errors.order(&OFFERING_FIELDS.map(|(_, f, _)| f));
                let forms = Forms {
                    offering: form,
                    ..Forms::fresh(&state)
                };
                render(&state, &user, forms, errors, false, None).await
            }
            Err(page) => *page,
        },
    }
}

/// POST /admin/catalog/prices
pub async fn set_price(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<PriceForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let t = &user.tr;
    let mut errors = Problems::default();
    let label = |key: &str| t.t(key).to_owned();
    let offering = form.offering.trim();
    if offering.is_empty() {
        errors.push_labelled(
            "price_offering",
            label("admin.catalog.field.offering"),
            label("admin.catalog.msg.choose_offering"),
        );
    }
    let year = year(&form.year).map_err(|key| {
        errors.push_labelled("price_year", label("accounts.field.year"), label(key));
    });
    let price = kronor(&form.price).map_err(|key| {
        errors.push_labelled("price", label("admin.catalog.field.price"), label(key));
    });
    let back = |errors: Problems, form: PriceForm| {
        let forms = Forms {
            price: form,
            ..Forms::fresh(&state)
        };
        render(&state, &user, forms, errors, false, None)
    };
    let (Ok(year), Ok(price), true) = (year, price, errors.is_empty()) else {
        return back(errors, form).await;
    };
    match state
        .app
        .set_offering_price(&user.scope, offering, year, price)
        .await
    {
        Ok(()) => saved(),
        Err(AppError::NotFound(_)) => {
            errors.push_labelled(
                "price_offering",
                label("admin.catalog.field.offering"),
                label("admin.catalog.msg.choose_offering"),
            );
            back(errors, form).await
        }
        Err(e) => {
            let fields = [
                ("year", "price_year", "accounts.field.year"),
                ("price_ore", "price", "admin.catalog.field.price"),
            ];
            match refusal(&user, e, &fields, ("price", "admin.catalog.field.price")) {
                Ok(errors) => back(errors, form).await,
                Err(page) => *page,
            }
        }
    }
}

/// POST /admin/catalog/hourly-rates
pub async fn set_hourly_rate(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<RateForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let t = &user.tr;
    let mut errors = Problems::default();
    let label = |key: &str| t.t(key).to_owned();
    let year = year(&form.year).map_err(|key| {
        errors.push_labelled("rate_year", label("accounts.field.year"), label(key));
    });
    let rate = kronor(&form.rate).map_err(|key| {
        errors.push_labelled("rate", label("admin.catalog.field.rate"), label(key));
    });
    let back = |errors: Problems, form: RateForm| {
        let forms = Forms {
            rate: form,
            ..Forms::fresh(&state)
        };
        render(&state, &user, forms, errors, false, None)
    };
    let (Ok(year), Ok(rate), true) = (year, rate, errors.is_empty()) else {
        return back(errors, form).await;
    };
    match state.app.set_hourly_rate(&user.scope, year, rate).await {
        Ok(()) => saved(),
        Err(e) => {
            let fields = [
                ("year", "rate_year", "accounts.field.year"),
                ("rate_ore", "rate", "admin.catalog.field.rate"),
            ];
            match refusal(&user, e, &fields, ("rate", "admin.catalog.field.rate")) {
                Ok(errors) => back(errors, form).await,
                Err(page) => *page,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kronor_become_ore_exactly() {
        assert_eq!(kronor("9 000"), Ok(900_000));
        assert_eq!(kronor("9000,50"), Ok(900_050));
        assert_eq!(kronor("9\u{a0}000,5 kr"), Ok(900_050));
        assert_eq!(kronor("12.05"), Ok(1205));
        assert_eq!(kronor("0"), Ok(0));
        assert_eq!(kronor("950:-"), Ok(95_000));
        assert_eq!(kronor("9,001"), Err("admin.catalog.msg.decimals"));
        assert_eq!(kronor("9000,505"), Err("admin.catalog.msg.decimals"));
        assert_eq!(kronor(""), Err("admin.catalog.msg.kronor"));
        assert_eq!(kronor("-5"), Err("admin.catalog.msg.kronor"));
        assert_eq!(kronor("9,"), Err("admin.catalog.msg.kronor"));
        assert_eq!(kronor("1,2,3"), Err("admin.catalog.msg.kronor"));
        assert_eq!(kronor("nio"), Err("admin.catalog.msg.kronor"));
        assert_eq!(
            kronor("99999999999999999999"),
            Err("admin.catalog.msg.too_large")
        );
        assert_eq!(
            kronor("92233720368547759"),
            Err("admin.catalog.msg.too_large")
        );
    }

    #[test]
    fn a_year_is_within_the_catalogs_range() {
        assert_eq!(year(" 2028 "), Ok(2028));
        assert_eq!(year("1999"), Err("accounts.msg.year"));
        assert_eq!(year("tjugo"), Err("accounts.msg.year"));
    }
}
