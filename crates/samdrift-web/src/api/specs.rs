//! The documented shapes of the domain's specs that the API takes and gives
//! as they are (calendars, agreements, catalog item forms). The domain
//! types carry no OpenAPI derive (the domain does no I/O and knows no
//! HTTP), so these types exist only for the document: each mirrors the
//! serde shape of its domain type field by field, with the limits its
//! `validate` checks. They are never built.
#![allow(dead_code)]

use utoipa::ToSchema;
use uuid::Uuid;

/// A calendar (service hours) as written by a user.
#[derive(ToSchema)]
#[schema(as = CalendarSpec)]
pub struct CalendarSpecDoc {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    name: String,
    /// An IANA time zone (default `Europe/Stockholm`).
    #[schema(example = "Europe/Stockholm")]
    #[serde(default)]
    time_zone: String,
    /// Weekday key to its open intervals in local time, e.g.
    /// `{"mon": [["08:00", "17:00"]]}`.
    #[serde(default)]
    weekly_hours: WeeklyHoursDoc,
    /// Which country's holidays close the calendar.
    holidays: Option<HolidaySpecDoc>,
    /// Hours that replace those of one local date (an empty list closes it).
    #[serde(default)]
    exceptions: Vec<ExceptionSpecDoc>,
}

/// Open intervals per weekday.
#[derive(ToSchema)]
#[schema(as = WeeklyHours)]
pub struct WeeklyHoursDoc {
    #[serde(default)]
    mon: Vec<IntervalDoc>,
    #[serde(default)]
    tue: Vec<IntervalDoc>,
    #[serde(default)]
    wed: Vec<IntervalDoc>,
    #[serde(default)]
    thu: Vec<IntervalDoc>,
    #[serde(default)]
    fri: Vec<IntervalDoc>,
    #[serde(default)]
    sat: Vec<IntervalDoc>,
    #[serde(default)]
    sun: Vec<IntervalDoc>,
}

/// `["HH:MM", "HH:MM"]`: opens, closes (local time; `24:00` is midnight).
#[derive(ToSchema)]
#[schema(as = Interval, value_type = Vec<String>, min_items = 2, max_items = 2)]
pub struct IntervalDoc(Vec<String>);

/// Which country's holidays close the calendar.
#[derive(ToSchema)]
#[schema(as = HolidaySpec)]
pub struct HolidaySpecDoc {
    /// `SE`, or null for no holidays.
    #[schema(pattern = r"^SE$")]
    country: Option<String>,
    /// Also close Midsommarafton, Julafton and Nyårsafton.
    #[serde(default)]
    de_facto: bool,
}

/// Hours that replace those of one local date.
#[derive(ToSchema)]
#[schema(as = ExceptionSpec)]
pub struct ExceptionSpecDoc {
    #[schema(format = Date)]
    date: String,
    /// Empty (or absent): closed all day.
    #[serde(default)]
    hours: Vec<IntervalDoc>,
}

/// An agreement (avtal) of a member and a period, as written.
#[derive(ToSchema)]
#[schema(as = AgreementSpec)]
pub struct AgreementSpecDoc {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    name: String,
    /// First day in force (local date).
    #[schema(format = Date)]
    valid_from: String,
    /// Last day in force (inclusive).
    #[schema(format = Date)]
    valid_to: String,
    /// One entry per service, and at most one default entry (no `service`).
    #[schema(min_items = 1)]
    entries: Vec<EntrySpecDoc>,
}

/// The service levels for one service, or the default for all others.
#[derive(ToSchema)]
#[schema(as = EntrySpec)]
pub struct EntrySpecDoc {
    /// A service code; absent (or null) for the default entry.
    service: Option<String>,
    /// The targets of each priority: `P1`, `P2`, `P3` and `P4`, all required.
    targets: TargetsDoc,
    #[serde(default)]
    pause_on_waiting_for_supplier: bool,
    /// When the warning fires, in percent of the target (default 75).
    #[schema(minimum = 1, maximum = 99)]
    #[serde(default)]
    warning_percent: i64,
    /// Availability target in basis points (9950 = 99.50 %).
    #[schema(minimum = 0, maximum = 10000)]
    availability_target_bp: Option<i64>,
    /// The calendar availability is measured in.
    availability_calendar_id: Option<Uuid>,
    /// The monthly fee for the service, in öre (penalty rules use it).
    #[schema(minimum = 0)]
    #[serde(default)]
    monthly_fee_ore: i64,
    /// Days ahead a planned outage must be announced not to count (default 5).
    #[schema(minimum = 0, maximum = 365)]
    #[serde(default)]
    planned_notice_days: i64,
    #[serde(default)]
    penalties: Vec<PenaltyRuleDoc>,
}

