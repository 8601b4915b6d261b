//! The steering pages' handlers: each reads through one use case, words
//! the result as a document (`documents`) and shows it with the forms the
//! reader may use. Forms carry the session's CSRF token; a refused form
//! comes back with the reason in words.

use super::documents::{self, value};
use super::view::{DocumentView, TableView, document_view};
use crate::router::AppState;
use crate::ui::i18n::Tr;
use crate::ui::session::UiUser;
use crate::ui::{Frame, error_page, failure, page};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::steering::proposals::NewProposal;
use samdrift_domain::document::{Block, Document, Figure, Section, Table, Tone};
use samdrift_domain::steering::proposal::ProposalState;
use serde::Deserialize;
use uuid::Uuid;

pub struct Picker {
    pub action: &'static str,
    pub allow_all: bool,
    pub members: Vec<(String, String, bool)>,
    pub month: String,
}

pub struct VoteForm {
    pub action: String,
    pub close_action: String,
    pub seats: Vec<(Uuid, String)>,
    pub closable: bool,
}

pub struct MoveForm {
    pub action: String,
    pub version: i64,
    pub options: Vec<(&'static str, &'static str)>,
}

pub struct RaiseForm {
    /// The members the reader may raise for (code, name).
    pub members: Vec<(String, String)>,
    /// Whether the reader may raise for the federation.
    pub federation: bool,
    pub all_members: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "steering_page.html")]
struct SteeringPage {
    frame: Frame,
    t: Tr,
    tabs: Vec<(&'static str, &'static str, bool)>,
    notice: Option<String>,
    error: Option<String>,
    picker: Option<Picker>,
    pdf_link: Option<String>,
    doc: DocumentView,
    vote_form: Option<VoteForm>,
    move_form: Option<MoveForm>,
    raise_form: Option<RaiseForm>,
}

impl SteeringPage {
    fn new(user: &UiUser, current: &'static str, doc: DocumentView) -> SteeringPage {
        let t = user.tr;
        let tabs = [
            ("/steering", "steering.nav.overview"),
            ("/steering/goals", "steering.nav.goals"),
            ("/steering/reports", "steering.nav.reports"),
            ("/steering/board-pack", "steering.nav.board_pack"),
            ("/steering/forums", "steering.nav.forums"),
            ("/steering/proposals", "steering.nav.proposals"),
            ("/steering/decisions", "steering.nav.decisions"),
        ]
        .into_iter()
        .map(|(href, key)| (href, t.t(key), href == current))
        .collect();
        SteeringPage {
            frame: Frame::of(user, current),
            t,
            tabs,
            notice: None,
            error: None,
            picker: None,
            pdf_link: None,
            doc,
            vote_form: None,
            move_form: None,
            raise_form: None,
        }
    }
}

#[derive(Deserialize, Default)]
pub struct PickQuery {
    #[serde(default)]
    member: Option<String>,
    #[serde(default)]
    month: Option<String>,
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

    fn month(&self) -> Option<&str> {
        self.month
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
    }
}

/// A key figure without a status.
fn fact(label: &str, value: String) -> Figure {
    fact_with(label, value, String::new())
}

fn fact_with(label: &str, value: String, note: String) -> Figure {
    Figure {
        label: label.to_owned(),
        value,
        note,
        tone: Tone::Neutral,
    }
}

fn section(heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        heading: heading.to_owned(),
        blocks,
    }
}

fn doc(t: &Tr, title: &str, sections: Vec<Section>) -> Document {
    Document {
        lang: t.lang().to_owned(),
        title: title.to_owned(),
        subtitle: String::new(),
        made: String::new(),
        sections,
    }
}

/// A refusal in words, for the top of the page.
fn refusal(t: &Tr, e: &AppError) -> Option<String> {
    match e {
        AppError::Invalid(fields) => Some(
            fields
                .iter()
                .map(|f| crate::messages::render(t, &f.message))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        AppError::Conflict(m) => Some(crate::messages::render(t, m)),
        AppError::Stale => Some(t.t("steering.stale").to_owned()),
        _ => None,
    }
}

fn picker(
    action: &'static str,
    allow_all: bool,
    members: &[samdrift_app::queries::records::MemberRecord],
    chosen: Option<&str>,
    month: &str,
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
        month: month.to_owned(),
    }
}

