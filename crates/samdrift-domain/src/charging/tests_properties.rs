//! Properties over random subscription lines, prices, requests, work and
//! credits around 2027: the lines of an invoice basis add up to its totals
//! and the totals per administration to its charges, the basis does not
//! depend on the input order, splitting a line in two changes a month by at
//! most one öre, the budget equals the sum of the year's twelve invoices,
//! and nothing is negative but the credits when nothing given is.

use super::tests_invoice::line;
use super::*;
use jiff::Span;
use jiff::civil::{Date, date};
use proptest::prelude::*;

const OFFERINGS: [&str; 3] = ["A", "B", "C"];
const ADMINISTRATIONS: [&str; 3] = ["Kommunledning", "Kultur, fritid", "Teknik"];

/// A day from November 2026 to March 2028.
fn day() -> impl Strategy<Value = Date> {
    (0..517i64).prop_map(|n| date(2026, 11, 1).checked_add(Span::new().days(n)).unwrap())
}

fn subscription() -> impl Strategy<Value = SubscriptionLine> {
    (
        (0..1000u128, 0..3usize, 0..3usize),
        0..2_000i64,
        day(),
        proptest::option::of(0..400i64),
    )
        .prop_map(
            |((id, offering, administration), quantity, starts_on, length)| {
                let ends_on = length.map(|n| starts_on.checked_add(Span::new().days(n)).unwrap());
                let mut l = line(
                    id,
                    OFFERINGS[offering],
                    ADMINISTRATIONS[administration],
                    quantity,
                    starts_on,
                    ends_on,
                );
                l.service_code = ["WP", "EMAIL"][offering % 2].to_string();
                l
            },
        )
}

/// Yearly prices for 2026 to 2028, each possibly missing.
fn prices() -> impl Strategy<Value = PriceList> {
    proptest::collection::vec(proptest::option::of(0..5_000_000i64), 9).prop_map(|list| {
        let mut prices = PriceList::new();
        for (index, price) in list.into_iter().enumerate() {
            if let Some(price) = price {
                prices.set(OFFERINGS[index % 3], 2026 + (index / 3) as i16, price);
            }
        }
        prices
    })
}

/// Prices for every offering in 2027.
fn prices_2027() -> impl Strategy<Value = PriceList> {
    proptest::collection::vec(0..5_000_000i64, 3).prop_map(|list| {
        let mut prices = PriceList::new();
        for (offering, price) in OFFERINGS.iter().zip(list) {
            prices.set(offering, 2027, price);
        }
        prices
    })
}

fn request() -> impl Strategy<Value = RequestCharge> {
    (0..1000u32, 0..3usize, day(), 0..500_000i64).prop_map(|(n, a, on, price)| RequestCharge {
        ticket: format!("YST-2027-{n:06}"),
        item: "Docking station".to_string(),
        administration: ADMINISTRATIONS[a].to_string(),
        fulfilled_on: on,
        price_ore: price,
    })
}

fn work() -> impl Strategy<Value = WorkCharge> {
    (0..1000u32, 0..3usize, day(), 0..600i64, 0..150_000i64).prop_map(
        |(n, a, on, minutes, rate)| WorkCharge {
            ticket: format!("YST-2027-{n:06}"),
            administration: ADMINISTRATIONS[a].to_string(),
            worked_on: on,
            minutes,
            rate_ore_per_hour: rate,
            note: "Work, on site".to_string(),
        },
    )
}

fn credit() -> impl Strategy<Value = Credit> {
    (0..100u32, 0..1_000_000i64).prop_map(|(n, amount)| Credit {
        reference: format!("2027-03 R{n}"),
        description: "Penalty".to_string(),
        amount_ore: amount,
    })
}

type Inputs = (
    Vec<SubscriptionLine>,
    Vec<RequestCharge>,
    Vec<WorkCharge>,
    Vec<Credit>,
);

fn inputs() -> impl Strategy<Value = Inputs> {
    (
        proptest::collection::vec(subscription(), 0..12),
        proptest::collection::vec(request(), 0..6),
        proptest::collection::vec(work(), 0..6),
        proptest::collection::vec(credit(), 0..3),
    )
}

fn basis(month: Date, prices: &PriceList, (s, r, w, c): &Inputs) -> InvoiceBasis {
    invoice_basis("Ystad", month, s, prices, r, w, c)
}

