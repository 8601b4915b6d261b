//! Renders report documents to PDF and reads them back with `pdftotext`
//! (Debian's poppler-utils), as a reader's PDF viewer or screen reader
//! would see them.

use std::error::Error;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use samdrift_domain::document::{Block, Chart, ChartPoint, Document, Figure, Section, Table, Tone};

type TestResult = Result<(), Box<dyn Error>>;

/// Text that typst markup would read as commands, maths, emphasis, labels
/// and references, escapes and code: it must come out as written.
const SPECIAL: &str =
    r"Ärende #42 *brådskande* $5_000 <kö> @support \\fil\dela [klar] #{1+1} åäö ÅÄÖ";

fn figure(label: &str, value: &str, note: &str, tone: Tone) -> Figure {
    Figure {
        label: label.into(),
        value: value.into(),
        note: note.into(),
        tone,
    }
}

fn ticket_rows() -> Vec<Vec<String>> {
    let categories = ["Lösenord", "Skrivare", "Behörighet", "E-post", "Nätverk"];
    (1..=60)
        .map(|n| {
            vec![
                format!("YST-{}", 1000 + n),
                categories[n % categories.len()].to_owned(),
                format!("2026-11-{:02}", 1 + n % 28),
                format!("{}", n % 7),
                format!("{} kr", 450 + 25 * n),
            ]
        })
        .collect()
}

fn chart() -> Chart {
    let values = [
        88.0, 91.5, 90.2, 87.4, 0.0, 92.8, 93.1, 89.9, 94.0, 95.2, 93.7, 96.4,
    ];
    let months = (0..12).map(|i| {
        let (year, month) = if i == 0 { (2025, 12) } else { (2026, i) };
        format!("{year}-{month:02}")
    });
    Chart {
        caption: "Andel ärenden lösta inom avtalad tid, per månad".into(),
        unit: "%".into(),
        points: months
            .zip(values)
            .enumerate()
            // April 2026 has no value: the line has a gap there.
            .map(|(i, (label, v))| ChartPoint {
                label,
                value: (i != 4).then_some(v),
            })
            .collect(),
        target: Some(90.0),
    }
}

/// Ystad kommun's monthly report for November 2026, as the web would word
/// it.
fn member_report() -> Document {
    Document {
        lang: "sv".into(),
        title: "Månadsrapport för Ystad kommun".into(),
        subtitle: "November 2026".into(),
        made: "Skapad 2026-12-01 kl. 06:00 ur samdrifts ärenden och avtal".into(),
        sections: vec![
            Section {
                heading: "Nyckeltal".into(),
                blocks: vec![
                    Block::Figures {
                        figures: vec![
                            figure("Nya ärenden", "412", "", Tone::Neutral),
                            figure("Lösta inom avtalad tid", "96,4 %", "målet nått", Tone::Good),
                            figure("Median lösningstid", "2,6 dagar", "nära målet", Tone::Warning),
                            figure("Kundnöjdhet", "3,1 av 5", "målet inte nått", Tone::Bad),
                        ],
                    },
                    Block::Paragraph {
                        text: "Fler ärenden än i oktober, främst lösenord efter byte av inloggning. Kommentar från handläggaren: ".to_owned() + SPECIAL,
                    },
                ],
            },
            Section {
                heading: "Svarstider över året".into(),
                blocks: vec![Block::Chart(chart())],
            },
            Section {
                heading: "Ärenden i november".into(),
                blocks: vec![Block::Table(Table {
                    caption: "Alla ärenden som öppnades under månaden".into(),
                    headers: ["Ärende", "Kategori", "Öppnat", "Dagar", "Kostnad"]
                        .map(String::from)
                        .to_vec(),
                    numeric: vec![false, false, false, true, true],
                    rows: ticket_rows(),
                })],
            },
            Section {
                heading: "Att följa upp".into(),
                blocks: vec![Block::Paragraph {
                    text: "Avtalet löper ut den 31 mars 2027; beställaren har fått påminnelse. 🙂".into(),
                }],
            },
        ],
    }
}

fn english_report() -> Document {
    let mut doc = member_report();
    doc.lang = "en".into();
    doc.title = "Monthly report for Ystad kommun".into();
    doc.subtitle = "November 2026".into();
    doc.sections[0].heading = "Key figures".into();
    doc
}