/// GET /steering: the förbundschef's landing page.
pub async fn overview(
    State(s): State<AppState>,
    user: UiUser,
    Query(q): Query<PickQuery>,
) -> Response {
    let t = user.tr;
    let o = match s
        .app
        .steering_overview(&user.scope, q.member(), q.month())
        .await
    {
        Ok(o) => o,
        Err(e) => return refused_page(&user, &e),
    };
    let line = o
        .members
        .iter()
        .find(|l| {
            l.member
                .as_ref()
                .is_some_and(|m| Some(m.code.as_str()) == q.member())
        })
        .unwrap_or(&o.federation);
    let figures = samdrift_app::steering::overview::OVERVIEW_MEASURES
        .iter()
        .zip(&line.values)
        .map(|(m, v)| {
            fact(
                t.t(&format!("steering.measure.{}", m.as_str())),
                value(&t, m.unit(), *v),
            )
        })
        .collect();
    let waiting = waiting_figures(&t, &o);
    let heading = match q.member().and_then(|c| {
        o.members
            .iter()
            .find_map(|l| l.member.as_ref().filter(|m| m.code == c))
    }) {
        Some(m) => t.t("steering.totals_for").replace("{member}", &m.name),
        None => t.t("steering.federation_totals").to_owned(),
    };
    let mut d = doc(
        &t,
        t.t("steering.overview.title"),
        vec![
            section(&heading, vec![Block::Figures { figures }]),
            section(
                t.t("steering.waiting"),
                vec![Block::Figures { figures: waiting }],
            ),
            section(
                t.t("steering.pack.members"),
                vec![documents::members_table(&t, &o)],
            ),
        ],
    );
    d.subtitle = t.t("steering.report.subtitle").replace("{month}", &o.month);
    let mut view = document_view(&t, &d);
    link_first_column(&mut view, |i| {
        o.members
            .get(i)
            .and_then(|l| l.member.as_ref())
            .map(|m| format!("/steering/reports?member={}&month={}", m.code, o.month))
    });
    let members: Vec<_> = o.members.iter().filter_map(|l| l.member.clone()).collect();
    let mut p = SteeringPage::new(&user, "/steering", view);
    p.picker = Some(picker("/steering", true, &members, q.member(), &o.month));
    page(StatusCode::OK, &p)
}

/// What waits for the förbundschef: orders, proposals, goals off track,
/// and the year's outcome against its budget.
fn waiting_figures(t: &Tr, o: &samdrift_app::steering::overview::Overview) -> Vec<Figure> {
    vec![
        fact(
            t.t("steering.orders_waiting"),
            t.whole(o.orders_waiting as i64),
        ),
        fact(
            t.t("steering.proposals_waiting"),
            t.whole(o.proposals_waiting.len() as i64),
        ),
        Figure {
            label: t.t("steering.off_track").into(),
            value: t.whole(o.off_track.len() as i64),
            note: o
                .off_track
                .iter()
                .map(|(g, k)| format!("{g}: {k}"))
                .collect::<Vec<_>>()
                .join("; "),
            tone: if o.off_track.is_empty() {
                Tone::Good
            } else {
                Tone::Bad
            },
        },
        fact_with(
            t.t("steering.pack.difference"),
            value(t, "kronor", Some(o.year_invoiced - o.year_budgeted)),
            t.t("steering.year_to_date").into(),
        ),
    ]
}

/// Links the first cell of each row of the page's first table.
fn link_first_column(view: &mut DocumentView, href: impl Fn(usize) -> Option<String>) {
    if let Some(table) = view
        .sections
        .iter_mut()
        .flat_map(|s| s.blocks.iter_mut())
        .find_map(|b| b.table.as_mut())
    {
        link_rows(table, href);
    }
}

fn link_rows(table: &mut TableView, href: impl Fn(usize) -> Option<String>) {
    for (i, row) in table.rows.iter_mut().enumerate() {
        if let Some(first) = row.first_mut() {
            first.href = href(i);
        }
    }
}

fn refused_page(user: &UiUser, e: &AppError) -> Response {
    match refusal(&user.tr, e) {
        Some(why) => error_page(user, StatusCode::UNPROCESSABLE_ENTITY, why),
        None => failure(user, e),
    }
}

/// GET /steering/goals: each goal with its KPIs, charts and status.
pub async fn goals(
    State(s): State<AppState>,
    user: UiUser,
    Query(q): Query<PickQuery>,
) -> Response {
    let t = user.tr;
    let d = match s
        .app
        .goal_dashboard(&user.scope, q.member(), q.month())
        .await
    {
        Ok(d) => d,
        Err(e) => return refused_page(&user, &e),
    };
    let mut document = doc(
        &t,
        t.t("steering.goals.title"),
        documents::goal_sections(&t, &d),
    );
    document.subtitle = match &d.member {
        Some(m) => t
            .t("steering.goals.for_member")
            .replace("{member}", &m.name),
        None => t.t("steering.goals.for_federation").to_owned(),
    };
    if d.goals.is_empty() {
        document
            .sections
            .push(section(t.t("steering.goals.none"), vec![]));
    }
    let last = d.months.last().cloned().unwrap_or_default();
    let mut p = SteeringPage::new(&user, "/steering/goals", document_view(&t, &document));
    p.picker = Some(picker(
        "/steering/goals",
        true,
        &d.members,
        q.member(),
        &last,
    ));
    page(StatusCode::OK, &p)
}

