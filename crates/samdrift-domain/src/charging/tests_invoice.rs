//! Hand-worked invoice bases, budgets and CSV files: full and partial
//! months (31 days in March 2027, 29 in February 2028), the rounding of half
//! an öre, requests, work and credits in one basis, the budget's agreement
//! with the monthly invoices and its carried-forward price, and the exact
//! bytes of both CSV files.

use super::*;
use jiff::civil::{Date, date};

pub(super) fn line(
    id: u128,
    offering: &str,
    administration: &str,
    quantity: i64,
    starts_on: Date,
    ends_on: Option<Date>,
) -> SubscriptionLine {
    SubscriptionLine {
        subscription: uuid::Uuid::from_u128(id),
        offering_code: offering.to_string(),
        offering_name: format!("{offering} workplace"),
        service_code: "WP".to_string(),
        unit: Unit::Workstation,
        administration: administration.to_string(),
        quantity,
        starts_on,
        ends_on,
    }
}

/// 9 000 kr (900 000 öre) per workplace and year in 2027 and 2028.
fn workplace_prices() -> PriceList {
    let mut prices = PriceList::new();
    prices.set("WP-ADM", 2027, 900_000);
    prices.set("WP-ADM", 2028, 900_000);
    prices
}

fn subscriptions_only(month: Date, lines: &[SubscriptionLine], prices: &PriceList) -> InvoiceBasis {
    invoice_basis("Ystad", month, lines, prices, &[], &[], &[])
}

#[test]
fn units_round_trip_and_unknown_units_are_refused() {
    for unit in Unit::ALL {
        assert_eq!(unit.as_str().parse::<Unit>(), Ok(unit));
    }
    assert_eq!(
        "seat".parse::<Unit>(),
        Err(
            "unknown unit 'seat': use workstation, user, mailbox, server, month or fixed_year"
                .to_string()
        )
    );
}

#[test]
fn price_list_carries_the_latest_earlier_price_forward() {
    let mut prices = PriceList::new();
    prices.set("WP-ADM", 2025, 800_000);
    prices.set("WP-ADM", 2027, 900_000);
    prices.set("WP-ADMX", 2030, 1);
    assert_eq!(prices.get("WP-ADM", 2027), Some(900_000));
    assert_eq!(prices.get("WP-ADM", 2026), None);
    assert_eq!(
        prices.for_year_or_latest("WP-ADM", 2027),
        Some((900_000, 2027))
    );
    assert_eq!(
        prices.for_year_or_latest("WP-ADM", 2026),
        Some((800_000, 2025))
    );
    assert_eq!(
        prices.for_year_or_latest("WP-ADM", 2030),
        Some((900_000, 2027))
    );
    assert_eq!(prices.for_year_or_latest("WP-ADM", 2024), None);
    assert_eq!(prices.for_year_or_latest("WP", 2030), None);
}

#[test]
fn active_days_count_both_ends() {
    let march = date(2027, 3, 1);
    let days = |starts_on, ends_on| active_days(&line(1, "A", "X", 1, starts_on, ends_on), march);
    assert_eq!(days(date(2026, 1, 1), None), 31);
    assert_eq!(days(date(2027, 3, 15), None), 17);
    assert_eq!(days(date(2027, 3, 31), None), 1);
    assert_eq!(days(date(2027, 4, 1), None), 0);
    assert_eq!(days(date(2027, 1, 1), Some(date(2027, 3, 1))), 1);
    assert_eq!(days(date(2027, 1, 1), Some(date(2027, 2, 28))), 0);
    assert_eq!(days(date(2027, 3, 10), Some(date(2027, 3, 12))), 3);
    assert_eq!(days(date(2027, 3, 12), Some(date(2027, 3, 10))), 0);
    assert_eq!(days(date(2027, 3, 12), Some(date(2027, 5, 10))), 20);
}

