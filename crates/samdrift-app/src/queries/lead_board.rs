//! The group lead's board (ledningsvy): per group, open tickets per member
//! of the group and the tickets whose resolution clock has warned. Leads
//! see the groups they belong to; managers and admins every group.

use super::records::{TicketFilter, TicketRow, TicketSort};
use crate::tickets::TicketQuery;
use crate::{App, AppError};
use samdrift_domain::scope::Scope;
use std::collections::HashMap;
use uuid::Uuid;

/// One member of a group and the open tickets assigned to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssigneeLoad {
    pub username: String,
    pub open: i64,
}

#[derive(Debug, Clone)]
pub struct GroupBoard {
    pub name: String,
    pub load: Vec<AssigneeLoad>,
    /// Open tickets of the group whose resolution clock has warned, least
    /// time left first (at most 20).
    pub at_risk: Vec<TicketRow>,
}

impl App {
    /// Staff only; other roles are refused.
    pub async fn lead_board(&self, scope: &Scope) -> Result<Vec<GroupBoard>, AppError> {
        if !scope.is_staff() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.lead_board"
            )));
        }
        let mine = self.store.groups_of(scope.account).await?;
        let groups: Vec<_> = self
            .store
            .list_groups()
            .await?
            .into_iter()
            .filter(|g| scope.may_manage_registers() || mine.contains(&g.id))
            .collect();
        let memberships = self.store.list_group_members().await?;
        let members: Vec<Uuid> = memberships.iter().map(|(_, a)| *a).collect();
        let usernames = self.usernames(&members).await?;
        let open: HashMap<Uuid, i64> = self
            .store
            .open_per_assignee(scope, &members)
            .await?
            .into_iter()
            .collect();
        let mut boards = Vec::with_capacity(groups.len());
        for g in groups {
            let mut load: Vec<AssigneeLoad> = memberships
                .iter()
                .filter(|(group, _)| *group == g.id)
                .map(|(_, account)| AssigneeLoad {
                    username: usernames.get(account).cloned().unwrap_or_default(),
                    open: open.get(account).copied().unwrap_or(0),
                })
                .collect();
            load.sort_by(|a, b| a.username.cmp(&b.username));
            boards.push(GroupBoard {
                at_risk: self.at_risk_in(scope, g.id).await?,
                name: g.name,
                load,
            });
        }
        Ok(boards)
    }

    async fn at_risk_in(&self, scope: &Scope, group: Uuid) -> Result<Vec<TicketRow>, AppError> {
        let filter = TicketFilter {
            group: Some(group),
            at_risk_at: Some(self.now_micros()),
            sort: TicketSort::DueAsc,
            limit: 20,
            ..TicketFilter::default()
        };
        let query = TicketQuery {
            member: None,
            filter,
        };
        Ok(self.list_tickets(scope, query).await?.tickets)
    }
}
