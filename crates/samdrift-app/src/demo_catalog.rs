//! The demo federation's catalog: families, owners and dependencies of the
//! services, offerings with last, this and next year's prices, the hourly
//! rate, each member's subscriptions (sized by the member), managers and
//! system owners, and four catalog items users request from the portal.

use crate::catalog::items::ItemInput;
use crate::catalog::offerings::OfferingInput;
use crate::ids::new_id;
use crate::{App, AppError};
use samdrift_domain::catalog::request::{
    ApprovalKind, FieldKind, FormField, ItemSpec, TaskTemplate,
};
use samdrift_domain::ids::PersonId;
use samdrift_domain::scope::Scope;
use samdrift_store::catalog::subscriptions::SubscriptionRow;
use uuid::Uuid;

/// What the catalog needs to know of a demo member.
pub(crate) struct DemoMember {
    pub code: String,
    pub id: Uuid,
    /// In the order of `ADMINISTRATIONS` in the demo (ledning, utbildning,
    /// omsorg, samhällsbyggnad, kultur).
    pub administrations: Vec<Uuid>,
    pub people: Vec<Uuid>,
    /// The member's size against Ystad (100).
    pub size_percent: i64,
}

/// (service, family, owner, depends on)
const SERVICE_CATALOG: [(&str, &str, &str, &[&str]); 11] = [
    (
        "WORKPLACE",
        "Arbetsplats",
        "Klientansvarig",
        &["IDENTITY", "NET-ADM"],
    ),
    ("PRINT", "Arbetsplats", "Klientansvarig", &["NET-ADM"]),
    (
        "EMAIL",
        "Kommunikation",
        "Driftchef",
        &["IDENTITY", "SERVER"],
    ),
    ("NET-ADM", "Kommunikation", "Nätverksansvarig", &[]),
    ("NET-PED", "Kommunikation", "Nätverksansvarig", &[]),
    ("IDENTITY", "Identitet", "IAM-ansvarig", &["SERVER"]),
    ("SERVER", "Drift", "Driftchef", &[]),
    (
        "FINANCE",
        "Verksamhetssystem",
        "Systemförvaltare ekonomi",
        &["SERVER", "IDENTITY"],
    ),
    (
        "HR",
        "Verksamhetssystem",
        "Systemförvaltare personal",
        &["SERVER", "IDENTITY"],
    ),
    (
        "LIBRARY",
        "Verksamhetssystem",
        "Systemförvaltare bibliotek",
        &["SERVER", "IDENTITY"],
    ),
    (
        "CARE",
        "Verksamhetssystem",
        "Systemförvaltare vård och omsorg",
        &["SERVER", "IDENTITY", "NET-ADM"],
    ),
];

/// An offering of the demo: service, code, name, unit, this year's price in
/// öre, and its standard contents.
type DemoOffering = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static [&'static str],
);

const OFFERINGS: [DemoOffering; 9] = [
    (
        "WORKPLACE",
        "WP-ADM",
        "Standardarbetsplats, administrativ",
        "workstation",
        900_000,
        &[
            "Windows 11, förbundets standardavbild",
            "Microsoft 365 Apps",
            "Edge och Firefox",
            "Utskrift till närmaste skrivare",
        ],
    ),
    (
        "WORKPLACE",
        "WP-PED",
        "Standardarbetsplats, pedagogisk",
        "workstation",
        450_000,
        &[
            "Chromebook eller Windows 11 för skolan",
            "Google Workspace for Education",
            "Skolans lärplattform",
        ],
    ),
    (
        "WORKPLACE",
        "WP-SHARED",
        "Delad enhet",
        "workstation",
        300_000,
        &["Låst kioskläge", "Inloggning med SITHS-kort"],
    ),
    (
        "EMAIL",
        "MAILBOX",
        "Brevlåda med kalender",
        "mailbox",
        36_000,
        &[],
    ),
    (
        "IDENTITY",
        "ID-USER",
        "Användarkonto med inloggning",
        "user",
        12_000,
        &[],
    ),
    (
        "NET-ADM",
        "NET-SITE",
        "Administrativt nät, kommunens platser",
        "fixed_year",
        72_000_000,
        &[],
    ),
    (
        "SERVER",
        "SRV-VM",
        "Virtuell server med backup",
        "server",
        1_800_000,
        &[],
    ),
    (
        "CARE",
        "CARE-SYS",
        "Verksamhetssystem vård och omsorg, drift och förvaltning",
        "fixed_year",
        144_000_000,
        &[],
    ),
    (
        "FINANCE",
        "FIN-SYS",
        "Ekonomisystem, drift och förvaltning",
        "fixed_year",
        60_000_000,
        &[],
    ),
];

