//! The demo federation's steering: Ystad-Österlen's goals (some on
//! track, one hand-entered figure off track), a year of monthly figures
//! computed from the demo's own tickets, the forums of its rules with the
//! board's three seats weighted by ownership, two board meetings with
//! minutes, and three proposals in different states, one decided by vote.

use crate::steering::forums::{NewForum, NewMeeting, NewSeat};
use crate::steering::goals::{NewGoal, NewKpi};
use crate::steering::proposals::{NewDecision, NewProposal};
use crate::{App, AppError};
use samdrift_domain::ids::{AccountId, MemberId};
use samdrift_domain::role::MemberRole;
use samdrift_domain::scope::Scope;
use samdrift_domain::steering::months_ending;
use uuid::Uuid;

/// (goal, description, [(KPI, measure, target)])
/// A KPI of the demo: name, measure and target.
type DemoKpi = (&'static str, &'static str, f64);

const GOALS: [(&str, &str, &[DemoKpi]); 4] = [
    (
        "Servicenivåerna hålls",
        "Det medlemmarna har avtalat om ska de också få, varje månad.",
        &[
            ("Uppfyllda servicenivåer", "sla_compliance", 90.0),
            ("Tillgänglighet", "availability", 99.5),
        ],
    ),
    (
        "Nöjda användare",
        "Att mäta kundnöjdhet är ett av programmålen.",
        &[
            ("Kundnöjdhet", "satisfaction", 4.0),
            ("Lösta vid första kontakt", "first_contact_resolution", 30.0),
        ],
    ),
    (
        "Effektiv drift",
        "Kostnaden per arbetsplats ska inte öka och viten ska undvikas.",
        &[
            ("Kostnad per arbetsplats", "cost_per_workstation", 1500.0),
            ("Öppna ärendens ålder", "backlog_age", 30.0),
        ],
    ),
    (
        "En gemensam plattform",
        "Tolv slags plattformar i tre upplagor ska bli en gemensam.",
        &[("Antal plattformar", "platform_diversity", 12.0)],
    ),
];

impl App {
    pub(crate) async fn load_demo_steering(&self, scope: &Scope) -> Result<(), AppError> {
        self.demo_goals(scope).await?;
        let today = crate::catalog::today(self);
        for month in months_ending(today, 13) {
            self.compute_month_figures(&month).await?;
        }
        let board = self.demo_forums(scope).await?;
        self.demo_proposals(scope, board).await
    }

    async fn demo_goals(&self, scope: &Scope) -> Result<(), AppError> {
        let year = crate::catalog::today(self).year();
        for (title, description, kpis) in GOALS {
            let goal = self
                .create_goal(
                    scope,
                    NewGoal {
                        title: title.into(),
                        description: description.into(),
                    },
                )
                .await?;
            for (name, measure, target) in kpis {
                self.create_kpi(
                    scope,
                    goal.id,
                    NewKpi {
                        name: (*name).into(),
                        measure: (*measure).into(),
                        member: None,
                        direction: None,
                        target: *target,
                        deadline: format!("{year}-12-31"),
                        owner: "Förbundschefen".into(),
                        source: String::new(),
                    },
                )
                .await?;
            }
            if title == "En gemensam plattform" {
                self.demo_manual_kpi(scope, goal.id, year).await?;
            }
        }
        Ok(())
    }

    /// A hand-entered KPI whose last value fell back: off track.
    async fn demo_manual_kpi(&self, scope: &Scope, goal: Uuid, year: i16) -> Result<(), AppError> {
        let kpi = self
            .create_kpi(
                scope,
                goal,
                NewKpi {
                    name: "Verksamhetssystem i gemensam förvaltning (%)".into(),
                    measure: "manual".into(),
                    member: None,
                    direction: Some("higher_is_better".into()),
                    target: 50.0,
                    deadline: format!("{}-12-31", year + 1),
                    owner: "IT-strategernas nätverk".into(),
                    source: "Systemförvaltningsinventeringen".into(),
                },
            )
            .await?;
        let months = months_ending(crate::catalog::today(self), 6);
        for (month, value) in months.iter().zip([18.0, 22.0, 27.0, 31.0, 33.0, 30.0]) {
            self.enter_kpi_value(
                scope,
                kpi.id,
                month,
                value,
                "Systemförvaltningsinventeringen, kvartalsvis uppdaterad",
            )
            .await?;
        }
        Ok(())
    }

