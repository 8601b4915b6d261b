//! Customer satisfaction (kundnöjdhet): whether the requester of a
//! resolved ticket is asked to rate it, what a rating and an annual
//! survey may hold, and results as counts per grade.
//!
//! A member samples a share of its resolved tickets (percent) and asks
//! nobody more often than once per quiet period (days). Sampling is a
//! pure function of the ticket's id, so the same ticket is always in or
//! out of the sample and tests repeat.

use crate::error::FieldErrors;
use crate::msg;
use uuid::Uuid;

/// The share of resolved tickets whose requester is asked, unless the
/// member chose another.
pub const DEFAULT_SAMPLING_PERCENT: i64 = 100;
/// Nobody is asked more than once in this many days, unless the member
/// chose another period.
pub const DEFAULT_QUIET_DAYS: i64 = 30;
/// The longest quiet period a member may choose.
pub const QUIET_DAYS_MAX: i64 = 365;
/// The longest comment of a rating or answer to a free-text question.
pub const COMMENT_MAX: usize = 4000;
/// The longest survey title and question text.
pub const TEXT_MAX: usize = 500;
/// The most questions a survey holds.
pub const QUESTIONS_MAX: usize = 30;

const MICROS_PER_DAY: i64 = 86_400 * 1_000_000;

/// A member's sampling rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SamplingRules {
    /// 0..=100: the share of resolved tickets whose requester is asked.
    pub percent: i64,
    /// 0..=365: days in which a person is asked at most once.
    pub quiet_days: i64,
}

impl Default for SamplingRules {
    fn default() -> Self {
        SamplingRules {
            percent: DEFAULT_SAMPLING_PERCENT,
            quiet_days: DEFAULT_QUIET_DAYS,
        }
    }
}

impl SamplingRules {
    /// Every field out of range, named.
    pub fn check(&self) -> Result<(), Vec<crate::error::FieldError>> {
        let mut errors = FieldErrors::default();
        if !(0..=100).contains(&self.percent) {
            errors.push(
                "sampling_percent",
                msg!("field.range", min = 0i64, max = 100i64),
            );
        }
        if !(0..=QUIET_DAYS_MAX).contains(&self.quiet_days) {
            errors.push(
                "quiet_days",
                msg!("field.range", min = 0i64, max = QUIET_DAYS_MAX),
            );
        }
        errors.into_result(())
    }
}

/// The ticket's place 0..=99 in the sample: FNV-1a of its id's bytes,
/// modulo 100. The same id always has the same place.
pub fn bucket(ticket: Uuid) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in ticket.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash % 100
}

/// Whether the ticket is in a sample of `percent` per cent.
pub fn sampled(ticket: Uuid, percent: i64) -> bool {
    i64::try_from(bucket(ticket)).is_ok_and(|b| b < percent)
}

/// Whether the requester of `ticket`, resolved at `now`, is asked to rate
/// it: the ticket is in the sample and the requester was last asked
/// (`last_asked`, if ever) at least the quiet period ago.
pub fn should_ask(rules: SamplingRules, ticket: Uuid, last_asked: Option<i64>, now: i64) -> bool {
    let quiet = rules.quiet_days.saturating_mul(MICROS_PER_DAY);
    sampled(ticket, rules.percent) && last_asked.is_none_or(|at| now.saturating_sub(at) >= quiet)
}

/// A grade 1..=5 and a comment of at most [`COMMENT_MAX`] characters.
pub fn check_rating(rating: i64, comment: &str) -> Result<(), Vec<crate::error::FieldError>> {
    let mut errors = FieldErrors::default();
    if !(1..=5).contains(&rating) {
        errors.push("rating", msg!("field.range", min = 1i64, max = 5i64));
    }
    if comment.chars().count() > COMMENT_MAX {
        errors.push(
            "comment",
            msg!("field.at_most_chars", max = COMMENT_MAX as i64),
        );
    }
    errors.into_result(())
}

/// How many answers gave each grade 1..=5.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Distribution {
    /// `counts[0]` is grade 1, `counts[4]` grade 5.
    pub counts: [i64; 5],
}

impl Distribution {
    /// Counts `grade` (outside 1..=5 is ignored) `n` times.
    pub fn add(&mut self, grade: i64, n: i64) {
        if let Some(slot) = usize::try_from(grade - 1)
            .ok()
            .and_then(|i| self.counts.get_mut(i))
        {
            *slot += n;
        }
    }

    pub fn count(&self) -> i64 {
        self.counts.iter().sum()
    }

    /// The average grade in hundredths (`432` is 4.32), None without answers.
    pub fn average_hundredths(&self) -> Option<i64> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        let sum: i64 = self
            .counts
            .iter()
            .zip(1i64..)
            .map(|(count, grade)| count * grade)
            .sum();
        Some((sum * 100 + n / 2) / n)
    }
}

/// A survey's state: questions are added while a draft; opening invites
/// the member's people; a closed survey takes no more answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyState {
    Draft,
    Open,
    Closed,
}

impl SurveyState {
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyState::Draft => "draft",
            SurveyState::Open => "open",
            SurveyState::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<SurveyState> {
        match s {
            "draft" => Some(SurveyState::Draft),
            "open" => Some(SurveyState::Open),
            "closed" => Some(SurveyState::Closed),
            _ => None,
        }
    }
}

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    /// A grade 1..=5.
    Scale,
    /// Free text.
    Text,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Scale => "scale",
            QuestionKind::Text => "text",
        }
    }

    pub fn parse(s: &str) -> Option<QuestionKind> {
        match s {
            "scale" => Some(QuestionKind::Scale),
            "text" => Some(QuestionKind::Text),
            _ => None,
        }
    }
}

