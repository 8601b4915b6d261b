//! The demo's people files: an HR and a school delivery for each of the
//! three members (a few hundred people each), and a second round with
//! joiners, a mover and leavers to try the comparison on. The first round
//! is applied when the demo loads; the binary writes the second round to
//! the data directory.

use crate::demo::{ascii, system_scope};
use crate::identity::delivery_file::DeliveryFormat;
use crate::{App, AppError};
use samdrift_domain::identity::source::SourceKind;
use samdrift_domain::ids::MemberId;

/// One demo delivery file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoDelivery {
    pub member: &'static str,
    pub source: SourceKind,
    /// 1 is applied with the demo; 2 is left to deliver.
    pub round: u8,
    pub file_name: String,
    pub text: String,
}

const GIVEN: [&str; 16] = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara", "Per", "Lena",
    "Nils", "Emma", "Olof", "Ida", "Gustav",
];
const FAMILY: [&str; 12] = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Lindqvist",
];
/// The demo's administrations (as the register has them) and a title in each.
const ADMINISTRATIONS: [(&str, &str); 5] = [
    (crate::demo::ADMINISTRATIONS[0], "Utredare"),
    (crate::demo::ADMINISTRATIONS[1], "Lärare"),
    (crate::demo::ADMINISTRATIONS[2], "Undersköterska"),
    (crate::demo::ADMINISTRATIONS[3], "Handläggare"),
    (crate::demo::ADMINISTRATIONS[4], "Bibliotekarie"),
];
const SCHOOLS: [&str; 3] = ["Östra skolan", "Västra skolan", "Norra skolan"];
const EMPLOYEES: usize = 120;
const PUPILS: usize = 150;

/// A valid (fictitious) personnummer for a birth date and serial.
fn personnummer(year: u16, month: u8, day: u8, serial: u16) -> String {
    let nine = format!("{:02}{month:02}{day:02}{:03}", year % 100, serial % 1000);
    let sum: u32 = nine
        .chars()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            let v = if i % 2 == 0 { d * 2 } else { d };
            v / 10 + v % 10
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    format!("{year}{month:02}{day:02}-{:03}{check}", serial % 1000)
}

/// The n:th person's name and a number for their e-mail.
fn name(member: usize, n: usize) -> (&'static str, &'static str) {
    (
        GIVEN[(n * 7 + member) % GIVEN.len()],
        FAMILY[(n * 5 + member * 3) % FAMILY.len()],
    )
}

fn hr_line(member: usize, domain: &str, n: usize, admin: usize, end: &str) -> String {
    let (given, family) = name(member, n);
    let (administration, title) = ADMINISTRATIONS[admin % ADMINISTRATIONS.len()];
    let chief = n % 24 < ADMINISTRATIONS.len();
    let title = if chief { "Förvaltningschef" } else { title };
    let manager = if chief {
        String::new()
    } else {
        format!("E{:04}", admin % ADMINISTRATIONS.len())
    };
    let pnr = personnummer(
        1960 + (n % 40) as u16,
        1 + (n % 12) as u8,
        1 + (n % 28) as u8,
        (member * 300 + n) as u16,
    );
    format!(
        "E{n:04};{pnr};{given};{family};{}.{}{n}@{domain}.se;{administration};{title};{manager};2015-08-01;{end}",
        ascii(given),
        ascii(family)
    )
}

fn school_line(member: usize, domain: &str, n: usize, end: &str) -> String {
    let (given, family) = name(member + 1, n + 500);
    let grade = 7 + n % 3;
    let class = ["A", "B", "C"][n % 3];
    let pnr = personnummer(
        2011 + (n % 3) as u16,
        1 + (n % 12) as u8,
        1 + (n * 3 % 28) as u8,
        (member * 300 + n) as u16,
    );
    format!(
        "S{n:04};{pnr};{given};{family};{}.{}{n}@elev.{domain}.se;elev;{};{grade}{class};2020-08-17;{end}",
        ascii(given),
        ascii(family),
        SCHOOLS[n % SCHOOLS.len()]
    )
}

const HR_HEADER: &str = "employee_number;personnummer;given_name;family_name;email;administration;title;manager;start_date;end_date";
const SCHOOL_HEADER: &str =
    "person_id;personnummer;given_name;family_name;email;role;school;class;start_date;end_date";

fn file(header: &str, lines: Vec<String>) -> String {
    let mut text = header.to_owned();
    for l in lines {
        text.push('\n');
        text.push_str(&l);
    }
    text.push('\n');
    text
}

