use super::*;
use samdrift_domain::msg;

fn codes(texts: &[(&'static str, &'static str)]) -> Vec<&'static str> {
    texts.iter().map(|(c, _)| *c).collect()
}

#[test]
fn both_languages_have_every_code_with_the_same_placeholders() {
    let (sv, en) = (codes(sv::TEXTS), codes(en::TEXTS));
    let mut sorted = sv.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sv, sorted, "Swedish codes sorted, each once");
    assert_eq!(sv, en, "the same codes in Swedish and English");
    for ((code, sv_text), (_, en_text)) in sv::TEXTS.iter().zip(en::TEXTS) {
        assert_eq!(
            placeholders(sv_text),
            placeholders(en_text),
            "{code}: the same placeholders in both languages"
        );
        assert!(!sv_text.trim().is_empty() && !en_text.trim().is_empty());
    }
}

/// The message codes a source text names: the first literal of every
/// `msg!(` and every literal that starts like a charging code (chosen by a
/// condition before `Message::new`).
fn codes_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("msg!(") {
        let rest = text[at + 5..].trim_start();
        if let Some(rest) = rest.strip_prefix('"') {
            out.push(rest.split('"').next().unwrap().to_owned());
        }
    }
    for (at, _) in text.match_indices("\"charging.") {
        out.push(text[at + 1..].split('"').next().unwrap().to_owned());
    }
    out
}

fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_code_the_code_names_has_both_texts() {
    let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for name in ["samdrift-domain", "samdrift-app", "samdrift-web"] {
        sources(&crates.join(name).join("src"), &mut files);
    }
    let mut found = 0;
    for file in files {
        if file.ends_with("messages/tests.rs") || file.ends_with("src/messages.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for code in codes_in(&text) {
            found += 1;
            for lang in [Lang::Sv, Lang::En] {
                assert!(
                    text_of(lang, &code).is_some(),
                    "{}: no {lang:?} text for {code}",
                    file.display()
                );
            }
        }
    }
    assert!(found > 150, "the scan found the codes ({found})");
}

fn text_of(lang: Lang, code: &str) -> Option<&'static str> {
    text(lang, code)
}

#[test]
fn a_message_is_put_in_words_in_the_readers_language() {
    let m = msg!("order.below_zero", quantity = 180i64, from = "2026-01-01");
    assert_eq!(
        render(&Tr(Lang::Sv), &m),
        "Antalet kan inte bli mindre än noll: 180 abonneras från 2026-01-01."
    );
    assert_eq!(
        english(&m),
        "that would take the quantity below zero: 180 subscribed from 2026-01-01"
    );
    let pending = msg!(
        "charging.warning.pending",
        change = Arg::Change(50),
        code = "WP-ADM",
        from = "2027-03-15"
    );
    assert_eq!(
        render(&Tr(Lang::Sv), &pending),
        "Budgeten räknar med en beställning som väntar på bekräftelse: +50 WP-ADM från 2027-03-15."
    );
    let explained = Message::new("charging.explain.subscription_rounded")
        .with("quantity", 230i64)
        .with("price", Arg::Ore(900_000))
        .with("days", 17i64)
        .with("month_days", 31i64)
        .with("amount", Arg::Ore(9_459_677));
    assert_eq!(
        render(&Tr(Lang::Sv), &explained),
        "230 × 9\u{a0}000,00 kr per år ÷ 12 × 17/31 dagar = 94\u{a0}596,77 kr (avrundat till närmaste öre)"
    );
    let moved = msg!(
        "ticket.not_allowed",
        from = Arg::Word("status", "new".into()),
        to = Arg::Word("status", "closed".into())
    );
    assert!(!render(&Tr(Lang::Sv), &moved).contains("closed"));
    let nested = msg!(
        "calendar.start",
        reason = msg!("calendar.bad_time", text = "9")
    );
    assert_eq!(
        english(&nested),
        "start '9' is not a time: write HH:MM, from 00:00 to 24:00"
    );
}
