//! The inventory pages' handlers: each reads through use cases, words the
//! result as a document (`documents`) and shows it with the forms the
//! reader may use. A refused form comes back with the reason in words.

use super::documents::{self, Page};
use crate::router::AppState;
use crate::ui::i18n::Tr;
use crate::ui::session::UiUser;
use crate::ui::steering::view::{DocumentView, document_view};
use crate::ui::{Frame, error_page, failure, page};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::inventory::impact::ItemOutage;
use samdrift_app::queries::records::MemberRecord;
use samdrift_domain::ids::MemberId;
use serde::Deserialize;
use uuid::Uuid;

pub struct Picker {
    pub action: &'static str,
    /// Whether "the federation" may be chosen (staff).
    pub allow_all: bool,
    pub members: Vec<(String, String, bool)>,
}

pub struct Filters {
    pub owner: String,
    pub kinds: Vec<(String, String, bool)>,
    pub categories: Vec<(String, String, bool)>,
    pub q: String,
    pub next: Option<String>,
}

#[derive(Template)]
#[template(path = "inventory_page.html")]
struct InventoryPage {
    frame: Frame,
    t: Tr,
    tabs: Vec<(&'static str, &'static str, bool)>,
    notice: Option<String>,
    error: Option<String>,
    picker: Option<Picker>,
    /// CSV downloads: (label, href).
    downloads: Vec<(&'static str, String)>,
    doc: DocumentView,
    import_form: bool,
    filters: Option<Filters>,
    /// The item page's outage form: its action.
    outage_action: Option<String>,
    /// The item page's consolidation form, for those who change the item.
    target_form: Option<TargetForm>,
    /// The standard page's form, for managers and admins: the categories.
    standard_form: Option<Vec<(String, String)>>,
}

/// An item's consolidation target as a form: the standard entries of its
/// category (id, label, chosen), the days, and the version read.
pub struct TargetForm {
    pub action: String,
    pub entries: Vec<(Uuid, String, bool)>,
    pub due: String,
    pub done_on: String,
    pub version: String,
}

impl InventoryPage {
    fn new(user: &UiUser, current: &'static str, p: Page) -> InventoryPage {
        let t = user.tr;
        let mut tabs = vec![
            ("/inventory", "inventory.nav.overview"),
            ("/inventory/items", "inventory.nav.items"),
            ("/inventory/systems", "inventory.nav.systems"),
            ("/inventory/plan", "inventory.nav.plan"),
            ("/inventory/standard", "inventory.nav.standard"),
        ];
        if user.scope.is_staff() {
            tabs.push(("/inventory/federation", "inventory.nav.federation"));
            tabs.push(("/inventory/overlap", "inventory.nav.overlap"));
        }
        let tabs = tabs
            .into_iter()
            .map(|(href, key)| (href, t.t(key), href == current))
            .collect();
        let mut doc = document_view(&t, &p.doc);
        for super::documents::TableLinks {
            at: (si, bi),
            hrefs: links,
        } in p.links
        {
            if let Some(table) = doc
                .sections
                .get_mut(si)
                .and_then(|s| s.blocks.get_mut(bi))
                .and_then(|b| b.table.as_mut())
            {
                for (row, href) in table.rows.iter_mut().zip(links) {
                    if let Some(first) = row.first_mut() {
                        first.href = href;
                    }
                }
            }
        }
        InventoryPage {
            frame: Frame::of(user, "/inventory"),
            t,
            tabs,
            notice: None,
            error: None,
            picker: None,
            downloads: vec![],
            doc,
            import_form: false,
            filters: None,
            outage_action: None,
            target_form: None,
            standard_form: None,
        }
    }
}

#[derive(Deserialize, Default)]
pub struct PickQuery {
    #[serde(default)]
    member: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

impl PickQuery {
    fn member(&self) -> Option<&str> {
        self.member
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
    }
}

fn refusal(t: &Tr, e: &AppError) -> Option<String> {
    match e {
        AppError::Invalid(fields) => Some(
            fields
                .iter()
                .map(|f| format!("{}: {}", f.field, crate::messages::render(t, &f.message)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        AppError::Conflict(m) => Some(crate::messages::render(t, m)),
        _ => None,
    }
}

fn refused_page(user: &UiUser, e: &AppError) -> Response {
    match refusal(&user.tr, e) {
        Some(why) => error_page(user, StatusCode::UNPROCESSABLE_ENTITY, why),
        None => failure(user, e),
    }
}

fn picker(
    action: &'static str,
    allow_all: bool,
    members: &[MemberRecord],
    chosen: Option<&str>,
) -> Picker {
    Picker {
        action,
        allow_all,
        members: members
            .iter()
            .map(|m| {
                (
                    m.code.clone(),
                    m.name.clone(),
                    Some(m.code.as_str()) == chosen,
                )
            })
            .collect(),
    }
}

/// The members whose inventory the reader sees, and the one chosen: a
/// member-side reader always has one (the first of theirs).
async fn chosen_member(
    s: &AppState,
    user: &UiUser,
    q: &PickQuery,
) -> Result<(Vec<MemberRecord>, Option<MemberRecord>), AppError> {
    let filter = user.scope.inventory_members();
    let members: Vec<MemberRecord> = s
        .app
        .members(&user.scope)
        .await?
        .into_iter()
        .filter(|m| filter.allows(MemberId(m.id)))
        .collect();
    if members.is_empty() {
        return Err(AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.inventory_read"
        )));
    }
    let chosen = match q.member() {
        Some(code) => Some(
            members
                .iter()
                .find(|m| m.code == code)
                .cloned()
                .ok_or(AppError::NotFound("member"))?,
        ),
        None if user.scope.is_staff() => None,
        None => members.first().cloned(),
    };
    Ok((members, chosen))
}

fn downloads(t: &Tr, base: &str, member: Option<&MemberRecord>) -> Vec<(&'static str, String)> {
    let m = member
        .map(|m| format!("&member={}", m.code))
        .unwrap_or_default();
    let _ = t;
    vec![(
        "inventory.download",
        format!("{base}?format=csv&lang={}{m}", t.lang()),
    )]
}

/// GET /inventory: a member's inventory with compliance and its history,
/// or the federation's for staff.
pub async fn overview(
    State(s): State<AppState>,
    user: UiUser,
    Query(q): Query<PickQuery>,
) -> Response {
    let t = user.tr;
    let (members, chosen) = match chosen_member(&s, &user, &q).await {
        Ok(v) => v,
        Err(e) => return failure(&user, e),
    };
    let loaded = async {
        let cats = s.app.inventory_categories().await?;
        let view = s.app.compliance_view(&user.scope).await?;
        let month = samdrift_domain::steering::month_of(view.day);
        let history = s.app.compliance_history(&user.scope, &month).await?;
        Ok::<_, AppError>((cats, view, history))
    }
    .await;
    let (cats, view, history) = match loaded {
        Ok(v) => v,
        Err(e) => return failure(&user, e),
    };
    let p = documents::overview(
        &t,
        &cats,
        &view,
        &history,
        chosen.as_ref().map(|m| (m.id, m.name.clone())),
    );
    let mut pg = InventoryPage::new(&user, "/inventory", p);
    pg.picker = Some(picker(
        "/inventory",
        user.scope.is_staff(),
        &members,
        chosen.as_ref().map(|m| m.code.as_str()),
    ));
    let owner = chosen
        .as_ref()
        .map(|m| format!("?owner={}", m.code))
        .unwrap_or_default();
    pg.downloads = vec![
        (
            "inventory.download.items",
            format!(
                "/api/v1/inventory/items{}{}format=csv&lang={}",
                owner,
                if owner.is_empty() { "?" } else { "&" },
                t.lang()
            ),
        ),
        (
            "inventory.download.compliance",
            format!("/api/v1/inventory/compliance?format=csv&lang={}", t.lang()),
        ),
    ];
    pg.import_form = members
        .iter()
        .any(|m| user.scope.may_edit_inventory(Some(MemberId(m.id))));
    if let Some(done) = q.done.as_deref() {
        pg.notice = Some(t.t("inventory.import.done").replace("{count}", done));
    }
    page(StatusCode::OK, &pg)
}

#[derive(Deserialize)]
pub struct ImportForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    csv: String,
}

/// POST /inventory/import: items pasted as CSV, all or nothing.
pub async fn import(
    State(s): State<AppState>,
    user: UiUser,
    Form(f): Form<ImportForm>,
) -> Response {
    if !user.csrf_ok(&f.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into());
    }
    match s.app.import_inventory_csv(&user.scope, &f.csv).await {
        Ok(sum) => {
            Redirect::to(&format!("/inventory?done={}", sum.created + sum.updated)).into_response()
        }
        Err(e) => refused_page(&user, &e),
    }
}

#[derive(Deserialize, Default)]
pub struct ItemsQuery {
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    after: Option<String>,
}

/// GET /inventory/items: items with filters, a page at a time.
pub async fn items(
    State(s): State<AppState>,
    user: UiUser,
    Query(q): Query<ItemsQuery>,
) -> Response {
    let t = user.tr;
    let keep = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let after = keep(&q.after).and_then(|a| samdrift_app::inventory::items::parse_item_cursor(&a));
    let loaded = async {
        let owner = match keep(&q.owner) {
            Some(o) => Some(s.app.inventory_owner_filter(&user.scope, &o).await?),
            None => None,
        };
        let query = samdrift_app::inventory::items::item_query(
            owner,
            keep(&q.kind),
            keep(&q.category),
            keep(&q.q),
            after,
            100,
        );
        Ok::<_, AppError>((
            s.app.inventory_items(&user.scope, query).await?,
            s.app.inventory_categories().await?,
        ))
    }
    .await;
    let (list, cats) = match loaded {
        Ok(v) => v,
        Err(AppError::Invalid(_)) => return failure(&user, AppError::NotFound("member")),
        Err(e) => return failure(&user, e),
    };
    if user.scope.inventory_members() == samdrift_domain::scope::MemberFilter::Only(vec![]) {
        return failure(
            &user,
            AppError::Forbidden(samdrift_domain::msg!("forbidden.inventory_read")),
        );
    }
    let p = documents::item_list(&t, &cats, &list);
    let mut pg = InventoryPage::new(&user, "/inventory/items", p);
    let kind = keep(&q.kind).unwrap_or_default();
    let category = keep(&q.category).unwrap_or_default();
    let base = format!(
        "owner={}&kind={}&category={}&q={}",
        enc(&keep(&q.owner).unwrap_or_default()),
        enc(&kind),
        enc(&category),
        enc(&keep(&q.q).unwrap_or_default())
    );
    pg.filters = Some(Filters {
        owner: keep(&q.owner).unwrap_or_default(),
        kinds: samdrift_domain::inventory::ItemKind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str().to_owned(),
                    documents::word(&t, "inventory.kind", k.as_str()),
                    k.as_str() == kind,
                )
            })
            .collect(),
        categories: cats
            .iter()
            .map(|c| {
                (
                    c.code.clone(),
                    documents::category_name(&t, &cats, Some(&c.code)),
                    c.code == category,
                )
            })
            .collect(),
        q: keep(&q.q).unwrap_or_default(),
        next: list.next.as_ref().map(|next| {
            let cursor = samdrift_app::inventory::items::item_cursor(next);
            format!("/inventory/items?{base}&after={}", enc(&cursor))
        }),
    });
    pg.downloads = downloads(&t, "/api/v1/inventory/items", None)
        .into_iter()
        .map(|(k, h)| (k, format!("{h}&{base}")))
        .collect();
    page(StatusCode::OK, &pg)
}

