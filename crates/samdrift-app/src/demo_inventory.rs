//! The demo federation's inventory: Ystad-Österlen as the thesis found it
//! (section 5.4.1), each municipality with its own data centre, server
//! platform, Internet connection, firewall, mail system, spam filter,
//! website and finance, HR, library, case-management, school and care
//! systems, partly the same products; the federation's shared data centre
//! and mail; a common standard the board adopted by vote; and a
//! consolidation plan under way, with one step done and one late. It is
//! loaded through the same import as any member's CSV.

use crate::inventory::consolidation::NewTarget;
use crate::inventory::standard::NewStandardEntry;
use crate::steering::proposals::NewDecision;
use crate::{App, AppError};
use samdrift_domain::role::MemberRole;
use samdrift_domain::scope::Scope;
use samdrift_domain::steering::forum::ForumKind;
use samdrift_domain::steering::months_ending;

/// (name suffix, kind, category, network) of the platform each member runs
/// its own of; products per member below.
const PLATFORMS: [(&str, &str, &str, &str); 8] = [
    ("Driftställe", "other", "data_centre", ""),
    (
        "Serverplattform",
        "server",
        "virtualisation",
        "administrative",
    ),
    (
        "Internetförbindelse",
        "network_device",
        "internet",
        "administrative",
    ),
    ("Brandvägg", "firewall", "firewall", "administrative"),
    ("E-post", "mail_system", "mail", "administrative"),
    ("Spamfilter", "mail_system", "spam_filter", "administrative"),
    ("Kontorsprogram", "other", "office_suite", ""),
    ("Säkerhetskopiering", "other", "backup", "administrative"),
];

/// Per member: (code, [(product, version) of each platform above]).
const MEMBER_PLATFORMS: [(&str, [(&str, &str); 8]); 3] = [
    (
        "YST",
        [
            ("Ystads stadshus serverrum", ""),
            ("VMware ESXi", "7.0.3"),
            ("Telia Företagsfiber 1 Gbit/s", ""),
            ("Fortinet FortiGate", "7.2.5"),
            ("Microsoft Exchange Server 2016", "15.1"),
            ("Barracuda Email Security Gateway", "9"),
            ("Microsoft 365 Apps", "16.0"),
            ("Veeam Backup & Replication", "12"),
        ],
    ),
    (
        "SIM",
        [
            ("Simrishamns kommunhus teknikrum", ""),
            ("Microsoft Hyper-V Server 2019", ""),
            ("IP-Only Fiber 500 Mbit/s", ""),
            ("Check Point Quantum", "R81"),
            ("Microsoft Exchange Server 2019", "15.2"),
            ("Microsoft Defender for Office 365", ""),
            ("Microsoft Office Professional Plus 2019", "16.0"),
            ("Commvault Complete", "11"),
        ],
    ),
    (
        "TOM",
        [
            ("Tomelilla kommunhus källare", ""),
            ("VMware ESXi", "6.7"),
            ("Telia Företagsfiber 500 Mbit/s", ""),
            ("Fortinet FortiGate", "6.4"),
            ("Microsoft Exchange Server 2019", "15.2"),
            ("Barracuda Email Security Gateway", "8"),
            ("LibreOffice", "7.5.9.2"),
            ("Veeam Backup & Replication", "11"),
        ],
    ),
];

