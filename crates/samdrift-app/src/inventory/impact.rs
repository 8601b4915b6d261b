//! What an item's failure affects: every item that runs on or depends on
//! it (transitively), the services they are part of, the administrations
//! that use them and the members that own or are served by them, each
//! with the item it is reached through. An outage can start from it.

use crate::service_levels::outages::NewOutage;
use crate::{App, AppError};
use samdrift_domain::ids::{AdministrationId, ItemId, MemberId, ServiceId};
use samdrift_domain::inventory::RelationKind;
use samdrift_domain::inventory::impact::{Impact, ImpactGraph};
use samdrift_domain::msg;
use samdrift_domain::scope::Scope;
use samdrift_store::service_levels::outages::OutageRecord;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Each reached item's owner (`None`: the federation) and served members.
type Owners = HashMap<Uuid, (Option<Uuid>, Vec<MemberId>)>;

/// Items an impact follows at most.
const MAX_ITEMS: usize = 20_000;

/// An impact with names, cut to what the reader sees.
#[derive(Debug, Clone)]
pub struct ImpactView {
    pub impact: Impact,
    pub item_names: HashMap<Uuid, String>,
    pub service_names: HashMap<Uuid, (String, String)>,
    pub administration_names: HashMap<Uuid, String>,
    pub member_codes: HashMap<Uuid, String>,
}

#[derive(Debug, Clone, Default)]
pub struct ItemOutage {
    pub message: String,
    pub planned: bool,
    pub starts_at: Option<jiff::Timestamp>,
    pub ends_at: Option<jiff::Timestamp>,
}

impl App {
    /// The impact of an item's failure.
    pub async fn item_impact(&self, scope: &Scope, id: Uuid) -> Result<ImpactView, AppError> {
        let item = self.readable_item(scope, id).await?;
        let (graph, owners) = self.impact_graph(item.id).await?;
        let mut impact = graph.affected_by(ItemId(item.id));
        let seen = scope.inventory_members();
        let readable: HashSet<Uuid> = owners
            .iter()
            .filter(|(_, (owner, served))| match owner {
                Some(m) => seen.allows(MemberId(*m)),
                None => scope.is_staff() || served.iter().any(|s| seen.allows(*s)),
            })
            .map(|(i, _)| *i)
            .collect();
        impact.items.retain(|a| readable.contains(&a.item.0));
        impact.services.retain(|r| readable.contains(&r.through.0));
        impact.administrations.retain(|r| seen.allows(r.what.0));
        impact.members.retain(|r| seen.allows(r.what));
        let ids: Vec<Uuid> = impact.items.iter().map(|a| a.item.0).collect();
        let item_names = self
            .store
            .inventory_item_names(&samdrift_domain::scope::MemberFilter::All, &ids)
            .await?
            .into_iter()
            .collect();
        let service_names = self
            .store
            .list_services()
            .await?
            .into_iter()
            .map(|s| (s.id, (s.code, s.name)))
            .collect();
        let mut administration_names = HashMap::new();
        let members: HashSet<MemberId> = impact.administrations.iter().map(|r| r.what.0).collect();
        for m in members {
            for a in self
                .store
                .list_administrations(&samdrift_domain::scope::MemberFilter::All, Some(m))
                .await?
            {
                administration_names.insert(a.id, a.name);
            }
        }
        Ok(ImpactView {
            impact,
            item_names,
            service_names,
            administration_names,
            member_codes: self.member_codes(scope).await?,
        })
    }

    /// The item and everything that reaches it through reverse relations,
    /// with each reached item's owner and the members it serves.
    async fn impact_graph(&self, root: Uuid) -> Result<(ImpactGraph, Owners), AppError> {
        let mut graph = ImpactGraph::new();
        let mut reached: HashSet<Uuid> = HashSet::from([root]);
        let mut frontier = vec![root];
        let mut all = vec![root];
        while !frontier.is_empty() && all.len() < MAX_ITEMS {
            let mut next = Vec::new();
            for r in self.store.inventory_relations_to(&frontier).await? {
                let needs = matches!(
                    RelationKind::parse(&r.kind),
                    Ok(RelationKind::RunsOn | RelationKind::DependsOn)
                );
                if let (true, Some(target)) = (needs, r.target_item_id) {
                    graph.add_dependency(ItemId(r.item_id), ItemId(target));
                    if reached.insert(r.item_id) {
                        next.push(r.item_id);
                        all.push(r.item_id);
                    }
                }
            }
            frontier = next;
        }
        let mut served: Owners = HashMap::new();
        for (id, owner, s) in self.store.inventory_owners(&all).await? {
            let e = served.entry(id).or_insert((owner, vec![]));
            if let Some(m) = s {
                e.1.push(MemberId(m));
            }
        }
        for (id, (owner, serves)) in &served {
            graph.add_item(ItemId(*id), owner.map(MemberId), serves);
        }
        for r in self.store.inventory_relations_from(&all).await? {
            match (
                RelationKind::parse(&r.kind),
                r.service_id,
                r.member_id,
                r.administration_id,
            ) {
                (Ok(RelationKind::PartOfService), Some(s), _, _) => {
                    graph.add_service(ItemId(r.item_id), ServiceId(s))
                }
                (Ok(RelationKind::UsedBy), _, Some(m), Some(a)) => {
                    graph.add_user(ItemId(r.item_id), MemberId(m), AdministrationId(a))
                }
                _ => {}
            }
        }
        Ok((graph, served))
    }

    /// Starts an outage of every service the item's failure reaches, for
    /// the members it reaches (staff only, like every outage).
    pub async fn start_outage_from_item(
        &self,
        scope: &Scope,
        id: Uuid,
        new: ItemOutage,
    ) -> Result<Vec<OutageRecord>, AppError> {
        if !scope.is_staff() {
            return Err(AppError::Forbidden(msg!("forbidden.outages")));
        }
        let view = self.item_impact(scope, id).await?;
        if view.impact.services.is_empty() {
            return Err(AppError::invalid(
                "item",
                msg!("inventory.no_service_affected"),
            ));
        }
        let members: Vec<String> = view
            .impact
            .members
            .iter()
            .filter_map(|m| view.member_codes.get(&m.what.0).cloned())
            .collect();
        let mut services: Vec<Uuid> = view.impact.services.iter().map(|s| s.what.0).collect();
        services.dedup();
        let mut out = Vec::new();
        for service in services {
            let (o, _) = self
                .create_outage(
                    scope,
                    NewOutage {
                        service_id: service,
                        members: members.clone(),
                        starts_at: new.starts_at.unwrap_or_else(|| self.clock.now()),
                        ends_at: new.ends_at,
                        planned: new.planned,
                        announced_at: None,
                        message: new.message.clone(),
                    },
                )
                .await?;
            out.push(o);
        }
        Ok(out)
    }
}