/// Percent-encodes a query value.
fn enc(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// GET /inventory/items/{id}: an item, what its failure affects, its
/// tickets, and for staff an outage form.
pub async fn item(State(s): State<AppState>, user: UiUser, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<Uuid>() else {
        return failure(&user, AppError::NotFound("item"));
    };
    let t = user.tr;
    let loaded = async {
        let page = s.app.inventory_item_page(&user.scope, id).await?;
        let impact = s.app.item_impact(&user.scope, id).await?;
        Ok::<_, AppError>((page, impact, s.app.inventory_categories().await?))
    }
    .await;
    let (item, impact, cats) = match loaded {
        Ok(v) => v,
        Err(e) => return failure(&user, e),
    };
    let p = documents::item_page(&t, &cats, &item, &impact);
    let mut pg = InventoryPage::new(&user, "/inventory/items", p);
    if user.scope.is_staff() && !impact.impact.services.is_empty() {
        pg.outage_action = Some(format!("/inventory/items/{id}/outage"));
    }
    if user
        .scope
        .may_edit_inventory(item.item.member_id.map(MemberId))
    {
        pg.target_form = target_form(&s, &user, &item).await;
    }
    page(StatusCode::OK, &pg)
}

/// The consolidation form of an item whose category has a standard.
async fn target_form(
    s: &AppState,
    user: &UiUser,
    item: &samdrift_app::inventory::items::ItemPage,
) -> Option<TargetForm> {
    let category = item.item.category.as_deref()?;
    let lines = s.app.standard(&user.scope).await.ok()?;
    let current = item.target.as_ref();
    let entries: Vec<(Uuid, String, bool)> = lines
        .iter()
        .filter(|l| l.entry.category == category)
        .map(|l| {
            let label = format!("{} {}", l.entry.product_name, l.entry.product_version);
            (
                l.entry.id,
                label.trim().to_owned(),
                current.is_some_and(|c| c.standard_entry_id == l.entry.id),
            )
        })
        .collect();
    if entries.is_empty() {
        return None;
    }
    Some(TargetForm {
        action: format!("/inventory/items/{}/target", item.item.id),
        entries,
        due: current.map(|c| c.due.clone()).unwrap_or_default(),
        done_on: current.and_then(|c| c.done_on.clone()).unwrap_or_default(),
        version: current.map(|c| c.version.to_string()).unwrap_or_default(),
    })
}

#[derive(Deserialize)]
pub struct TargetFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    entry: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    done_on: String,
    #[serde(default)]
    version: String,
}