/// The targets of the four priorities.
#[derive(ToSchema)]
#[schema(as = Targets)]
#[allow(non_snake_case)]
pub struct TargetsDoc {
    P1: TargetSpecDoc,
    P2: TargetSpecDoc,
    P3: TargetSpecDoc,
    P4: TargetSpecDoc,
}

/// The response and resolution targets of one priority.
#[derive(ToSchema)]
#[schema(as = TargetSpec)]
pub struct TargetSpecDoc {
    /// Business seconds to the first response.
    #[schema(minimum = 1)]
    response_seconds: i64,
    /// Business seconds to resolution.
    #[schema(minimum = 1)]
    resolution_seconds: i64,
    /// The calendar (service hours) both are counted in.
    calendar_id: Uuid,
}

/// A penalty rule of an agreement entry.
#[derive(ToSchema)]
#[schema(as = PenaltyRule)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PenaltyRuleDoc {
    /// A share of the month's fee per started percentage point of monthly
    /// compliance below `threshold_bp`, capped at `cap_bp`.
    ComplianceShare {
        #[schema(value_type = super::escalations::ClockName)]
        clock: String,
        #[schema(value_type = Vec<super::tickets::PriorityName>, min_items = 1)]
        priorities: Vec<String>,
        #[schema(minimum = 0, maximum = 10000)]
        threshold_bp: i64,
        #[schema(minimum = 0, maximum = 10000)]
        per_point_bp: i64,
        #[schema(minimum = 0, maximum = 10000)]
        cap_bp: i64,
    },
    /// A fixed amount per breached clock.
    PerBreach {
        #[schema(value_type = super::escalations::ClockName)]
        clock: String,
        #[schema(value_type = Vec<super::tickets::PriorityName>, min_items = 1)]
        priorities: Vec<String>,
        #[schema(minimum = 0)]
        amount_ore: i64,
    },
}

/// What a catalog item asks, who approves and what work it creates.
#[derive(ToSchema)]
#[schema(as = ItemSpec)]
pub struct ItemSpecDoc {
    #[serde(default)]
    fields: Vec<FormFieldDoc>,
    /// Who must approve, in order.
    #[serde(default)]
    approvals: Vec<ApprovalKindDoc>,
    /// The fulfilment tasks.
    #[serde(default)]
    tasks: Vec<TaskTemplateDoc>,
}

/// One field of a request form.
#[derive(ToSchema)]
#[schema(as = FormField)]
pub struct FormFieldDoc {
    /// Name of the answer: lower-case letters, digits and `_`.
    #[schema(pattern = r"^[a-z0-9_]{1,40}$")]
    key: String,
    /// What the user reads.
    #[schema(min_length = 1, pattern = r"\S")]
    label: String,
    kind: FieldKindDoc,
    #[serde(default)]
    required: bool,
    /// Help text shown under the field.
    #[serde(default)]
    help: String,
    /// The choices of a `select` field.
    #[serde(default)]
    options: Vec<String>,
}

/// The kind of a form field.
#[derive(ToSchema)]
#[schema(as = FieldKind)]
#[serde(rename_all = "snake_case")]
pub enum FieldKindDoc {
    Text,
    Textarea,
    Select,
    Checkbox,
    Date,
}

/// Who must approve a request.
#[derive(ToSchema)]
#[schema(as = ApprovalKind)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalKindDoc {
    /// The requester's manager (chef).
    Manager,
    /// The owner of the business system the request gives access to.
    SystemOwner,
    /// The member's orderer (beställare).
    Orderer,
}

/// A fulfilment task a request creates.
#[derive(ToSchema)]
#[schema(as = TaskTemplate)]
pub struct TaskTemplateDoc {
    #[schema(min_length = 1, pattern = r"\S")]
    title: String,
    /// The competence group's name.
    #[schema(min_length = 1)]
    group: String,
    /// Stage 1 runs first; tasks of one stage run in parallel.
    #[schema(minimum = 1)]
    #[serde(default)]
    stage: i64,
}
