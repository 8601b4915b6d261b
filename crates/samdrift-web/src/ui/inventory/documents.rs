//! The inventory's pages worded as documents: tables, key figures and
//! charts in the reader's language, with the links of each table's first
//! column kept beside the document.

use crate::ui::i18n::Tr;
use samdrift_app::inventory::Category;
use samdrift_app::inventory::compliance::{ComplianceHistory, ComplianceView};
use samdrift_app::inventory::consolidation::PlanView;
use samdrift_app::inventory::impact::ImpactView;
use samdrift_app::inventory::items::{ItemList, ItemPage};
use samdrift_app::inventory::portfolio::OverlapGroup;
use samdrift_app::inventory::standard::StandardLine;
use samdrift_app::queries::records::SystemLine;
use samdrift_domain::document::{Block, Chart, ChartPoint, Document, Figure, Section, Table, Tone};
use samdrift_domain::ids::MemberId;
use samdrift_domain::inventory::standard::ComplianceCell;
use std::collections::HashMap;
use uuid::Uuid;

/// A document and the links of its tables' first columns, by the table's
/// (section, block).
pub struct Page {
    pub doc: Document,
    pub links: Vec<TableLinks>,
}

/// The first column's links of the table at (section, block).
pub struct TableLinks {
    pub at: (usize, usize),
    pub hrefs: Vec<Option<String>>,
}

impl Page {
    fn new(t: &Tr, title: String) -> Page {
        Page {
            doc: Document {
                lang: t.lang().to_owned(),
                title,
                subtitle: String::new(),
                made: String::new(),
                sections: vec![],
            },
            links: vec![],
        }
    }

    fn section(&mut self, heading: &str, blocks: Vec<Block>) {
        self.doc.sections.push(Section {
            heading: heading.to_owned(),
            blocks,
        });
    }

    /// Adds a section with one table whose first column links.
    fn linked_table(&mut self, heading: &str, table: Table, links: Vec<Option<String>>) {
        let at = (self.doc.sections.len(), 0);
        self.section(heading, vec![Block::Table(table)]);
        self.links.push(TableLinks { at, hrefs: links });
    }
}

/// A stored value in words (`inventory.kind.client`), the value if unknown.
pub fn word(t: &Tr, prefix: &str, value: &str) -> String {
    crate::messages::text(t.0, &format!("{prefix}.{value}"))
        .unwrap_or(value)
        .to_owned()
}

pub fn category_name(t: &Tr, cats: &[Category], code: Option<&str>) -> String {
    let Some(code) = code else {
        return "–".into();
    };
    cats.iter()
        .find(|c| c.code == code)
        .map(|c| {
            if t.lang() == "sv" {
                c.name_sv.clone()
            } else {
                c.name_en.clone()
            }
        })
        .unwrap_or_else(|| code.to_owned())
}

fn table(caption: &str, headers: Vec<&str>, numeric: Vec<bool>, rows: Vec<Vec<String>>) -> Table {
    Table {
        caption: caption.to_owned(),
        headers: headers.into_iter().map(str::to_owned).collect(),
        numeric,
        rows,
    }
}

fn fact(label: &str, value: String, tone: Tone, note: String) -> Figure {
    Figure {
        label: label.to_owned(),
        value,
        note,
        tone,
    }
}

fn share(t: &Tr, c: &ComplianceCell) -> String {
    match c.share_bp() {
        Some(bp) => t.percent(bp),
        None => t.t("inventory.no_standard").to_owned(),
    }
}