/// POST /inventory/items/{id}/target: an item's target and day.
pub async fn set_target(
    State(s): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(f): Form<TargetFields>,
) -> Response {
    if !user.csrf_ok(&f.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into());
    }
    let (Ok(id), Ok(entry)) = (id.parse::<Uuid>(), f.entry.parse::<Uuid>()) else {
        return failure(&user, AppError::NotFound("item"));
    };
    let new = samdrift_app::inventory::consolidation::NewTarget {
        standard_entry: entry,
        due: f.due,
        done_on: Some(f.done_on),
        note: String::new(),
    };
    match s
        .app
        .set_consolidation_target(&user.scope, id, new, f.version.parse().ok())
        .await
    {
        Ok(_) => Redirect::to(&format!("/inventory/items/{id}")).into_response(),
        Err(AppError::Stale) => error_page(
            &user,
            StatusCode::CONFLICT,
            user.tr.t("steering.stale").into(),
        ),
        Err(e) => refused_page(&user, &e),
    }
}

#[derive(Deserialize)]
pub struct StandardFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    product: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    decision: String,
}

/// POST /inventory/standard: an approved product, on the board's decision.
pub async fn add_standard(
    State(s): State<AppState>,
    user: UiUser,
    Form(f): Form<StandardFields>,
) -> Response {
    if !user.csrf_ok(&f.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into());
    }
    let new = samdrift_app::inventory::standard::NewStandardEntry {
        category: f.category,
        product: f.product,
        version: f.version,
        valid_from: f.valid_from,
        valid_until: None,
        decision: Some(f.decision),
        note: String::new(),
    };
    match s.app.add_standard_entry(&user.scope, new).await {
        Ok(_) => Redirect::to("/inventory/standard").into_response(),
        Err(e) => refused_page(&user, &e),
    }
}