fn pdf(bytes: Vec<u8>, name: &str) -> Response {
    let mut r = (StatusCode::OK, bytes).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{name}.pdf\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// GET /steering/board-pack
pub async fn board_pack(
    State(s): State<AppState>,
    user: UiUser,
    Query(q): Query<PickQuery>,
) -> Response {
    let t = user.tr;
    let pack = match s.app.board_pack(&user.scope, q.month()).await {
        Ok(p) => p,
        Err(e) => return refused_page(&user, &e),
    };
    let d = documents::board_pack(&t, &pack);
    let mut p = SteeringPage::new(&user, "/steering/board-pack", document_view(&t, &d));
    p.pdf_link = Some(format!(
        "/steering/board-pack.pdf?month={}",
        pack.overview.month
    ));
    p.picker = Some(Picker {
        action: "/steering/board-pack",
        allow_all: true,
        members: vec![],
        month: pack.overview.month.clone(),
    });
    page(StatusCode::OK, &p)
}

/// GET /steering/board-pack.pdf
pub async fn board_pack_pdf(
    State(s): State<AppState>,
    user: UiUser,
    Query(q): Query<PickQuery>,
) -> Response {
    let t = user.tr;
    let pack = match s.app.board_pack(&user.scope, q.month()).await {
        Ok(p) => p,
        Err(e) => return refused_page(&user, &e),
    };
    match s.app.render_pdf(documents::board_pack(&t, &pack)).await {
        Ok(bytes) => pdf(bytes, &format!("board-pack-{}", pack.overview.month)),
        Err(e) => refused_page(&user, &e),
    }
}

/// The month a member report opens on: last month.
fn last_month(s: &AppState) -> String {
    let today = samdrift_domain::time::stockholm()
        .to_datetime(s.app.clock.now())
        .date();
    let last = today.first_of_month().yesterday().unwrap_or(today);
    samdrift_domain::steering::month_of(last)
}

/// GET /steering/reports?member=YST&month=2026-11: a member's monthly
/// report, its PDF and the archive.
pub async fn member_report(
    State(s): State<AppState>,
    user: UiUser,
    Query(q): Query<PickQuery>,
) -> Response {
    let t = user.tr;
    let members = match s.app.goal_dashboard(&user.scope, None, None).await {
        Ok(d) => d.members,
        Err(e) => return refused_page(&user, &e),
    };
    let month = q
        .month()
        .map(str::to_owned)
        .unwrap_or_else(|| last_month(&s));
    let Some(code) = q
        .member()
        .map(str::to_owned)
        .or_else(|| members.first().map(|m| m.code.clone()))
    else {
        return failure(&user, AppError::NotFound("member"));
    };
    let r = match s.app.member_report(&user.scope, &code, &month).await {
        Ok(r) => r,
        Err(e) => return refused_page(&user, &e),
    };
    let mut d = documents::member_report(&t, &r);
    if let Ok((_, archived)) = s.app.archived_reports(&user.scope, &code).await {
        let rows = archived
            .iter()
            .map(|a| vec![a.month.clone(), a.language.clone(), t.time(a.made_at)])
            .collect();
        d.sections.push(section(
            t.t("steering.archive.heading"),
            vec![Block::Table(Table {
                caption: t.t("steering.archive.caption").to_owned(),
                headers: vec![
                    t.t("steering.col.month").into(),
                    t.t("steering.col.language").into(),
                    t.t("steering.col.made").into(),
                ],
                numeric: vec![false, false, false],
                rows,
            })],
        ));
        let mut view = document_view(&t, &d);
        if let Some(table) = view
            .sections
            .last_mut()
            .and_then(|s| s.blocks.first_mut())
            .and_then(|b| b.table.as_mut())
        {
            link_rows(table, |i| {
                archived.get(i).map(|a| {
                    format!(
                        "/steering/reports/pdf?member={code}&month={}&lang={}",
                        a.month, a.language
                    )
                })
            });
        }
        let mut p = SteeringPage::new(&user, "/steering/reports", view);
        p.pdf_link = Some(format!(
            "/steering/reports/pdf?member={code}&month={month}&lang={}",
            t.lang()
        ));
        p.picker = Some(picker(
            "/steering/reports",
            false,
            &members,
            Some(&code),
            &month,
        ));
        return page(StatusCode::OK, &p);
    }
    failure(&user, AppError::NotFound("member"))
}

#[derive(Deserialize)]
pub struct PdfQuery {
    member: String,
    month: String,
    #[serde(default)]
    lang: Option<String>,
}

/// GET /steering/reports/pdf: the archived PDF, or one made now.
pub async fn member_report_pdf(
    State(s): State<AppState>,
    user: UiUser,
    Query(q): Query<PdfQuery>,
) -> Response {
    let t = match q.lang.as_deref() {
        Some(l) => Tr(crate::ui::i18n::Lang::parse(l)),
        None => user.tr,
    };
    let name = format!("{}-{}", q.member, q.month);
    match s
        .app
        .archived_report_pdf(&user.scope, &q.member, &q.month, t.lang())
        .await
    {
        Ok(bytes) => return pdf(bytes, &name),
        Err(AppError::NotFound("report")) => {}
        Err(e) => return refused_page(&user, &e),
    }
    let r = match s.app.member_report(&user.scope, &q.member, &q.month).await {
        Ok(r) => r,
        Err(e) => return refused_page(&user, &e),
    };
    match s.app.render_pdf(documents::member_report(&t, &r)).await {
        Ok(bytes) => pdf(bytes, &name),
        Err(e) => refused_page(&user, &e),
    }
}

/// A stored value in words (`proposal_state.prepared`), or as stored.
fn word(t: &Tr, prefix: &str, v: &str) -> String {
    match t.t(&format!("{prefix}.{v}")) {
        "?" => v.to_owned(),
        w => w.to_owned(),
    }
}

/// GET /steering/forums
pub async fn forums(State(s): State<AppState>, user: UiUser) -> Response {
    let t = user.tr;
    let list = match s.app.forums(&user.scope).await {
        Ok(l) => l,
        Err(e) => return refused_page(&user, &e),
    };
    let rows = list
        .iter()
        .map(|f| {
            vec![
                f.name.clone(),
                word(&t, "forum_kind", &f.kind),
                word(&t, "majority", &f.majority),
                t.percent(f.quorum_bp.clamp(0, 10_000) as u32),
            ]
        })
        .collect();
    let d = doc(
        &t,
        t.t("steering.forums.title"),
        vec![section(
            t.t("steering.forums.title"),
            vec![Block::Table(Table {
                caption: t.t("steering.forums.caption").into(),
                headers: vec![
                    t.t("steering.col.forum").into(),
                    t.t("steering.col.kind").into(),
                    t.t("steering.col.majority").into(),
                    t.t("steering.col.quorum").into(),
                ],
                numeric: vec![false, false, false, true],
                rows,
            })],
        )],
    );
    let mut view = document_view(&t, &d);
    link_first_column(&mut view, |i| {
        list.get(i).map(|f| format!("/steering/forums/{}", f.id))
    });
    page(
        StatusCode::OK,
        &SteeringPage::new(&user, "/steering/forums", view),
    )
}

/// GET /steering/forums/{id}: seats with their weights, meetings with
/// agenda, attendance and minutes.
pub async fn forum(State(s): State<AppState>, user: UiUser, Path(id): Path<String>) -> Response {
    let t = user.tr;
    let Ok(id) = id.parse::<Uuid>() else {
        return failure(&user, AppError::NotFound("forum"));
    };
    let v = match s.app.forum_view(&user.scope, id).await {
        Ok(v) => v,
        Err(e) => return refused_page(&user, &e),
    };
    let seats = v
        .seats
        .iter()
        .map(|(seat, code)| {
            vec![
                seat.holder.clone(),
                code.clone()
                    .unwrap_or_else(|| t.t("steering.federation").into()),
                word(&t, "seat_role", &seat.role),
                t.whole(seat.weight),
            ]
        })
        .collect();
    let mut sections = vec![section(
        t.t("steering.forum.seats"),
        vec![
            Block::Paragraph {
                text: t
                    .t("steering.forum.rules")
                    .replace("{majority}", &word(&t, "majority", &v.forum.majority))
                    .replace(
                        "{quorum}",
                        &t.percent(v.forum.quorum_bp.clamp(0, 10_000) as u32),
                    ),
            },
            Block::Table(Table {
                caption: t.t("steering.forum.seats").into(),
                headers: vec![
                    t.t("steering.col.holder").into(),
                    t.t("steering.col.member").into(),
                    t.t("steering.col.role").into(),
                    t.t("steering.col.weight").into(),
                ],
                numeric: vec![false, false, false, true],
                rows: seats,
            }),
        ],
    )];
    for (m, attended) in &v.meetings {
        let present: Vec<String> = v
            .seats
            .iter()
            .filter(|(s, _)| attended.contains(&s.id))
            .map(|(s, _)| s.holder.clone())
            .collect();
        let mut blocks = vec![Block::Paragraph {
            text: format!(
                "{}: {}",
                t.t("steering.meeting.attended"),
                present.join(", ")
            ),
        }];
        if !m.agenda.is_empty() {
            blocks.push(Block::Paragraph {
                text: format!("{}\n{}", t.t("steering.meeting.agenda"), m.agenda),
            });
        }
        if !m.minutes.is_empty() {
            blocks.push(Block::Paragraph {
                text: format!("{}\n{}", t.t("steering.meeting.minutes"), m.minutes),
            });
        }
        sections.push(section(&format!("{} {}", m.held_on, m.title), blocks));
    }
    let d = doc(&t, &v.forum.name, sections);
    page(
        StatusCode::OK,
        &SteeringPage::new(&user, "/steering/forums", document_view(&t, &d)),
    )
}

fn proposal_rows(
    t: &Tr,
    list: &[samdrift_app::steering::proposals::ProposalView],
) -> Vec<Vec<String>> {
    list.iter()
        .map(|p| {
            vec![
                p.proposal.number.clone(),
                p.proposal.title.clone(),
                word(t, "proposal_kind", &p.proposal.kind),
                word(t, "proposal_state", &p.proposal.state),
                p.member_code
                    .clone()
                    .unwrap_or_else(|| t.t("steering.federation").into()),
                t.money(p.proposal.cost_ore),
            ]
        })
        .collect()
}

/// GET /steering/proposals: every proposal, and the form to raise one.
pub async fn proposals(
    State(s): State<AppState>,
    user: UiUser,
    Query(q): Query<PickQuery>,
) -> Response {
    render_proposals(&s, &user, q.done.is_some(), None).await
}

async fn render_proposals(
    s: &AppState,
    user: &UiUser,
    done: bool,
    error: Option<String>,
) -> Response {
    let t = user.tr;
    let list = match s.app.proposals(&user.scope).await {
        Ok(l) => l,
        Err(e) => return refused_page(user, &e),
    };
    let d = doc(
        &t,
        t.t("steering.proposals.title"),
        vec![section(
            t.t("steering.proposals.title"),
            vec![Block::Table(Table {
                caption: t.t("steering.proposals.caption").into(),
                headers: vec![
                    t.t("steering.col.number").into(),
                    t.t("steering.col.title").into(),
                    t.t("steering.col.kind").into(),
                    t.t("steering.col.state").into(),
                    t.t("steering.col.raised_by").into(),
                    t.t("steering.col.cost").into(),
                ],
                numeric: vec![false, false, false, false, false, true],
                rows: proposal_rows(&t, &list),
            })],
        )],
    );
    let mut view = document_view(&t, &d);
    link_first_column(&mut view, |i| {
        list.get(i)
            .map(|p| format!("/steering/proposals/{}", p.proposal.id))
    });
    let all = match s.app.goal_dashboard(&user.scope, None, None).await {
        Ok(d) => d.members,
        Err(_) => vec![],
    };
    let everyone = s.app.member_names(&user.scope).await.unwrap_or_default();
    let mut p = SteeringPage::new(user, "/steering/proposals", view);
    p.notice = done.then(|| t.t("steering.saved").to_owned());
    p.error = error;
    p.raise_form = Some(RaiseForm {
        members: all
            .iter()
            .filter(|m| {
                user.scope.may_manage_registers()
                    || user.scope.member_roles.iter().any(|(id, r)| {
                        id.0 == m.id && !matches!(r, samdrift_domain::role::MemberRole::EndUser)
                    })
            })
            .map(|m| (m.code.clone(), m.name.clone()))
            .collect(),
        federation: user.scope.may_manage_registers(),
        all_members: everyone,
    });
    page(
        if p.error.is_some() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &p,
    )
}

#[derive(Deserialize)]
pub struct RaiseForm2 {
    csrf: String,
    kind: String,
    #[serde(default)]
    member: String,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    benefit: String,
    #[serde(default)]
    cost: String,
}

/// POST /steering/proposals
pub async fn raise(
    State(s): State<AppState>,
    user: UiUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let f = RaiseForm2 {
        csrf: get("csrf"),
        kind: get("kind"),
        member: get("member"),
        title: get("title"),
        description: get("description"),
        benefit: get("benefit"),
        cost: get("cost"),
    };
    if !user.csrf_ok(&f.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into());
    }
    let t = user.tr;
    let cost = f.cost.trim().replace([' ', '\u{a0}'], "");
    let Ok(kronor) = (if cost.is_empty() {
        Ok(0)
    } else {
        cost.parse::<i64>()
    }) else {
        return render_proposals(
            &s,
            &user,
            false,
            Some(t.t("steering.raise.cost_help").into()),
        )
        .await;
    };
    let new = NewProposal {
        kind: f.kind,
        title: f.title,
        description: f.description,
        benefit: f.benefit,
        cost_ore: kronor.saturating_mul(100),
        member: Some(f.member).filter(|m| !m.trim().is_empty()),
        affects: pairs
            .iter()
            .filter(|(k, _)| k == "affects")
            .map(|(_, v)| v.clone())
            .collect(),
    };
    match s.app.raise_proposal(&user.scope, new).await {
        Ok(p) => Redirect::to(&format!("/steering/proposals/{}?done=1", p.id)).into_response(),
        Err(e) => match refusal(&t, &e) {
            Some(why) => render_proposals(&s, &user, false, Some(why)).await,
            None => failure(&user, e),
        },
    }
}

