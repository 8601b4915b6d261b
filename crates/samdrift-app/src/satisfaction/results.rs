//! Satisfaction results: count, average and the five grades' counts of
//! the ratings given in a period of months (Swedish time), in total and
//! per member, service, group, month or technician.
//!
//! Staff read every member's results, orderers and strategists their own
//! member's, end users none; a member code outside the caller's scope is
//! not found. Per technician only managers, admins and group leads, a
//! lead only for the members of their own groups. The requesters'
//! comments are for managers, admins and the member's own orderers and
//! strategists (`Scope::may_read_rating_comments`).

use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::role::StaffRole;
use samdrift_domain::satisfaction::Distribution;
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_domain::time::{from_micros, stockholm, to_micros};
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::satisfaction::{RatingCommentRow, RatingRow};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// The most comments a result carries (newest first).
const COMMENTS_MAX: i64 = 200;

/// What the results are broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakdown {
    Member,
    Service,
    Group,
    Month,
    Technician,
}

impl Breakdown {
    pub const ALL: [Breakdown; 5] = [
        Breakdown::Member,
        Breakdown::Service,
        Breakdown::Group,
        Breakdown::Month,
        Breakdown::Technician,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Breakdown::Member => "member",
            Breakdown::Service => "service",
            Breakdown::Group => "group",
            Breakdown::Month => "month",
            Breakdown::Technician => "technician",
        }
    }

    /// `member` (also when empty), `service`, `group`, `month` or
    /// `technician`; anything else is invalid input in `by`.
    pub fn parse(s: Option<&str>) -> Result<Breakdown, AppError> {
        let s = s
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or("member");
        Breakdown::ALL
            .into_iter()
            .find(|b| b.as_str() == s)
            .ok_or_else(|| {
                AppError::invalid(
                    "by",
                    samdrift_domain::msg!(
                        "field.one_of",
                        options = Breakdown::ALL
                            .iter()
                            .map(|b| b.as_str().to_owned())
                            .collect::<Vec<_>>()
                    ),
                )
            })
    }
}

/// What a caller asks for.
#[derive(Debug, Clone, Default)]
pub struct SatisfactionQuery {
    /// A member's code; none: every member the caller reads.
    pub member: Option<String>,
    /// `YYYY-MM`, the first month; none: eleven months before `to`.
    pub from: Option<String>,
    /// `YYYY-MM`, the last month (included); none: this month.
    pub to: Option<String>,
    pub by: Option<String>,
    /// Only the ratings of this group.
    pub group: Option<Uuid>,
}

/// One line of the breakdown: its key (a member code, an id, `YYYY-MM`;
/// empty for ratings without a service, group or technician) and name.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    pub key: String,
    pub label: String,
    pub grades: Distribution,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SatisfactionResults {
    /// The member asked for, if one was.
    pub member: Option<MemberRecord>,
    pub from: String,
    pub to: String,
    pub by: Breakdown,
    pub total: Distribution,
    pub rows: Vec<ResultRow>,
    /// The newest comments; None when the caller may not read them.
    pub comments: Option<Vec<RatingCommentRow>>,
}

/// A month as (year, month).
type Month = (i16, i8);

/// A month `YYYY-MM` as (year, month).
fn parse_month(field: &str, text: &str) -> Result<(i16, i8), AppError> {
    let bad = || AppError::invalid(field, samdrift_domain::msg!("field.month"));
    let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
    let year: i16 = y.parse().map_err(|_| bad())?;
    let month: i8 = m.parse().map_err(|_| bad())?;
    if y.len() != 4 || m.len() != 2 || !(2000..=2100).contains(&year) || !(1..=12).contains(&month)
    {
        return Err(bad());
    }
    Ok((year, month))
}

/// The first instant of a month in Swedish time.
fn month_start((year, month): (i16, i8)) -> Result<i64, AppError> {
    stockholm()
        .to_timestamp(jiff::civil::date(year, month, 1).at(0, 0, 0, 0))
        .map(to_micros)
        .map_err(|_| AppError::invalid("from", samdrift_domain::msg!("field.month")))
}