#[test]
fn a_full_month_is_a_twelfth_of_the_yearly_price() {
    // 400 workstations at 900 000 öre/year in March 2027 (31 of 31 days):
    // 400 × 900 000 / 12 = 30 000 000 öre.
    let lines = [line(
        1,
        "WP-ADM",
        "Kommunledning",
        400,
        date(2026, 1, 1),
        None,
    )];
    let basis = subscriptions_only(date(2027, 3, 20), &lines, &workplace_prices());
    assert_eq!(basis.month, "2027-03");
    assert_eq!(basis.lines.len(), 1);
    let l = &basis.lines[0];
    assert_eq!(l.kind, LineKind::Subscription);
    assert_eq!(l.administration.as_deref(), Some("Kommunledning"));
    assert_eq!(
        (l.reference.as_str(), l.description.as_str()),
        ("WP-ADM", "WP-ADM workplace")
    );
    assert_eq!(
        (l.quantity, l.active_days, l.month_days),
        (400, Some(31), Some(31))
    );
    assert_eq!((l.unit_price_ore, l.amount_ore), (900_000, 30_000_000));
    assert_eq!(
        l.explanation,
        "400 × 900 000 öre/year ÷ 12 × 31/31 days = 30 000 000 öre"
    );
    assert_eq!(
        (basis.charges_ore, basis.credits_ore, basis.total_ore),
        (30_000_000, 0, 30_000_000)
    );
    assert!(basis.warnings.is_empty());
}

#[test]
fn fifty_more_workplaces_from_the_fifteenth_of_march() {
    // March 2027 has 31 days; from the 15th, 17 are active:
    // 50 × 900 000 × 17 / (12 × 31) = 765 000 000 000 / 372
    // = 2 056 451.6129… → 2 056 452 öre.
    let lines = [line(
        2,
        "WP-ADM",
        "Kommunledning",
        50,
        date(2027, 3, 15),
        None,
    )];
    let basis = subscriptions_only(date(2027, 3, 1), &lines, &workplace_prices());
    let l = &basis.lines[0];
    assert_eq!((l.active_days, l.month_days), (Some(17), Some(31)));
    assert_eq!(l.amount_ore, 2_056_452);
    assert_eq!(
        l.explanation,
        "50 × 900 000 öre/year ÷ 12 × 17/31 days = 2 056 452 öre (rounded to the nearest öre)"
    );
    assert_eq!(basis.total_ore, 2_056_452);

    // February 2027 is before the start: no line at all.
    let basis = subscriptions_only(date(2027, 2, 1), &lines, &workplace_prices());
    assert!(basis.lines.is_empty());
    assert_eq!(basis.total_ore, 0);

    // April 2027 is a full month: 50 × 900 000 / 12 = 3 750 000 öre.
    let basis = subscriptions_only(date(2027, 4, 30), &lines, &workplace_prices());
    assert_eq!(basis.lines[0].amount_ore, 3_750_000);

    // February 2028 has 29 days and is a full month: again 3 750 000 öre.
    let basis = subscriptions_only(date(2028, 2, 1), &lines, &workplace_prices());
    assert_eq!(
        (basis.lines[0].active_days, basis.lines[0].month_days),
        (Some(29), Some(29))
    );
    assert_eq!(basis.lines[0].amount_ore, 3_750_000);

    // A line starting 15 February 2028 has 15 of 29 days:
    // 50 × 900 000 × 15 / (12 × 29) = 675 000 000 000 / 348
    // = 1 939 655.1724… → 1 939 655 öre.
    let leap = [line(
        3,
        "WP-ADM",
        "Kommunledning",
        50,
        date(2028, 2, 15),
        None,
    )];
    let basis = subscriptions_only(date(2028, 2, 1), &leap, &workplace_prices());
    assert_eq!(
        (basis.lines[0].active_days, basis.lines[0].amount_ore),
        (Some(15), 1_939_655)
    );
}

#[test]
fn a_line_ending_mid_month_counts_up_to_its_last_day() {
    // Ends on 10 March 2027, the 10th included: 10 of 31 days.
    // 50 × 900 000 × 10 / 372 = 450 000 000 000 / 372
    // = 1 209 677.4193… → 1 209 677 öre.
    let lines = [line(
        4,
        "WP-ADM",
        "Kommunledning",
        50,
        date(2026, 1, 1),
        Some(date(2027, 3, 10)),
    )];
    let basis = subscriptions_only(date(2027, 3, 1), &lines, &workplace_prices());
    assert_eq!(
        (basis.lines[0].active_days, basis.lines[0].amount_ore),
        (Some(10), 1_209_677)
    );
    // The line ended before April: nothing in April.
    assert!(
        subscriptions_only(date(2027, 4, 1), &lines, &workplace_prices())
            .lines
            .is_empty()
    );
}