/// The compliance of one owner's categories (`None`: the federation's items).
pub fn compliance_table(
    t: &Tr,
    cats: &[Category],
    view: &ComplianceView,
    owner: Option<MemberId>,
    whole: bool,
) -> Table {
    let products: HashMap<&str, usize> = view
        .diversity
        .iter()
        .map(|d| (d.category.as_str(), d.products.len()))
        .collect();
    let mut per_owner: HashMap<&str, (u64, u64, bool)> = HashMap::new();
    for c in view.cells.iter().filter(|c| whole || c.owner == owner) {
        let e = per_owner.entry(c.category.as_str()).or_default();
        e.0 += c.items;
        e.1 += c.on_standard;
        e.2 |= c.has_standard;
    }
    let mut rows = Vec::new();
    for cat in cats {
        let Some((items, on, has)) = per_owner.get(cat.code.as_str()) else {
            continue;
        };
        let cell = ComplianceCell {
            owner,
            category: cat.code.clone(),
            items: *items,
            on_standard: *on,
            has_standard: *has,
        };
        rows.push(vec![
            category_name(t, cats, Some(&cat.code)),
            items.to_string(),
            on.to_string(),
            share(t, &cell),
            if whole {
                products
                    .get(cat.code.as_str())
                    .copied()
                    .unwrap_or(0)
                    .to_string()
            } else {
                "–".into()
            },
        ]);
    }
    table(
        t.t("inventory.compliance.caption"),
        vec![
            t.t("inventory.col.category"),
            t.t("inventory.col.items"),
            t.t("inventory.col.on_standard"),
            t.t("inventory.col.share"),
            t.t("inventory.col.products"),
        ],
        vec![false, true, true, true, true],
        rows,
    )
}

/// Share on standard month by month for an owner (`None`: the federation).
pub fn history_chart(t: &Tr, h: &ComplianceHistory, owner: Option<Uuid>) -> Chart {
    let points = h
        .months
        .iter()
        .map(|m| {
            let (items, on) = h
                .cells
                .iter()
                .filter(|c| &c.month == m && c.member_id == owner && c.has_standard != 0)
                .fold((0i64, 0i64), |(i, o), c| (i + c.items, o + c.on_standard));
            ChartPoint {
                label: m.clone(),
                value: (items > 0).then(|| on as f64 * 100.0 / items as f64),
            }
        })
        .collect();
    Chart {
        caption: t.t("inventory.chart.compliance").to_owned(),
        unit: "%".into(),
        points,
        target: Some(100.0),
    }
}

/// Distinct products in use across the federation, month by month.
pub fn diversity_chart(t: &Tr, h: &ComplianceHistory) -> Chart {
    let points = h
        .months
        .iter()
        .map(|m| {
            let cells: Vec<_> = h
                .cells
                .iter()
                .filter(|c| &c.month == m && c.member_id.is_none())
                .collect();
            ChartPoint {
                label: m.clone(),
                value: (!cells.is_empty())
                    .then(|| cells.iter().map(|c| c.products).sum::<i64>() as f64),
            }
        })
        .collect();
    Chart {
        caption: t.t("inventory.chart.diversity").to_owned(),
        unit: t.t("inventory.unit.products").to_owned(),
        points,
        target: None,
    }
}