/// A business system and the members that run it.
struct DemoSystem(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static [&'static str],
);

/// Business systems: (name, category, product, version, supplier, contract end, users, [members]).
const SYSTEMS: [DemoSystem; 11] = [
    DemoSystem(
        "Webbplats",
        "web",
        "Sitevision",
        "2024.1",
        "Sitevision AB",
        "2027-06-30",
        40,
        &["YST", "SIM"],
    ),
    DemoSystem(
        "Webbplats",
        "web",
        "Optimizely CMS",
        "12",
        "Knowit",
        "2026-12-31",
        15,
        &["TOM"],
    ),
    DemoSystem(
        "Ekonomisystem",
        "finance",
        "Raindance Ekonomi",
        "",
        "CGI Sverige AB",
        "2027-12-31",
        180,
        &["YST", "TOM"],
    ),
    DemoSystem(
        "Ekonomisystem",
        "finance",
        "Unit4 ERP",
        "7",
        "Unit4 Business Software AB",
        "2028-03-31",
        120,
        &["SIM"],
    ),
    DemoSystem(
        "Personalsystem",
        "hr",
        "Visma Personec P",
        "2023.1",
        "Visma Enterprise AB",
        "2027-09-30",
        90,
        &["YST", "SIM"],
    ),
    DemoSystem(
        "Personalsystem",
        "hr",
        "Heroma",
        "2023",
        "CGI Sverige AB",
        "2026-10-31",
        45,
        &["TOM"],
    ),
    DemoSystem(
        "Bibliotekssystem",
        "library",
        "Axiell Quria",
        "",
        "Axiell Sverige AB",
        "2028-12-31",
        25,
        &["YST", "SIM", "TOM"],
    ),
    DemoSystem(
        "Ärende- och dokumenthantering",
        "case_management",
        "Public 360°",
        "5",
        "Tieto Sweden AB",
        "2027-04-30",
        300,
        &["YST"],
    ),
    DemoSystem(
        "Ärende- och dokumenthantering",
        "case_management",
        "Ciceron",
        "4",
        "Formpipe Software AB",
        "2027-08-31",
        200,
        &["SIM", "TOM"],
    ),
    DemoSystem(
        "Skoladministration",
        "school_admin",
        "Tieto Edu",
        "",
        "Tieto Sweden AB",
        "2027-07-31",
        650,
        &["YST", "SIM"],
    ),
    DemoSystem(
        "Verksamhetssystem omsorg",
        "social_care",
        "Treserva",
        "",
        "CGI Sverige AB",
        "2029-06-30",
        420,
        &["YST", "SIM", "TOM"],
    ),
];

const HEADER: &str = "owner,kind,name,network,location,lifecycle,category,product,version,serial,serves,runs_on,depends_on,services,used_by,supplier,contract_end,classification,users,system_owner,object_manager,system_administrator\n";

fn q(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The inventory as one CSV file.
fn demo_csv() -> String {
    let mut csv = String::from(HEADER);
    csv.push_str("federation,other,Gemensamt datacenter Ystad,,Ystad,in_use,data_centre,Gemensamt datacenter,,,YST;SIM;TOM,,,,,,,,,,,\n");
    csv.push_str("federation,storage,SAN Österlen,administrative,Gemensamt datacenter Ystad,in_use,storage,NetApp ONTAP,9.13,NA-4410-7781,YST;SIM;TOM,,Gemensamt datacenter Ystad,SERVER,,,,,,,,\n");
    csv.push_str("federation,server,Virtualiseringskluster Österlen,administrative,Gemensamt datacenter Ystad,in_use,virtualisation,VMware ESXi,8.0.2,,YST;SIM;TOM,,SAN Österlen,SERVER,,,,,,,,\n");
    for (code, products) in MEMBER_PLATFORMS {
        for ((suffix, kind, category, network), (product, version)) in
            PLATFORMS.iter().zip(products)
        {
            let name = format!("{suffix} {code}");
            let (runs_on, services, used_by) = match *category {
                "mail" => (
                    format!("Serverplattform {code}"),
                    "EMAIL",
                    "Kommunledningsförvaltningen;Barn- och utbildningsförvaltningen",
                ),
                "spam_filter" => (String::new(), "EMAIL", ""),
                "virtualisation" => (format!("Driftställe {code}"), "SERVER", ""),
                "internet" => (String::new(), "NET-ADM", ""),
                "firewall" => (format!("Internetförbindelse {code}"), "NET-ADM", ""),
                "office_suite" => (String::new(), "WORKPLACE", ""),
                _ => (String::new(), "", ""),
            };
            let depends = if *category == "spam_filter" {
                format!("E-post {code}")
            } else {
                String::new()
            };
            csv.push_str(&format!(
                "{code},{kind},{},{network},,in_use,{category},{},{version},,,{},{},{services},{},,,,,,,\n",
                q(&name), q(product), q(&runs_on), q(&depends), q(used_by),
            ));
        }
        for DemoSystem(name, category, product, version, supplier, end, users, members) in SYSTEMS {
            if !members.contains(&code) {
                continue;
            }
            let service = match category {
                "finance" => "FINANCE",
                "hr" => "HR",
                "library" => "LIBRARY",
                "social_care" => "CARE",
                _ => "",
            };
            let class = if matches!(category, "social_care" | "hr" | "school_admin") {
                "Hög konfidentialitet (K3)"
            } else {
                "Intern (K1)"
            };
            csv.push_str(&format!(
                "{code},business_system,{},administrative,,in_use,{category},{},{version},,,{},,{service},Kommunledningsförvaltningen,{},{end},{},{users},{},{},{}\n",
                q(&format!("{name} {code}")), q(product), q(&format!("Serverplattform {code}")), q(supplier), q(class),
                q(&format!("Förvaltningschef {code}")), q(&format!("Objektledare {category} {code}")), q(&format!("Systemförvaltare {code}")),
            ));
        }
        for n in 1..=6 {
            let (os, version, network) = if n <= 3 {
                ("Microsoft Windows 11 Pro", "10.0.22631", "administrative")
            } else if n <= 5 {
                (
                    "Microsoft Windows 10 Education",
                    "10.0.19045",
                    "pedagogical",
                )
            } else {
                ("Google ChromeOS", "120", "pedagogical")
            };
            csv.push_str(&format!(
                "{code},client,{code}-PC-{n:04},{network},,in_use,client_os,{},{version},{code}-SN-{n:05},,,,WORKPLACE,,,,,,,,\n",
                q(os),
            ));
        }
    }
    csv
}

/// The common standard: (category, product, version).
const STANDARD: [(&str, &str, &str); 9] = [
    ("client_os", "Microsoft Windows 11", ""),
    ("office_suite", "Microsoft 365 Apps", ""),
    ("virtualisation", "VMware ESXi", "8"),
    ("firewall", "Fortinet FortiGate", ""),
    ("mail", "Microsoft Exchange Server 2019", ""),
    ("spam_filter", "Barracuda Email Security Gateway", ""),
    ("backup", "Veeam Backup & Replication", ""),
    ("finance", "Raindance Ekonomi", ""),
    ("library", "Axiell Quria", ""),
];

impl App {
    pub(crate) async fn load_demo_inventory(&self, scope: &Scope) -> Result<(), AppError> {
        self.import_inventory_csv(scope, &demo_csv()).await?;
        let decision = self.demo_standard_decision(scope).await?;
        let today = crate::catalog::today(self);
        let from = format!("{}-01-01", today.year());
        for (category, product, version) in STANDARD {
            self.add_standard_entry(
                scope,
                NewStandardEntry {
                    category: category.into(),
                    product: product.into(),
                    version: version.into(),
                    valid_from: from.clone(),
                    valid_until: None,
                    decision: Some(decision.clone()),
                    note: String::new(),
                },
            )
            .await?;
        }
        self.demo_plan(scope, today).await?;
        for month in months_ending(today, 13) {
            self.compute_inventory_month(&month).await?;
        }
        Ok(())
    }

    /// The board adopts the common standard: every seat votes yes.
    async fn demo_standard_decision(&self, scope: &Scope) -> Result<String, AppError> {
        let board = self
            .store
            .forums()
            .await?
            .into_iter()
            .find(|f| f.kind == ForumKind::Board.as_str())
            .ok_or(AppError::NotFound("forum"))?;
        let decision = self
            .open_decision(
                scope,
                NewDecision {
                    forum: board.id,
                    title: "Fastställa förbundets gemensamma tekniska standard".into(),
                    proposal: None,
                    meeting: None,
                    link_kind: None,
                    link_ref: None,
                },
            )
            .await?;
        for (user, code) in [
            ("yst.orderer", "YST"),
            ("sim.orderer", "SIM"),
            ("tom.orderer", "TOM"),
        ] {
            let voter = self
                .demo_member_scope(user, code, MemberRole::Orderer)
                .await?;
            self.cast_vote(&voter, decision.id, None, "yes", "").await?;
        }
        self.close_decision(scope, decision.id).await?;
        Ok(decision.number)
    }

    /// Targets for the deviating platforms: Tomelilla's mail done, its
    /// firewall's upgrade late, the rest due over the coming year.
    async fn demo_plan(&self, scope: &Scope, today: jiff::civil::Date) -> Result<(), AppError> {
        let entries = self.store.standard_entries().await?;
        let items = self.store.inventory_items_of_owners(&[], true).await?;
        let members = self.store.all_members().await?;
        let steps: [(&str, &str, i64, Option<i64>); 5] = [
            ("E-post TOM", "mail", -60, Some(-75)),
            ("E-post YST", "mail", 90, None),
            ("Serverplattform TOM", "virtualisation", -20, None),
            ("Kontorsprogram TOM", "office_suite", 200, None),
            ("Brandvägg SIM", "firewall", 300, None),
        ];
        for (name, category, due, done) in steps {
            let owner = members
                .iter()
                .find(|m| name.ends_with(&m.code))
                .map(|m| m.id);
            let all = self
                .store
                .inventory_items_of_owners(&owner.into_iter().collect::<Vec<_>>(), false)
                .await?;
            let Some(item) = all.iter().chain(items.iter()).find(|i| i.name == name) else {
                continue;
            };
            let Some(entry) = entries.iter().find(|e| e.category == category) else {
                continue;
            };
            let day = |d: i64| {
                today
                    .checked_add(jiff::Span::new().days(d))
                    .unwrap_or(today)
                    .to_string()
            };
            self.set_consolidation_target(
                scope,
                item.id,
                NewTarget {
                    standard_entry: entry.id,
                    due: day(due),
                    done_on: done.map(day),
                    note: String::new(),
                },
                None,
            )
            .await?;
        }
        Ok(())
    }
}