#[test]
fn half_an_ore_is_rounded_up() {
    let mut prices = PriceList::new();
    // 900 006 / 12 = 75 000.5 → 75 001 öre for a full month.
    prices.set("HALF", 2027, 900_006);
    // 372 186 × 1 / (12 × 31) = 372 186 / 372 = 1 000.5 → 1 001 öre for
    // one day of March.
    prices.set("DAY", 2027, 372_186);
    // Just below a half: 372 185 / 372 = 1 000.497… → 1 000 öre.
    prices.set("BELOW", 2027, 372_185);
    let lines = [
        line(1, "HALF", "A", 1, date(2027, 1, 1), None),
        line(2, "DAY", "A", 1, date(2027, 3, 31), None),
        line(3, "BELOW", "A", 1, date(2027, 3, 31), None),
    ];
    let basis = subscriptions_only(date(2027, 3, 1), &lines, &prices);
    let amounts: Vec<(&str, i64)> = basis
        .lines
        .iter()
        .map(|l| (l.reference.as_str(), l.amount_ore))
        .collect();
    assert_eq!(
        amounts,
        [("BELOW", 1_000), ("DAY", 1_001), ("HALF", 75_001)]
    );
    assert_eq!(basis.total_ore, 77_002);

    // Work: 1 minute at 95 010 öre/hour = 95 010 / 60 = 1 583.5 → 1 584 öre.
    let work = [WorkCharge {
        ticket: "YST-2027-000001".to_string(),
        administration: "A".to_string(),
        worked_on: date(2027, 3, 2),
        minutes: 1,
        rate_ore_per_hour: 95_010,
        note: "Quick fix".to_string(),
    }];
    let basis = invoice_basis("Ystad", date(2027, 3, 1), &[], &prices, &[], &work, &[]);
    assert_eq!(basis.lines[0].amount_ore, 1_584);
}

#[test]
fn rounding_is_symmetric_for_negative_fractions() {
    assert_eq!(round_div(5, 10), (1, false));
    assert_eq!(round_div(-5, 10), (-1, false));
    assert_eq!(round_div(4, 10), (0, false));
    assert_eq!(round_div(-4, 10), (0, false));
    assert_eq!(round_div(-20, 10), (-2, true));
    assert_eq!(prorate(-900_006, 1, 12), (-75_001, false));
    // No overflow at the extremes: i64::MAX² × 31 / 372 is computed in
    // parts and capped when it leaves 64 bits.
    let huge = i128::from(i64::MAX) * i128::from(i64::MAX);
    // (i64::MAX² leaves 1 when divided by 12: it rounds down.)
    assert_eq!(prorate(huge, 31, 372), (huge / 12, false));
    assert_eq!(cap(huge), i64::MAX);
    assert_eq!(cap(-huge), i64::MIN);
}

#[test]
fn no_price_charges_zero_with_a_warning() {
    let lines = [
        line(1, "WP-ADM", "Kommunledning", 10, date(2027, 1, 1), None),
        line(
            2,
            "WP-ADM",
            "Socialförvaltningen",
            5,
            date(2027, 1, 1),
            None,
        ),
    ];
    let basis = subscriptions_only(date(2029, 1, 1), &lines, &workplace_prices());
    assert_eq!(basis.lines.len(), 2);
    assert!(
        basis
            .lines
            .iter()
            .all(|l| l.amount_ore == 0 && l.unit_price_ore == 0)
    );
    assert_eq!(
        basis.lines[0].explanation,
        "no 2029 price for WP-ADM: charged 0 öre"
    );
    assert_eq!(
        basis.warnings,
        ["no price for offering WP-ADM in 2029: line charged 0"]
    );
    assert_eq!(basis.total_ore, 0);
}

#[test]
fn zero_and_negative_quantities_are_skipped() {
    let lines = [
        line(1, "WP-ADM", "A", 0, date(2027, 1, 1), None),
        line(2, "WP-ADM", "A", -3, date(2027, 1, 1), None),
    ];
    let basis = subscriptions_only(date(2027, 3, 1), &lines, &workplace_prices());
    assert!(basis.lines.is_empty());
}