/// GET /steering/proposals/{id}: a proposal, its history and the moves
/// the reader may make.
pub async fn proposal(
    State(s): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(q): Query<PickQuery>,
) -> Response {
    render_proposal(&s, &user, &id, q.done.is_some(), None).await
}

async fn render_proposal(
    s: &AppState,
    user: &UiUser,
    id: &str,
    done: bool,
    error: Option<String>,
) -> Response {
    let t = user.tr;
    let Ok(id) = id.parse::<Uuid>() else {
        return failure(user, AppError::NotFound("proposal"));
    };
    let v = match s.app.proposal_view(&user.scope, id).await {
        Ok(v) => v,
        Err(e) => return refused_page(user, &e),
    };
    let p = &v.proposal;
    let d = proposal_document(&t, &v);
    let mut page_view = SteeringPage::new(user, "/steering/proposals", document_view(&t, &d));
    let state = ProposalState::parse(&p.state).ok();
    let admin = user.scope.may_manage_registers();
    let own = p.raised_by == user.scope.username;
    let mut options = vec![];
    if admin && state == Some(ProposalState::Raised) {
        options.push(("prepared", t.t("proposal_state.prepared")));
    }
    if (admin || own) && matches!(state, Some(ProposalState::Raised | ProposalState::Prepared)) {
        options.push(("withdrawn", t.t("proposal_state.withdrawn")));
    }
    if !options.is_empty() {
        page_view.move_form = Some(MoveForm {
            action: format!("/steering/proposals/{id}/state"),
            version: p.version,
            options,
        });
    }
    page_view.notice = done.then(|| t.t("steering.saved").to_owned());
    page_view.error = error;
    page(
        if page_view.error.is_some() {
            StatusCode::CONFLICT
        } else {
            StatusCode::OK
        },
        &page_view,
    )
}