#[derive(Deserialize)]
pub struct OutageForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    planned: Option<String>,
}

/// POST /inventory/items/{id}/outage: an outage of every service the
/// item's failure reaches.
pub async fn start_outage(
    State(s): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(f): Form<OutageForm>,
) -> Response {
    if !user.csrf_ok(&f.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into());
    }
    let Ok(id) = id.parse::<Uuid>() else {
        return failure(&user, AppError::NotFound("item"));
    };
    let new = ItemOutage {
        message: f.message,
        planned: f.planned.is_some(),
        starts_at: None,
        ends_at: None,
    };
    match s.app.start_outage_from_item(&user.scope, id, new).await {
        Ok(_) => Redirect::to(&format!("/inventory/items/{id}")).into_response(),
        Err(e) => refused_page(&user, &e),
    }
}

/// GET /inventory/systems: the application portfolio.
pub async fn systems(
    State(s): State<AppState>,
    user: UiUser,
    Query(q): Query<PickQuery>,
) -> Response {
    let t = user.tr;
    let (members, chosen) = match chosen_member(&s, &user, &q).await {
        Ok(v) => v,
        Err(e) => return failure(&user, e),
    };
    let loaded = async {
        Ok::<_, AppError>((
            s.app
                .application_portfolio(&user.scope, chosen.as_ref().map(|m| m.id))
                .await?,
            s.app.inventory_categories().await?,
        ))
    }
    .await;
    let (lines, cats) = match loaded {
        Ok(v) => v,
        Err(e) => return failure(&user, e),
    };
    let title = match &chosen {
        Some(m) => t
            .t("inventory.systems.member_title")
            .replace("{member}", &m.name),
        None => t.t("inventory.systems.title").to_owned(),
    };
    let mut pg = InventoryPage::new(
        &user,
        "/inventory/systems",
        documents::systems(&t, &cats, &lines, title),
    );
    pg.picker = Some(picker(
        "/inventory/systems",
        user.scope.is_staff(),
        &members,
        chosen.as_ref().map(|m| m.code.as_str()),
    ));
    pg.downloads = downloads(&t, "/api/v1/inventory/systems", chosen.as_ref());
    page(StatusCode::OK, &pg)
}