/// The overview of one member's inventory, or of the federation's.
pub fn overview(
    t: &Tr,
    cats: &[Category],
    view: &ComplianceView,
    history: &ComplianceHistory,
    owner: Option<(Uuid, String)>,
) -> Page {
    let title = match &owner {
        Some((_, name)) => t
            .t("inventory.overview.member_title")
            .replace("{member}", name),
        None => t.t("inventory.overview.title").to_owned(),
    };
    let mut p = Page::new(t, title);
    let member = owner.as_ref().map(|(id, _)| MemberId(*id));
    let total = view
        .totals
        .iter()
        .filter(|c| owner.is_none() || c.owner == member)
        .fold((0u64, 0u64), |(i, o), c| (i + c.items, o + c.on_standard));
    let items: u64 = view
        .cells
        .iter()
        .filter(|c| owner.is_none() || c.owner == member)
        .map(|c| c.items)
        .sum();
    let total_cell = ComplianceCell {
        owner: member,
        category: String::new(),
        items: total.0,
        on_standard: total.1,
        has_standard: total.0 > 0,
    };
    let tone = match total_cell.share_bp() {
        Some(b) if b >= 9000 => Tone::Good,
        Some(b) if b >= 6000 => Tone::Warning,
        Some(_) => Tone::Bad,
        None => Tone::Neutral,
    };
    let products: usize = view.diversity.iter().map(|d| d.products.len()).sum();
    p.section(
        t.t("inventory.overview.figures"),
        vec![Block::Figures {
            figures: vec![
                fact(
                    t.t("inventory.fig.items"),
                    items.to_string(),
                    Tone::Neutral,
                    String::new(),
                ),
                fact(
                    t.t("inventory.fig.share"),
                    share(t, &total_cell),
                    tone,
                    t.t("inventory.fig.share_note").to_owned(),
                ),
                fact(
                    t.t("inventory.fig.products"),
                    products.to_string(),
                    Tone::Neutral,
                    t.t("inventory.fig.products_note").to_owned(),
                ),
            ],
        }],
    );
    p.section(
        t.t("inventory.compliance.heading"),
        vec![
            Block::Table(compliance_table(t, cats, view, member, owner.is_none())),
            Block::Chart(history_chart(t, history, owner.as_ref().map(|(id, _)| *id))),
        ],
    );
    if owner.is_none() {
        p.section(
            t.t("inventory.diversity.heading"),
            vec![Block::Chart(diversity_chart(t, history))],
        );
    }
    p
}

pub fn item_list(t: &Tr, cats: &[Category], list: &ItemList) -> Page {
    let mut p = Page::new(t, t.t("inventory.items.title").to_owned());
    let rows = list
        .items
        .iter()
        .map(|(i, owner)| {
            vec![
                i.name.clone(),
                owner
                    .clone()
                    .unwrap_or_else(|| t.t("inventory.federation").to_owned()),
                word(t, "inventory.kind", &i.kind),
                category_name(t, cats, i.category.as_deref()),
                format!("{} {}", i.product_name, i.product_version)
                    .trim()
                    .to_owned(),
                word(t, "inventory.lifecycle", &i.lifecycle),
                i.location.clone(),
            ]
        })
        .collect();
    let links = list
        .items
        .iter()
        .map(|(i, _)| Some(format!("/inventory/items/{}", i.id)))
        .collect();
    p.linked_table(
        t.t("inventory.items.heading"),
        table(
            t.t("inventory.items.caption"),
            vec![
                t.t("inventory.col.name"),
                t.t("inventory.col.owner"),
                t.t("inventory.col.kind"),
                t.t("inventory.col.category"),
                t.t("inventory.col.product"),
                t.t("inventory.col.lifecycle"),
                t.t("inventory.col.location"),
            ],
            vec![false; 7],
            rows,
        ),
        links,
    );
    p
}

