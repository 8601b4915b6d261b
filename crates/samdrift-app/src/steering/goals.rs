//! Goals (målbild) and their KPIs: set up by managers and admins, measured
//! by the monthly figures or by figures entered by hand with their source,
//! and shown month by month against the target. A revised figure says so.

use super::{figure_members, require_steering_admin};
use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_domain::steering::kpi::{KpiStatus, status};
use samdrift_domain::steering::measure::{Direction, Measure, combine};
use samdrift_domain::steering::{months_ending, parse_month};
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::steering::figures::FigureRecord;
use samdrift_store::steering::goals::{GoalRecord, KpiEntryRecord, KpiRecord};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct NewGoal {
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct NewKpi {
    pub name: String,
    pub measure: String,
    /// Only this member's figures (a code), or the whole federation.
    pub member: Option<String>,
    pub direction: Option<String>,
    pub target: f64,
    pub deadline: String,
    pub owner: String,
    pub source: String,
}

/// One month of a KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiPoint {
    pub month: String,
    pub value: Option<f64>,
    /// The value first shown for a month since revised, with the
    /// revision now shown.
    pub revised_from: Option<f64>,
    pub revision: i64,
    /// The month was still open when the figure was computed.
    pub preliminary: bool,
}

#[derive(Debug, Clone)]
pub struct KpiView {
    pub kpi: KpiRecord,
    pub measure: Measure,
    pub direction: Direction,
    pub target: f64,
    pub points: Vec<KpiPoint>,
    pub status: KpiStatus,
    /// The member the figures are for, when narrowed to one.
    pub member: Option<String>,
    /// Where a hand figure came from (the latest entry's source).
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct GoalView {
    pub goal: GoalRecord,
    pub kpis: Vec<KpiView>,
}

#[derive(Debug, Clone)]
pub struct Dashboard {
    pub months: Vec<String>,
    /// The member the figures are narrowed to.
    pub member: Option<MemberRecord>,
    /// The members the caller may narrow to.
    pub members: Vec<MemberRecord>,
    pub goals: Vec<GoalView>,
}

impl App {
    pub async fn create_goal(&self, scope: &Scope, new: NewGoal) -> Result<GoalRecord, AppError> {
        require_steering_admin(scope)?;
        let title = required("title", &new.title, 200)?;
        let position = self.store.goals().await?.len() as i64 + 1;
        let goal = GoalRecord {
            id: crate::ids::new_id(&*self.clock),
            position,
            title,
            description: new.description.trim().to_owned(),
            created_at: self.now_micros(),
            version: 1,
        };
        self.store.insert_goal(&goal).await?;
        Ok(goal)
    }

    pub async fn create_kpi(
        &self,
        scope: &Scope,
        goal: Uuid,
        new: NewKpi,
    ) -> Result<KpiRecord, AppError> {
        require_steering_admin(scope)?;
        if !self.store.goals().await?.iter().any(|g| g.id == goal) {
            return Err(AppError::NotFound("goal"));
        }
        let measure = Measure::parse(&new.measure).map_err(|m| AppError::invalid("measure", m))?;
        let direction = match new.direction.as_deref() {
            Some(d) => Direction::parse(d).map_err(|m| AppError::invalid("direction", m))?,
            None => measure.natural_direction(),
        };
        let member = match &new.member {
            Some(code) => Some(self.figure_member(scope, code).await?.id),
            None => None,
        };
        if !new.target.is_finite() || new.target.abs() > 1e12 {
            return Err(AppError::invalid(
                "target",
                samdrift_domain::msg!("kpi.bad_target"),
            ));
        }
        samdrift_domain::agreement::parse_date(&new.deadline)
            .map_err(|m| AppError::invalid("deadline", m))?;
        let kpi = KpiRecord {
            id: crate::ids::new_id(&*self.clock),
            goal_id: goal,
            position: self.store.kpis().await?.len() as i64 + 1,
            name: required("name", &new.name, 200)?,
            measure: measure.as_str().to_owned(),
            member_id: member,
            direction: direction.as_str().to_owned(),
            target_milli: (new.target * 1000.0).round() as i64,
            deadline: new.deadline,
            owner: required("owner", &new.owner, 200)?,
            source: new.source.trim().to_owned(),
            created_at: self.now_micros(),
            version: 1,
        };
        self.store.insert_kpi(&kpi).await?;
        Ok(kpi)
    }

