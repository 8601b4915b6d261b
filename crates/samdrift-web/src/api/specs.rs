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
#[schema(as = Interval, value_type = Vec<TimeOfDayDoc>, min_items = 2, max_items = 2)]
pub struct IntervalDoc(Vec<TimeOfDayDoc>);

/// A local time of day, `HH:MM` (`24:00` ends a day).
#[derive(ToSchema)]
#[schema(as = TimeOfDay, value_type = String, pattern = r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")]
pub struct TimeOfDayDoc(String);

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

/// One service-level clock of a ticket, as of now.
#[derive(ToSchema)]
#[schema(as = Clock)]
pub struct ClockDoc {
    #[schema(value_type = super::escalations::ClockName)]
    kind: String,
    /// The priority whose target and calendar were used (the current one).
    #[schema(value_type = super::tickets::PriorityName)]
    priority: String,
    target_seconds: i64,
    /// Business seconds counted: the sum of the counted segments.
    elapsed_seconds: i64,
    state: ClockStateDoc,
    #[schema(format = DateTime)]
    started_at: String,
    #[schema(format = DateTime)]
    stopped_at: Option<String>,
    #[schema(format = DateTime)]
    due_at: Option<String>,
    #[schema(format = DateTime)]
    warning_at: Option<String>,
    /// Contiguous from `started_at` to `stopped_at` (or now).
    segments: Vec<ClockSegmentDoc>,
}

/// Where a clock stands.
#[derive(ToSchema)]
#[schema(as = ClockState)]
#[serde(rename_all = "snake_case")]
pub enum ClockStateDoc {
    Running,
    Paused,
    /// Stopped within the target.
    Met,
    /// Elapsed time exceeds the target (running, paused or stopped).
    Breached,
}

/// A stretch `[from, to)` of a clock.
#[derive(ToSchema)]
#[schema(as = ClockSegment)]
pub struct ClockSegmentDoc {
    #[schema(format = DateTime)]
    from: String,
    #[schema(format = DateTime)]
    to: String,
    counted: bool,
    reason: SegmentReasonDoc,
}

/// Why a stretch of a clock counted or not.
#[derive(ToSchema)]
#[schema(as = SegmentReason)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SegmentReasonDoc {
    /// Inside the calendar's open hours: counted.
    Open,
    ClosedHours,
    /// A public holiday, by its Swedish name.
    Holiday {
        name: String,
    },
    /// A dated exception of the calendar closed it.
    Exception,
    /// The ticket was in a pausing status.
    Paused {
        #[schema(value_type = super::tickets::StatusName)]
        status: String,
    },
    /// The clock was stopped (resolved, before a reopening).
    Stopped,
}

/// The invoice basis of a member and month.
#[derive(ToSchema)]
#[schema(as = InvoiceBasis)]
pub struct InvoiceBasisDoc {
    member: String,
    /// `YYYY-MM`.
    month: String,
    lines: Vec<InvoiceLineDoc>,
    /// Charges per administration (credits excluded), sorted by name.
    per_administration: Vec<AdministrationTotalDoc>,
    /// The sum of the subscription, request and work lines.
    charges_ore: i64,
    /// The sum of the credit lines: negative or 0.
    credits_ore: i64,
    /// `charges_ore + credits_ore`: the sum of all lines.
    total_ore: i64,
    warnings: Vec<String>,
}

/// What an invoice line charges or credits.
#[derive(ToSchema)]
#[schema(as = LineKind)]
#[serde(rename_all = "snake_case")]
pub enum LineKindDoc {
    Subscription,
    Request,
    Work,
    Credit,
}

/// One line of the invoice basis, with its arithmetic.
#[derive(ToSchema)]
#[schema(as = InvoiceLine)]
pub struct InvoiceLineDoc {
    kind: LineKindDoc,
    administration: Option<String>,
    reference: String,
    description: String,
    quantity: i64,
    active_days: Option<i64>,
    month_days: Option<i64>,
    unit_price_ore: i64,
    amount_ore: i64,
    explanation: String,
}