fn detail_rows(t: &Tr, cats: &[Category], page: &ItemPage) -> Vec<Vec<String>> {
    let i = &page.item;
    let mut rows = vec![
        (
            t.t("inventory.col.owner"),
            page.owner_code
                .clone()
                .unwrap_or_else(|| t.t("inventory.federation").to_owned()),
        ),
        (
            t.t("inventory.col.kind"),
            word(t, "inventory.kind", &i.kind),
        ),
        (
            t.t("inventory.col.category"),
            category_name(t, cats, i.category.as_deref()),
        ),
        (
            t.t("inventory.col.product"),
            format!("{} {}", i.product_name, i.product_version)
                .trim()
                .to_owned(),
        ),
        (
            t.t("inventory.col.reported"),
            format!("{} {}", i.product_raw, i.version_raw)
                .trim()
                .to_owned(),
        ),
        (
            t.t("inventory.col.network"),
            i.network
                .as_deref()
                .map(|n| word(t, "inventory.network", n))
                .unwrap_or_else(|| "–".into()),
        ),
        (t.t("inventory.col.location"), i.location.clone()),
        (
            t.t("inventory.col.lifecycle"),
            word(t, "inventory.lifecycle", &i.lifecycle),
        ),
        (
            t.t("inventory.col.manufacturer"),
            format!("{} {}", i.manufacturer, i.model).trim().to_owned(),
        ),
        (
            t.t("inventory.col.serial"),
            i.serial.clone().unwrap_or_else(|| "–".into()),
        ),
        (
            t.t("inventory.col.uuid"),
            i.hardware_uuid.clone().unwrap_or_else(|| "–".into()),
        ),
        (
            t.t("inventory.col.source"),
            word(t, "inventory.source", &i.source),
        ),
        (
            t.t("inventory.col.last_inventory"),
            i.last_inventory_at
                .map(|m| t.time(m))
                .unwrap_or_else(|| "–".into()),
        ),
    ];
    if !page.served.is_empty() {
        rows.push((t.t("inventory.col.serves"), page.served.join(", ")));
    }
    if let Ok(serde_json::Value::Object(attrs)) =
        serde_json::from_str::<serde_json::Value>(&i.attributes)
    {
        if let Some(m) = attrs.get("memory_mb").and_then(|v| v.as_u64()) {
            rows.push((t.t("inventory.col.memory"), format!("{m} MB")));
        }
        if let Some(cpus) = attrs.get("cpus").and_then(|v| v.as_array()) {
            let names: Vec<&str> = cpus
                .iter()
                .filter_map(|c| c.get("name").and_then(|n| n.as_str()))
                .collect();
            if !names.is_empty() {
                rows.push((t.t("inventory.col.cpu"), names.join(", ")));
            }
        }
    }
    rows.into_iter()
        .map(|(k, v)| vec![k.to_owned(), if v.is_empty() { "–".into() } else { v }])
        .collect()
}

/// An item's page with its impact.
pub fn item_page(t: &Tr, cats: &[Category], page: &ItemPage, impact: &ImpactView) -> Page {
    let mut p = Page::new(t, page.item.name.clone());
    p.section(
        t.t("inventory.item.details"),
        vec![Block::Table(table(
            t.t("inventory.item.details"),
            vec![t.t("inventory.col.field"), t.t("inventory.col.value")],
            vec![false, false],
            detail_rows(t, cats, page),
        ))],
    );
    if let Some(a) = &page.application {
        management_section(t, &mut p, a);
    }
    let rel_rows = |rels: &[samdrift_app::inventory::items::NamedRelation]| -> (Vec<Vec<String>>, Vec<Option<String>>) {
        (rels.iter().map(|r| vec![r.name.clone(), word(t, "inventory.relation", &r.kind)]).collect(),
         rels.iter().map(|r| r.item.map(|i| format!("/inventory/items/{i}"))).collect())
    };
    let (rows, links) = rel_rows(&page.relations);
    p.linked_table(
        t.t("inventory.item.relations"),
        table(
            t.t("inventory.item.relations"),
            vec![t.t("inventory.col.name"), t.t("inventory.col.relation")],
            vec![false, false],
            rows,
        ),
        links,
    );
    let (rows, links) = rel_rows(&page.dependents);
    p.linked_table(
        t.t("inventory.item.dependents"),
        table(
            t.t("inventory.item.dependents"),
            vec![t.t("inventory.col.name"), t.t("inventory.col.relation")],
            vec![false, false],
            rows,
        ),
        links,
    );
    impact_sections(t, &mut p, impact);
    ticket_and_software_sections(t, &mut p, page);
    p
}

fn management_section(t: &Tr, p: &mut Page, a: &samdrift_app::queries::records::ApplicationRecord) {
    p.section(
        t.t("inventory.item.management"),
        vec![Block::Table(table(
            t.t("inventory.item.management"),
            vec![t.t("inventory.col.field"), t.t("inventory.col.value")],
            vec![false, false],
            [
                (t.t("inventory.col.system_owner"), a.system_owner.clone()),
                (
                    t.t("inventory.col.object_manager"),
                    a.object_manager.clone(),
                ),
                (
                    t.t("inventory.col.system_administrator"),
                    a.system_administrator.clone(),
                ),
                (t.t("inventory.col.supplier"), a.supplier.clone()),
                (
                    t.t("inventory.col.contract_end"),
                    a.contract_end.clone().unwrap_or_default(),
                ),
                (
                    t.t("inventory.col.classification"),
                    a.classification.clone(),
                ),
                (
                    t.t("inventory.col.users"),
                    a.user_count.map(|u| u.to_string()).unwrap_or_default(),
                ),
            ]
            .into_iter()
            .map(|(k, v)| vec![k.to_owned(), if v.is_empty() { "–".into() } else { v }])
            .collect(),
        ))],
    );
}

