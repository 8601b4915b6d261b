//! Calendars (servicetider): the list with each calendar's id (agreements
//! refer to it), weekly hours, holidays and exceptions, and a form for a
//! new calendar (see [`super::calendar_form`] for how the form is read).

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, page};
use super::calendar_form::{CalendarForm, WEEKDAY_KEYS, place, to_spec};
use super::problems::refused;
use super::{Access, Problems, Saved, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::queries::records::CalendarRecord;
use samdrift_domain::calendar::CalendarSpec;

pub struct CalendarRow {
    pub id: String,
    pub name: String,
    pub time_zone: String,
    /// One line per open weekday: `Monday 08:00–12:00, 12:45–16:30`.
    pub hours: Vec<String>,
    pub holidays: &'static str,
    pub exceptions: usize,
}

/// One weekday's input.
pub struct DayInput {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
}

#[derive(Template)]
#[template(path = "admin_calendars.html")]
struct CalendarsPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    calendars: Vec<CalendarRow>,
    days: Vec<DayInput>,
    form: CalendarForm,
}

fn row(t: &Tr, record: &CalendarRecord) -> CalendarRow {
    let spec = serde_json::from_str::<CalendarSpec>(&record.spec).ok();
    let hours = WEEKDAY_KEYS
        .iter()
        .filter_map(|key| {
            let intervals = spec.as_ref()?.weekly_hours.get(*key)?;
            let text: Vec<String> = intervals.iter().map(|pair| pair.join("–")).collect();
            (!text.is_empty())
                .then(|| format!("{} {}", t.t(&format!("admin.field.{key}")), text.join(", ")))
        })
        .collect();
    let holidays = match spec.as_ref().and_then(|s| s.holidays.as_ref()) {
        Some(h) if h.country.is_some() && h.de_facto => "admin.calendars.holidays_de_facto",
        Some(h) if h.country.is_some() => "admin.calendars.holidays_se",
        _ => "admin.calendars.holidays_none",
    };
    CalendarRow {
        id: record.id.to_string(),
        name: record.name.clone(),
        time_zone: spec
            .as_ref()
            .map(|s| s.time_zone.clone())
            .unwrap_or_default(),
        hours,
        holidays: t.t(holidays),
        exceptions: spec.as_ref().map_or(0, |s| s.exceptions.len()),
    }
}

async fn render(
    state: &AppState,
    user: &UiUser,
    form: CalendarForm,
    mut errors: Problems,
    saved: bool,
) -> Response {
    let t = &user.tr;
    let mut order = vec!["name", "time_zone", "weekly_hours"];
    order.extend(WEEKDAY_KEYS);
    order.extend(["holidays", "de_facto", "exceptions"]);
    errors.order(&order);
    let calendars = match state.app.calendars(&user.scope).await {
        Ok(list) => list.iter().map(|c| row(t, c)).collect(),
        Err(e) => {
            return crate::ui::failure(user, e);
        }
    };
    let days = WEEKDAY_KEYS
        .iter()
        .map(|key| DayInput {
            key,
            label: t.t(&format!("admin.field.{key}")),
            value: form.day(key).to_owned(),
        })
        .collect();
    page(
        errors.status(),
        &CalendarsPage {
            frame: frame(user, "/admin/calendars"),
            t: user.tr,
            sections: sections(user, "/admin/calendars"),
            errors,
            saved,
            calendars,
            days,
            form,
        },
    )
}

/// GET /admin/calendars
pub async fn list(State(state): State<AppState>, user: UiUser, Query(q): Query<Saved>) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    render(
        &state,
        &user,
        CalendarForm::fresh(),
        Problems::default(),
        q.shown(),
    )
    .await
}

/// POST /admin/calendars
pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<CalendarForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let t = &user.tr;
    let mut problems = Problems::default();
    let (spec, origins) = to_spec(t, &form, &mut problems);
    if !problems.is_empty() {
        if let Err(errors) = spec.validate() {
            place(t, errors, &origins, &mut problems);
        }
        return render(&state, &user, form, problems, false).await;
    }
    match state.app.create_calendar(&user.scope, spec).await {
        Ok(_) => Redirect::to("/admin/calendars?saved=1").into_response(),
        Err(AppError::Invalid(errors)) => {
            place(t, errors, &origins, &mut problems);
            render(&state, &user, form, problems, false).await
        }
        Err(e) => match refused(&user, e, &[("name", "name")], "name") {
            Ok(problems) => render(&state, &user, form, problems, false).await,
            Err(page) => *page,
        },
    }
}
