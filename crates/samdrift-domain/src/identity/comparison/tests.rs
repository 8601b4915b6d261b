use super::*;
use jiff::civil::date;
use proptest::prelude::*;

const TODAY: Date = date(2026, 12, 2);

fn delivered(line: usize, key: &str, admin: &str) -> SourcePerson {
    SourcePerson {
        line,
        key: key.to_owned(),
        personnummer: None,
        name: format!("Person {key}"),
        email: format!("{key}@ystad.se"),
        kind: "employee",
        facts: Facts {
            administration: Some(admin.to_owned()),
            title: Some("Handläggare".to_owned()),
            ..Facts::default()
        },
    }
}

/// The register entry a delivered person becomes once applied.
fn registered(p: &SourcePerson, source: &str) -> RegisterPerson {
    RegisterPerson {
        id: Uuid::from_u128(p.key.parse::<u128>().unwrap_or(0) + 1),
        source: Some(source.to_owned()),
        key: Some(p.key.clone()),
        pnr_hash: None,
        name: p.name.clone(),
        email: p.email.clone(),
        facts: p.facts.clone(),
        ended: false,
    }
}

fn no_hashes(n: usize) -> Vec<Option<String>> {
    vec![None; n]
}

#[test]
fn a_second_delivery_finds_the_joiner_the_mover_and_the_leaver() {
    let first = [
        delivered(2, "1", "Skola"),
        delivered(3, "2", "Vård"),
        delivered(4, "3", "Kultur"),
    ];
    let register: Vec<_> = first.iter().map(|p| registered(p, "hr")).collect();
    let mut second = vec![
        delivered(2, "1", "Skola"),
        delivered(3, "2", "Samhällsbyggnad"),
        delivered(4, "4", "Vård"),
    ];
    second[0].facts.workplace = Some("Östra skolan".to_owned());
    let c = compare(&register, &second, &no_hashes(3), "hr", true, TODAY);
    assert_eq!(
        c.joiners,
        vec![Joiner {
            delivered: 2,
            existing: None
        }]
    );
    assert_eq!(c.movers.len(), 1);
    assert_eq!(c.movers[0].person, register[1].id);
    assert_eq!(
        c.movers[0].changes,
        vec![FieldChange {
            field: "administration".into(),
            old: Some("Vård".into()),
            new: Some("Samhällsbyggnad".into())
        }]
    );
    assert_eq!(
        c.updates.len(),
        1,
        "a new workplace is an update, not a move"
    );
    assert_eq!(c.leavers.len(), 1);
    assert_eq!(c.leavers[0].person, register[2].id);
    assert_eq!(c.leavers[0].reason, LeaveReason::Missing);
    assert_eq!(c.unchanged, 0);
}

#[test]
fn a_partial_delivery_ends_only_those_whose_last_day_has_passed() {
    let first = [delivered(2, "1", "Skola"), delivered(3, "2", "Vård")];
    let register: Vec<_> = first.iter().map(|p| registered(p, "hr")).collect();
    let mut leaving = delivered(2, "1", "Skola");
    leaving.facts.ends_on = Some(date(2026, 12, 1));
    let mut later = delivered(3, "2", "Vård");
    later.facts.ends_on = Some(date(2026, 12, 2));
    let c = compare(
        &register,
        &[leaving, later],
        &no_hashes(2),
        "hr",
        false,
        TODAY,
    );
    assert_eq!(c.leavers.len(), 1, "the last day today is not over yet");
    assert_eq!(c.leavers[0].reason, LeaveReason::EndDate(date(2026, 12, 1)));
    assert_eq!(c.updates.len(), 1, "a coming last day is recorded");
}

#[test]
fn a_leaver_who_returns_is_a_joiner_with_their_old_record() {
    let p = delivered(2, "7", "Skola");
    let mut r = registered(&p, "hr");
    r.ended = true;
    let c = compare(&[r.clone()], &[p], &no_hashes(1), "hr", true, TODAY);
    assert_eq!(
        c.joiners,
        vec![Joiner {
            delivered: 0,
            existing: Some(r.id)
        }]
    );
}