fn ticket_and_software_sections(t: &Tr, p: &mut Page, page: &ItemPage) {
    let rows = page
        .tickets
        .iter()
        .map(|(tk, _)| {
            vec![
                tk.number.clone(),
                tk.title.clone(),
                t.word("status", &tk.status).to_owned(),
            ]
        })
        .collect();
    let links = page
        .tickets
        .iter()
        .map(|(tk, _)| Some(format!("/tickets/{}", tk.id)))
        .collect();
    p.linked_table(
        t.t("inventory.item.tickets"),
        table(
            t.t("inventory.item.tickets"),
            vec![
                t.t("inventory.col.ticket"),
                t.t("inventory.col.title"),
                t.t("inventory.col.status"),
            ],
            vec![false, false, false],
            rows,
        ),
        links,
    );
    if !page.software.is_empty() {
        let rows = page
            .software
            .iter()
            .take(500)
            .map(|s| vec![s.name.clone(), s.version.clone(), s.publisher.clone()])
            .collect();
        p.section(
            &t.t("inventory.item.software")
                .replace("{count}", &page.software.len().to_string()),
            vec![Block::Table(table(
                t.t("inventory.item.software_caption"),
                vec![
                    t.t("inventory.col.name"),
                    t.t("inventory.col.version"),
                    t.t("inventory.col.publisher"),
                ],
                vec![false, false, false],
                rows,
            ))],
        );
    }
}

/// The items a failure reaches, with the path to each.
fn impact_items(t: &Tr, p: &mut Page, v: &ImpactView) {
    let name = |id: &Uuid| v.item_names.get(id).cloned().unwrap_or_default();
    let rows = v
        .impact
        .items
        .iter()
        .skip(1)
        .map(|a| {
            vec![
                name(&a.item.0),
                a.path
                    .iter()
                    .map(|i| name(&i.0))
                    .collect::<Vec<_>>()
                    .join(" ← "),
            ]
        })
        .collect();
    let links = v
        .impact
        .items
        .iter()
        .skip(1)
        .map(|a| Some(format!("/inventory/items/{}", a.item.0)))
        .collect();
    p.linked_table(
        t.t("inventory.impact.items"),
        table(
            t.t("inventory.impact.items_caption"),
            vec![t.t("inventory.col.name"), t.t("inventory.col.path")],
            vec![false, false],
            rows,
        ),
        links,
    );
}

fn impact_sections(t: &Tr, p: &mut Page, v: &ImpactView) {
    impact_items(t, p, v);
    let name = |id: &Uuid| v.item_names.get(id).cloned().unwrap_or_default();
    let services = v
        .impact
        .services
        .iter()
        .map(|r| {
            vec![
                v.service_names
                    .get(&r.what.0)
                    .map(|(c, n)| format!("{c} {n}"))
                    .unwrap_or_default(),
                name(&r.through.0),
            ]
        })
        .collect();
    let members = v
        .impact
        .members
        .iter()
        .map(|r| {
            vec![
                v.member_codes.get(&r.what.0).cloned().unwrap_or_default(),
                name(&r.through.0),
            ]
        })
        .collect();
    let admins = v
        .impact
        .administrations
        .iter()
        .map(|r| {
            vec![
                format!(
                    "{} {}",
                    v.member_codes
                        .get(&(r.what.0).0)
                        .cloned()
                        .unwrap_or_default(),
                    v.administration_names
                        .get(&(r.what.1).0)
                        .cloned()
                        .unwrap_or_default()
                ),
                name(&r.through.0),
            ]
        })
        .collect();
    let head = vec![t.t("inventory.col.reached"), t.t("inventory.col.through")];
    p.section(
        t.t("inventory.impact.heading"),
        vec![
            Block::Table(table(
                t.t("inventory.impact.services"),
                head.clone(),
                vec![false, false],
                services,
            )),
            Block::Table(table(
                t.t("inventory.impact.members"),
                head.clone(),
                vec![false, false],
                members,
            )),
            Block::Table(table(
                t.t("inventory.impact.administrations"),
                head,
                vec![false, false],
                admins,
            )),
        ],
    );
}