    /// The forums; the board's id.
    async fn demo_forums(&self, scope: &Scope) -> Result<Uuid, AppError> {
        let board = self
            .create_forum(
                scope,
                NewForum {
                    kind: "board".into(),
                    name: "Direktionen".into(),
                    member: None,
                    quorum_bp: 5000,
                    majority: "simple".into(),
                },
            )
            .await?;
        for (code, user, holder, role) in [
            ("YST", Some("yst.orderer"), "Ystads ledamot", "chair"),
            ("SIM", Some("sim.orderer"), "Simrishamns ledamot", "member"),
            ("TOM", Some("tom.orderer"), "Tomelillas ledamot", "member"),
            ("", Some("chef"), "Förbundschefen", "secretary"),
        ] {
            let member = (!code.is_empty()).then(|| code.to_owned());
            self.add_seat(
                scope,
                board.id,
                NewSeat {
                    member,
                    username: user.map(Into::into),
                    holder: holder.into(),
                    role: role.into(),
                },
            )
            .await?;
        }
        self.demo_councils(scope).await?;
        self.demo_meetings(scope, board.id).await?;
        Ok(board.id)
    }

    /// The orderers' council, the development forum and Ystad's
    /// service-level meeting, one seat per member's orderer or strategist.
    async fn demo_councils(&self, scope: &Scope) -> Result<(), AppError> {
        let council = self
            .create_forum(
                scope,
                NewForum {
                    kind: "orderers_council".into(),
                    name: "Beställarrådet".into(),
                    member: None,
                    quorum_bp: 5000,
                    majority: "simple".into(),
                },
            )
            .await?;
        let forum = self
            .create_forum(
                scope,
                NewForum {
                    kind: "development_forum".into(),
                    name: "Utvecklingsforum".into(),
                    member: None,
                    quorum_bp: 5000,
                    majority: "simple".into(),
                },
            )
            .await?;
        for code in ["YST", "SIM", "TOM"] {
            let lower = code.to_lowercase();
            self.add_seat(
                scope,
                council.id,
                NewSeat {
                    member: Some(code.into()),
                    username: Some(format!("{lower}.orderer")),
                    holder: format!("Beställare {code}"),
                    role: "member".into(),
                },
            )
            .await?;
            self.add_seat(
                scope,
                forum.id,
                NewSeat {
                    member: Some(code.into()),
                    username: Some(format!("{lower}.strategist")),
                    holder: format!("IT-strateg {code}"),
                    role: "member".into(),
                },
            )
            .await?;
        }
        let slm = self
            .create_forum(
                scope,
                NewForum {
                    kind: "service_level_meeting".into(),
                    name: "Servicenivåmöte Ystad".into(),
                    member: Some("YST".into()),
                    quorum_bp: 0,
                    majority: "simple".into(),
                },
            )
            .await?;
        self.add_seat(
            scope,
            slm.id,
            NewSeat {
                member: Some("YST".into()),
                username: Some("yst.orderer".into()),
                holder: "Beställare Ystad".into(),
                role: "chair".into(),
            },
        )
        .await?;
        Ok(())
    }

    async fn demo_meetings(&self, scope: &Scope, board: Uuid) -> Result<(), AppError> {
        let seats: Vec<Uuid> = self
            .store
            .seats(Some(board))
            .await?
            .into_iter()
            .map(|s| s.id)
            .collect();
        let today = crate::catalog::today(self);
        for (month, title, agenda, minutes, present) in [
            (
                4,
                "Direktionens möte i höstas",
                "1. Delårsrapport\n2. Servicenivåer januari–augusti\n3. Förslag: gemensam e-tjänsteplattform",
                "§ 1 Delårsrapporten godkändes.\n§ 2 Servicenivåerna redovisades; Tomelillas P2-ärenden har legat under målet i tre månader. Förbundschefen återkommer med åtgärder.\n§ 3 Förslaget remitteras till utvecklingsforum för beredning.",
                seats.len(),
            ),
            (
                1,
                "Direktionens senaste möte",
                "1. Budget och verksamhetsplan för nästa år\n2. Beslut: gemensam e-tjänsteplattform\n3. Övriga frågor",
                "§ 1 Budgeten fastställdes.\n§ 2 Direktionen beslutade att införa en gemensam e-tjänsteplattform (beslut B, röstning med vikter efter ägarandel). Tomelilla reserverade sig.\n§ 3 Inga övriga frågor.",
                seats.len() - 1,
            ),
        ] {
            let back = jiff::Span::new().months(month).days(-23);
            let held_on = today.first_of_month().checked_sub(back).unwrap_or(today);
            self.add_meeting(
                scope,
                board,
                NewMeeting {
                    held_on: held_on.to_string(),
                    title: title.into(),
                    agenda: agenda.into(),
                    minutes: minutes.into(),
                    attended: seats.iter().take(present).copied().collect(),
                },
            )
            .await?;
        }
        Ok(())
    }