/// Every demo delivery: per member, HR and school, rounds 1 and 2.
/// Round 2 of HR: employees 3 and 4 gone (leavers), three joiners, number
/// 7 moved to another administration, number 9 with a last day in the
/// summer. Round 2 of school: the ten first pupils gone (more than 5 %:
/// it waits for an administrator) and twelve new ones.
pub fn demo_deliveries() -> Vec<DemoDelivery> {
    let mut out = Vec::new();
    for (m, (code, domain)) in [
        ("SIM", "simrishamn"),
        ("TOM", "tomelilla"),
        ("YST", "ystad"),
    ]
    .into_iter()
    .enumerate()
    {
        let hr1: Vec<String> = (0..EMPLOYEES)
            .map(|n| hr_line(m, domain, n, n, ""))
            .collect();
        let hr2: Vec<String> = (0..EMPLOYEES + 3)
            .filter(|n| *n != 3 && *n != 4)
            .map(|n| match n {
                7 => hr_line(m, domain, n, n + 1, ""),
                9 => hr_line(m, domain, n, n, "2027-06-30"),
                _ => hr_line(m, domain, n, n, ""),
            })
            .collect();
        let school1: Vec<String> = (0..PUPILS).map(|n| school_line(m, domain, n, "")).collect();
        let school2: Vec<String> = (10..PUPILS + 12)
            .map(|n| school_line(m, domain, n, ""))
            .collect();
        for (source, round, header, lines) in [
            (SourceKind::Hr, 1, HR_HEADER, hr1),
            (SourceKind::Hr, 2, HR_HEADER, hr2),
            (SourceKind::School, 1, SCHOOL_HEADER, school1),
            (SourceKind::School, 2, SCHOOL_HEADER, school2),
        ] {
            out.push(DemoDelivery {
                member: code,
                source,
                round,
                file_name: format!("{}-{}-{round}.csv", code.to_lowercase(), source.as_str()),
                text: file(header, lines),
            });
        }
    }
    out
}

impl App {
    /// Applies the first round of the demo's deliveries (full deliveries
    /// from each member's HR and school system). Needs the personnummer
    /// key. Returns how many people joined.
    pub async fn load_demo_people(&self) -> Result<usize, AppError> {
        let scope = system_scope();
        let mut joined = 0;
        for d in demo_deliveries().into_iter().filter(|d| d.round == 1) {
            let member = self.member_in_scope(&scope, d.member).await?;
            let view = self
                .receive_delivery(
                    &scope,
                    MemberId(member.id),
                    d.source,
                    true,
                    DeliveryFormat::Csv,
                    d.text.as_bytes(),
                )
                .await?;
            joined += view.summary.joiners;
            self.apply_delivery(&scope, view.record.id, view.record.version, true)
                .await?;
        }
        self.demo_entitlement_rules().await?;
        Ok(joined)
    }
}

impl App {
    /// Each member's rule for its care staff: undersköterskor need access
    /// to the care system, which the business-systems group grants. Made
    /// after the first round, so the second round's joiners and movers
    /// show the tasks it makes.
    async fn demo_entitlement_rules(&self) -> Result<(), AppError> {
        let scope = system_scope();
        let groups = self.store.list_groups().await?;
        let Some(group) = groups.iter().find(|g| g.name == "Verksamhetssystem") else {
            return Ok(());
        };
        for code in ["SIM", "TOM", "YST"] {
            let member = self.member_in_scope(&scope, code).await?;
            let input = crate::identity::entitlements::RuleInput {
                name: "Verksamhetssystemet för vård och omsorg".into(),
                when: samdrift_domain::identity::entitlements::RuleMatch {
                    title: Some("Undersköterska".into()),
                    ..Default::default()
                },
                grant_task: "Ge behörighet i verksamhetssystemet för vård och omsorg".into(),
                removal_task: "Ta bort behörigheten i verksamhetssystemet för vård och omsorg"
                    .into(),
                group_id: group.id,
            };
            self.create_entitlement_rule(&scope, MemberId(member.id), input)
                .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::delivery_file::read_delivery;
    use jiff::civil::date;

    #[test]
    fn every_demo_file_reads_without_errors() {
        for d in demo_deliveries() {
            let people = read_delivery(
                d.source,
                DeliveryFormat::Csv,
                d.text.as_bytes(),
                date(2027, 3, 1),
            );
            assert!(people.is_ok(), "{}: {:?}", d.file_name, people.err());
        }
    }

    #[test]
    fn a_generated_personnummer_passes_its_check() {
        let p = personnummer(1981, 12, 18, 987);
        assert_eq!(p, "19811218-9876");
    }
}