    /// Enters a hand figure for a month (a new revision if one was there).
    pub async fn enter_kpi_value(
        &self,
        scope: &Scope,
        kpi: Uuid,
        month: &str,
        value: f64,
        source: &str,
    ) -> Result<i64, AppError> {
        require_steering_admin(scope)?;
        let record = self.store.kpis().await?.into_iter().find(|k| k.id == kpi);
        let record = record.ok_or(AppError::NotFound("kpi"))?;
        if record.measure != Measure::Manual.as_str() {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "kpi.computed_not_entered"
            )));
        }
        let month = parse_month(month).map_err(|m| AppError::invalid("month", m))?;
        if !value.is_finite() || value.abs() > 1e12 {
            return Err(AppError::invalid(
                "value",
                samdrift_domain::msg!("kpi.bad_target"),
            ));
        }
        let source = required("source", source, 500)?;
        Ok(self
            .store
            .insert_kpi_entry(&KpiEntryRecord {
                kpi_id: kpi,
                month: samdrift_domain::steering::month_of(month),
                revision: 0,
                value_milli: (value * 1000.0).round() as i64,
                source,
                entered_by: scope.username.clone(),
                entered_at: self.now_micros(),
            })
            .await?)
    }

    /// Every goal with its KPIs over the 13 months ending with `last`
    /// (default: this month), for the federation or one member.
    pub async fn goal_dashboard(
        &self,
        scope: &Scope,
        member: Option<&str>,
        last: Option<&str>,
    ) -> Result<Dashboard, AppError> {
        self.require_steering_reader(scope).await?;
        let member = match member {
            Some(code) => Some(self.figure_member(scope, code).await?),
            None => None,
        };
        let last = match last {
            Some(m) => parse_month(m).map_err(|e| AppError::invalid("month", e))?,
            None => crate::catalog::today(self),
        };
        let months = months_ending(last, 13);
        let (Some(from), Some(to)) = (months.first(), months.last()) else {
            return Err(AppError::NotFound("month"));
        };
        let goals = self.store.goals().await?;
        let kpis = self.store.kpis().await?;
        let measures: Vec<&str> = kpis.iter().map(|k| k.measure.as_str()).collect();
        let filter = match &member {
            Some(m) => MemberFilter::Only(vec![MemberId(m.id)]),
            None => MemberFilter::All,
        };
        let mut figures = self
            .store
            .figures(&filter, &measures, from, to, false)
            .await?;
        if member.is_none() && measures.contains(&Measure::PlatformDiversity.as_str()) {
            figures.extend(self.federation_diversity_figures(from, to).await?);
        }
        let entries = self.store.kpi_entries(from, to).await?;
        let series = Series::new(&figures, &entries);
        let mut views: Vec<GoalView> = goals
            .into_iter()
            .map(|goal| GoalView { goal, kpis: vec![] })
            .collect();
        for kpi in kpis {
            let view = kpi_view(kpi, &months, &series, member.as_ref())?;
            if let Some(g) = views.iter_mut().find(|g| g.goal.id == view.kpi.goal_id) {
                g.kpis.push(view);
            }
        }
        let members = self.store.list_members(scope).await?;
        let members = members
            .into_iter()
            .filter(|m| figure_members(scope).allows(MemberId(m.id)))
            .collect();
        Ok(Dashboard {
            months,
            member,
            members,
            goals: views,
        })
    }
}

/// The figures of a view, by measure and month, each member's revisions
/// in order.
struct Series<'a> {
    figures: HashMap<(&'a str, &'a str), Vec<&'a FigureRecord>>,
    entries: HashMap<(Uuid, &'a str), Vec<&'a KpiEntryRecord>>,
}