/// The charges of one administration.
#[derive(ToSchema)]
#[schema(as = AdministrationTotal)]
pub struct AdministrationTotalDoc {
    administration: String,
    amount_ore: i64,
}

/// A budget proposal for a member and year.
#[derive(ToSchema)]
#[schema(as = Budget)]
pub struct BudgetDoc {
    member: String,
    year: i64,
    /// One per subscription line with a non-zero amount.
    lines: Vec<BudgetLineDoc>,
    /// `[service code, amount in öre]`, sorted by service code.
    per_service: Vec<NameAmountDoc>,
    /// `[administration, amount in öre]`, sorted by administration name.
    per_administration: Vec<NameAmountDoc>,
    total_ore: i64,
    warnings: Vec<String>,
}

/// `[name, amount in öre]`.
#[derive(ToSchema)]
#[schema(as = NameAmount, value_type = Vec<Value>, min_items = 2, max_items = 2)]
pub struct NameAmountDoc(Vec<serde_json::Value>);

/// One line of a budget proposal.
#[derive(ToSchema)]
#[schema(as = BudgetLine)]
pub struct BudgetLineDoc {
    subscription: Uuid,
    offering_code: String,
    offering_name: String,
    service_code: String,
    administration: String,
    quantity: i64,
    unit_price_ore: i64,
    price_year: i64,
    amount_ore: i64,
}

/// The compliance report of one period `[from, to)`.
#[derive(ToSchema)]
#[schema(as = ComplianceReport)]
pub struct ComplianceReportDoc {
    #[schema(format = DateTime)]
    from: String,
    #[schema(format = DateTime)]
    to: String,
    rows: Vec<ComplianceRowDoc>,
    totals: Vec<ComplianceTotalDoc>,
}

/// The figures of one service, priority and clock.
#[derive(ToSchema)]
#[schema(as = ComplianceRow)]
pub struct ComplianceRowDoc {
    /// The service's code; null for tickets without a service.
    service: Option<String>,
    #[schema(value_type = super::tickets::PriorityName)]
    priority: String,
    #[schema(value_type = super::escalations::ClockName)]
    kind: String,
    counted: i64,
    met: i64,
    breached: i64,
    /// Met share of counted, basis points rounded down; null when nothing is counted.
    compliance_bp: Option<i64>,
    median_seconds: Option<i64>,
    p90_seconds: Option<i64>,
}

/// The same figures for one clock across all services and priorities.
#[derive(ToSchema)]
#[schema(as = ComplianceTotal)]
pub struct ComplianceTotalDoc {
    #[schema(value_type = super::escalations::ClockName)]
    kind: String,
    counted: i64,
    met: i64,
    breached: i64,
    compliance_bp: Option<i64>,
    median_seconds: Option<i64>,
    p90_seconds: Option<i64>,
}

/// One penalty of one month, with the figures that produced it.
#[derive(ToSchema)]
#[schema(as = PenaltyView)]
pub struct PenaltyViewDoc {
    member: String,
    /// `YYYY-MM`.
    month: String,
    agreement: String,
    /// The agreement entry: a service code or `default`.
    entry: String,
    rule: PenaltyRuleDoc,
    #[schema(format = DateTime)]
    from: String,
    #[schema(format = DateTime)]
    to: String,
    /// English, with every figure of the computation.
    description: String,
    counted: i64,
    met: i64,
    breached: i64,
    compliance_bp: i64,
    /// Compliance share: started percentage points below the threshold.
    started_points: Option<i64>,
    /// Compliance share: the share of the fee after the cap.
    share_bp: Option<i64>,
    /// Compliance share: the month's fee it is a share of.
    monthly_fee_ore: Option<i64>,
    /// Per breach: the breaches fined.
    fined_breaches: Option<i64>,
    amount_ore: i64,
    /// The tickets fined (per breach) or breached (compliance share).
    tickets: Vec<String>,
}