fn next_month((year, month): (i16, i8)) -> (i16, i8) {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

fn month_key((year, month): (i16, i8)) -> String {
    format!("{year:04}-{month:02}")
}

fn month_of(micros: i64) -> (i16, i8) {
    let dt = stockholm().to_datetime(from_micros(micros));
    (dt.year(), dt.month())
}

/// The period asked for: its first and last month.
fn period(q: &SatisfactionQuery, now: i64) -> Result<(Month, Month), AppError> {
    let to = match q.to.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(t) => parse_month("to", t)?,
        None => month_of(now),
    };
    let from = match q.from.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(f) => parse_month("from", f)?,
        None => {
            let (y, m) = to;
            if m == 12 { (y, 1) } else { (y - 1, m + 1) }
        }
    };
    if from > to {
        return Err(AppError::invalid(
            "to",
            samdrift_domain::msg!("field.not_before", other = "from"),
        ));
    }
    Ok((from, to))
}

impl App {
    /// The members whose results `scope` asked for (module docs).
    async fn satisfaction_filter(
        &self,
        scope: &Scope,
        code: Option<&str>,
    ) -> Result<(MemberFilter, Option<MemberRecord>), AppError> {
        let forbidden = || AppError::Forbidden(samdrift_domain::msg!("forbidden.satisfaction"));
        let readable = scope.satisfaction_members();
        match code.map(str::trim).filter(|c| !c.is_empty()) {
            Some(code) => {
                let member = self
                    .member_in_scope(scope, code)
                    .await
                    .map_err(|_| AppError::NotFound("member"))?;
                if !readable.allows(MemberId(member.id)) {
                    return Err(forbidden());
                }
                Ok((MemberFilter::Only(vec![MemberId(member.id)]), Some(member)))
            }
            None => match readable {
                MemberFilter::Only(ids) if ids.is_empty() => Err(forbidden()),
                filter => Ok((filter, None)),
            },
        }
    }