impl<'a> Series<'a> {
    fn new(figures: &'a [FigureRecord], entries: &'a [KpiEntryRecord]) -> Series<'a> {
        let mut by: HashMap<(&str, &str), Vec<&FigureRecord>> = HashMap::new();
        for f in figures {
            by.entry((f.measure.as_str(), f.month.as_str()))
                .or_default()
                .push(f);
        }
        let mut es: HashMap<(Uuid, &str), Vec<&KpiEntryRecord>> = HashMap::new();
        for e in entries {
            es.entry((e.kpi_id, e.month.as_str())).or_default().push(e);
        }
        Series {
            figures: by,
            entries: es,
        }
    }

    /// The month's value now, the value first shown if revised since, the
    /// highest revision and whether the month was open.
    fn point(&self, kpi: &KpiRecord, measure: Measure, month: &str) -> KpiPoint {
        if measure == Measure::Manual {
            let list = self.entries.get(&(kpi.id, month));
            let first = list
                .and_then(|l| l.first())
                .map(|e| e.value_milli as f64 / 1000.0);
            let last = list.and_then(|l| l.last());
            let value = last.map(|e| e.value_milli as f64 / 1000.0);
            let revision = last.map(|e| e.revision).unwrap_or(0);
            return KpiPoint {
                month: month.to_owned(),
                value,
                revised_from: if revision > 1 { first } else { None },
                revision,
                preliminary: false,
            };
        }
        let rows = self
            .figures
            .get(&(measure.as_str(), month))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let any_nil = rows.iter().any(|f| f.member_id.is_nil());
        let rows: Vec<&&FigureRecord> = rows
            .iter()
            .filter(|f| match kpi.member_id {
                Some(m) => m == f.member_id,
                // The federation's diversity counts a product once, not
                // once per member: its own row (the nil member) stands alone.
                None if measure == Measure::PlatformDiversity && any_nil => f.member_id.is_nil(),
                None => !f.member_id.is_nil(),
            })
            .collect();
        let latest = pick(&rows, |revs| revs.last().copied());
        let first = pick(&rows, |revs| revs.first().copied());
        let revision = rows.iter().map(|f| f.revision).max().unwrap_or(0);
        let value = combine(measure, latest.iter().map(|f| (f.numerator, f.denominator)));
        let shown = combine(measure, first.iter().map(|f| (f.numerator, f.denominator)));
        KpiPoint {
            month: month.to_owned(),
            value,
            revised_from: if revision > 1 && shown != value {
                shown
            } else {
                None
            },
            revision,
            preliminary: latest.iter().any(|f| !f.month_closed),
        }
    }
}

/// One revision per member: the rows come ordered by member and revision.
fn pick<'a>(
    rows: &[&&'a FigureRecord],
    choose: impl Fn(&[&'a FigureRecord]) -> Option<&'a FigureRecord>,
) -> Vec<&'a FigureRecord> {
    let mut by_member: HashMap<Uuid, Vec<&FigureRecord>> = HashMap::new();
    for f in rows {
        by_member.entry(f.member_id).or_default().push(f);
    }
    by_member.values().filter_map(|revs| choose(revs)).collect()
}

fn kpi_view(
    kpi: KpiRecord,
    months: &[String],
    series: &Series<'_>,
    member: Option<&MemberRecord>,
) -> Result<KpiView, AppError> {
    let measure = Measure::parse(&kpi.measure).map_err(AppError::Conflict)?;
    let direction = Direction::parse(&kpi.direction).map_err(AppError::Conflict)?;
    let target = kpi.target_milli as f64 / 1000.0;
    let points: Vec<KpiPoint> = months
        .iter()
        .map(|m| series.point(&kpi, measure, m))
        .collect();
    let values: Vec<Option<f64>> = points.iter().map(|p| p.value).collect();
    let source = if measure == Measure::Manual {
        kpi.source.clone()
    } else {
        String::new()
    };
    Ok(KpiView {
        status: status(&values, target, direction),
        measure,
        direction,
        target,
        points,
        member: member.map(|m| m.code.clone()),
        source,
        kpi,
    })
}

/// Trimmed text that must be there and not too long.
pub(crate) fn required(field: &str, text: &str, max: usize) -> Result<String, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid(
            field,
            samdrift_domain::msg!("field.required"),
        ));
    }
    if text.chars().count() > max {
        return Err(AppError::invalid(
            field,
            samdrift_domain::msg!("field.at_most_chars", max = max as i64),
        ));
    }
    Ok(text.to_owned())
}
