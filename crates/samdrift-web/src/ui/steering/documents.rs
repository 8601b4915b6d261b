//! The reports people meet over, worded in the reader's language as
//! documents: the page shows a document as HTML and the report crate
//! renders the same document as the PDF that is archived.

use crate::ui::i18n::Tr;
use samdrift_app::steering::goals::{Dashboard, KpiView};
use samdrift_app::steering::overview::{BoardPack, FigureLine, OVERVIEW_MEASURES, Overview};
use samdrift_app::steering::proposals::ProposalView;
use samdrift_app::steering::reports::MemberReport;
use samdrift_domain::document::{Block, Chart, ChartPoint, Document, Figure, Section, Table, Tone};
use samdrift_domain::sla::ClockKind;
use samdrift_domain::steering::measure::Measure;

/// A measure's value in its unit, worded (`95,4 %`, `4,2 av 5`, `–`).
pub fn value(t: &Tr, unit: &str, v: Option<f64>) -> String {
    let Some(v) = v else {
        return "–".into();
    };
    let one = |x: f64| {
        let s = format!("{x:.1}");
        if t.lang() == "sv" {
            s.replace('.', ",")
        } else {
            s
        }
    };
    match unit {
        "percent" => {
            if t.lang() == "sv" {
                format!("{} %", one(v))
            } else {
                format!("{}%", one(v))
            }
        }
        "of_five" => t.t("steering.unit.of_five").replace("{v}", &one(v)),
        "days" => t.t("steering.unit.days").replace("{v}", &one(v)),
        "kronor" => t.money((v * 100.0).round() as i64),
        _ => {
            if (v - v.round()).abs() < 1e-9 {
                t.whole(v.round() as i64)
            } else {
                one(v)
            }
        }
    }
}

fn measure_name(t: &Tr, m: Measure) -> &'static str {
    t.t(&format!("steering.measure.{}", m.as_str()))
}

fn figure(label: &str, value: String) -> Figure {
    Figure {
        label: label.to_owned(),
        value,
        note: String::new(),
        tone: Tone::Neutral,
    }
}

fn table(caption: &str, headers: Vec<&str>, numeric: Vec<bool>, rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        caption: caption.to_owned(),
        headers: headers.into_iter().map(str::to_owned).collect(),
        numeric,
        rows,
    })
}

fn section(heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        heading: heading.to_owned(),
        blocks,
    }
}

/// A member's monthly report for its service-level meeting.
pub fn member_report(t: &Tr, r: &MemberReport) -> Document {
    let f = |m: Measure| value(t, m.unit(), r.figures.get(&m).copied().flatten());
    let summary = [
        Measure::TicketVolume,
        Measure::Backlog,
        Measure::SlaCompliance,
        Measure::Availability,
        Measure::Satisfaction,
        Measure::FirstContactResolution,
        Measure::Penalties,
        Measure::CostPerUser,
    ]
    .into_iter()
    .map(|m| figure(measure_name(t, m), f(m)))
    .collect();
    Document {
        lang: t.lang().to_owned(),
        title: t
            .t("steering.report.title")
            .replace("{member}", &r.member.name),
        subtitle: t.t("steering.report.subtitle").replace("{month}", &r.month),
        made: t.t("steering.report.made").to_owned(),
        sections: vec![
            section(
                t.t("steering.report.summary"),
                vec![Block::Figures { figures: summary }],
            ),
            sla_section(t, r),
            availability_section(t, r),
            costs_section(t, r),
            section(
                t.t("steering.report.proposals"),
                vec![proposal_table(t, &r.proposals)],
            ),
        ],
    }
}

fn clock_kind(t: &Tr, k: ClockKind) -> &'static str {
    match k {
        ClockKind::Response => t.t("steering.clock.response"),
        ClockKind::Resolution => t.t("steering.clock.resolution"),
    }
}

