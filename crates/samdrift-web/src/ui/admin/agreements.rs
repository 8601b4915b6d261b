//! Agreements (avtal) per member: a read-only summary of each (see
//! [`super::agreement_view`]) and a form that takes a new agreement as JSON,
//! prefilled with a valid example. A JSON mistake is shown with its line
//! and column; a refused agreement with the path of each problem.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, page};
use super::agreement_view::{AgreementView, Names, view};
use super::problems::refused;
use super::{Access, Choice, Problems, Saved, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_domain::agreement::{AgreementSpec, EntrySpec, TargetSpec};
use samdrift_domain::priority::Priority;
use samdrift_domain::sla::ClockKind;
use samdrift_domain::sla::penalty::PenaltyRule;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AgreementForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    member: String,
    #[serde(default)]
    spec: String,
}

pub struct MemberAgreements {
    pub member: String,
    pub agreements: Vec<AgreementView>,
}

#[derive(Template)]
#[template(path = "admin_agreements.html")]
struct AgreementsPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    members: Vec<MemberAgreements>,
    member_choices: Vec<Choice>,
    no_calendar: bool,
    form: AgreementForm,
}

/// A valid agreement for `year`, its targets counted in `calendar`.
pub fn example(year: i16, calendar: Uuid) -> String {
    let target = |response: i64, resolution: i64| TargetSpec {
        response_seconds: response,
        resolution_seconds: resolution,
        calendar_id: calendar,
    };
    let targets = [(900, 4), (1800, 8), (3600, 24), (14_400, 40)];
    let spec = AgreementSpec {
        name: format!("Avtal {year}"),
        valid_from: format!("{year}-01-01"),
        valid_to: format!("{year}-12-31"),
        entries: vec![EntrySpec {
            service: None,
            targets: Priority::ALL
                .iter()
                .zip(targets)
                .map(|(p, (r, h))| (p.as_str().to_owned(), target(r, h * 3600)))
                .collect(),
            pause_on_waiting_for_supplier: true,
            warning_percent: 75,
            availability_target_bp: None,
            availability_calendar_id: None,
            monthly_fee_ore: 2_500_000,
            planned_notice_days: 5,
            penalties: vec![PenaltyRule::ComplianceShare {
                clock: ClockKind::Resolution,
                priorities: vec![Priority::P1, Priority::P2],
                threshold_bp: 9000,
                per_point_bp: 100,
                cap_bp: 1000,
            }],
        }],
    };
    serde_json::to_string_pretty(&spec).unwrap_or_default()
}

async fn render(
    state: &AppState,
    user: &UiUser,
    form: Option<AgreementForm>,
    errors: Problems,
    saved: bool,
) -> Response {
    let t = &user.tr;
    let app = &state.app;
    let loaded = async {
        let members = app.members(&user.scope).await?;
        let calendars = app.calendars(&user.scope).await?;
        let services = app.services(&user.scope).await?;
        let agreements = app.agreements(&user.scope, None).await?;
        Ok::<_, AppError>((members, calendars, services, agreements))
    };
    let (members, calendars, services, agreements) = match loaded.await {
        Ok(loaded) => loaded,
        Err(e) => {
            return crate::ui::failure(user, e);
        }
    };
    let names = Names {
        calendars: calendars.iter().map(|c| (c.id, c.name.clone())).collect(),
        services: services.into_iter().map(|s| (s.code, s.name)).collect(),
    };
    let grouped = members
        .iter()
        .map(|m| MemberAgreements {
            member: format!("{} – {}", m.code, m.name),
            agreements: agreements
                .iter()
                .filter(|(r, _)| r.member_id == m.id)
                .map(|(_, spec)| view(t, spec, &names))
                .collect(),
        })
        .collect();
    let mut member_choices = vec![Choice::new("", t.t("admin.choose"))];
    member_choices.extend(
        members
            .iter()
            .map(|m| Choice::new(m.code.clone(), format!("{} – {}", m.code, m.name))),
    );
    let form = form.unwrap_or_else(|| {
        let year = jiff::tz::TimeZone::UTC.to_datetime(app.clock.now()).year();
        let calendar = calendars.first().map(|c| c.id).unwrap_or_default();
        AgreementForm {
            spec: example(year, calendar),
            ..AgreementForm::default()
        }
    });
    page(
        errors.status(),
        &AgreementsPage {
            frame: frame(user, "/admin/agreements"),
            t: user.tr,
            sections: sections(user, "/admin/agreements"),
            errors,
            saved,
            members: grouped,
            member_choices,
            no_calendar: calendars.is_empty(),
            form,
        },
    )
}

/// GET /admin/agreements
pub async fn list(State(state): State<AppState>, user: UiUser, Query(q): Query<Saved>) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    render(&state, &user, None, Problems::default(), q.shown()).await
}

/// A JSON mistake with its line and column, in the user's language.
fn json_problem(t: &Tr, e: &serde_json::Error) -> String {
    let text = e.to_string();
    let what = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(w, _)| w);
    t.t("admin.msg.json")
        .replace("{line}", &e.line().to_string())
        .replace("{column}", &e.column().to_string())
        .replace("{what}", what)
}

/// POST /admin/agreements
pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<AgreementForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let t = &user.tr;
    let spec = match serde_json::from_str::<AgreementSpec>(&form.spec) {
        Ok(spec) => spec,
        Err(e) => {
            let mut errors = Problems::default();
            errors.push(t, "spec", json_problem(t, &e));
            return render(&state, &user, Some(form), errors, false).await;
        }
    };
    let member = form.member.trim().to_owned();
    match state
        .app
        .save_agreement(&user.scope, &member, None, spec)
        .await
    {
        Ok(_) => Redirect::to("/admin/agreements?saved=1").into_response(),
        Err(e) => match refused(&user, e, &[("spec", "spec"), ("member", "member")], "spec") {
            Ok(errors) => render(&state, &user, Some(form), errors, false).await,
            Err(page) => *page,
        },
    }
}