/// (offering, administration index, Ystad's quantity)
const SUBSCRIPTIONS: [(&str, usize, i64); 14] = [
    ("WP-ADM", 0, 180),
    ("WP-ADM", 1, 120),
    ("WP-ADM", 2, 260),
    ("WP-ADM", 3, 90),
    ("WP-ADM", 4, 40),
    ("WP-PED", 1, 900),
    ("WP-SHARED", 2, 60),
    ("MAILBOX", 0, 1_400),
    ("ID-USER", 0, 3_200),
    ("NET-SITE", 0, 1),
    ("SRV-VM", 0, 24),
    ("CARE-SYS", 2, 1),
    ("FIN-SYS", 0, 1),
    ("MAILBOX", 1, 300),
];

fn text(key: &str, label: &str, required: bool, help: &str) -> FormField {
    FormField {
        key: key.into(),
        label: label.into(),
        kind: FieldKind::Text,
        required,
        help: help.into(),
        options: vec![],
    }
}

fn choice(key: &str, label: &str, options: &[&str]) -> FormField {
    FormField {
        key: key.into(),
        label: label.into(),
        kind: FieldKind::Select,
        required: true,
        help: String::new(),
        options: options.iter().map(|o| (*o).to_owned()).collect(),
    }
}

fn task(title: &str, group: &str, stage: u32) -> TaskTemplate {
    TaskTemplate {
        title: title.into(),
        group: group.into(),
        stage,
    }
}

impl App {
    /// The demo's subscriptions of one member, sized by the member, from
    /// `starts_on`.
    pub(crate) async fn subscribe_demo_member(
        &self,
        m: &DemoMember,
        starts_on: &str,
    ) -> Result<(), AppError> {
        for (offering, adm, quantity) in SUBSCRIPTIONS {
            let Some(o) = self.store.offering_by_code(offering).await? else {
                continue;
            };
            let Some(administration) = m.administrations.get(adm) else {
                continue;
            };
            let scaled = if quantity == 1 {
                1
            } else {
                (quantity * m.size_percent / 100).max(1)
            };
            self.store
                .insert_subscription(&SubscriptionRow {
                    member_id: m.id,
                    id: new_id(self.clock.as_ref()),
                    offering_id: o.id,
                    offering_code: String::new(),
                    offering_name: String::new(),
                    unit: String::new(),
                    service_code: String::new(),
                    administration_id: *administration,
                    administration_name: String::new(),
                    quantity: scaled,
                    starts_on: starts_on.to_owned(),
                    ends_on: None,
                    order_id: None,
                })
                .await?;
        }
        Ok(())
    }

    pub(crate) async fn load_demo_catalog(
        &self,
        scope: &Scope,
        members: &[DemoMember],
    ) -> Result<(), AppError> {
        self.demo_service_catalog(scope).await?;
        let year = self.demo_offerings(scope).await?;
        self.demo_member_subscriptions(scope, members, year).await?;
        for item in demo_items() {
            self.create_catalog_item(scope, item).await?;
        }
        Ok(())
    }

    /// The catalog's description of each service: family, owner, dependencies.
    async fn demo_service_catalog(&self, scope: &Scope) -> Result<(), AppError> {
        for (code, family, owner, deps) in SERVICE_CATALOG {
            let Some(service) = self.store.service_by_code(code).await? else {
                continue;
            };
            let deps: Vec<String> = deps.iter().map(|d| (*d).to_owned()).collect();
            self.update_service_catalog(
                scope,
                code,
                family,
                owner,
                &service.description,
                &deps,
                service.version,
            )
            .await?;
        }
        Ok(())
    }

    /// Offerings with prices for last, this and next year, and the hourly
    /// rates; this year.
    async fn demo_offerings(&self, scope: &Scope) -> Result<i64, AppError> {
        let year = i64::from(crate::catalog::today(self).year());
        for (service, code, name, unit, price, contents) in OFFERINGS {
            self.create_offering(
                scope,
                OfferingInput {
                    service: service.into(),
                    code: code.into(),
                    name: name.into(),
                    unit: unit.into(),
                    description: String::new(),
                    contents: contents.iter().map(|c| (*c).to_owned()).collect(),
                    service_levels: "Enligt tjänsteavtalet: P1 åtgärdat inom 4 h, P2 inom 8 h kontorstid"
                        .into(),
                    active: true,
                },
            )
            .await?;
            // Last year 3 % cheaper, next year 3 % dearer, in whole kronor.
            for (y, p) in [
                (year - 1, price * 97 / 100 / 100 * 100),
                (year, price),
                (year + 1, price * 103 / 100 / 100 * 100),
            ] {
                self.set_offering_price(scope, code, y, p).await?;
            }
        }
        for y in [year - 1, year, year + 1] {
            self.set_hourly_rate(scope, y, 95_000).await?;
        }
        Ok(year)
    }