fn system_row(t: &Tr, cats: &[Category], l: &SystemLine, code: Option<&str>) -> Vec<String> {
    vec![
        l.name.clone(),
        code.unwrap_or("–").to_owned(),
        category_name(t, cats, l.category.as_deref()),
        format!("{} {}", l.product_name, l.product_version)
            .trim()
            .to_owned(),
        l.supplier.clone().unwrap_or_default(),
        l.contract_end.clone().unwrap_or_default(),
        l.user_count.map(|u| u.to_string()).unwrap_or_default(),
        l.system_owner.clone().unwrap_or_default(),
    ]
}

pub fn systems(
    t: &Tr,
    cats: &[Category],
    lines: &[(SystemLine, Option<String>)],
    title: String,
) -> Page {
    let mut p = Page::new(t, title);
    let rows = lines
        .iter()
        .map(|(l, c)| system_row(t, cats, l, c.as_deref()))
        .collect();
    let links = lines
        .iter()
        .map(|(l, _)| Some(format!("/inventory/items/{}", l.id)))
        .collect();
    p.linked_table(
        t.t("inventory.systems.heading"),
        table(
            t.t("inventory.systems.caption"),
            vec![
                t.t("inventory.col.name"),
                t.t("inventory.col.owner"),
                t.t("inventory.col.purpose"),
                t.t("inventory.col.product"),
                t.t("inventory.col.supplier"),
                t.t("inventory.col.contract_end"),
                t.t("inventory.col.users"),
                t.t("inventory.col.system_owner"),
            ],
            vec![false, false, false, false, false, false, true, false],
            rows,
        ),
        links,
    );
    p
}

/// Every member side by side: share on standard per category.
/// Every member's share on the standard per category, side by side.
fn side_by_side(t: &Tr, cats: &[Category], view: &ComplianceView, p: &mut Page) {
    let with_standard: Vec<&Category> = cats
        .iter()
        .filter(|c| {
            view.cells
                .iter()
                .any(|x| x.category == c.code && x.has_standard)
        })
        .collect();
    let mut members: Vec<(String, MemberId)> = view
        .cells
        .iter()
        .filter_map(|c| c.owner)
        .map(|m| (view.member_codes.get(&m.0).cloned().unwrap_or_default(), m))
        .collect();
    members.sort();
    members.dedup();
    let rows = members
        .iter()
        .map(|(code, m)| {
            let mut row = vec![code.clone()];
            for c in &with_standard {
                row.push(
                    view.cells
                        .iter()
                        .find(|x| x.owner == Some(*m) && x.category == c.code)
                        .map(|x| share(t, x))
                        .unwrap_or_else(|| "–".into()),
                );
            }
            row.push(
                view.totals
                    .iter()
                    .find(|x| x.owner == Some(*m))
                    .map(|x| share(t, x))
                    .unwrap_or_else(|| "–".into()),
            );
            row
        })
        .collect();
    let mut headers = vec![t.t("inventory.col.member").to_owned()];
    headers.extend(
        with_standard
            .iter()
            .map(|c| category_name(t, cats, Some(&c.code))),
    );
    headers.push(t.t("inventory.col.total").to_owned());
    let numeric = std::iter::once(false)
        .chain(std::iter::repeat_n(true, headers.len() - 1))
        .collect();
    let links = members
        .iter()
        .map(|(code, _)| Some(format!("/inventory?member={code}")))
        .collect();
    p.linked_table(
        t.t("inventory.federation.side_by_side"),
        Table {
            caption: t.t("inventory.federation.caption").to_owned(),
            headers,
            numeric,
            rows,
        },
        links,
    );
}

