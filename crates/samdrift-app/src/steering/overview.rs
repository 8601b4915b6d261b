//! The förbundschef's and the board's view: federation totals and every
//! member side by side, read from the monthly figures (never recomputed
//! on a view), with what waits for a decision and the goals off track.

use crate::steering::goals::Dashboard;
use crate::steering::proposals::ProposalView;
use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_domain::steering::kpi::KpiStatus;
use samdrift_domain::steering::measure::{Measure, combine};
use samdrift_domain::steering::proposal::ProposalState;
use samdrift_domain::steering::{month_of, parse_month};
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::steering::figures::FigureRecord;
use std::collections::HashMap;
use uuid::Uuid;

/// The measures on the overview, in column order.
pub const OVERVIEW_MEASURES: [Measure; 8] = [
    Measure::TicketVolume,
    Measure::Backlog,
    Measure::SlaCompliance,
    Measure::Availability,
    Measure::Satisfaction,
    Measure::Penalties,
    Measure::Invoiced,
    Measure::Budgeted,
];

/// One line of figures: a member's, or the federation's.
#[derive(Debug, Clone)]
pub struct FigureLine {
    pub member: Option<MemberRecord>,
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone)]
pub struct Overview {
    pub month: String,
    pub federation: FigureLine,
    pub members: Vec<FigureLine>,
    /// Invoiced and budgeted so far this year, kronor.
    pub year_invoiced: f64,
    pub year_budgeted: f64,
    pub orders_waiting: usize,
    pub proposals_waiting: Vec<ProposalView>,
    /// (goal, KPI) pairs off track.
    pub off_track: Vec<(String, String)>,
}

/// The board pack: the overview with the goals and their KPIs.
#[derive(Debug, Clone)]
pub struct BoardPack {
    pub overview: Overview,
    pub dashboard: Dashboard,
}

impl App {
    /// Federation totals and every member the caller reads for `month`
    /// (default this month), narrowed to one member when asked.
    pub async fn steering_overview(
        &self,
        scope: &Scope,
        member: Option<&str>,
        month: Option<&str>,
    ) -> Result<Overview, AppError> {
        self.require_steering_reader(scope).await?;
        let month = match month {
            Some(m) => month_of(parse_month(m).map_err(|e| AppError::invalid("month", e))?),
            None => month_of(crate::catalog::today(self)),
        };
        let year_start = format!("{}-01", &month[..4]);
        let narrowed = match member {
            Some(code) => Some(self.figure_member(scope, code).await?),
            None => None,
        };
        let readable = super::figure_members(scope);
        let filter = match &narrowed {
            Some(m) => MemberFilter::Only(vec![MemberId(m.id)]),
            None => readable.clone(),
        };
        let measures: Vec<&str> = OVERVIEW_MEASURES.iter().map(|m| m.as_str()).collect();
        let rows = self
            .store
            .figures(&filter, &measures, &year_start, &month, false)
            .await?;
        let latest = latest_revisions(&rows);
        let members: Vec<MemberRecord> = self
            .store
            .list_members(&crate::demo::system_scope())
            .await?
            .into_iter()
            .filter(|m| filter.allows(MemberId(m.id)))
            .collect();
        // This month's figures by member and measure, so a line is a lookup.
        let mut this_month: HashMap<(Uuid, &str), (i64, i64)> = HashMap::new();
        for f in latest.iter().filter(|f| f.month == month) {
            this_month.insert(
                (f.member_id, f.measure.as_str()),
                (f.numerator, f.denominator),
            );
        }
        let line = |member: Option<&MemberRecord>| FigureLine {
            values: OVERVIEW_MEASURES
                .iter()
                .map(|measure| match member {
                    Some(m) => {
                        combine(*measure, this_month.get(&(m.id, measure.as_str())).copied())
                    }
                    None => combine(
                        *measure,
                        this_month
                            .iter()
                            .filter(|((_, name), _)| *name == measure.as_str())
                            .map(|(_, v)| *v),
                    ),
                })
                .collect(),
            member: member.cloned(),
        };
        let sum = |measure: Measure| {
            combine(
                measure,
                latest
                    .iter()
                    .filter(|f| f.measure == measure.as_str())
                    .map(|f| (f.numerator, f.denominator)),
            )
            .unwrap_or(0.0)
        };
        let proposals_waiting = self
            .proposals(scope)
            .await?
            .into_iter()
            .filter(|p| ProposalState::parse(&p.proposal.state).is_ok_and(|s| s.is_open()))
            .collect();
        let dashboard = self.goal_dashboard(scope, member, Some(&month)).await?;
        let off_track = dashboard
            .goals
            .iter()
            .flat_map(|g| g.kpis.iter().map(move |k| (g, k)))
            .filter(|(_, k)| k.status == KpiStatus::OffTrack)
            .map(|(g, k)| (g.goal.title.clone(), k.kpi.name.clone()))
            .collect();
        Ok(Overview {
            federation: line(None),
            members: members.iter().map(|m| line(Some(m))).collect(),
            year_invoiced: sum(Measure::Invoiced),
            year_budgeted: sum(Measure::Budgeted),
            orders_waiting: self.orders_waiting(&filter).await?,
            proposals_waiting,
            off_track,
            month,
        })
    }

    /// The board pack for a month: the overview and the goals.
    pub async fn board_pack(
        &self,
        scope: &Scope,
        month: Option<&str>,
    ) -> Result<BoardPack, AppError> {
        let overview = self.steering_overview(scope, None, month).await?;
        let dashboard = self
            .goal_dashboard(scope, None, Some(&overview.month))
            .await?;
        Ok(BoardPack {
            overview,
            dashboard,
        })
    }

    async fn orders_waiting(&self, filter: &MemberFilter) -> Result<usize, AppError> {
        let ids: Option<Vec<Uuid>> = match filter {
            MemberFilter::All => None,
            MemberFilter::Only(ids) => Some(ids.iter().map(|m| m.0).collect()),
        };
        let status = samdrift_domain::catalog::order::OrderStatus::AwaitingConfirmation;
        Ok(self
            .store
            .list_orders(ids.as_deref(), Some(status.as_str()))
            .await?
            .len())
    }
}

/// The latest revision of each member's figure.
fn latest_revisions(rows: &[FigureRecord]) -> Vec<&FigureRecord> {
    let mut by: HashMap<(Uuid, &str, &str), &FigureRecord> = HashMap::new();
    for f in rows {
        let key = (f.member_id, f.measure.as_str(), f.month.as_str());
        if by.get(&key).is_none_or(|g| g.revision < f.revision) {
            by.insert(key, f);
        }
    }
    by.into_values().collect()
}