/// A proposal with its facts, text and history.
fn proposal_document(t: &Tr, v: &samdrift_app::steering::proposals::ProposalView) -> Document {
    let p = &v.proposal;
    let facts = vec![
        fact(
            t.t("steering.col.state"),
            word(t, "proposal_state", &p.state),
        ),
        fact(t.t("steering.col.kind"), word(t, "proposal_kind", &p.kind)),
        fact(t.t("steering.col.cost"), t.money(p.cost_ore)),
        fact_with(
            t.t("steering.col.raised_by"),
            v.member_code
                .clone()
                .unwrap_or_else(|| t.t("steering.federation").into()),
            p.raised_by.clone(),
        ),
        fact(
            t.t("steering.raise.affects"),
            if v.affects.is_empty() {
                "–".into()
            } else {
                v.affects.join(", ")
            },
        ),
    ];
    let mut blocks = vec![Block::Figures { figures: facts }];
    if !p.description.is_empty() {
        blocks.push(Block::Paragraph {
            text: p.description.clone(),
        });
    }
    if !p.benefit.is_empty() {
        blocks.push(Block::Paragraph {
            text: format!("{}: {}", t.t("steering.raise.benefit"), p.benefit),
        });
    }
    let history = v
        .history
        .iter()
        .map(|e| {
            vec![
                t.time(e.at),
                word(t, "proposal_state", &e.state),
                e.actor.clone(),
                e.note.clone(),
            ]
        })
        .collect();
    doc(
        t,
        &format!("{} {}", p.number, p.title),
        vec![
            section(t.t("steering.proposal.about"), blocks),
            section(
                t.t("steering.proposal.history"),
                vec![Block::Table(Table {
                    caption: t.t("steering.proposal.history").into(),
                    headers: vec![
                        t.t("steering.col.when").into(),
                        t.t("steering.col.state").into(),
                        t.t("steering.col.who").into(),
                        t.t("steering.col.note").into(),
                    ],
                    numeric: vec![false; 4],
                    rows: history,
                })],
            ),
        ],
    )
}