    /// Ystad's proposal, prepared, put to the board and adopted by the
    /// weighted votes of Ystad and Simrishamn, Tomelilla reserving itself.
    async fn demo_decided_proposal(&self, scope: &Scope, board: Uuid) -> Result<(), AppError> {
        let strategist = self
            .demo_member_scope("yst.strategist", "YST", MemberRole::Strategist)
            .await?;
        let platform = self
            .raise_proposal(&strategist, NewProposal {
                kind: "improvement".into(),
                title: "Gemensam e-tjänsteplattform".into(),
                description: "I dag har varje kommun sin egen plattform för e-tjänster. En gemensam plattform ger invånarna samma ingång och halverar licenskostnaden.".into(),
                benefit: "Lägre licenskostnad, en förvaltning i stället för tre.".into(),
                cost_ore: 45_000_000,
                member: Some("YST".into()),
                affects: vec!["YST".into(), "SIM".into(), "TOM".into()],
            })
            .await?;
        let platform = self
            .move_proposal(
                scope,
                platform.id,
                platform.version,
                "prepared",
                None,
                "Beredd i utvecklingsforum",
            )
            .await?;
        let meeting = self
            .store
            .meetings(Some(board))
            .await?
            .first()
            .map(|m| m.id);
        let decision = self
            .open_decision(
                scope,
                NewDecision {
                    forum: board,
                    title: "Införa en gemensam e-tjänsteplattform".into(),
                    proposal: Some(platform.id),
                    meeting,
                    link_kind: Some("budget".into()),
                    link_ref: Some(format!("{}", crate::catalog::today(self).year() + 1)),
                },
            )
            .await?;
        for (user, code, choice, reservation) in [
            ("yst.orderer", "YST", "yes", ""),
            ("sim.orderer", "SIM", "yes", ""),
            (
                "tom.orderer",
                "TOM",
                "no",
                "Tomelilla vill först se en plan för att flytta våra befintliga e-tjänster.",
            ),
        ] {
            let voter = self
                .demo_member_scope(user, code, MemberRole::Orderer)
                .await?;
            self.cast_vote(&voter, decision.id, None, choice, reservation)
                .await?;
        }
        self.close_decision(scope, decision.id).await?;
        Ok(())
    }

    /// The scope a demo account acts with in one member.
    pub(crate) async fn demo_member_scope(
        &self,
        username: &str,
        code: &str,
        role: MemberRole,
    ) -> Result<Scope, AppError> {
        let account = self
            .store
            .account_by_username(username)
            .await?
            .ok_or(AppError::NotFound("account"))?;
        let member = self
            .store
            .member_by_code(code)
            .await?
            .ok_or(AppError::NotFound("member"))?;
        Ok(Scope {
            account: AccountId(account.id),
            username: username.into(),
            person: None,
            staff: None,
            member_roles: vec![(MemberId(member.id), role)],
        })
    }

    async fn demo_proposals(&self, scope: &Scope, board: Uuid) -> Result<(), AppError> {
        self.demo_decided_proposal(scope, board).await?;
        let orderer = self
            .demo_member_scope("sim.orderer", "SIM", MemberRole::Orderer)
            .await?;
        let hours = self
            .raise_proposal(
                &orderer,
                NewProposal {
                    kind: "change_request".into(),
                    title: "Servicedesken öppen till 17.00".into(),
                    description: "Skolorna behöver nå servicedesken efter skoldagens slut.".into(),
                    benefit: "Färre ärenden som väntar över natten.".into(),
                    cost_ore: 32_000_000,
                    member: Some("SIM".into()),
                    affects: vec!["SIM".into(), "TOM".into(), "YST".into()],
                },
            )
            .await?;
        self.move_proposal(
            scope,
            hours.id,
            hours.version,
            "prepared",
            None,
            "Kostnaden beräknad av förbundet",
        )
        .await?;
        self.raise_proposal(
            scope,
            NewProposal {
                kind: "improvement".into(),
                title: "Ett gemensamt backupsystem".into(),
                description: "Tre backupsystem ersätts av ett, enligt den gemensamma standarden."
                    .into(),
                benefit: "En plattform mindre att förvalta.".into(),
                cost_ore: 18_000_000,
                member: None,
                affects: vec!["YST".into(), "SIM".into(), "TOM".into()],
            },
        )
        .await?;
        Ok(())
    }
}
