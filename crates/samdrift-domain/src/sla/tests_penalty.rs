//! Hand-worked penalties for March 2027: the compliance-share rule of
//! SLA.md (below 95 %, 2 % of the fee per started point, capped at 20 %),
//! per-breach fines counted once, the month's bounds, validation, and the
//! rule's serde shape (through a tiny value deserializer: the crate has no
//! JSON dependency).

use super::ClockKind::{Resolution, Response};
use super::penalty::{PenaltyRule, evaluate, month_period};
use super::report::ClockOutcome;
use super::tests_report::{march, running, stopped, twenty};
use crate::calendar::test_support::{HOUR, local};
use crate::priority::Priority::{self, P1, P2, P3};
use jiff::tz::TimeZone;
use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
use serde::de::{Deserialize, IntoDeserializer, Visitor};

fn share(priorities: Vec<Priority>, per_point_bp: u32) -> PenaltyRule {
    PenaltyRule::ComplianceShare {
        clock: Resolution,
        priorities,
        threshold_bp: 9500,
        per_point_bp,
        cap_bp: 2000,
    }
}

fn sla_md_rule() -> PenaltyRule {
    share(vec![P1, P2], 200)
}

#[test]
fn exactly_95_percent_is_not_below_95() {
    let (from, to) = march();
    assert_eq!(
        evaluate(&sla_md_rule(), &twenty(1), from, to, 1_500_000),
        None
    );
}

#[test]
fn three_breached_of_twenty_reach_the_cap() {
    let (from, to) = march();
    let p = evaluate(&sla_md_rule(), &twenty(3), from, to, 1_500_000).unwrap();
    // 17/20 = 85.00 %: 1000 bp below, 10 started points x 2 % = 20 % = cap.
    assert_eq!(
        (p.counted, p.met, p.breached, p.compliance_bp),
        (20, 17, 3, 8500)
    );
    assert_eq!((p.started_points, p.share_bp), (Some(10), Some(2000)));
    assert_eq!(
        (p.monthly_fee_ore, p.amount_ore),
        (Some(1_500_000), 300_000)
    );
    assert_eq!(p.tickets, vec!["2027-0000", "2027-0001", "2027-0002"]);
    assert_eq!(
        p.description,
        "resolution compliance P1-P2: 17 of 20 met = 85.00 % (rounded down), below 95.00 %: \
         10 started points x 2.00 % = 20.00 % (cap 20.00 %): 20.00 % of the monthly fee \
         1 500 000 öre = 300 000 öre (rounded down)"
    );
    // At 3 % per point the cap binds: 30 % becomes 20 %.
    let p = evaluate(&share(vec![P1, P2], 300), &twenty(3), from, to, 1_500_000).unwrap();
    assert_eq!((p.share_bp, p.amount_ore), (Some(2000), 300_000));
    assert!(
        p.description
            .contains("x 3.00 % = 30.00 % (cap 20.00 %): 20.00 %")
    );
}

/// `total` P1 resolution clocks stopped in March, `breached` of them late.
fn clocks_met(total: usize, breached: usize) -> Vec<ClockOutcome> {
    let mar = local(2027, 3, 15, 12, 0);
    (0..total)
        .map(|i| {
            let elapsed = if i < breached { 9 * HOUR } else { HOUR };
            stopped(&format!("t{i:04}"), P1, elapsed, mar)
        })
        .collect()
}

#[test]
fn ninety_three_point_four_percent_is_two_started_points() {
    let (from, to) = march();
    // 467/500 = 93.40 %: 160 bp below, ceil(1.6) = 2 points, 4 % of 1 000 000.
    let p = evaluate(&sla_md_rule(), &clocks_met(500, 33), from, to, 1_000_000).unwrap();
    assert_eq!((p.compliance_bp, p.started_points), (9340, Some(2)));
    assert_eq!((p.share_bp, p.amount_ore), (Some(400), 40_000));
    assert_eq!(
        p.description,
        "resolution compliance P1-P2: 467 of 500 met = 93.40 % (rounded down), below 95.00 %: \
         2 started points x 2.00 % = 4.00 % (cap 20.00 %): 4.00 % of the monthly fee \
         1 000 000 öre = 40 000 öre (rounded down)"
    );
}

#[test]
fn a_hair_below_the_threshold_is_one_started_point() {
    let (from, to) = march();
    // 1899/1999 = 94.997 %, shown 94.99 %: one started point.
    let p = evaluate(&sla_md_rule(), &clocks_met(1999, 100), from, to, 1_000_000).unwrap();
    assert_eq!(
        (p.compliance_bp, p.started_points, p.amount_ore),
        (9499, Some(1), 20_000)
    );
    assert!(p.description.contains("1 started point x 2.00 %"));
}

#[test]
fn the_amount_is_rounded_down_to_whole_ore() {
    let (from, to) = march();
    // 4 % of 999 999 öre is 39 999.96 öre: 39 999 öre.
    let p = evaluate(&sla_md_rule(), &clocks_met(500, 33), from, to, 999_999).unwrap();
    assert_eq!(p.amount_ore, 39_999);
    // A negative fee counts as 0; the rule still applies and shows it.
    let p = evaluate(&sla_md_rule(), &clocks_met(500, 33), from, to, -5).unwrap();
    assert_eq!((p.monthly_fee_ore, p.amount_ore), (Some(0), 0));
}