#[derive(Deserialize)]
pub struct MoveFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    note: String,
}

/// POST /steering/proposals/{id}/state
pub async fn move_proposal(
    State(s): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(f): Form<MoveFields>,
) -> Response {
    if !user.csrf_ok(&f.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into());
    }
    let (Ok(pid), Ok(version)) = (id.parse::<Uuid>(), f.version.parse::<i64>()) else {
        return failure(&user, AppError::NotFound("proposal"));
    };
    match s
        .app
        .move_proposal(&user.scope, pid, version, &f.state, None, &f.note)
        .await
    {
        Ok(_) => Redirect::to(&format!("/steering/proposals/{pid}?done=1")).into_response(),
        Err(e) => match refusal(&user.tr, &e) {
            Some(why) => render_proposal(&s, &user, &id, false, Some(why)).await,
            None => failure(&user, e),
        },
    }
}

/// GET /steering/decisions: the decision log.
pub async fn decisions(State(s): State<AppState>, user: UiUser) -> Response {
    let t = user.tr;
    let log = match s.app.decision_log(&user.scope).await {
        Ok(l) => l,
        Err(e) => return refused_page(&user, &e),
    };
    let rows = log
        .iter()
        .map(|d| {
            let outcome = match &d.decision.outcome {
                Some(o) => word(&t, "outcome", o),
                None => t.t("steering.decision.open").to_owned(),
            };
            vec![
                d.decision.number.clone(),
                d.decision.title.clone(),
                d.forum_name.clone(),
                outcome,
                t.time(d.decision.closed_at.unwrap_or(d.decision.opened_at)),
            ]
        })
        .collect();
    let d = doc(
        &t,
        t.t("steering.decisions.title"),
        vec![section(
            t.t("steering.decisions.title"),
            vec![Block::Table(Table {
                caption: t.t("steering.decisions.caption").into(),
                headers: vec![
                    t.t("steering.col.number").into(),
                    t.t("steering.col.title").into(),
                    t.t("steering.col.forum").into(),
                    t.t("steering.col.outcome").into(),
                    t.t("steering.col.when").into(),
                ],
                numeric: vec![false; 5],
                rows,
            })],
        )],
    );
    let mut view = document_view(&t, &d);
    link_first_column(&mut view, |i| {
        log.get(i)
            .map(|d| format!("/steering/decisions/{}", d.decision.id))
    });
    page(
        StatusCode::OK,
        &SteeringPage::new(&user, "/steering/decisions", view),
    )
}

