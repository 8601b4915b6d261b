//! What a failure affects: the items that need the failed one, directly or
//! through others, and the services, administrations and members they
//! reach.
//!
//! Relations go from a dependent item to what it needs: runs on and
//! depends on (item → item), part of a service (item → service) and used
//! by (item → an administration of a member).
//!
//! Rules where there was a choice:
//!
//! - The failed item is always affected, with the path `[failed]`, even
//!   when the graph does not know it.
//! - Whoever runs on or depends on an affected item is affected. The walk
//!   is breadth first, so each item keeps a shortest path from the failed
//!   one; among paths of equal length it keeps the first one comparing
//!   ids step by step from the failed item.
//!   Each item is visited once, so cycles end and the work is bounded by
//!   the size of the graph.
//! - An id that appears only in relations, never added as an item, takes
//!   part like any other item but has no owner and serves nobody. A
//!   relation from an item to itself is ignored.
//! - Members reached are the owners of affected items, the members served
//!   by affected federation items (`serves` of a member's own item is
//!   ignored) and the members of reached administrations.
//! - Services, administrations and members are listed once each, sorted by
//!   id; `through` names the first affected item that reaches them, items
//!   taken by path length then id. Items are listed in that same order.

use crate::ids::{AdministrationId, ItemId, MemberId, ServiceId};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, VecDeque};

/// What the graph knows about one item.
#[derive(Debug, Default)]
struct Node {
    owner: Option<MemberId>,
    serves: Vec<MemberId>,
    /// Items that run on or depend on this one, sorted, once each.
    dependents: Vec<ItemId>,
    services: Vec<ServiceId>,
    users: Vec<(MemberId, AdministrationId)>,
}

/// The inventory's relations, built once and asked many times.
#[derive(Debug, Default)]
pub struct ImpactGraph {
    nodes: HashMap<ItemId, Node>,
}

/// Everything a failure reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Impact {
    /// The failed item first, then by path length and id.
    pub items: Vec<Affected>,
    pub services: Vec<Reached<ServiceId>>,
    pub administrations: Vec<Reached<(MemberId, AdministrationId)>>,
    pub members: Vec<Reached<MemberId>>,
}

/// An affected item and how the failure reaches it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Affected {
    pub item: ItemId,
    /// From the failed item to this one, both included.
    pub path: Vec<ItemId>,
}

/// Something a failure reaches, and the affected item that links it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reached<T> {
    pub what: T,
    pub through: ItemId,
}

/// Adds `value` to a sorted list unless it is there.
fn insert_sorted<T: Ord>(list: &mut Vec<T>, value: T) {
    if let Err(at) = list.binary_search(&value) {
        list.insert(at, value);
    }
}

impl ImpactGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an item, or replaces its owner and the members it serves.
    /// `owner` is `None` for the federation's items; `serves` counts only
    /// for them.
    pub fn add_item(&mut self, id: ItemId, owner: Option<MemberId>, serves: &[MemberId]) {
        let node = self.nodes.entry(id).or_default();
        node.owner = owner;
        node.serves = serves.to_vec();
        node.serves.sort();
        node.serves.dedup();
    }

    /// `dependent` runs on or depends on `needs`.
    pub fn add_dependency(&mut self, dependent: ItemId, needs: ItemId) {
        if dependent == needs {
            return;
        }
        self.nodes.entry(dependent).or_default();
        let node = self.nodes.entry(needs).or_default();
        insert_sorted(&mut node.dependents, dependent);
    }

    /// `item` is part of `service`.
    pub fn add_service(&mut self, item: ItemId, service: ServiceId) {
        insert_sorted(&mut self.nodes.entry(item).or_default().services, service);
    }

    /// An administration of a member uses `item`.
    pub fn add_user(&mut self, item: ItemId, member: MemberId, administration: AdministrationId) {
        let users = &mut self.nodes.entry(item).or_default().users;
        insert_sorted(users, (member, administration));
    }

    /// Everything the failure of `failed` reaches.
    pub fn affected_by(&self, failed: ItemId) -> Impact {
        let items = self.affected_items(failed);
        let mut services = BTreeMap::new();
        let mut administrations = BTreeMap::new();
        let mut members = BTreeMap::new();
        for affected in &items {
            let Some(node) = self.nodes.get(&affected.item) else {
                continue;
            };
            let through = affected.item;
            for service in &node.services {
                services.entry(*service).or_insert(through);
            }
            for (member, administration) in &node.users {
                administrations
                    .entry((*member, *administration))
                    .or_insert(through);
                members.entry(*member).or_insert(through);
            }
            for member in node.owner.iter().chain(served_by(node)) {
                members.entry(*member).or_insert(through);
            }
        }
        Impact {
            items,
            services: reached(services),
            administrations: reached(administrations),
            members: reached(members),
        }
    }

    /// The affected items with a shortest path each, by path length then
    /// id.
    fn affected_items(&self, failed: ItemId) -> Vec<Affected> {
        let mut paths: HashMap<ItemId, Vec<ItemId>> = HashMap::new();
        paths.insert(failed, vec![failed]);
        let mut order = vec![failed];
        let mut queue = VecDeque::from([failed]);
        while let Some(current) = queue.pop_front() {
            let Some(node) = self.nodes.get(&current) else {
                continue;
            };
            let base = paths.get(&current).cloned().unwrap_or_default();
            for dependent in &node.dependents {
                if paths.contains_key(dependent) {
                    continue;
                }
                let mut path = Vec::with_capacity(base.len() + 1);
                path.extend_from_slice(&base);
                path.push(*dependent);
                paths.insert(*dependent, path);
                order.push(*dependent);
                queue.push_back(*dependent);
            }
        }
        let mut items: Vec<Affected> = order
            .into_iter()
            .map(|item| Affected {
                path: paths.remove(&item).unwrap_or_default(),
                item,
            })
            .collect();
        items.sort_by_key(|a| (a.path.len(), a.item));
        items
    }
}

