//! Reading tickets within scope: one ticket with its conversation, history
//! and attachments (internal ones for staff only), and filtered lists.

use crate::{App, AppError};
use samdrift_domain::ids::TicketId;
use samdrift_domain::scope::Scope;
use samdrift_store::tickets::{
    AttachmentMeta, BoundedCount, CommentRecord, EventRecord, TicketCursor, TicketFilter,
    TicketRecord, TicketRow,
};

/// A ticket with everything the caller may see of it.
#[derive(Debug, Clone)]
pub struct TicketDetail {
    pub ticket: TicketRecord,
    pub comments: Vec<CommentRecord>,
    pub events: Vec<EventRecord>,
    pub attachments: Vec<AttachmentMeta>,
}

/// A list request: the filter (its member and cursor set by the caller).
#[derive(Debug, Clone, Default)]
pub struct TicketQuery {
    pub member: Option<String>,
    pub filter: TicketFilter,
}

#[derive(Debug, Clone)]
pub struct TicketList {
    pub tickets: Vec<TicketRow>,
    /// The cursor for the next page, when there may be one.
    pub next: Option<TicketCursor>,
}

pub const PAGE_MAX: i64 = 200;

/// How far a list's count is exact: beyond it a list says "more than
/// 10 000" instead of counting a million rows.
pub const COUNT_BOUND: i64 = 10_000;

impl App {
    /// A ticket the scope may read; 404 otherwise (never say it exists).
    pub async fn ticket(&self, scope: &Scope, id: TicketId) -> Result<TicketRecord, AppError> {
        self.store
            .get_ticket(scope, id)
            .await?
            .ok_or(AppError::NotFound("ticket"))
    }

    pub async fn ticket_detail(
        &self,
        scope: &Scope,
        id: TicketId,
    ) -> Result<TicketDetail, AppError> {
        let ticket = self.ticket(scope, id).await?;
        let member = ticket.member_id;
        let internal = scope.sees_internal();
        Ok(TicketDetail {
            comments: self.store.ticket_comments(member, id, internal).await?,
            events: self.store.ticket_events(member, id, internal).await?,
            attachments: self.store.ticket_attachments(member, id, internal).await?,
            ticket,
        })
    }

    pub async fn list_tickets(
        &self,
        scope: &Scope,
        query: TicketQuery,
    ) -> Result<TicketList, AppError> {
        let mut filter = query.filter;
        if let Some(code) = query.member.as_deref() {
            filter.member = Some(self.member_in_scope(scope, code).await?.id);
        }
        filter.limit = filter.limit.clamp(1, PAGE_MAX);
        let limit = filter.limit;
        let sort = filter.sort;
        let tickets = self.store.list_tickets(scope, &filter).await?;
        let next = if tickets.len() as i64 == limit {
            tickets.last().map(|t| TicketCursor {
                key: sort.key(t),
                id: t.ticket.id.uuid(),
            })
        } else {
            None
        };
        Ok(TicketList { tickets, next })
    }

    /// How many tickets a list would hold (its cursor and page aside),
    /// exactly up to [`COUNT_BOUND`].
    pub async fn count_tickets(
        &self,
        scope: &Scope,
        query: TicketQuery,
    ) -> Result<BoundedCount, AppError> {
        let mut filter = query.filter;
        if let Some(code) = query.member.as_deref() {
            filter.member = Some(self.member_in_scope(scope, code).await?.id);
        }
        Ok(self
            .store
            .count_matching_tickets(scope, &filter, COUNT_BOUND)
            .await?)
    }
}