    /// Each member's subscriptions from last year, its people's managers
    /// and the care system's owner.
    async fn demo_member_subscriptions(
        &self,
        scope: &Scope,
        members: &[DemoMember],
        year: i64,
    ) -> Result<(), AppError> {
        let starts_on = format!("{}-01-01", year - 1);
        for m in members {
            self.subscribe_demo_member(m, &starts_on).await?;
            // The end user and half the staff report to the member's
            // manager (person 3); person 4 owns the care system.
            for (i, person) in m.people.iter().enumerate() {
                if i != 3 && (i == 0 || i % 2 == 1) {
                    self.set_manager(
                        scope,
                        &m.code,
                        PersonId(*person),
                        Some(PersonId(m.people[3])),
                    )
                    .await?;
                }
            }
            self.set_system_owner(scope, &m.code, "CARE", PersonId(m.people[4]))
                .await?;
        }
        Ok(())
    }
}

/// The catalog items people order from the portal.
fn demo_items() -> [ItemInput; 4] {
    [
        ItemInput {
            code: "SW-INSTALL".into(),
            name: "Programvara från godkända listan".into(),
            description: "Installation av programvara som förbundet har godkänt. Licensen debiteras din förvaltning.".into(),
            service: Some("WORKPLACE".into()),
            price_ore: 150_000,
            spec: ItemSpec {
                fields: vec![
                    choice("software", "Programvara", &["Adobe Acrobat Pro", "SPSS Statistics", "ArcGIS Pro", "GIMP"]),
                    text("computer", "Datorns namn", true, "Står på etiketten under datorn, t.ex. YST-12345"),
                    FormField { kind: FieldKind::Textarea, ..text("motivation", "Varför behövs programmet?", false, "") },
                ],
                approvals: vec![ApprovalKind::Manager],
                tasks: vec![
                    task("Registrera licensen", "Servicedesk", 1),
                    task("Installera programvaran", "Klient & arbetsplats", 2),
                ],
            },
            active: true,
        },
        ItemInput {
            code: "NEW-ACCOUNT".into(),
            name: "Nytt användarkonto".into(),
            description: "Konto, brevlåda och behörigheter för en ny medarbetare.".into(),
            service: Some("IDENTITY".into()),
            price_ore: 0,
            spec: ItemSpec {
                fields: vec![
                    text("name", "Den nya medarbetarens namn", true, ""),
                    FormField { kind: FieldKind::Date, ..text("start_date", "Första arbetsdag", true, "ÅÅÅÅ-MM-DD") },
                    choice("role", "Roll", &["Administratör", "Lärare", "Undersköterska", "Chef", "Övrigt"]),
                ],
                approvals: vec![ApprovalKind::Manager],
                tasks: vec![task("Skapa konto och brevlåda", "Identitet & behörighet", 1)],
            },
            active: true,
        },
        ItemInput {
            code: "SCREEN".into(),
            name: "Extra bildskärm".into(),
            description: "En 27-tums bildskärm levererad och inkopplad.".into(),
            service: Some("WORKPLACE".into()),
            price_ore: 250_000,
            spec: ItemSpec {
                fields: vec![
                    text("place", "Var ska skärmen stå?", true, "Byggnad, våning och rum"),
                    FormField { kind: FieldKind::Checkbox, ..text("height_adjustable", "Höj- och sänkbar arm", false, "") },
                ],
                approvals: vec![ApprovalKind::Manager],
                tasks: vec![task("Leverera och koppla in", "Klient & arbetsplats", 1)],
            },
            active: true,
        },
        ItemInput {
            code: "ACCESS-CARE".into(),
            name: "Behörighet till verksamhetssystemet för vård och omsorg".into(),
            description: "Systemägaren beslutar om behörighet.".into(),
            service: Some("CARE".into()),
            price_ore: 0,
            spec: ItemSpec {
                fields: vec![choice("level", "Behörighet", &["Läsa", "Dokumentera", "Administrera"])],
                approvals: vec![ApprovalKind::Manager, ApprovalKind::SystemOwner],
                tasks: vec![task("Tilldela behörigheten", "Verksamhetssystem", 1)],
            },
            active: true,
        },
    ]
}