/// The members a federation item serves; none for a member's own item.
fn served_by(node: &Node) -> &[MemberId] {
    if node.owner.is_none() {
        &node.serves
    } else {
        &[]
    }
}

fn reached<T>(found: BTreeMap<T, ItemId>) -> Vec<Reached<T>> {
    found
        .into_iter()
        .map(|(what, through)| Reached { what, through })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;
    use uuid::Uuid;

    fn item(n: u128) -> ItemId {
        ItemId(Uuid::from_u128(n))
    }
    fn member(n: u128) -> MemberId {
        MemberId(Uuid::from_u128(n))
    }
    fn admin(n: u128) -> AdministrationId {
        AdministrationId(Uuid::from_u128(n))
    }
    fn service(n: u128) -> ServiceId {
        ServiceId(Uuid::from_u128(n))
    }

    /// SAN ← virtualisation host ← mail server ← mail system; the mail
    /// system is part of EMAIL; a federation mail gateway on the mail
    /// server serves three members and is used by two administrations.
    #[test]
    fn a_failed_san_reaches_mail_and_its_users() {
        let (san, host, mail_server, mail_system, gateway, unrelated) =
            (item(1), item(2), item(3), item(4), item(5), item(6));
        let (m1, m2, m3, m4) = (member(11), member(12), member(13), member(14));
        let email = service(21);
        let mut g = ImpactGraph::new();
        g.add_item(san, None, &[]);
        g.add_item(host, None, &[]);
        g.add_item(mail_server, None, &[]);
        g.add_item(mail_system, None, &[]);
        g.add_item(gateway, None, &[m1, m2, m3]);
        g.add_item(unrelated, Some(m4), &[]);
        g.add_dependency(host, san);
        g.add_dependency(mail_server, host);
        g.add_dependency(mail_system, mail_server);
        g.add_dependency(gateway, mail_server);
        g.add_service(mail_system, email);
        g.add_user(gateway, m1, admin(31));
        g.add_user(gateway, m4, admin(34));
        g.add_service(unrelated, service(22));

        let impact = g.affected_by(san);
        let items: Vec<(ItemId, Vec<ItemId>)> = impact
            .items
            .iter()
            .map(|a| (a.item, a.path.clone()))
            .collect();
        assert_eq!(
            items,
            vec![
                (san, vec![san]),
                (host, vec![san, host]),
                (mail_server, vec![san, host, mail_server]),
                (mail_system, vec![san, host, mail_server, mail_system]),
                (gateway, vec![san, host, mail_server, gateway]),
            ]
        );
        assert_eq!(
            impact.services,
            vec![Reached {
                what: email,
                through: mail_system
            }]
        );
        assert_eq!(
            impact.administrations,
            vec![
                Reached {
                    what: (m1, admin(31)),
                    through: gateway
                },
                Reached {
                    what: (m4, admin(34)),
                    through: gateway
                },
            ]
        );
        let members: Vec<MemberId> = impact.members.iter().map(|r| r.what).collect();
        assert_eq!(members, vec![m1, m2, m3, m4]);
        assert!(impact.members.iter().all(|r| r.through == gateway));

        let from_the_top = g.affected_by(mail_system);
        assert_eq!(from_the_top.items.len(), 1);
        assert!(from_the_top.members.is_empty());
    }

    #[test]
    fn owners_count_and_served_members_only_for_federation_items() {
        let mut g = ImpactGraph::new();
        g.add_item(item(1), Some(member(5)), &[member(6)]);
        g.add_item(item(2), Some(member(7)), &[]);
        g.add_dependency(item(2), item(1));
        let members: Vec<Reached<MemberId>> = g.affected_by(item(1)).members;
        assert_eq!(
            members,
            vec![
                Reached {
                    what: member(5),
                    through: item(1)
                },
                Reached {
                    what: member(7),
                    through: item(2)
                },
            ]
        );
    }

    #[test]
    fn a_cycle_ends() {
        let mut g = ImpactGraph::new();
        for n in 1..=3 {
            g.add_item(item(n), None, &[]);
        }
        g.add_dependency(item(2), item(1));
        g.add_dependency(item(3), item(2));
        g.add_dependency(item(1), item(3));
        g.add_dependency(item(1), item(1));
        let impact = g.affected_by(item(2));
        let paths: Vec<Vec<ItemId>> = impact.items.into_iter().map(|a| a.path).collect();
        assert_eq!(
            paths,
            vec![
                vec![item(2)],
                vec![item(2), item(3)],
                vec![item(2), item(3), item(1)]
            ]
        );
    }

    #[test]
    fn a_diamond_keeps_the_shortest_path() {
        // 4 needs 2 and 3; 2 and 3 need 1; 5 needs 4 and 1 directly.
        let mut g = ImpactGraph::new();
        g.add_dependency(item(5), item(4));
        g.add_dependency(item(4), item(3));
        g.add_dependency(item(4), item(2));
        g.add_dependency(item(3), item(1));
        g.add_dependency(item(2), item(1));
        g.add_dependency(item(5), item(1));
        let impact = g.affected_by(item(1));
        let paths: Vec<Vec<ItemId>> = impact.items.into_iter().map(|a| a.path).collect();
        assert_eq!(
            paths,
            vec![
                vec![item(1)],
                vec![item(1), item(2)],
                vec![item(1), item(3)],
                vec![item(1), item(5)],
                vec![item(1), item(2), item(4)],
            ]
        );
    }

    #[test]
    fn unknown_ids_do_not_break_anything() {
        let mut g = ImpactGraph::new();
        g.add_dependency(item(2), item(1));
        g.add_service(item(9), service(1));
        g.add_user(item(2), member(1), admin(1));
        let impact = g.affected_by(item(1));
        assert_eq!(impact.items.len(), 2);
        assert_eq!(
            impact.members,
            vec![Reached {
                what: member(1),
                through: item(2)
            }]
        );
        let alone = ImpactGraph::new().affected_by(item(7));
        assert_eq!(
            alone.items,
            vec![Affected {
                item: item(7),
                path: vec![item(7)]
            }]
        );
        assert!(alone.services.is_empty() && alone.members.is_empty());
    }

    /// Shortest distances over reverse dependencies, the slow way.
    fn distances(edges: &[(u8, u8)], failed: u8) -> HashMap<u8, usize> {
        let mut dist = HashMap::from([(failed, 0usize)]);
        loop {
            let mut changed = false;
            for &(dependent, needs) in edges {
                if dependent == needs {
                    continue;
                }
                if let Some(&d) = dist.get(&needs)
                    && dist.get(&dependent).is_none_or(|&old| old > d + 1)
                {
                    dist.insert(dependent, d + 1);
                    changed = true;
                }
            }
            if !changed {
                return dist;
            }
        }
    }

    proptest! {
        #[test]
        fn paths_are_real_shortest_dependency_chains(
            edges in proptest::collection::vec((0u8..15, 0u8..15), 0..40),
            owners in proptest::collection::vec(proptest::option::of(0u8..4), 0..10),
            users in proptest::collection::vec((0u8..15, 0u8..4, 0u8..3), 0..10),
            failed in 0u8..16,
        ) {
            let mut g = ImpactGraph::new();
            for (n, owner) in owners.iter().enumerate() {
                g.add_item(item(n as u128), owner.map(|o| member(o.into())), &[member(9)]);
            }
            for &(dependent, needs) in &edges {
                g.add_dependency(item(dependent.into()), item(needs.into()));
            }
            for &(i, m, a) in &users {
                g.add_user(item(i.into()), member(m.into()), admin(a.into()));
            }
            let impact = g.affected_by(item(failed.into()));
            prop_assert_eq!(&impact.items[0], &Affected { item: item(failed.into()), path: vec![item(failed.into())] });
            let edge_set: HashSet<(ItemId, ItemId)> =
                edges.iter().map(|&(d, n)| (item(d.into()), item(n.into()))).collect();
            let dist = distances(&edges, failed);
            prop_assert_eq!(impact.items.len(), dist.len());
            let mut seen = HashSet::new();
            for affected in &impact.items {
                prop_assert!(seen.insert(affected.item));
                prop_assert_eq!(affected.path.first(), Some(&item(failed.into())));
                prop_assert_eq!(affected.path.last(), Some(&affected.item));
                for step in affected.path.windows(2) {
                    prop_assert!(edge_set.contains(&(step[1], step[0])));
                }
                let n = affected.item.0.as_u128() as u8;
                prop_assert_eq!(Some(affected.path.len() - 1), dist.get(&n).copied());
            }
            let ordered = impact.items.windows(2)
                .all(|w| (w[0].path.len(), w[0].item) < (w[1].path.len(), w[1].item));
            prop_assert!(ordered);
            prop_assert!(impact.members.windows(2).all(|w| w[0].what < w[1].what));
            for reached in &impact.members {
                prop_assert!(seen.contains(&reached.through));
            }
        }
    }
}