/// The month of March 2027 of the acceptance example: a subscription, a
/// request in the month and one outside it, work in the month and outside
/// it, and a service-level credit.
pub(super) fn march_basis() -> InvoiceBasis {
    let lines = [line(
        1,
        "WP-ADM",
        "Kommunledning",
        400,
        date(2026, 1, 1),
        None,
    )];
    let request = |ticket: &str, on: Date| RequestCharge {
        ticket: ticket.to_string(),
        item: "Docking station".to_string(),
        administration: "Barn och utbildning".to_string(),
        fulfilled_on: on,
        price_ore: 150_000,
    };
    let requests = [
        request("YST-2027-000042", date(2027, 3, 10)),
        request("YST-2027-000050", date(2027, 4, 1)),
        request("YST-2027-000012", date(2027, 2, 28)),
    ];
    let work = |minutes: i64, on: Date| WorkCharge {
        ticket: "YST-2027-000007".to_string(),
        administration: "Kommunledning".to_string(),
        worked_on: on,
        minutes,
        rate_ore_per_hour: 95_000,
        note: "Migration, mailboxes".to_string(),
    };
    let work = [work(90, date(2027, 3, 4)), work(30, date(2027, 4, 4))];
    let credits = [Credit {
        reference: "2027-03 CARE resolution_compliance".to_string(),
        description: "Resolution compliance P1-P2 85.00 % below 95.00 %".to_string(),
        amount_ore: 600_000,
    }];
    invoice_basis(
        "Ystad",
        date(2027, 3, 1),
        &lines,
        &workplace_prices(),
        &requests,
        &work,
        &credits,
    )
}

#[test]
fn requests_work_and_credits_add_up() {
    // Subscription: 400 × 900 000 / 12          = 30 000 000
    // Request YST-2027-000042 (10 March)         =    150 000
    // Work: 90 min × 95 000 öre/h ÷ 60           =    142 500
    // Charges                                    = 30 292 500
    // Credit                                     =   -600 000
    // Total                                      = 29 692 500
    // Per administration (no credits): Barn och utbildning 150 000,
    // Kommunledning 30 000 000 + 142 500 = 30 142 500.
    let basis = march_basis();
    let kinds: Vec<(LineKind, &str, i64)> = basis
        .lines
        .iter()
        .map(|l| (l.kind, l.reference.as_str(), l.amount_ore))
        .collect();
    assert_eq!(
        kinds,
        [
            (LineKind::Subscription, "WP-ADM", 30_000_000),
            (LineKind::Request, "YST-2027-000042", 150_000),
            (LineKind::Work, "YST-2027-000007", 142_500),
            (
                LineKind::Credit,
                "2027-03 CARE resolution_compliance",
                -600_000
            ),
        ]
    );
    assert_eq!(basis.charges_ore, 30_292_500);
    assert_eq!(basis.credits_ore, -600_000);
    assert_eq!(basis.total_ore, 29_692_500);
    assert_eq!(
        basis.per_administration,
        [
            AdministrationTotal {
                administration: "Barn och utbildning".to_string(),
                amount_ore: 150_000,
            },
            AdministrationTotal {
                administration: "Kommunledning".to_string(),
                amount_ore: 30_142_500,
            },
        ]
    );
    let work = &basis.lines[2];
    assert_eq!((work.quantity, work.unit_price_ore), (90, 95_000));
    assert_eq!(
        work.explanation,
        "worked 2027-03-04: 90 min × 95 000 öre/hour ÷ 60 = 142 500 öre"
    );
    let credit = &basis.lines[3];
    assert_eq!(credit.administration, None);
    assert_eq!((credit.quantity, credit.unit_price_ore), (1, 600_000));
    assert_eq!(credit.explanation, "service-level credit: -600 000 öre");
    assert_eq!(
        basis.lines[1].explanation,
        "one-off price, fulfilled 2027-03-10: 150 000 öre"
    );
}