pub fn federation(
    t: &Tr,
    cats: &[Category],
    view: &ComplianceView,
    history: &ComplianceHistory,
) -> Page {
    let mut p = Page::new(t, t.t("inventory.federation.title").to_owned());
    side_by_side(t, cats, view, &mut p);
    let rows = view
        .diversity
        .iter()
        .map(|d| {
            vec![
                category_name(t, cats, Some(&d.category)),
                d.products.len().to_string(),
                d.products
                    .iter()
                    .map(|k| {
                        view.product_names
                            .get(k)
                            .cloned()
                            .unwrap_or_else(|| k.clone())
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    p.section(
        t.t("inventory.diversity.heading"),
        vec![
            Block::Table(table(
                t.t("inventory.diversity.caption"),
                vec![
                    t.t("inventory.col.category"),
                    t.t("inventory.col.products"),
                    t.t("inventory.col.product_names"),
                ],
                vec![false, true, false],
                rows,
            )),
            Block::Chart(diversity_chart(t, history)),
            Block::Chart(history_chart(t, history, None)),
        ],
    );
    p
}

pub fn overlap(t: &Tr, cats: &[Category], groups: &[OverlapGroup]) -> Page {
    let mut p = Page::new(t, t.t("inventory.overlap.title").to_owned());
    p.section(
        t.t("inventory.overlap.about_heading"),
        vec![Block::Paragraph {
            text: t.t("inventory.overlap.about").to_owned(),
        }],
    );
    for g in groups.iter().filter(|g| g.members > 1) {
        let rows = g
            .products
            .iter()
            .map(|pr| {
                vec![
                    pr.product_name.clone(),
                    pr.members.to_string(),
                    pr.systems
                        .iter()
                        .map(|(c, l)| {
                            format!(
                                "{c}: {}{}",
                                l.name,
                                l.contract_end
                                    .as_deref()
                                    .map(|e| format!(" ({e})"))
                                    .unwrap_or_default()
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                    pr.window.clone().unwrap_or_else(|| "–".into()),
                ]
            })
            .collect();
        let heading = format!(
            "{} — {}",
            category_name(t, cats, Some(&g.category)),
            t.t("inventory.overlap.members")
                .replace("{count}", &g.members.to_string())
        );
        p.section(
            &heading,
            vec![Block::Table(table(
                &heading,
                vec![
                    t.t("inventory.col.product"),
                    t.t("inventory.col.members_running"),
                    t.t("inventory.col.systems"),
                    t.t("inventory.col.window"),
                ],
                vec![false, true, false, false],
                rows,
            ))],
        );
    }
    p
}

/// Each member's progress today and the share done month by month.
fn progress_section(t: &Tr, p: &mut Page, v: &PlanView) {
    let latest: Vec<_> = v
        .progress
        .iter()
        .filter(|g| Some(&g.month_end) == v.month_ends.last())
        .collect();
    p.section(
        t.t("inventory.plan.progress"),
        vec![
            Block::Table(table(
                t.t("inventory.plan.progress_caption"),
                vec![
                    t.t("inventory.col.member"),
                    t.t("inventory.col.planned"),
                    t.t("inventory.col.done"),
                    t.t("inventory.col.due"),
                    t.t("inventory.col.overdue"),
                ],
                vec![false, true, true, true, true],
                latest
                    .iter()
                    .map(|g| {
                        vec![
                            v.member_codes.get(&g.owner.0).cloned().unwrap_or_default(),
                            g.planned.to_string(),
                            g.done.to_string(),
                            g.due.to_string(),
                            g.overdue.to_string(),
                        ]
                    })
                    .collect(),
            )),
            Block::Chart(Chart {
                caption: t.t("inventory.chart.plan_done").to_owned(),
                unit: "%".into(),
                target: Some(100.0),
                points: v
                    .month_ends
                    .iter()
                    .map(|d| {
                        let (planned, done) = v
                            .progress
                            .iter()
                            .filter(|g| &g.month_end == d)
                            .fold((0u64, 0u64), |(a, b), g| (a + g.planned, b + g.done));
                        ChartPoint {
                            label: samdrift_domain::steering::month_of(*d),
                            value: (planned > 0).then(|| done as f64 * 100.0 / planned as f64),
                        }
                    })
                    .collect(),
            }),
        ],
    );
}

pub fn plan(t: &Tr, cats: &[Category], v: &PlanView, title: String) -> Page {
    let mut p = Page::new(t, title);
    let overdue: std::collections::HashSet<Uuid> = v.overdue.iter().map(|l| l.item_id).collect();
    let target = |id: &Uuid| {
        v.entries
            .get(id)
            .map(|e| {
                format!("{} {}", e.product_name, e.product_version)
                    .trim()
                    .to_owned()
            })
            .unwrap_or_default()
    };
    progress_section(t, &mut p, v);
    let line_row = |l: &samdrift_app::queries::records::PlanLine| {
        vec![
            l.item_name.clone(),
            l.member_id
                .and_then(|m| v.member_codes.get(&m).cloned())
                .unwrap_or_else(|| t.t("inventory.federation").to_owned()),
            category_name(t, cats, l.category.as_deref()),
            format!("{} {}", l.product_name, l.product_version)
                .trim()
                .to_owned(),
            target(&l.standard_entry_id),
            l.due.clone(),
            l.done_on.clone().unwrap_or_else(|| {
                if overdue.contains(&l.item_id) {
                    t.t("inventory.plan.late").to_owned()
                } else {
                    "–".into()
                }
            }),
        ]
    };
    let head = vec![
        t.t("inventory.col.name"),
        t.t("inventory.col.owner"),
        t.t("inventory.col.category"),
        t.t("inventory.col.product"),
        t.t("inventory.col.target"),
        t.t("inventory.col.due"),
        t.t("inventory.col.done"),
    ];
    p.linked_table(
        t.t("inventory.plan.overdue"),
        table(
            t.t("inventory.plan.overdue"),
            head.clone(),
            vec![false; 7],
            v.overdue.iter().map(line_row).collect(),
        ),
        v.overdue
            .iter()
            .map(|l| Some(format!("/inventory/items/{}", l.item_id)))
            .collect(),
    );
    p.linked_table(
        t.t("inventory.plan.all"),
        table(
            t.t("inventory.plan.all"),
            head,
            vec![false; 7],
            v.lines.iter().map(line_row).collect(),
        ),
        v.lines
            .iter()
            .map(|l| Some(format!("/inventory/items/{}", l.item_id)))
            .collect(),
    );
    p
}

pub fn standard(t: &Tr, cats: &[Category], lines: &[StandardLine]) -> Page {
    let mut p = Page::new(t, t.t("inventory.standard.title").to_owned());
    let rows = lines
        .iter()
        .map(|l| {
            vec![
                category_name(t, cats, Some(&l.entry.category)),
                l.entry.product_name.clone(),
                if l.entry.product_version.is_empty() {
                    t.t("inventory.any_version").to_owned()
                } else {
                    l.entry.product_version.clone()
                },
                l.entry.valid_from.clone(),
                l.entry.valid_until.clone().unwrap_or_else(|| "–".into()),
                l.decision.clone().unwrap_or_else(|| "–".into()),
            ]
        })
        .collect();
    p.section(
        t.t("inventory.standard.heading"),
        vec![Block::Table(table(
            t.t("inventory.standard.caption"),
            vec![
                t.t("inventory.col.category"),
                t.t("inventory.col.product"),
                t.t("inventory.col.version"),
                t.t("inventory.col.valid_from"),
                t.t("inventory.col.valid_until"),
                t.t("inventory.col.decision"),
            ],
            vec![false; 6],
            rows,
        ))],
    );
    p
}
