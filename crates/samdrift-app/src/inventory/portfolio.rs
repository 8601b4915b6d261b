//! The application portfolio: each member's business systems with their
//! management (pm3 roles), supplier, contract and users; and across the
//! members, the same product run for the same purpose, with the contract
//! ends that open a window for a shared system.

use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::msg;
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_store::inventory::figures::SystemLine;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// How far ahead a contract end opens a window, in months.
pub const WINDOW_MONTHS: i64 = 24;

/// One purpose (category) across the members.
#[derive(Debug, Clone)]
pub struct OverlapGroup {
    pub category: String,
    /// Products in use for the purpose, most members first.
    pub products: Vec<OverlapProduct>,
    /// Members running something for the purpose.
    pub members: usize,
}

#[derive(Debug, Clone)]
pub struct OverlapProduct {
    pub product_key: String,
    pub product_name: String,
    /// Each member's systems of the product: (member code, system).
    pub systems: Vec<(String, SystemLine)>,
    pub members: usize,
    /// The earliest contract end within the window.
    pub window: Option<String>,
}

impl App {
    /// A member's business systems (`None`: every one the reader sees).
    pub async fn application_portfolio(
        &self,
        scope: &Scope,
        member: Option<Uuid>,
    ) -> Result<Vec<(SystemLine, Option<String>)>, AppError> {
        let mut filter = scope.inventory_members();
        if filter == MemberFilter::Only(vec![]) {
            return Err(AppError::Forbidden(msg!("forbidden.inventory_read")));
        }
        if let Some(m) = member {
            filter = MemberFilter::Only(vec![MemberId(m)]);
        }
        let codes = self.member_codes(scope).await?;
        let mut lines = self.store.system_lines(&filter).await?;
        if member.is_some() {
            lines.retain(|l| l.member_id.is_some());
        }
        Ok(lines
            .into_iter()
            .map(|l| {
                let code = l.member_id.and_then(|m| codes.get(&m).cloned());
                (l, code)
            })
            .collect())
    }

    /// The overlap view across every member: staff only, since it puts
    /// members' systems side by side.
    pub async fn application_overlap(&self, scope: &Scope) -> Result<Vec<OverlapGroup>, AppError> {
        if !scope.is_staff() {
            return Err(AppError::Forbidden(msg!("forbidden.federation_view")));
        }
        let today = samdrift_domain::time::stockholm_date(self.clock.now());
        let horizon = today
            .checked_add(jiff::Span::new().months(WINDOW_MONTHS))
            .unwrap_or(today)
            .to_string();
        let today = today.to_string();
        let codes = self.member_codes(scope).await?;
        let lines = self.store.system_lines(&MemberFilter::All).await?;
        Ok(overlap(lines, &codes, &today, &horizon))
    }
}

/// Groups systems in use by purpose and product.
fn overlap(
    lines: Vec<SystemLine>,
    codes: &HashMap<Uuid, String>,
    today: &str,
    horizon: &str,
) -> Vec<OverlapGroup> {
    let mut groups: BTreeMap<String, BTreeMap<String, OverlapProduct>> = BTreeMap::new();
    for l in lines.into_iter().filter(|l| l.lifecycle != "retired") {
        let (Some(category), Some(member)) = (l.category.clone(), l.member_id) else {
            continue;
        };
        let key = if l.product_key.is_empty() {
            format!("~{}", l.name.to_lowercase())
        } else {
            l.product_key.clone()
        };
        let p = groups
            .entry(category)
            .or_default()
            .entry(key.clone())
            .or_insert_with(|| OverlapProduct {
                product_key: key,
                product_name: if l.product_name.is_empty() {
                    l.name.clone()
                } else {
                    l.product_name.clone()
                },
                systems: vec![],
                members: 0,
                window: None,
            });
        if let Some(end) = l
            .contract_end
            .as_deref()
            .filter(|e| *e >= today && *e <= horizon)
            && p.window.as_deref().is_none_or(|w| end < w)
        {
            p.window = Some(end.to_owned());
        }
        p.systems
            .push((codes.get(&member).cloned().unwrap_or_default(), l));
    }
    groups
        .into_iter()
        .map(|(category, products)| {
            let mut products: Vec<OverlapProduct> = products
                .into_values()
                .map(|mut p| {
                    let mut ms: Vec<&str> = p.systems.iter().map(|(c, _)| c.as_str()).collect();
                    ms.sort();
                    ms.dedup();
                    p.members = ms.len();
                    p
                })
                .collect();
            products.sort_by(|a, b| {
                b.members
                    .cmp(&a.members)
                    .then(a.product_name.cmp(&b.product_name))
            });
            let mut all: Vec<&str> = products
                .iter()
                .flat_map(|p| p.systems.iter().map(|(c, _)| c.as_str()))
                .collect();
            all.sort();
            all.dedup();
            let members = all.len();
            OverlapGroup {
                category,
                products,
                members,
            }
        })
        .collect()
}
