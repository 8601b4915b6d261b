//! The desk's queues (köer): my tickets, my groups' tickets, unassigned,
//! at SLA risk, all open. Staff only; each is one page of open tickets,
//! least time left first or newest first, with the names its rows show.

use super::lookups::Names;
use super::records::{BoundedCount, TicketCursor, TicketFilter, TicketRow, TicketSort};
use crate::tickets::TicketQuery;
use crate::{App, AppError};
use samdrift_domain::scope::Scope;
use uuid::Uuid;

/// Rows on one page of a queue.
const QUEUE_PAGE: i64 = 50;

/// Which queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    Mine,
    MyGroups,
    Unassigned,
    AtRisk,
    All,
}

impl Queue {
    pub const ALL: [Queue; 5] = [
        Queue::Mine,
        Queue::MyGroups,
        Queue::Unassigned,
        Queue::AtRisk,
        Queue::All,
    ];

    /// The queue a page asks for by its code; my groups when unknown.
    pub fn from_code(code: &str) -> Queue {
        Queue::ALL
            .into_iter()
            .find(|q| q.code() == code)
            .unwrap_or(Queue::MyGroups)
    }

    pub fn code(self) -> &'static str {
        match self {
            Queue::Mine => "mine",
            Queue::MyGroups => "groups",
            Queue::Unassigned => "unassigned",
            Queue::AtRisk => "risk",
            Queue::All => "all",
        }
    }
}

/// What a queue page asks for.
#[derive(Debug, Clone)]
pub struct QueueRequest {
    pub queue: Queue,
    /// Words to search for among the queue's tickets.
    pub text: Option<String>,
    /// Newest first instead of least time left first.
    pub newest_first: bool,
    pub after: Option<TicketCursor>,
}

/// One page of a queue.
#[derive(Debug, Clone)]
pub struct QueueView {
    pub tickets: Vec<TicketRow>,
    /// Where the next page starts (not for "my groups", which is merged).
    pub next: Option<TicketCursor>,
    pub names: Names,
    /// The instant time left is counted from, in stored microseconds.
    pub now: i64,
    /// How many tickets the queue holds, exactly up to a bound.
    pub count: BoundedCount,
}

impl App {
    pub async fn queue(&self, scope: &Scope, req: QueueRequest) -> Result<QueueView, AppError> {
        if !scope.is_staff() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.queues"
            )));
        }
        let now = self.now_micros();
        let mut filter = TicketFilter {
            open_only: true,
            sort: if req.newest_first {
                TicketSort::CreatedDesc
            } else {
                TicketSort::DueAsc
            },
            limit: QUEUE_PAGE,
            text: req.text.filter(|q| !q.trim().is_empty()),
            after: req.after,
            ..TicketFilter::default()
        };
        match req.queue {
            Queue::Mine => filter.assignee = Some(scope.account.0),
            Queue::Unassigned => filter.unassigned = true,
            Queue::AtRisk => filter.at_risk_at = Some(now),
            Queue::All => {}
            Queue::MyGroups => {
                let (tickets, count) = self.my_groups_queue(scope, filter).await?;
                return Ok(QueueView {
                    names: self.names(scope, &assignees(&tickets)).await?,
                    tickets,
                    next: None,
                    now,
                    count,
                });
            }
        }
        let query = TicketQuery {
            member: None,
            filter,
        };
        let count = self.count_tickets(scope, query.clone()).await?;
        let list = self.list_tickets(scope, query).await?;
        Ok(QueueView {
            names: self.names(scope, &assignees(&list.tickets)).await?,
            tickets: list.tickets,
            next: list.next,
            now,
            count,
        })
    }

    /// "My groups": one indexed query per group, merged by the sort, and
    /// the groups' counts summed (a ticket has one group).
    async fn my_groups_queue(
        &self,
        scope: &Scope,
        filter: TicketFilter,
    ) -> Result<(Vec<TicketRow>, BoundedCount), AppError> {
        let mut tickets = Vec::new();
        let mut count = BoundedCount {
            value: 0,
            more: false,
        };
        for group in self.store.groups_of(scope.account).await? {
            let filter = TicketFilter {
                group: Some(group),
                ..filter.clone()
            };
            let query = TicketQuery {
                member: None,
                filter,
            };
            let n = self.count_tickets(scope, query.clone()).await?;
            count.value += n.value;
            count.more |= n.more;
            tickets.extend(self.list_tickets(scope, query).await?.tickets);
        }
        if count.value > crate::tickets::COUNT_BOUND {
            count = BoundedCount {
                value: crate::tickets::COUNT_BOUND,
                more: true,
            };
        }
        let descending = filter.sort == TicketSort::CreatedDesc;
        tickets.sort_by(|a, b| {
            let order = (filter.sort.key(a), a.ticket.id).cmp(&(filter.sort.key(b), b.ticket.id));
            if descending { order.reverse() } else { order }
        });
        tickets.truncate(QUEUE_PAGE as usize);
        Ok((tickets, count))
    }
}

/// The accounts a queue page names: its tickets' assignees.
fn assignees(tickets: &[TicketRow]) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = tickets
        .iter()
        .filter_map(|t| t.ticket.assignee_id.map(|a| a.0))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