/// The amount of `l` alone in the month of `first`.
fn alone(l: &SubscriptionLine, first: Date, prices: &PriceList) -> i64 {
    invoice_basis(
        "Ystad",
        first,
        std::slice::from_ref(l),
        prices,
        &[],
        &[],
        &[],
    )
    .total_ore
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn lines_add_up_to_the_totals(inputs in inputs(), prices in prices(), month in day()) {
        let b = basis(month, &prices, &inputs);
        let sum: i64 = b.lines.iter().map(|l| l.amount_ore).sum();
        prop_assert_eq!(sum, b.total_ore);
        prop_assert_eq!(b.charges_ore + b.credits_ore, b.total_ore);
        let credits: i64 = b
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Credit)
            .map(|l| l.amount_ore)
            .sum();
        prop_assert_eq!(credits, b.credits_ore);
        let per_administration: i64 = b.per_administration.iter().map(|t| t.amount_ore).sum();
        prop_assert_eq!(per_administration, b.charges_ore);
        prop_assert!(
            b.per_administration
                .windows(2)
                .all(|w| w[0].administration < w[1].administration)
        );
        // Nothing negative but the credits when nothing given is negative.
        for l in &b.lines {
            match l.kind {
                LineKind::Credit => prop_assert!(l.amount_ore <= 0),
                _ => prop_assert!(l.amount_ore >= 0),
            }
            if l.kind == LineKind::Subscription {
                prop_assert!(l.quantity > 0);
                prop_assert!(l.active_days.unwrap() >= 1);
                prop_assert!(l.active_days <= l.month_days);
            }
        }
        prop_assert!(b.charges_ore >= 0 && b.credits_ore <= 0);
        prop_assert_eq!(b.month.clone(), month_text(month));
        // The month's subscription charges are the monthly fees.
        let subscriptions: i64 = b
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Subscription)
            .map(|l| l.amount_ore)
            .sum();
        let fees: i64 = monthly_fee_by_service(month, &inputs.0, &prices).values().sum();
        prop_assert_eq!(fees, subscriptions);
    }

    #[test]
    fn the_basis_does_not_depend_on_the_input_order(
        inputs in inputs(),
        prices in prices(),
        month in day(),
    ) {
        let b = basis(month, &prices, &inputs);
        let (mut s, mut r, mut w, mut c) = inputs;
        s.reverse();
        r.reverse();
        w.reverse();
        c.reverse();
        let reversed = basis(month, &prices, &(s, r, w, c));
        prop_assert_eq!(invoice_csv(&reversed), invoice_csv(&b));
        prop_assert_eq!(reversed, b);
    }

    #[test]
    fn splitting_a_line_changes_a_month_by_at_most_one_ore(
        l in subscription(),
        prices in prices(),
        at in 1..400i64,
    ) {
        let split = l.starts_on.checked_add(Span::new().days(at)).unwrap();
        prop_assume!(l.ends_on.is_none_or(|end| split <= end));
        let before = SubscriptionLine {
            ends_on: Some(split.yesterday().unwrap()),
            ..l.clone()
        };
        let after = SubscriptionLine {
            starts_on: split,
            ..l.clone()
        };
        let mut first = l.starts_on.first_of_month();
        let last = l.ends_on.unwrap_or(split).first_of_month();
        while first <= last {
            let whole = alone(&l, first, &prices);
            let parts = alone(&before, first, &prices) + alone(&after, first, &prices);
            prop_assert!((whole - parts).abs() <= 1, "{first}: {whole} vs {parts}");
            first = first.checked_add(Span::new().months(1)).unwrap();
        }
    }

    #[test]
    fn the_budget_is_the_sum_of_the_year_invoices(
        lines in proptest::collection::vec(subscription(), 0..12),
        prices in prices_2027(),
    ) {
        let budget = budget_proposal("Ystad", 2027, &lines, &prices);
        let invoices: i64 = (1..=12)
            .map(|m| invoice_basis("Ystad", date(2027, m, 1), &lines, &prices, &[], &[], &[]))
            .map(|b| b.total_ore)
            .sum();
        prop_assert_eq!(budget.total_ore, invoices);
        let sum: i64 = budget.lines.iter().map(|l| l.amount_ore).sum();
        prop_assert_eq!(sum, budget.total_ore);
        let per_service: i64 = budget.per_service.iter().map(|(_, a)| a).sum();
        let per_administration: i64 = budget.per_administration.iter().map(|(_, a)| a).sum();
        prop_assert_eq!(per_service, budget.total_ore);
        prop_assert_eq!(per_administration, budget.total_ore);
        prop_assert!(budget.lines.iter().all(|l| l.amount_ore > 0 && l.price_year == 2027));
        prop_assert!(budget.warnings.is_empty());
        // Each line alone agrees with its own twelve invoices.
        for l in &lines {
            let own = budget_proposal("Ystad", 2027, std::slice::from_ref(l), &prices).total_ore;
            let months: i64 = (1..=12).map(|m| alone(l, date(2027, m, 1), &prices)).sum();
            prop_assert_eq!(own, months);
        }
    }
}