/// GET /steering/decisions/{id}: the tally, every vote with its
/// reservation, and the reader's ballot while it is open.
pub async fn decision(
    State(s): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Query(q): Query<PickQuery>,
) -> Response {
    render_decision(&s, &user, &id, q.done.is_some(), None).await
}

async fn render_decision(
    s: &AppState,
    user: &UiUser,
    id: &str,
    done: bool,
    error: Option<String>,
) -> Response {
    let t = user.tr;
    let Ok(id) = id.parse::<Uuid>() else {
        return failure(user, AppError::NotFound("decision"));
    };
    let v = match s.app.decision_view(&user.scope, id).await {
        Ok(v) => v,
        Err(e) => return refused_page(user, &e),
    };
    let forum = s
        .app
        .forum_view(&user.scope, v.decision.forum_id)
        .await
        .ok();
    let closed = v.decision.state != "open";
    let d = decision_document(&t, &v);
    let mut p = SteeringPage::new(user, "/steering/decisions", document_view(&t, &d));
    if !closed {
        let seats: Vec<(Uuid, String)> = forum
            .iter()
            .flat_map(|f| f.seats.iter())
            .filter(|(s, _)| s.account_id == Some(user.scope.account.0) && s.role != "secretary")
            .filter(|(s, _)| !v.votes.iter().any(|(vote, _)| vote.seat_id == s.id))
            .map(|(s, _)| (s.id, s.holder.clone()))
            .collect();
        let chair = forum
            .iter()
            .flat_map(|f| f.seats.iter())
            .any(|(s, _)| s.account_id == Some(user.scope.account.0) && s.role == "chair");
        p.vote_form = Some(VoteForm {
            action: format!("/steering/decisions/{id}/vote"),
            close_action: format!("/steering/decisions/{id}/close"),
            seats,
            closable: chair || user.scope.may_manage_registers(),
        });
    }
    p.notice = done.then(|| t.t("steering.saved").to_owned());
    p.error = error;
    page(
        if p.error.is_some() {
            StatusCode::CONFLICT
        } else {
            StatusCode::OK
        },
        &p,
    )
}

