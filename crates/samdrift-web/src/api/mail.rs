//! Mail through the API: each user's channel per kind of notification;
//! for the federation's administrators the outbox, the incoming mail
//! (with what was set aside and why), the failing addresses, and the
//! members' own mail texts; and for the desk the unverified sender a
//! ticket came from, confirmed or rejected.

use super::views::rfc3339;
use crate::auth::Principal;
use crate::extract::{Body, Id, Params};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::{Path, State};
use samdrift_domain::ids::TicketId;
use samdrift_domain::mail::template::MailText;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// How the caller hears of one kind of notification.
#[derive(Serialize, ToSchema)]
pub struct ChannelView {
    /// `ticket_comment`, `ticket_status`, ... (`docs/NOTIFICATIONS.md`).
    pub kind: String,
    /// `product` (in the product only), `immediate` (also by mail at
    /// once) or `digest` (also in the daily digest).
    pub channel: String,
    /// Whether the caller chose it (else the default for their role).
    pub chosen: bool,
}

fn channels_view(list: Vec<samdrift_app::mail::preferences::ChannelChoice>) -> Vec<ChannelView> {
    list.into_iter()
        .map(|c| ChannelView {
            kind: c.kind.as_str().to_owned(),
            channel: c.channel.as_str().to_owned(),
            chosen: c.chosen,
        })
        .collect()
}

#[utoipa::path(get, path = "/api/v1/notification-channels", operation_id = "notification_channels_get", tag = "session",
    responses((status = 200, body = Vec<ChannelView>)))]
pub async fn channels(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<ChannelView>>> {
    Ok(Json(channels_view(
        s.app.notification_channels(&p.scope).await?,
    )))
}

/// New channels by kind; kinds left out keep theirs.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelsBody {
    /// Kind → `product`, `immediate` or `digest`.
    pub channels: BTreeMap<String, String>,
}

#[utoipa::path(put, path = "/api/v1/notification-channels", operation_id = "notification_channels_set", tag = "session",
    request_body = ChannelsBody,
    responses((status = 200, body = Vec<ChannelView>), (status = 422, body = crate::problem::Problem)))]
pub async fn set_channels(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<ChannelsBody>,
) -> ApiResult<Json<Vec<ChannelView>>> {
    let choices: Vec<(String, String)> = b.channels.into_iter().collect();
    Ok(Json(channels_view(
        s.app.set_notification_channels(&p.scope, &choices).await?,
    )))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StateQuery {
    /// Only mail in this state.
    pub state: Option<String>,
}

/// A mail in the outbox.
#[derive(Serialize, ToSchema)]
pub struct OutboxView {
    pub id: Uuid,
    pub event: String,
    pub sender: String,
    pub recipient: String,
    pub subject: String,
    /// `queued`, `sending`, `sent` or `failed`.
    pub state: String,
    pub attempts: i64,
    /// The mail server's last answer.
    pub answer: Option<String>,
    pub ticket_id: Option<Uuid>,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub next_attempt_at: String,
    pub sent_at: Option<String>,
}

/// The outbox: how many mails are in each state, and the newest 200.
#[derive(Serialize, ToSchema)]
pub struct OutboxPage {
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub items: Vec<OutboxView>,
}

#[utoipa::path(get, path = "/api/v1/mail/outbox", operation_id = "mail_outbox", tag = "mail", params(StateQuery),
    responses((status = 200, body = OutboxPage), (status = 403, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem)))]
pub async fn outbox(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<StateQuery>,
) -> ApiResult<Json<OutboxPage>> {
    let (counts, items) = s.app.outbox(&p.scope, q.state.as_deref()).await?;
    Ok(Json(OutboxPage {
        queued: counts.queued,
        sending: counts.sending,
        sent: counts.sent,
        failed: counts.failed,
        items: items
            .into_iter()
            .map(|m| OutboxView {
                id: m.id,
                event: m.event,
                sender: m.sender,
                recipient: m.recipient,
                subject: m.subject,
                state: m.state,
                attempts: m.attempts,
                answer: m.answer,
                ticket_id: m.ticket_id,
                created_at: rfc3339(m.created_at),
                next_attempt_at: rfc3339(m.next_attempt_at),
                sent_at: m.sent_at.map(rfc3339),
            })
            .collect(),
    }))
}

/// An incoming mail and what became of it.
#[derive(Serialize, ToSchema)]
pub struct InboundView {
    pub mailbox: String,
    pub uidvalidity: i64,
    pub uid: i64,
    pub member_id: Uuid,
    #[schema(format = DateTime)]
    pub received_at: String,
    /// `ticket`, `comment`, `bounce`, `ignored`, `set_aside` (or
    /// `claimed` while it is being taken).
    pub state: String,
    /// Why it was ignored or set aside, or the addresses a bounce named.
    pub reason: Option<String>,
    pub sender: Option<String>,
    pub subject: Option<String>,
    pub message_id: Option<String>,
    pub ticket_id: Option<Uuid>,
}

#[utoipa::path(get, path = "/api/v1/mail/inbound", operation_id = "mail_inbound", tag = "mail", params(StateQuery),
    responses((status = 200, body = Vec<InboundView>), (status = 403, body = crate::problem::Problem)))]
pub async fn inbound(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<StateQuery>,
) -> ApiResult<Json<Vec<InboundView>>> {
    let list = s.app.inbound_mail(&p.scope, q.state.as_deref()).await?;
    Ok(Json(
        list.into_iter()
            .map(|m| InboundView {
                mailbox: m.mailbox,
                uidvalidity: m.uidvalidity,
                uid: m.uid,
                member_id: m.member_id,
                received_at: rfc3339(m.received_at),
                state: m.state,
                reason: m.reason,
                sender: m.sender,
                subject: m.subject,
                message_id: m.message_id,
                ticket_id: m.ticket_id,
            })
            .collect(),
    ))
}

