//! For the service desk: find a caller across members by name or e-mail
//! (a phone call), then report on their behalf; and the group lead's view
//! of each technician's load and the tickets close to breach.

use super::i18n::Tr;
use super::session::UiUser;
use super::{Frame, error_page, page};
use crate::router::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use samdrift_app::tickets::TicketQuery;
use samdrift_domain::ids::GroupId;
use samdrift_domain::scope::MemberFilter;
use samdrift_store::tickets::{TicketFilter, TicketRow, TicketSort};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Deserialize, Default)]
pub struct CallerQuery {
    q: Option<String>,
}

pub struct Caller {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub member: String,
    pub administration: String,
}

#[derive(Template)]
#[template(path = "callers.html")]
struct CallersPage {
    frame: Frame,
    t: Tr,
    q: String,
    callers: Vec<Caller>,
    searched: bool,
}

pub async fn search(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<CallerQuery>,
) -> Response {
    if !user.scope.is_staff() {
        return error_page(
            &user,
            StatusCode::FORBIDDEN,
            user.tr.t("ticket.not_found").into(),
        );
    }
    let text = q.q.unwrap_or_default();
    let mut callers = Vec::new();
    if text.trim().chars().count() >= 2 {
        let store = &state.app.store;
        let members: HashMap<Uuid, String> = store
            .list_members(&user.scope)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|m| (m.id, m.code))
            .collect();
        let administrations: HashMap<Uuid, String> = store
            .list_administrations(&MemberFilter::All, None)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
        for p in store
            .find_people(&user.scope.register_members(), None, Some(&text), 50)
            .await
            .unwrap_or_default()
        {
            callers.push(Caller {
                id: p.id,
                member: members.get(&p.member_id).cloned().unwrap_or_default(),
                administration: p
                    .administration_id
                    .and_then(|a| administrations.get(&a).cloned())
                    .unwrap_or_default(),
                name: p.name,
                email: p.email,
            });
        }
    }
    let searched = !text.trim().is_empty();
    page(
        StatusCode::OK,
        &CallersPage {
            frame: Frame::of(&user, "/agent/callers"),
            t: user.tr,
            q: text,
            callers,
            searched,
        },
    )
}

pub struct Load {
    pub username: String,
    pub open: usize,
}

pub struct GroupView {
    pub name: String,
    pub load: Vec<Load>,
    pub at_risk: Vec<TicketRow>,
}

#[derive(Template)]
#[template(path = "lead.html")]
struct LeadPage {
    frame: Frame,
    t: Tr,
    groups: Vec<GroupView>,
}

/// The group lead's view: open tickets per technician and the tickets
/// whose resolution clock has warned, per group the lead belongs to
/// (managers and admins see every group).
pub async fn lead(State(state): State<AppState>, user: UiUser) -> Response {
    if !user.scope.is_staff() {
        return error_page(
            &user,
            StatusCode::FORBIDDEN,
            user.tr.t("ticket.not_found").into(),
        );
    }
    let store = &state.app.store;
    let all_groups = store.list_groups().await.unwrap_or_default();
    let mine = store
        .groups_of(user.scope.account)
        .await
        .unwrap_or_default();
    let now = state.app.now_micros();
    let mut groups = Vec::new();
    for g in all_groups
        .into_iter()
        .filter(|g| user.scope.may_manage_registers() || mine.contains(&g.id))
    {
        let mut load = Vec::new();
        for account in store
            .group_member_ids(GroupId(g.id))
            .await
            .unwrap_or_default()
        {
            let filter = TicketFilter {
                assignee: Some(account),
                open_only: true,
                limit: 200,
                ..TicketFilter::default()
            };
            let open = state
                .app
                .list_tickets(
                    &user.scope,
                    TicketQuery {
                        member: None,
                        filter,
                    },
                )
                .await
                .map(|l| l.tickets.len())
                .unwrap_or(0);
            let username = store
                .get_account(samdrift_domain::ids::AccountId(account))
                .await
                .ok()
                .flatten()
                .map(|a| a.username)
                .unwrap_or_default();
            load.push(Load { username, open });
        }
        let filter = TicketFilter {
            group: Some(g.id),
            at_risk_at: Some(now),
            sort: TicketSort::DueAsc,
            limit: 20,
            ..TicketFilter::default()
        };
        let at_risk = state
            .app
            .list_tickets(
                &user.scope,
                TicketQuery {
                    member: None,
                    filter,
                },
            )
            .await
            .map(|l| l.tickets)
            .unwrap_or_default();
        groups.push(GroupView {
            name: g.name,
            load,
            at_risk,
        });
    }
    page(
        StatusCode::OK,
        &LeadPage {
            frame: Frame::of(&user, "/agent/lead"),
            t: user.tr,
            groups,
        },
    )
}