/// A decision with its tally in words and every vote.
fn decision_document(t: &Tr, v: &samdrift_app::steering::proposals::DecisionView) -> Document {
    let tally = &v.tally;
    let closed = v.decision.state != "open";
    let outcome = tally.outcome.as_str();
    let facts = vec![
        Figure {
            label: t.t("steering.col.outcome").into(),
            value: if closed {
                word(t, "outcome", outcome)
            } else {
                t.t("steering.decision.open").into()
            },
            note: crate::messages::render(t, &tally.explanation()),
            tone: match (closed, outcome) {
                (false, _) => Tone::Neutral,
                (true, "adopted") => Tone::Good,
                _ => Tone::Bad,
            },
        },
        fact(t.t("steering.choice.yes"), t.whole(tally.yes)),
        fact(t.t("steering.choice.no"), t.whole(tally.no)),
        fact(t.t("steering.choice.abstain"), t.whole(tally.abstain)),
        fact_with(
            t.t("steering.col.weight"),
            t.whole(tally.total),
            word(t, "majority", tally.majority.as_str()),
        ),
    ];
    let votes = v
        .votes
        .iter()
        .map(|(vote, holder)| {
            vec![
                holder.clone(),
                word(t, "choice", &vote.choice),
                t.whole(vote.weight),
                vote.reservation.clone(),
            ]
        })
        .collect();
    let mut about = vec![Block::Figures { figures: facts }];
    if let (Some(k), Some(r)) = (&v.decision.link_kind, &v.decision.link_ref) {
        about.push(Block::Paragraph {
            text: format!(
                "{}: {} {}",
                t.t("steering.decision.changes"),
                word(t, "link_kind", k),
                r
            ),
        });
    }
    doc(
        t,
        &format!("{} {}", v.decision.number, v.decision.title),
        vec![
            section(&v.forum_name, about),
            section(
                t.t("steering.decision.votes"),
                vec![Block::Table(Table {
                    caption: t.t("steering.decision.votes").into(),
                    headers: vec![
                        t.t("steering.col.holder").into(),
                        t.t("steering.col.choice").into(),
                        t.t("steering.col.weight").into(),
                        t.t("steering.col.reservation").into(),
                    ],
                    numeric: vec![false, false, true, false],
                    rows: votes,
                })],
            ),
        ],
    )
}

#[derive(Deserialize)]
pub struct VoteFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    seat: String,
    #[serde(default)]
    choice: String,
    #[serde(default)]
    reservation: String,
}

/// POST /steering/decisions/{id}/vote
pub async fn vote(
    State(s): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(f): Form<VoteFields>,
) -> Response {
    if !user.csrf_ok(&f.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into());
    }
    let Ok(did) = id.parse::<Uuid>() else {
        return failure(&user, AppError::NotFound("decision"));
    };
    let seat = f.seat.parse::<Uuid>().ok();
    match s
        .app
        .cast_vote(&user.scope, did, seat, &f.choice, &f.reservation)
        .await
    {
        Ok(_) => Redirect::to(&format!("/steering/decisions/{did}?done=1")).into_response(),
        Err(AppError::Forbidden(m)) => {
            render_decision(
                &s,
                &user,
                &id,
                false,
                Some(crate::messages::render(&user.tr, &m)),
            )
            .await
        }
        Err(e) => match refusal(&user.tr, &e) {
            Some(why) => render_decision(&s, &user, &id, false, Some(why)).await,
            None => failure(&user, e),
        },
    }
}

#[derive(Deserialize)]
pub struct CloseFields {
    #[serde(default)]
    csrf: String,
}

/// POST /steering/decisions/{id}/close
pub async fn close(
    State(s): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(f): Form<CloseFields>,
) -> Response {
    if !user.csrf_ok(&f.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into());
    }
    let Ok(did) = id.parse::<Uuid>() else {
        return failure(&user, AppError::NotFound("decision"));
    };
    match s.app.close_decision(&user.scope, did).await {
        Ok(_) => Redirect::to(&format!("/steering/decisions/{did}?done=1")).into_response(),
        Err(e) => match refusal(&user.tr, &e) {
            Some(why) => render_decision(&s, &user, &id, false, Some(why)).await,
            None => failure(&user, e),
        },
    }
}