#[test]
fn a_person_entered_by_hand_is_taken_over_by_email_and_another_sources_person_is_left_alone() {
    let mut by_hand = registered(&delivered(0, "9", "Skola"), "hr");
    by_hand.source = None;
    by_hand.key = None;
    let mut teacher = registered(&delivered(0, "8", "Skola"), "hr");
    teacher.email = "teacher@ystad.se".into();
    let mut t = delivered(3, "S-100", "Skola");
    t.email = "teacher@ystad.se".into();
    let c = compare(
        &[by_hand.clone(), teacher],
        &[delivered(2, "9", "Skola"), t],
        &no_hashes(2),
        "school",
        true,
        TODAY,
    );
    assert_eq!(
        c.joiners,
        vec![Joiner {
            delivered: 0,
            existing: Some(by_hand.id)
        }]
    );
    assert_eq!(c.held_elsewhere, vec![1]);
    assert!(
        c.leavers.is_empty(),
        "a school delivery never ends HR's people"
    );
}

#[test]
fn a_matching_personnummer_finds_a_person_whose_key_changed() {
    let p = delivered(2, "1", "Skola");
    let mut r = registered(&p, "hr");
    r.pnr_hash = Some("h1".into());
    let mut renumbered = p.clone();
    renumbered.key = "1001".into();
    let c = compare(&[r], &[renumbered], &[Some("h1".into())], "hr", true, TODAY);
    assert!(c.joiners.is_empty() && c.leavers.is_empty());
    assert_eq!(c.unchanged, 1, "the key is not a field of the person");
}

#[test]
fn more_leavers_than_the_share_wait_for_confirmation() {
    let c = Comparison {
        leavers: (0..6)
            .map(|i| Leaver {
                person: Uuid::from_u128(i),
                reason: LeaveReason::Missing,
                delivered: None,
                changes: vec![],
            })
            .collect(),
        ..Comparison::default()
    };
    assert!(c.needs_confirmation(100, 5), "6 of 100 is over 5 %");
    assert!(!c.needs_confirmation(120, 5), "6 of 120 is exactly 5 %");
    assert!(!Comparison::default().needs_confirmation(0, 5));
}

#[test]
fn a_key_email_or_personnummer_twice_is_an_error_on_the_second_line() {
    let mut a = delivered(2, "1", "Skola");
    let b = delivered(3, "1", "Skola");
    a.email = "x@ystad.se".into();
    let mut c = delivered(4, "2", "Skola");
    c.email = "x@ystad.se".into();
    let errors = check_unique(&[a, b, c]);
    let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["line 3: key", "line 4: email"]);
}

proptest! {
    /// Comparing a register with the delivery it was made from changes
    /// nothing; a full delivery of a part of it ends exactly the rest.
    #[test]
    fn a_full_delivery_of_some_people_ends_exactly_the_others(
        keep in proptest::collection::vec(any::<bool>(), 0..60)
    ) {
        let all: Vec<_> = (0..keep.len()).map(|i| delivered(i + 2, &i.to_string(), "Skola")).collect();
        let register: Vec<_> = all.iter().map(|p| registered(p, "hr")).collect();
        let same = compare(&register, &all, &no_hashes(all.len()), "hr", true, TODAY);
        prop_assert_eq!(same.unchanged, all.len());
        prop_assert!(same.joiners.is_empty() && same.leavers.is_empty() && same.movers.is_empty());
        let part: Vec<_> = all.iter().zip(&keep).filter(|(_, k)| **k).map(|(p, _)| p.clone()).collect();
        let c = compare(&register, &part, &no_hashes(part.len()), "hr", true, TODAY);
        let ended: HashSet<_> = c.leavers.iter().map(|l| l.person).collect();
        let expected: HashSet<_> = register.iter().zip(&keep).filter(|(_, k)| !**k).map(|(r, _)| r.id).collect();
        prop_assert_eq!(ended, expected);
        prop_assert_eq!(c.unchanged, part.len());
    }
}