fn sla_section(t: &Tr, r: &MemberReport) -> Section {
    let trend = Chart {
        caption: t.t("steering.report.compliance_trend").to_owned(),
        unit: "%".into(),
        points: r
            .compliance_trend
            .iter()
            .map(|(m, v)| ChartPoint {
                label: m.clone(),
                value: *v,
            })
            .collect(),
        target: None,
    };
    let rows = r
        .sla
        .compliance
        .rows
        .iter()
        .map(|row| {
            vec![
                row.service.clone().unwrap_or_else(|| "–".into()),
                row.priority.as_str().to_owned(),
                clock_kind(t, row.kind).to_owned(),
                t.whole(row.counted as i64),
                t.whole(row.breached as i64),
                row.compliance_bp
                    .map(|bp| t.percent(bp))
                    .unwrap_or_else(|| "–".into()),
            ]
        })
        .collect();
    let penalties = r
        .sla
        .penalties
        .iter()
        .map(|p| {
            vec![
                p.agreement.clone(),
                p.entry.clone(),
                crate::messages::render(t, &p.penalty.explanation),
                t.money(p.penalty.amount_ore),
            ]
        })
        .collect::<Vec<_>>();
    let mut blocks = vec![
        Block::Chart(trend),
        table(
            t.t("steering.report.compliance_table"),
            vec![
                t.t("steering.col.service"),
                t.t("steering.col.priority"),
                t.t("steering.col.clock"),
                t.t("steering.col.counted"),
                t.t("steering.col.breached"),
                t.t("steering.col.compliance"),
            ],
            vec![false, false, false, true, true, true],
            rows,
        ),
    ];
    if penalties.is_empty() {
        blocks.push(Block::Paragraph {
            text: t.t("steering.report.no_penalties").to_owned(),
        });
    } else {
        blocks.push(table(
            t.t("steering.report.penalties"),
            vec![
                t.t("steering.col.agreement"),
                t.t("steering.col.entry"),
                t.t("steering.col.explanation"),
                t.t("steering.col.amount"),
            ],
            vec![false, false, false, true],
            penalties,
        ));
    }
    section(t.t("steering.report.sla"), blocks)
}

fn availability_section(t: &Tr, r: &MemberReport) -> Section {
    let rows = r
        .sla
        .availability
        .iter()
        .map(|a| {
            vec![
                a.service.clone(),
                t.percent(a.target_bp),
                a.availability
                    .availability_bp
                    .map(|bp| t.percent(bp))
                    .unwrap_or_else(|| "–".into()),
                match a.met {
                    Some(true) => t.t("steering.met").to_owned(),
                    Some(false) => t.t("steering.not_met").to_owned(),
                    None => "–".to_owned(),
                },
            ]
        })
        .collect();
    section(
        t.t("steering.report.availability"),
        vec![table(
            t.t("steering.report.availability"),
            vec![
                t.t("steering.col.service"),
                t.t("steering.col.target"),
                t.t("steering.col.achieved"),
                t.t("steering.col.status"),
            ],
            vec![false, true, true, false],
            rows,
        )],
    )
}

fn costs_section(t: &Tr, r: &MemberReport) -> Section {
    let mut rows: Vec<Vec<String>> = r
        .per_administration
        .iter()
        .map(|(a, ore)| vec![a.clone(), t.money(*ore)])
        .collect();
    rows.push(vec![
        t.t("steering.total").to_owned(),
        t.money(r.invoiced_ore),
    ]);
    section(
        t.t("steering.report.costs"),
        vec![table(
            t.t("steering.report.costs"),
            vec![
                t.t("steering.col.administration"),
                t.t("steering.col.amount"),
            ],
            vec![false, true],
            rows,
        )],
    )
}

fn proposal_table(t: &Tr, proposals: &[ProposalView]) -> Block {
    if proposals.is_empty() {
        return Block::Paragraph {
            text: t.t("steering.report.no_proposals").to_owned(),
        };
    }
    table(
        t.t("steering.report.proposals"),
        vec![
            t.t("steering.col.number"),
            t.t("steering.col.title"),
            t.t("steering.col.state"),
            t.t("steering.col.cost"),
        ],
        vec![false, false, false, true],
        proposals
            .iter()
            .map(|p| {
                vec![
                    p.proposal.number.clone(),
                    p.proposal.title.clone(),
                    t.t(&format!("proposal_state.{}", p.proposal.state))
                        .to_owned(),
                    t.money(p.proposal.cost_ore),
                ]
            })
            .collect(),
    )
}

/// A line of the overview's members table.
pub fn line_cells(t: &Tr, line: &FigureLine) -> Vec<String> {
    OVERVIEW_MEASURES
        .iter()
        .zip(&line.values)
        .map(|(m, v)| value(t, m.unit(), *v))
        .collect()
}