#[test]
fn only_the_rules_kind_and_priorities_count() {
    let (from, to) = march();
    let mut outcomes = twenty(0);
    let mar = local(2027, 3, 15, 12, 0);
    for i in 0..10 {
        outcomes.push(stopped(&format!("p3-{i}"), P3, 9 * HOUR, mar));
        outcomes.push(ClockOutcome {
            kind: Response,
            ..stopped(&format!("resp-{i}"), P1, 9 * HOUR, mar)
        });
    }
    assert_eq!(
        evaluate(&sla_md_rule(), &outcomes, from, to, 1_000_000),
        None
    );
    let p3 = evaluate(&share(vec![P3], 200), &outcomes, from, to, 1_000_000).unwrap();
    assert_eq!(
        (p3.counted, p3.compliance_bp, p3.amount_ore),
        (10, 0, 200_000)
    );
    // Nothing counted: no penalty, whatever the threshold.
    let running_only = [running("r", P1, None)];
    assert_eq!(
        evaluate(&sla_md_rule(), &running_only, from, to, 1_000_000),
        None
    );
}

#[test]
fn per_breach_fines_each_breach_once_in_its_month() {
    let (from, to) = march();
    let rule = PenaltyRule::PerBreach {
        clock: Resolution,
        priorities: vec![P1],
        amount_ore: 500_000,
    };
    let mut outcomes = clocks_met(20, 3);
    outcomes.push(running(
        "since-february",
        P1,
        Some(local(2027, 2, 25, 9, 0)),
    ));
    outcomes.push(running("late-march", P1, Some(local(2027, 3, 31, 15, 0))));
    outcomes.push(stopped("p2", P2, 9 * HOUR, local(2027, 3, 15, 12, 0)));
    let p = evaluate(&rule, &outcomes, from, to, 1_000_000).unwrap();
    assert_eq!((p.counted, p.breached, p.fined_breaches), (22, 5, Some(4)));
    assert_eq!((p.share_bp, p.amount_ore), (None, 2_000_000));
    assert_eq!(p.tickets, vec!["late-march", "t0000", "t0001", "t0002"]);
    assert_eq!(
        p.description,
        "breached resolution clocks P1: 22 counted, 5 breached (1 of them in an earlier month, \
         fined in that month): 4 breaches in the month x 500 000 öre = 2 000 000 öre"
    );
    // No breach in the month: no penalty.
    assert_eq!(
        evaluate(&rule, &clocks_met(20, 0), from, to, 1_000_000),
        None
    );
    let only_old = [running(
        "since-february",
        P1,
        Some(local(2027, 2, 25, 9, 0)),
    )];
    assert_eq!(evaluate(&rule, &only_old, from, to, 1_000_000), None);
}

#[test]
fn months_run_from_local_midnight_to_local_midnight() {
    let tz = TimeZone::get("Europe/Stockholm").unwrap();
    assert_eq!(month_period(&tz, 2027, 3), Some(march()));
    let (from, to) = month_period(&tz, 2027, 12).unwrap();
    assert_eq!(
        (from, to),
        (local(2027, 12, 1, 0, 0), local(2028, 1, 1, 0, 0))
    );
    assert_eq!(month_period(&tz, 2027, 13), None);
}

#[test]
fn validation_names_every_bad_field() {
    assert_eq!(sla_md_rule().validate(), Ok(()));
    let bad = PenaltyRule::ComplianceShare {
        clock: Resolution,
        priorities: vec![P1, P2, P1],
        threshold_bp: 10_001,
        per_point_bp: 10_001,
        cap_bp: 10_001,
    };
    let fields: Vec<String> = bad
        .validate()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        vec!["priorities[2]", "threshold_bp", "per_point_bp", "cap_bp"]
    );
    let bad = PenaltyRule::PerBreach {
        clock: Response,
        priorities: vec![],
        amount_ore: -1,
    };
    let errors = bad.validate().unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["priorities", "amount_ore"]);
}

/// Just enough of a self-describing value to feed serde.
enum V {
    S(&'static str),
    I(i64),
    L(Vec<V>),
}

impl<'de> serde::Deserializer<'de> for V {
    type Error = Error;
    fn deserialize_any<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, Error> {
        match self {
            V::S(s) => visitor.visit_borrowed_str(s),
            V::I(i) => visitor.visit_i64(i),
            V::L(items) => visitor.visit_seq(SeqDeserializer::new(items.into_iter())),
        }
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl IntoDeserializer<'_, Error> for V {
    type Deserializer = V;
    fn into_deserializer(self) -> V {
        self
    }
}

fn parse(fields: Vec<(&'static str, V)>) -> Result<PenaltyRule, Error> {
    PenaltyRule::deserialize(MapDeserializer::new(fields.into_iter()))
}

#[test]
fn rules_deserialize_by_kind_and_refuse_unknown_fields() {
    let fields = || {
        vec![
            ("kind", V::S("compliance_share")),
            ("clock", V::S("resolution")),
            ("priorities", V::L(vec![V::S("P1"), V::S("P2")])),
            ("threshold_bp", V::I(9500)),
            ("per_point_bp", V::I(200)),
            ("cap_bp", V::I(2000)),
        ]
    };
    assert_eq!(parse(fields()).unwrap(), sla_md_rule());
    let mut extra = fields();
    extra.push(("amount_ore", V::I(5)));
    let error = parse(extra).unwrap_err().to_string();
    assert!(error.contains("unknown field `amount_ore`"), "{error}");
    let per_breach = vec![
        ("kind", V::S("per_breach")),
        ("clock", V::S("response")),
        ("priorities", V::L(vec![V::S("P1")])),
        ("amount_ore", V::I(500_000)),
    ];
    let rule = parse(per_breach).unwrap();
    assert_eq!(
        rule,
        PenaltyRule::PerBreach {
            clock: Response,
            priorities: vec![P1],
            amount_ore: 500_000
        }
    );
    let unknown_kind = vec![("kind", V::S("per_ticket")), ("clock", V::S("response"))];
    let error = parse(unknown_kind).unwrap_err().to_string();
    assert!(error.contains("unknown variant `per_ticket`"), "{error}");
}