#[test]
fn a_negative_credit_counts_as_zero() {
    let credits = [Credit {
        reference: "2027-03 X".to_string(),
        description: "wrong sign".to_string(),
        amount_ore: -5,
    }];
    let basis = invoice_basis(
        "Ystad",
        date(2027, 3, 1),
        &[],
        &PriceList::new(),
        &[],
        &[],
        &credits,
    );
    assert_eq!(basis.lines[0].amount_ore, 0);
    assert_eq!(basis.credits_ore, 0);
    assert_eq!(
        basis.warnings,
        ["credit 2027-03 X has a negative amount: counted as 0"]
    );
}

#[test]
fn lines_are_sorted_whatever_the_input_order() {
    let lines = [
        line(1, "WP-B", "Teknik", 2, date(2027, 1, 1), None),
        line(2, "WP-A", "Teknik", 1, date(2027, 1, 1), None),
        line(3, "WP-B", "Kultur", 3, date(2027, 1, 1), None),
    ];
    let mut prices = PriceList::new();
    prices.set("WP-A", 2027, 12_000);
    prices.set("WP-B", 2027, 24_000);
    let forward = subscriptions_only(date(2027, 6, 1), &lines, &prices);
    let mut reversed = lines.to_vec();
    reversed.reverse();
    assert_eq!(
        subscriptions_only(date(2027, 6, 1), &reversed, &prices),
        forward
    );
    let order: Vec<(&str, &str)> = forward
        .lines
        .iter()
        .map(|l| {
            (
                l.administration.as_deref().unwrap_or(""),
                l.reference.as_str(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [("Kultur", "WP-B"), ("Teknik", "WP-A"), ("Teknik", "WP-B")]
    );
}

#[test]
fn monthly_fee_is_the_month_subscription_sum_per_service() {
    let mut lines = vec![
        line(1, "WP-ADM", "Kommunledning", 400, date(2026, 1, 1), None),
        line(2, "WP-ADM", "Kommunledning", 50, date(2027, 3, 15), None),
    ];
    let mut mail = line(3, "MAIL", "Kommunledning", 120, date(2027, 1, 1), None);
    mail.service_code = "EMAIL".to_string();
    lines.push(mail);
    let mut prices = workplace_prices();
    prices.set("MAIL", 2027, 60_000);
    // WP: 30 000 000 + 2 056 452; EMAIL: 120 × 60 000 / 12 = 600 000.
    let fees = monthly_fee_by_service(date(2027, 3, 31), &lines, &prices);
    assert_eq!(
        fees.into_iter().collect::<Vec<_>>(),
        [
            ("EMAIL".to_string(), 600_000),
            ("WP".to_string(), 32_056_452)
        ]
    );
}

#[test]
fn a_full_year_budget_equals_twelve_months() {
    // 400 × 900 000 / 12 = 30 000 000 a month, × 12 = 360 000 000
    // = 400 × 900 000: a price divisible by 12 gives the yearly price.
    let lines = [line(
        1,
        "WP-ADM",
        "Kommunledning",
        400,
        date(2026, 1, 1),
        None,
    )];
    let budget = budget_proposal("Ystad", 2027, &lines, &workplace_prices());
    assert_eq!(budget.lines.len(), 1);
    assert_eq!(budget.lines[0].amount_ore, 360_000_000);
    assert_eq!(
        (budget.lines[0].unit_price_ore, budget.lines[0].price_year),
        (900_000, 2027)
    );
    assert_eq!(budget.total_ore, 360_000_000);
    assert!(budget.warnings.is_empty());

    // 100 001 öre/year: 100 001 / 12 = 8 333.416… → 8 333 a month,
    // × 12 = 99 996: the budget follows the invoices, not the yearly price.
    let mut prices = PriceList::new();
    prices.set("ODD", 2027, 100_001);
    let odd = [line(2, "ODD", "Kommunledning", 1, date(2026, 1, 1), None)];
    assert_eq!(
        budget_proposal("Ystad", 2027, &odd, &prices).total_ore,
        99_996
    );
}

#[test]
fn a_budget_line_starting_mid_year_counts_from_its_start() {
    // 15 March 2027: 2 056 452 for March (see above) + 9 full months of
    // 3 750 000 (April to December) = 35 806 452 öre.
    // The line that ended on 10 March: 2 full months of 50 × 75 000
    // = 3 750 000 + 1 209 677 for March = 8 709 677 öre.
    let lines = [
        line(1, "WP-ADM", "Kommunledning", 50, date(2027, 3, 15), None),
        line(
            2,
            "WP-ADM",
            "Socialförvaltningen",
            50,
            date(2026, 1, 1),
            Some(date(2027, 3, 10)),
        ),
        line(3, "WP-ADM", "Kultur", 50, date(2028, 1, 1), None),
    ];
    let budget = budget_proposal("Ystad", 2027, &lines, &workplace_prices());
    let amounts: Vec<(&str, i64)> = budget
        .lines
        .iter()
        .map(|l| (l.administration.as_str(), l.amount_ore))
        .collect();
    assert_eq!(
        amounts,
        [
            ("Kommunledning", 35_806_452),
            ("Socialförvaltningen", 8_709_677)
        ]
    );
    assert_eq!(budget.total_ore, 44_516_129);
    assert_eq!(budget.per_service, [("WP".to_string(), 44_516_129)]);
    assert_eq!(
        budget.per_administration,
        [
            ("Kommunledning".to_string(), 35_806_452),
            ("Socialförvaltningen".to_string(), 8_709_677)
        ]
    );
}

#[test]
fn a_missing_price_is_carried_forward_with_a_warning() {
    let mut prices = PriceList::new();
    prices.set("WP-ADM", 2027, 900_000);
    let lines = [
        line(1, "WP-ADM", "Kommunledning", 400, date(2026, 1, 1), None),
        line(2, "NEW", "Kommunledning", 1, date(2026, 1, 1), None),
    ];
    let budget = budget_proposal("Ystad", 2028, &lines, &prices);
    assert_eq!(budget.lines.len(), 1);
    assert_eq!(
        (budget.lines[0].unit_price_ore, budget.lines[0].price_year),
        (900_000, 2027)
    );
    assert_eq!(budget.total_ore, 360_000_000);
    assert_eq!(
        budget.warnings,
        [
            "no 2028 price for WP-ADM: 2027 price used",
            "no price for NEW in 2028 or earlier: line left out"
        ]
    );
}

#[test]
fn invoice_csv_has_fixed_bytes() {
    let csv = invoice_csv(&march_basis());
    let expected = "\
member,month,kind,administration,reference,description,quantity,active_days,month_days,unit_price_ore,amount_ore
Ystad,2027-03,subscription,Kommunledning,WP-ADM,WP-ADM workplace,400,31,31,900000,30000000
Ystad,2027-03,request,Barn och utbildning,YST-2027-000042,Docking station,1,,,150000,150000
Ystad,2027-03,work,Kommunledning,YST-2027-000007,\"Migration, mailboxes\",90,,,95000,142500
Ystad,2027-03,credit,,2027-03 CARE resolution_compliance,Resolution compliance P1-P2 85.00 % below 95.00 %,1,,,600000,-600000
Ystad,2027-03,total,,,,,,,,29692500
";
    assert_eq!(csv, expected);
    assert_eq!(invoice_csv(&march_basis()), csv);
    let empty = invoice_basis(
        "Ystad",
        date(2027, 3, 1),
        &[],
        &PriceList::new(),
        &[],
        &[],
        &[],
    );
    assert_eq!(
        invoice_csv(&empty),
        format!("{INVOICE_CSV_HEADER}\nYstad,2027-03,total,,,,,,,,0\n")
    );
}

#[test]
fn budget_csv_has_fixed_bytes() {
    let mut lines = vec![
        line(1, "WP-ADM", "Kommunledning", 400, date(2026, 1, 1), None),
        line(2, "WP-ADM", "Kultur, fritid", 50, date(2027, 3, 15), None),
    ];
    lines[1].offering_name = "Workplace \"admin\"".to_string();
    let budget = budget_proposal("Ystad", 2027, &lines, &workplace_prices());
    let expected = "\
member,year,service_code,offering_code,offering_name,administration,quantity,unit_price_ore,price_year,amount_ore
Ystad,2027,WP,WP-ADM,WP-ADM workplace,Kommunledning,400,900000,2027,360000000
Ystad,2027,WP,WP-ADM,\"Workplace \"\"admin\"\"\",\"Kultur, fritid\",50,900000,2027,35806452
Ystad,2027,total,,,,,,,395806452
";
    assert_eq!(budget_csv(&budget), expected);
}