/// A non-empty text of at most [`TEXT_MAX`] characters in `field`.
pub fn check_text(errors: &mut FieldErrors, field: &str, text: &str) {
    if text.trim().is_empty() {
        errors.push(field, msg!("field.required"));
    } else if text.chars().count() > TEXT_MAX {
        errors.push(field, msg!("field.at_most_chars", max = TEXT_MAX as i64));
    }
}

/// A survey's title, year and sample.
pub fn check_survey(
    title: &str,
    year: i64,
    sample_percent: i64,
) -> Result<(), Vec<crate::error::FieldError>> {
    let mut errors = FieldErrors::default();
    check_text(&mut errors, "title", title);
    if !(2000..=2100).contains(&year) {
        errors.push("year", msg!("field.year"));
    }
    if !(1..=100).contains(&sample_percent) {
        errors.push(
            "sample_percent",
            msg!("field.range", min = 1i64, max = 100i64),
        );
    }
    errors.into_result(())
}

/// One answer as given, for a question of `kind`: a scale answer is a
/// grade 1..=5 (or none: skipped), a text answer at most
/// [`COMMENT_MAX`] characters (empty: skipped).
pub fn check_answer(
    errors: &mut FieldErrors,
    field: &str,
    kind: QuestionKind,
    grade: Option<i64>,
    text: &str,
) {
    match kind {
        QuestionKind::Scale => {
            if grade.is_some_and(|g| !(1..=5).contains(&g)) {
                errors.push(field, msg!("field.range", min = 1i64, max = 5i64));
            }
        }
        QuestionKind::Text => {
            if text.chars().count() > COMMENT_MAX {
                errors.push(field, msg!("field.at_most_chars", max = COMMENT_MAX as i64));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DAY: i64 = MICROS_PER_DAY;

    #[test]
    fn everyone_is_asked_by_default_once_a_month() {
        let rules = SamplingRules::default();
        let t = Uuid::from_u128(42);
        assert!(should_ask(rules, t, None, 100 * DAY));
        assert!(!should_ask(rules, t, Some(80 * DAY), 100 * DAY));
        assert!(should_ask(rules, t, Some(70 * DAY), 100 * DAY));
    }

    #[test]
    fn nobody_is_asked_at_zero_percent() {
        let rules = SamplingRules {
            percent: 0,
            quiet_days: 0,
        };
        assert!((0..500u128).all(|i| !should_ask(rules, Uuid::from_u128(i), None, 0)));
    }

    #[test]
    fn about_the_chosen_share_is_sampled() {
        let n = (0..10_000u128)
            .filter(|i| sampled(Uuid::from_u128(i * 7919 + 13), 30))
            .count();
        assert!((2_500..3_500).contains(&n), "{n}");
    }

    #[test]
    fn rules_out_of_range_are_refused() {
        let bad = SamplingRules {
            percent: 101,
            quiet_days: -1,
        };
        assert_eq!(bad.check().map_err(|e| e.len()), Err(2));
        assert!(SamplingRules::default().check().is_ok());
    }

    #[test]
    fn a_rating_is_a_grade_one_to_five() {
        assert!(check_rating(0, "").is_err());
        assert!(check_rating(6, "").is_err());
        assert!(check_rating(5, "Bra").is_ok());
        assert!(check_rating(3, &"x".repeat(COMMENT_MAX + 1)).is_err());
    }

    #[test]
    fn the_average_is_rounded_to_hundredths() {
        let mut d = Distribution::default();
        assert_eq!(d.average_hundredths(), None);
        d.add(5, 2);
        d.add(4, 1);
        d.add(9, 3);
        assert_eq!(d.count(), 3);
        assert_eq!(d.average_hundredths(), Some(467));
    }

    proptest! {
        #[test]
        fn sampling_is_a_function_of_the_id(id in any::<u128>(), percent in 0i64..=100) {
            let t = Uuid::from_u128(id);
            prop_assert_eq!(sampled(t, percent), sampled(t, percent));
            prop_assert!(bucket(t) < 100);
            // A larger sample keeps every ticket of a smaller one.
            if sampled(t, percent) {
                prop_assert!(sampled(t, percent + 1));
            }
            prop_assert!(sampled(t, 100));
            prop_assert!(!sampled(t, 0));
        }

        #[test]
        fn nobody_is_asked_twice_in_the_quiet_period(
            id in any::<u128>(),
            quiet in 0i64..=QUIET_DAYS_MAX,
            last in 0i64..1_000_000_000_000,
            since in 0i64..(400 * DAY),
        ) {
            let rules = SamplingRules { percent: 100, quiet_days: quiet };
            let asked = should_ask(rules, Uuid::from_u128(id), Some(last), last + since);
            prop_assert_eq!(asked, since >= quiet * DAY);
        }

        #[test]
        fn the_average_lies_between_the_grades(counts in proptest::array::uniform5(0i64..1000)) {
            let d = Distribution { counts };
            match d.average_hundredths() {
                None => prop_assert_eq!(d.count(), 0),
                Some(a) => prop_assert!((100..=500).contains(&a)),
            }
        }
    }
}
