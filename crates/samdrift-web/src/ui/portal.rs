//! The self-service portal: status messages, my tickets, report a fault.

use super::i18n::Tr;
use super::session::UiUser;
use super::upload::{Refused, Upload, read_file, upload_refused};
use super::{Frame, error_page, failure, page};
use crate::router::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::queries::records::OutageRecord;
use samdrift_app::queries::records::ServiceRecord;
use samdrift_app::queries::records::{TicketFilter, TicketRow};
use samdrift_app::tickets::{NewTicketInput, TicketQuery};
use serde::Deserialize;
use std::collections::HashMap;

pub struct StatusMessage {
    pub planned: bool,
    pub service: String,
    pub starts: String,
    pub ends: Option<String>,
    pub message: String,
}

pub async fn status_messages(
    state: &AppState,
    user: &UiUser,
) -> Result<Vec<StatusMessage>, AppError> {
    let services: HashMap<uuid::Uuid, String> = state
        .app
        .services(&user.scope)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let outages: Vec<(OutageRecord, Vec<uuid::Uuid>)> =
        state.app.status_messages(&user.scope).await?;
    Ok(outages
        .into_iter()
        .map(|(o, _)| StatusMessage {
            planned: o.planned,
            service: services.get(&o.service_id).cloned().unwrap_or_default(),
            starts: user.tr.time(o.starts_at),
            ends: o.ends_at.map(|e| user.tr.time(e)),
            message: o.message,
        })
        .collect())
}

#[derive(Template)]
#[template(path = "portal.html")]
struct PortalPage {
    frame: Frame,
    t: Tr,
    messages: Vec<StatusMessage>,
    tickets: Vec<TicketRow>,
}

pub async fn home(State(state): State<AppState>, user: UiUser) -> Response {
    let messages = match status_messages(&state, &user).await {
        Ok(messages) => messages,
        Err(e) => return failure(&user, e),
    };
    let filter = TicketFilter {
        requester: user.scope.person.map(|p| p.0),
        limit: 100,
        ..Default::default()
    };
    let tickets = match user.scope.person {
        Some(_) => match state
            .app
            .list_tickets(
                &user.scope,
                TicketQuery {
                    member: None,
                    filter,
                },
            )
            .await
        {
            Ok(list) => list.tickets,
            Err(e) => return failure(&user, e),
        },
        None => Vec::new(),
    };
    page(
        StatusCode::OK,
        &PortalPage {
            frame: Frame::of(&user, "/portal"),
            t: user.tr,
            messages,
            tickets,
        },
    )
}

#[derive(Deserialize, Default, Clone)]
pub struct ReportForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    member: String,
    #[serde(default, rename = "type")]
    ticket_type: String,
    #[serde(default)]
    service_id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    impact: String,
    #[serde(default)]
    urgency: String,
    #[serde(default)]
    requester_id: String,
    /// The caller's name and member, when staff report on someone's behalf.
    #[serde(default)]
    caller: String,
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    person: Option<String>,
}

/// A field error in the user's language where the field is known.
fn localize(t: &Tr, field: &str, message: &samdrift_domain::messages::Message) -> String {
    let key = match field {
        "title" => "error.title",
        "member" => "error.member",
        "requester_id" => "error.requester",
        "service_id" => "error.service",
        "impact" | "urgency" | "type" => "error.choice",
        "description" => "error.description",
        _ => return crate::messages::render(t, message),
    };
    t.t(key).to_owned()
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    frame: Frame,
    t: Tr,
    messages: Vec<StatusMessage>,
    services: Vec<ServiceRecord>,
    form: ReportForm,
    errors: Vec<(String, String)>,
    staff: bool,
}

impl ReportPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