/// GET /inventory/federation: every member side by side (staff).
pub async fn federation(State(s): State<AppState>, user: UiUser) -> Response {
    let t = user.tr;
    if !user.scope.is_staff() {
        return failure(
            &user,
            AppError::Forbidden(samdrift_domain::msg!("forbidden.federation_view")),
        );
    }
    let loaded = async {
        let cats = s.app.inventory_categories().await?;
        let view = s.app.compliance_view(&user.scope).await?;
        let history = s
            .app
            .compliance_history(&user.scope, &samdrift_domain::steering::month_of(view.day))
            .await?;
        Ok::<_, AppError>((cats, view, history))
    }
    .await;
    let (cats, view, history) = match loaded {
        Ok(v) => v,
        Err(e) => return failure(&user, e),
    };
    let mut pg = InventoryPage::new(
        &user,
        "/inventory/federation",
        documents::federation(&t, &cats, &view, &history),
    );
    pg.downloads = vec![(
        "inventory.download.compliance",
        format!("/api/v1/inventory/compliance?format=csv&lang={}", t.lang()),
    )];
    page(StatusCode::OK, &pg)
}

/// GET /inventory/overlap: the same purpose across members (staff).
pub async fn overlap(State(s): State<AppState>, user: UiUser) -> Response {
    let t = user.tr;
    let loaded = async {
        Ok::<_, AppError>((
            s.app.application_overlap(&user.scope).await?,
            s.app.inventory_categories().await?,
        ))
    }
    .await;
    let (groups, cats) = match loaded {
        Ok(v) => v,
        Err(e) => return failure(&user, e),
    };
    let mut pg = InventoryPage::new(
        &user,
        "/inventory/overlap",
        documents::overlap(&t, &cats, &groups),
    );
    pg.downloads = downloads(&t, "/api/v1/inventory/overlap", None);
    page(StatusCode::OK, &pg)
}

/// GET /inventory/plan: the consolidation plan with progress and what is late.
pub async fn plan(State(s): State<AppState>, user: UiUser, Query(q): Query<PickQuery>) -> Response {
    let t = user.tr;
    let (members, chosen) = match chosen_member(&s, &user, &q).await {
        Ok(v) => v,
        Err(e) => return failure(&user, e),
    };
    let loaded = async {
        Ok::<_, AppError>((
            s.app
                .consolidation_plan(&user.scope, chosen.as_ref().map(|m| m.id))
                .await?,
            s.app.inventory_categories().await?,
        ))
    }
    .await;
    let (v, cats) = match loaded {
        Ok(v) => v,
        Err(e) => return failure(&user, e),
    };
    let title = match &chosen {
        Some(m) => t
            .t("inventory.plan.member_title")
            .replace("{member}", &m.name),
        None => t.t("inventory.plan.title").to_owned(),
    };
    let mut pg = InventoryPage::new(
        &user,
        "/inventory/plan",
        documents::plan(&t, &cats, &v, title),
    );
    pg.picker = Some(picker(
        "/inventory/plan",
        user.scope.is_staff(),
        &members,
        chosen.as_ref().map(|m| m.code.as_str()),
    ));
    pg.downloads = downloads(&t, "/api/v1/inventory/plan", chosen.as_ref());
    page(StatusCode::OK, &pg)
}

/// GET /inventory/standard: the common standard with its decisions.
pub async fn standard(State(s): State<AppState>, user: UiUser) -> Response {
    let t = user.tr;
    if user.scope.inventory_members() == samdrift_domain::scope::MemberFilter::Only(vec![]) {
        return failure(
            &user,
            AppError::Forbidden(samdrift_domain::msg!("forbidden.inventory_read")),
        );
    }
    let loaded = async {
        Ok::<_, AppError>((
            s.app.standard(&user.scope).await?,
            s.app.inventory_categories().await?,
        ))
    }
    .await;
    let (lines, cats) = match loaded {
        Ok(v) => v,
        Err(e) => return failure(&user, e),
    };
    let mut pg = InventoryPage::new(
        &user,
        "/inventory/standard",
        documents::standard(&t, &cats, &lines),
    );
    if user.scope.may_set_standard() {
        pg.standard_form = Some(
            cats.iter()
                .map(|c| {
                    (
                        c.code.clone(),
                        documents::category_name(&t, &cats, Some(&c.code)),
                    )
                })
                .collect(),
        );
    }
    page(StatusCode::OK, &pg)
}
