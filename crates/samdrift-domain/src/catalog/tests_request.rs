use super::request::*;
use std::collections::BTreeMap;

fn software_item() -> ItemSpec {
    ItemSpec {
        fields: vec![
            FormField {
                key: "software".into(),
                label: "Program".into(),
                kind: FieldKind::Select,
                required: true,
                help: "From the approved list".into(),
                options: vec!["Adobe Acrobat Pro".into(), "SPSS".into()],
            },
            FormField {
                key: "computer".into(),
                label: "Datornamn".into(),
                kind: FieldKind::Text,
                required: true,
                help: String::new(),
                options: vec![],
            },
            FormField {
                key: "note".into(),
                label: "Övrigt".into(),
                kind: FieldKind::Textarea,
                required: false,
                help: String::new(),
                options: vec![],
            },
        ],
        approvals: vec![ApprovalKind::Manager],
        tasks: vec![
            TaskTemplate {
                title: "Licens".into(),
                group: "Licenser".into(),
                stage: 1,
            },
            TaskTemplate {
                title: "Installera".into(),
                group: "Klient".into(),
                stage: 2,
            },
        ],
    }
}

fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn answers_are_checked_against_the_form() {
    let item = software_item();
    let ok = item
        .check_answers(&answers(&[("software", "SPSS"), ("computer", " YST-123 ")]))
        .unwrap();
    assert_eq!(
        ok,
        vec![
            ("software".to_string(), "SPSS".to_string()),
            ("computer".to_string(), "YST-123".to_string())
        ]
    );
    let errors = item
        .check_answers(&answers(&[("software", "Doom"), ("colour", "red")]))
        .unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        vec!["answers.colour", "answers.software", "answers.computer"]
    );
}

#[test]
fn a_form_is_validated() {
    let mut item = software_item();
    item.fields[1].key = "software".into();
    item.fields[2].options = vec!["x".into()];
    item.tasks[0].group = "Nobody".into();
    item.approvals.push(ApprovalKind::Manager);
    let errors = item
        .validate(&["Klient".to_string(), "Licenser".to_string()])
        .unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "fields[1].key",
            "fields[2].options",
            "approvals[1]",
            "tasks[0].group"
        ]
    );
    assert!(
        software_item()
            .validate(&["Klient".to_string(), "Licenser".to_string()])
            .is_ok()
    );
}

#[test]
fn an_item_that_costs_money_needs_the_orderer() {
    let item = software_item();
    assert_eq!(item.required_approvals(0), vec![ApprovalKind::Manager]);
    assert_eq!(
        item.required_approvals(150_000),
        vec![ApprovalKind::Manager, ApprovalKind::Orderer]
    );
}

#[test]
fn approvals_are_asked_one_at_a_time() {
    use ApprovalState::*;
    assert_eq!(waiting_approval(&[Pending, Pending]), Some(0));
    assert_eq!(waiting_approval(&[Approved, Pending]), Some(1));
    assert_eq!(waiting_approval(&[Approved, Approved]), None);
    assert_eq!(waiting_approval(&[Rejected, Pending]), None);
}

#[test]
fn tasks_open_stage_by_stage() {
    use TaskState::*;
    assert_eq!(
        task_states(&[(1, false), (1, false), (2, false)]),
        vec![Open, Open, Waiting]
    );
    assert_eq!(
        task_states(&[(1, true), (1, false), (2, false)]),
        vec![Done, Open, Waiting]
    );
    assert_eq!(
        task_states(&[(1, true), (1, true), (2, false)]),
        vec![Done, Done, Open]
    );
}

#[test]
fn the_request_state_follows_approvals_and_tasks() {
    use ApprovalState::*;
    assert_eq!(
        request_state(&[Pending], &[false]),
        RequestState::AwaitingApproval
    );
    assert_eq!(
        request_state(&[Approved, Rejected], &[false]),
        RequestState::Rejected
    );
    assert_eq!(
        request_state(&[Approved], &[true, false]),
        RequestState::InFulfilment
    );
    assert_eq!(
        request_state(&[Approved], &[true, true]),
        RequestState::Fulfilled
    );
    assert_eq!(request_state(&[], &[]), RequestState::Fulfilled);
}