async fn render_form(
    state: &AppState,
    user: &UiUser,
    form: ReportForm,
    errors: Vec<(String, String)>,
) -> Response {
    let services = match state.app.services(&user.scope).await {
        Ok(services) => services,
        Err(e) => return failure(user, e),
    };
    let messages = match status_messages(state, user).await {
        Ok(messages) => messages,
        Err(e) => return failure(user, e),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page(
        status,
        &ReportPage {
            frame: Frame::of(user, "/portal/new"),
            t: user.tr,
            messages,
            services,
            form,
            errors,
            staff: user.scope.is_staff(),
        },
    )
}

pub async fn new_form(
    State(state): State<AppState>,
    user: UiUser,
    axum::extract::Query(q): axum::extract::Query<NewQuery>,
) -> Response {
    let mut form = ReportForm {
        ticket_type: "incident".into(),
        impact: "3".into(),
        urgency: "2".into(),
        ..ReportForm::default()
    };
    // Staff reporting for a caller: the member and requester follow the person.
    let person = q
        .person
        .as_deref()
        .and_then(|p| p.parse::<uuid::Uuid>().ok());
    let caller = match person {
        Some(id) => {
            state
                .app
                .reporting_for(&user.scope, samdrift_domain::ids::PersonId(id))
                .await
        }
        None => Ok(None),
    };
    let caller = match caller {
        Ok(caller) => caller,
        Err(e) => return failure(&user, e),
    };
    if let Some((person, member)) = caller {
        form.member = member.code.clone();
        form.requester_id = person.id.to_string();
        form.caller = format!("{} ({}, {})", person.name, person.email, member.code);
    }
    render_form(&state, &user, form, vec![]).await
}

/// Reads the report form (multipart, so a file can come with it).
async fn read_report(
    mut multipart: axum::extract::Multipart,
    max_file: usize,
) -> Result<(ReportForm, Option<Upload>), Refused> {
    let mut form = ReportForm::default();
    let mut file = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Refused::Unreadable)?
    {
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            let upload = read_file(field, max_file).await?;
            if !upload.data.is_empty() {
                file = Some(upload);
            }
            continue;
        }
        let value = field.text().await.map_err(|_| Refused::Unreadable)?;
        let slot = match name.as_str() {
            "csrf" => &mut form.csrf,
            "member" => &mut form.member,
            "type" => &mut form.ticket_type,
            "service_id" => &mut form.service_id,
            "title" => &mut form.title,
            "description" => &mut form.description,
            "impact" => &mut form.impact,
            "urgency" => &mut form.urgency,
            "requester_id" => &mut form.requester_id,
            "caller" => &mut form.caller,
            _ => continue,
        };
        *slot = value;
    }
    Ok((form, file))
}

pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    multipart: axum::extract::Multipart,
) -> Response {
    let max_file = state.app.settings.attachment_max_bytes;
    let (form, file) = match read_report(multipart, max_file).await {
        Ok(read) => read,
        Err(refused) => return upload_refused(&user, &refused),
    };
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let parse_id = |v: &str| v.trim().parse::<uuid::Uuid>().ok();
    let input = NewTicketInput {
        member: Some(form.member.trim().to_owned()).filter(|m| !m.is_empty()),
        ticket_type: form.ticket_type.clone(),
        service_id: parse_id(&form.service_id),
        administration_id: None,
        requester_id: parse_id(&form.requester_id),
        title: form.title.clone(),
        description: form.description.clone(),
        impact: form.impact.parse().unwrap_or(0),
        urgency: form.urgency.parse().unwrap_or(0),
        priority: None,
    };
    match state.app.create_ticket(&user.scope, input).await {
        Ok(ticket) => {
            // The ticket stands even if its attachment is refused; the ticket
            // page then says why, and the file can be attached there.
            let mut target = format!("/tickets/{}?created=1", ticket.id);
            if let Some(Upload {
                filename,
                content_type,
                data,
            }) = file
            {
                let new = samdrift_app::tickets::NewAttachment {
                    filename,
                    content_type,
                    data,
                    public: true,
                };
                if state
                    .app
                    .add_attachment(&user.scope, ticket.id, new)
                    .await
                    .is_err()
                {
                    target.push_str("&file_refused=1");
                }
            }
            Redirect::to(&target).into_response()
        }
        Err(AppError::Invalid(fields)) => {
            let errors = fields
                .into_iter()
                .map(|f| {
                    let m = localize(&user.tr, &f.field, &f.message);
                    (f.field, m)
                })
                .collect();
            render_form(&state, &user, form, errors).await
        }
        Err(e) => error_page(
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::messages::refusal(&user.tr, &e),
        ),
    }
}