    /// For a group lead's breakdown per technician: the groups they read
    /// (theirs, or the one asked for if it is theirs) and those groups'
    /// members. None for managers and admins, who read every group.
    async fn lead_reach(
        &self,
        scope: &Scope,
        group: Option<Uuid>,
    ) -> Result<Option<(Vec<Uuid>, Vec<Uuid>)>, AppError> {
        if !scope.may_read_satisfaction_by_technician() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.satisfaction_technicians"
            )));
        }
        if scope.staff != Some(StaffRole::GroupLead) {
            return Ok(None);
        }
        let mine = self.store.groups_of(scope.account).await?;
        let groups = match group {
            Some(g) if !mine.contains(&g) => {
                return Err(AppError::Forbidden(samdrift_domain::msg!(
                    "forbidden.satisfaction_technicians"
                )));
            }
            Some(g) => vec![g],
            None => mine,
        };
        let members = self
            .store
            .list_group_members()
            .await?
            .into_iter()
            .filter(|(g, _)| groups.contains(g))
            .map(|(_, a)| a)
            .collect();
        Ok(Some((groups, members)))
    }

    /// The results `q` asks for (module docs).
    pub async fn satisfaction_results(
        &self,
        scope: &Scope,
        q: &SatisfactionQuery,
    ) -> Result<SatisfactionResults, AppError> {
        let by = Breakdown::parse(q.by.as_deref())?;
        let (filter, member) = self.satisfaction_filter(scope, q.member.as_deref()).await?;
        let (first, last) = period(q, self.now_micros())?;
        let reach = match by {
            Breakdown::Technician => self.lead_reach(scope, q.group).await?,
            _ => None,
        };
        let (from, to) = (month_start(first)?, month_start(next_month(last))?);
        let rows: Vec<RatingRow> = self
            .store
            .ratings_between(&filter, from, to)
            .await?
            .into_iter()
            .filter(|r| q.group.is_none() || r.group_id == q.group)
            .filter(|r| match &reach {
                None => true,
                Some((groups, members)) => {
                    r.group_id.is_some_and(|g| groups.contains(&g))
                        && r.assignee_id.is_some_and(|a| members.contains(&a))
                }
            })
            .collect();
        let mut total = Distribution::default();
        for r in &rows {
            total.add(r.rating, 1);
        }
        let comments = self
            .rating_comments(scope, &filter, (from, to), q.group, by)
            .await?;
        Ok(SatisfactionResults {
            rows: self.breakdown(by, &rows, (first, last)).await?,
            member,
            from: month_key(first),
            to: month_key(last),
            by,
            total,
            comments,
        })
    }

    async fn rating_comments(
        &self,
        scope: &Scope,
        filter: &MemberFilter,
        (from, to): (i64, i64),
        group: Option<Uuid>,
        by: Breakdown,
    ) -> Result<Option<Vec<RatingCommentRow>>, AppError> {
        let allowed = match filter {
            MemberFilter::All => scope.may_manage_registers(),
            MemberFilter::Only(ids) => ids.iter().all(|m| scope.may_read_rating_comments(*m)),
        };
        if !allowed || by == Breakdown::Technician {
            return Ok(None);
        }
        let list = self
            .store
            .rating_comments(filter, from, to, COMMENTS_MAX)
            .await?
            .into_iter()
            .filter(|c| group.is_none() || c.group_id == group)
            .collect();
        Ok(Some(list))
    }

    /// The rows of the breakdown, by key; every month of the period for
    /// `month`, also those without ratings.
    async fn breakdown(
        &self,
        by: Breakdown,
        rows: &[RatingRow],
        (first, last): (Month, Month),
    ) -> Result<Vec<ResultRow>, AppError> {
        let mut grouped: BTreeMap<String, Distribution> = BTreeMap::new();
        if by == Breakdown::Month {
            let mut m = first;
            while m <= last {
                grouped.insert(month_key(m), Distribution::default());
                m = next_month(m);
            }
        }
        let key = |id: Option<Uuid>| id.map(|i| i.to_string()).unwrap_or_default();
        for r in rows {
            let k = match by {
                Breakdown::Member => r.member_id.to_string(),
                Breakdown::Service => key(r.service_id),
                Breakdown::Group => key(r.group_id),
                Breakdown::Technician => key(r.assignee_id),
                Breakdown::Month => month_key(month_of(r.rated_at)),
            };
            grouped.entry(k).or_default().add(r.rating, 1);
        }
        let labels = self.breakdown_labels(by, rows).await?;
        let mut out: Vec<ResultRow> = grouped
            .into_iter()
            .map(|(key, grades)| {
                let (key, label) = match labels.get(&key) {
                    Some((k, l)) => (k.clone(), l.clone()),
                    None => (key.clone(), key),
                };
                ResultRow { key, label, grades }
            })
            .collect();
        if by != Breakdown::Month {
            out.sort_by(|a, b| a.label.cmp(&b.label).then(a.key.cmp(&b.key)));
        }
        Ok(out)
    }

    /// For each id a breakdown may meet: the key it is shown with (a
    /// member's code, a service's code) and its name.
    async fn breakdown_labels(
        &self,
        by: Breakdown,
        rows: &[RatingRow],
    ) -> Result<HashMap<String, (String, String)>, AppError> {
        let system = crate::demo::system_scope();
        Ok(match by {
            Breakdown::Member => self
                .store
                .list_members(&system)
                .await?
                .into_iter()
                .map(|m| (m.id.to_string(), (m.code, m.name)))
                .collect(),
            Breakdown::Service => self
                .store
                .list_services()
                .await?
                .into_iter()
                .map(|s| (s.id.to_string(), (s.code, s.name)))
                .collect(),
            Breakdown::Group => self
                .store
                .list_groups()
                .await?
                .into_iter()
                .map(|g| (g.id.to_string(), (g.id.to_string(), g.name)))
                .collect(),
            Breakdown::Technician => {
                let staff: Vec<Uuid> = rows.iter().filter_map(|r| r.assignee_id).collect();
                self.usernames(&staff)
                    .await?
                    .into_iter()
                    .map(|(id, name)| (id.to_string(), (id.to_string(), name)))
                    .collect()
            }
            Breakdown::Month => HashMap::new(),
        })
    }
}