/// The members side by side, the federation last.
pub fn members_table(t: &Tr, o: &Overview) -> Block {
    let mut headers = vec![t.t("steering.col.member")];
    headers.extend(
        OVERVIEW_MEASURES
            .iter()
            .map(|m| t.t(&format!("steering.short.{}", m.as_str()))),
    );
    let mut numeric = vec![false];
    numeric.extend(OVERVIEW_MEASURES.iter().map(|_| true));
    let mut rows: Vec<Vec<String>> = o
        .members
        .iter()
        .map(|l| {
            let mut row = vec![
                l.member
                    .as_ref()
                    .map(|m| m.name.clone())
                    .unwrap_or_default(),
            ];
            row.extend(line_cells(t, l));
            row
        })
        .collect();
    let mut total = vec![t.t("steering.federation").to_owned()];
    total.extend(line_cells(t, &o.federation));
    rows.push(total);
    table(
        &t.t("steering.members_table").replace("{month}", &o.month),
        headers,
        numeric,
        rows,
    )
}

/// A KPI as a figure: its latest value, the target and its status in words.
pub fn kpi_figure(t: &Tr, k: &KpiView) -> Figure {
    let unit = k.measure.unit();
    let latest = k.points.iter().rev().find_map(|p| p.value);
    Figure {
        label: k.kpi.name.clone(),
        value: value(t, unit, latest),
        note: format!(
            "{} · {} {}",
            t.t(&format!("steering.status.{}", k.status.as_str())),
            t.t("steering.target"),
            value(t, unit, Some(k.target))
        ),
        tone: k.status.tone(),
    }
}

/// A KPI's months as a chart with its target line.
pub fn kpi_chart(t: &Tr, k: &KpiView) -> Chart {
    let unit = match k.measure.unit() {
        "" => "number",
        u => u,
    };
    Chart {
        caption: format!(
            "{} ({})",
            k.kpi.name,
            t.t(&format!("steering.unit_name.{unit}"))
        ),
        unit: t.t(&format!("steering.unit_short.{unit}")).to_owned(),
        points: k
            .points
            .iter()
            .map(|p| ChartPoint {
                label: p.month.clone(),
                value: p.value,
            })
            .collect(),
        target: Some(k.target),
    }
}

pub fn goal_sections(t: &Tr, d: &Dashboard) -> Vec<Section> {
    d.goals
        .iter()
        .map(|g| {
            let mut blocks = vec![];
            if !g.goal.description.is_empty() {
                blocks.push(Block::Paragraph {
                    text: g.goal.description.clone(),
                });
            }
            blocks.push(Block::Figures {
                figures: g.kpis.iter().map(|k| kpi_figure(t, k)).collect(),
            });
            blocks.extend(g.kpis.iter().map(|k| Block::Chart(kpi_chart(t, k))));
            section(
                &t.t("steering.goal_heading")
                    .replace("{goal}", &g.goal.title),
                blocks,
            )
        })
        .collect()
}

/// The board pack: every member side by side, the goals with their KPIs,
/// budget against outcome and the proposals waiting for a decision.
pub fn board_pack(t: &Tr, pack: &BoardPack) -> Document {
    let o = &pack.overview;
    let mut sections = vec![section(
        t.t("steering.pack.members"),
        vec![members_table(t, o)],
    )];
    sections.extend(goal_sections(t, &pack.dashboard));
    let diff = o.year_invoiced - o.year_budgeted;
    sections.push(section(
        t.t("steering.pack.budget"),
        vec![Block::Figures {
            figures: vec![
                figure(
                    t.t("steering.pack.year_budgeted"),
                    value(t, "kronor", Some(o.year_budgeted)),
                ),
                figure(
                    t.t("steering.pack.year_invoiced"),
                    value(t, "kronor", Some(o.year_invoiced)),
                ),
                Figure {
                    label: t.t("steering.pack.difference").to_owned(),
                    value: value(t, "kronor", Some(diff)),
                    note: t
                        .t(if diff > 0.0 {
                            "steering.pack.over"
                        } else {
                            "steering.pack.within"
                        })
                        .to_owned(),
                    tone: if diff > 0.0 {
                        Tone::Warning
                    } else {
                        Tone::Good
                    },
                },
            ],
        }],
    ));
    sections.push(section(
        t.t("steering.pack.proposals"),
        vec![proposal_table(t, &o.proposals_waiting)],
    ));
    Document {
        lang: t.lang().to_owned(),
        title: t.t("steering.pack.title").to_owned(),
        subtitle: t.t("steering.report.subtitle").replace("{month}", &o.month),
        made: t.t("steering.report.made").to_owned(),
        sections,
    }
}
