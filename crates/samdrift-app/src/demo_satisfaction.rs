//! The demo's satisfaction: ratings of about two thirds of the resolved
//! demo tickets, a day or so after each was resolved (so they span the
//! demo's year), mostly 4 and 5 with some 1 to 3 and a few comments in
//! Swedish; and Ystad's annual survey with three questions, opened for
//! its people, with answers from most of them. Written in one batch, so
//! the demo stays fast.

use crate::satisfaction::{NewSurvey, SurveyAnswer};
use crate::{App, AppError};
use samdrift_domain::scope::Scope;
use samdrift_domain::ticket::Status;
use samdrift_store::satisfaction::RatingRecord;
use samdrift_store::tickets::TicketFilter;

const COMMENTS: [&str; 8] = [
    "Snabb och trevlig hjälp, tack!",
    "Bra att ni ringde upp och förklarade.",
    "Det tog lite väl lång tid innan någon hörde av sig.",
    "Felet kom tillbaka dagen efter.",
    "Mycket nöjd, allt fungerar nu.",
    "Tydlig återkoppling hela vägen.",
    "Jag fick beskriva problemet flera gånger.",
    "Tack för att ni löste det innan mötet!",
];

/// A grade from a number 0..100: mostly 4 and 5, some 1 to 3.
fn grade(n: u64) -> i64 {
    match n {
        0..=3 => 1,
        4..=9 => 2,
        10..=21 => 3,
        22..=54 => 4,
        _ => 5,
    }
}

impl App {
    /// The demo's ratings and Ystad's survey (module docs).
    pub(crate) async fn load_demo_satisfaction(&self, scope: &Scope) -> Result<(), AppError> {
        let filter = TicketFilter {
            statuses: vec![
                Status::Resolved.as_str().into(),
                Status::Closed.as_str().into(),
            ],
            limit: 1000,
            ..TicketFilter::default()
        };
        let now = self.now_micros();
        let mut ratings = Vec::new();
        for (i, row) in self
            .store
            .list_tickets(scope, &filter)
            .await?
            .into_iter()
            .enumerate()
        {
            let t = row.ticket;
            let bucket = samdrift_domain::satisfaction::bucket(t.id.uuid());
            let (Some(resolved), Some(_)) = (t.resolved_at, t.requester_id) else {
                continue;
            };
            if bucket.is_multiple_of(3) {
                continue;
            }
            let rating = grade((bucket * 37 + i as u64) % 100);
            let comment = if i % 6 == 0 || rating <= 2 {
                COMMENTS[(i + rating as usize) % COMMENTS.len()].to_owned()
            } else {
                String::new()
            };
            ratings.push(RatingRecord {
                member_id: t.member_id.uuid(),
                ticket_id: t.id.uuid(),
                rating,
                comment,
                rated_at: (resolved + (2 + bucket as i64) * 3_600_000_000).min(now),
                service_id: t.service_id.map(|s| s.0),
                group_id: t.group_id.map(|g| g.0),
                assignee_id: t.assignee_id.map(|a| a.0),
            });
        }
        self.store.insert_ratings(&ratings).await?;
        self.load_demo_survey(scope).await
    }

    /// Ystad's annual survey: three questions, answered by most of its
    /// people.
    async fn load_demo_survey(&self, scope: &Scope) -> Result<(), AppError> {
        let year = i64::from(samdrift_domain::time::stockholm_year(self.clock.now()));
        let new = NewSurvey {
            title: format!("Kundenkät {year}"),
            year,
            sample_percent: 100,
        };
        let survey = self.create_survey(scope, "YST", new).await?.survey.id;
        for (kind, text) in [
            ("scale", "Hur nöjd är du med IT-stödet som helhet?"),
            ("scale", "Hur lätt är det att få kontakt med servicedesken?"),
            ("text", "Vad borde vi göra bättre?"),
        ] {
            self.add_survey_question(scope, survey, kind, text).await?;
        }
        let opened = self.open_survey(scope, survey).await?;
        let texts = [
            "Fler självbetjäningstjänster i portalen.",
            "",
            "Snabbare leverans av nya datorer.",
            "",
            "Bättre information vid driftstörningar.",
        ];
        for (i, invitation) in opened.invitations.iter().enumerate().take(14) {
            let answers = [
                SurveyAnswer {
                    position: 1,
                    grade: Some(grade((i as u64 * 29 + 40) % 100)),
                    text: String::new(),
                },
                SurveyAnswer {
                    position: 2,
                    grade: Some(grade((i as u64 * 53 + 15) % 100)),
                    text: String::new(),
                },
                SurveyAnswer {
                    position: 3,
                    grade: None,
                    text: texts[i % texts.len()].to_owned(),
                },
            ];
            self.answer_survey(&invitation.token, &answers).await?;
        }
        Ok(())
    }
}