/// The PDF's text as `pdftotext -layout` reads it, with runs of spaces
/// made one. Fails, saying what to install, where poppler-utils is missing.
fn pdf_text(pdf: &[u8]) -> Result<String, Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf)?;
    keep(pdf)?;
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .map_err(|e| {
            format!("pdftotext could not run ({e}): install Debian's poppler-utils (apt-get install poppler-utils)")
        })?;
    if !out.status.success() {
        return Err(format!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    let text = String::from_utf8(out.stdout)?;
    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// With SAMDRIFT_REPORT_PDF_DIR set, keeps each rendered PDF there to look
/// at.
fn keep(pdf: &[u8]) -> Result<(), Box<dyn Error>> {
    let Ok(dir) = std::env::var("SAMDRIFT_REPORT_PDF_DIR") else {
        return Ok(());
    };
    let name = format!(
        "report-{}.pdf",
        std::thread::current()
            .name()
            .unwrap_or("test")
            .replace("::", "-")
    );
    std::fs::write(Path::new(&dir).join(name), pdf)?;
    Ok(())
}

fn assert_has(text: &str, needle: &str) {
    assert!(
        text.contains(needle),
        "the PDF's text lacks {needle:?}; it reads:\n{text}"
    );
}

#[test]
fn a_member_report_has_every_heading_figure_and_row_as_text() -> TestResult {
    let doc = member_report();
    let started = Instant::now();
    let pdf = samdrift_reports::pdf(&doc)?;
    println!("rendered {} bytes in {:?}", pdf.len(), started.elapsed());
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let text = pdf_text(&pdf)?;
    assert_has(&text, "Månadsrapport för Ystad kommun");
    assert_has(&text, "November 2026");
    for section in &doc.sections {
        assert_has(&text, &section.heading);
    }
    assert_has(&text, SPECIAL);
    for cell in ["YST-1001", "Skrivare", "475 kr", "YST-1060", "1950 kr"] {
        assert_has(&text, cell);
    }
    for figure in ["Nya ärenden", "96,4 %", "målet inte nått", "nära målet"] {
        assert_has(&text, figure);
    }
    assert_has(&text, "påminnelse. 🙂");
    assert_has(&text, "Andel ärenden lösta inom avtalad tid, per månad");
    assert_has(&text, "mål 90 %");
    assert_has(&text, "Sida 1 av");
    assert_has(&text, "Sida 2 av");
    Ok(())
}

#[test]
fn an_english_report_numbers_its_pages_in_english() -> TestResult {
    let text = pdf_text(&samdrift_reports::pdf(&english_report())?)?;
    assert_has(&text, "Monthly report for Ystad kommun");
    assert_has(&text, "Key figures");
    assert_has(&text, "Page 1 of");
    assert!(
        !text.contains("Sida 1 av"),
        "an English report says Sida:\n{text}"
    );
    Ok(())
}

#[test]
fn a_document_without_sections_renders() -> TestResult {
    let doc = Document {
        lang: "sv".into(),
        title: "Tom rapport".into(),
        subtitle: String::new(),
        made: String::new(),
        sections: vec![],
    };
    let pdf = samdrift_reports::pdf(&doc)?;
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    assert_has(&pdf_text(&pdf)?, "Sida 1 av 1");
    Ok(())
}

#[test]
fn empty_blocks_render() -> TestResult {
    let mut doc = member_report();
    doc.sections = vec![Section {
        heading: "Tomt".into(),
        blocks: vec![
            Block::Figures { figures: vec![] },
            Block::Table(Table {
                caption: "Inga rader".into(),
                headers: vec![],
                numeric: vec![],
                rows: vec![],
            }),
            Block::Chart(Chart {
                caption: "Inga värden".into(),
                unit: String::new(),
                points: vec![ChartPoint {
                    label: "2026-11".into(),
                    value: None,
                }],
                target: None,
            }),
            Block::Chart(Chart {
                caption: "Ett värde".into(),
                unit: "kr".into(),
                points: vec![ChartPoint {
                    label: "2026-11".into(),
                    value: Some(3.0),
                }],
                target: Some(3.0),
            }),
            Block::Paragraph {
                text: String::new(),
            },
        ],
    }];
    let text = pdf_text(&samdrift_reports::pdf(&doc)?)?;
    assert_has(&text, "Inga rader");
    assert_has(&text, "Inga värden att visa.");
    assert_has(&text, "Ett värde");
    Ok(())
}

/// Prints how long a render takes: the first (fonts parsed) and then
/// other members' reports. Not an assertion: the machine's load decides
/// the numbers.
#[test]
fn render_time() -> TestResult {
    for member in ["Ystad", "Skurup", "Sjöbo", "Tomelilla", "Simrishamn"] {
        let mut doc = member_report();
        doc.title = format!("Månadsrapport för {member} kommun");
        if let Some(Block::Table(t)) = doc.sections[2].blocks.first_mut() {
            for row in &mut t.rows {
                let code: String = member.chars().take(3).collect();
                row[0] = row[0].replace("YST", &code.to_uppercase());
            }
        }
        let started = Instant::now();
        let pdf = samdrift_reports::pdf(&doc)?;
        println!(
            "{member}: rendered in {:?} ({} bytes)",
            started.elapsed(),
            pdf.len()
        );
    }
    Ok(())
}