/// An address mail could not be delivered to.
#[derive(Serialize, ToSchema)]
pub struct FailingView {
    pub address: String,
    #[schema(format = DateTime)]
    pub since: String,
    #[schema(format = DateTime)]
    pub last_at: String,
    /// The server's answer or the bounce's status.
    pub reason: String,
    pub failures: i64,
}

#[utoipa::path(get, path = "/api/v1/mail/failing-addresses", operation_id = "mail_failing_addresses", tag = "mail",
    responses((status = 200, body = Vec<FailingView>), (status = 403, body = crate::problem::Problem)))]
pub async fn failing(State(s): State<AppState>, p: Principal) -> ApiResult<Json<Vec<FailingView>>> {
    let list = s.app.failing_addresses(&p.scope).await?;
    Ok(Json(
        list.into_iter()
            .map(|f| FailingView {
                address: f.address,
                since: rfc3339(f.since),
                last_at: rfc3339(f.last_at),
                reason: f.reason,
                failures: f.failures,
            })
            .collect(),
    ))
}

/// A mail text: a subject and a body with placeholders.
#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MailTextBody {
    pub subject: String,
    pub body: String,
}

#[utoipa::path(put, path = "/api/v1/members/{member}/mail-texts/{event}/{language}", operation_id = "mail_texts_set", tag = "mail",
    params(("member" = String, Path, description = "The member's code", pattern = r"^[A-Z]{2,5}$"),
           ("event" = String, Path, description = "`ticket_comment`, ..., `ticket_created`, `digest`"),
           ("language" = String, Path, description = "`sv` or `en`")),
    request_body = MailTextBody,
    responses((status = 200, description = "Kept; the preview with sample figures", body = MailTextBody),
              (status = 422, description = "A mistake, with its line", body = crate::problem::Problem)))]
pub async fn set_text(
    State(s): State<AppState>,
    p: Principal,
    Path((member, event, language)): Path<(String, String, String)>,
    Body(b): Body<MailTextBody>,
) -> ApiResult<Json<MailTextBody>> {
    let text = MailText {
        subject: b.subject,
        body: b.body,
    };
    let preview = s
        .app
        .save_mail_text(&p.scope, &member, &event, &language, &text)
        .await?;
    Ok(Json(MailTextBody {
        subject: preview.subject,
        body: preview.body,
    }))
}

/// The sender a ticket came from by mail when no person of the member had
/// their address.
#[derive(Serialize, ToSchema)]
pub struct MailContactView {
    pub ticket_id: Uuid,
    /// The sender's address.
    pub address: String,
    /// The sender's name as their mail gave it.
    pub name: String,
    /// `unverified`, `confirmed` or `rejected`.
    pub state: String,
    /// Who confirmed or rejected the sender.
    pub decided_by: Option<String>,
    /// When the sender was confirmed or rejected (RFC 3339).
    pub decided_at: Option<String>,
}

async fn contact_view(s: &AppState, p: &Principal, id: Uuid) -> ApiResult<Json<MailContactView>> {
    let contact = s
        .app
        .ticket_mail_contact(&p.scope, TicketId(id))
        .await?
        .ok_or(samdrift_app::AppError::NotFound("mail contact"))?;
    Ok(Json(MailContactView {
        ticket_id: contact.ticket_id,
        address: contact.address,
        name: contact.name,
        state: contact.state,
        decided_by: contact.decided_by,
        decided_at: contact.decided_at.map(rfc3339),
    }))
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/mail-contact", operation_id = "tickets_mail_contact", tag = "mail",
    params(("id" = Uuid, Path, description = "The ticket's id")),
    responses((status = 200, body = MailContactView),
              (status = 404, description = "No such ticket for the caller, or the ticket did not come by mail from an unknown sender (only the desk sees senders)", body = crate::problem::Problem)))]
pub async fn contact(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<MailContactView>> {
    contact_view(&s, &p, id).await
}

/// Who the confirmed sender is.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmContactBody {
    /// The kind of person the sender becomes when the member has no person
    /// with their address: employee, student, elected_official,
    /// consultant or contractor.
    pub kind: String,
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/mail-contact/confirm", operation_id = "tickets_mail_contact_confirm", tag = "mail",
    params(("id" = Uuid, Path, description = "The ticket's id")),
    request_body = ConfirmContactBody,
    responses((status = 200, description = "Confirmed: the member's person with the address is the ticket's requester", body = MailContactView),
              (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem),
              (status = 409, description = "The sender was already confirmed or rejected", body = crate::problem::Problem)))]
pub async fn confirm_contact(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<ConfirmContactBody>,
) -> ApiResult<Json<MailContactView>> {
    s.app
        .confirm_mail_contact(&p.scope, TicketId(id), &b.kind)
        .await?;
    contact_view(&s, &p, id).await
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/mail-contact/reject", operation_id = "tickets_mail_contact_reject", tag = "mail",
    params(("id" = Uuid, Path, description = "The ticket's id")),
    responses((status = 200, description = "Rejected: the ticket is cancelled and the sender's later mail to the member is ignored", body = MailContactView),
              (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem),
              (status = 409, description = "The sender was already confirmed or rejected", body = crate::problem::Problem)))]
pub async fn reject_contact(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<MailContactView>> {
    s.app.reject_mail_contact(&p.scope, TicketId(id)).await?;
    contact_view(&s, &p, id).await
}
