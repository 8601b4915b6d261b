use super::*;
use jiff::civil::date;

const TODAY: jiff::civil::Date = date(2026, 12, 2);

fn fields(errors: &[FieldError]) -> Vec<String> {
    errors
        .iter()
        .map(|e| format!("{} {}", e.field, e.message.code))
        .collect()
}

#[test]
fn an_hr_file_with_semicolons_and_a_byte_order_mark_is_read() {
    let file = "\u{feff}employee_number;personnummer;given_name;family_name;email;administration;title;manager;start_date;end_date\n\
                1001;19811218-9876;Anna;Svensson;Anna.Svensson@ystad.se;Barn och utbildning;Rektor;;2020-08-01;\n\
                1002;;Bo;Ek;bo.ek@ystad.se;Vård och omsorg;Undersköterska;1001;2021-01-01;2026-12-31\n";
    let people =
        read_delivery(SourceKind::Hr, DeliveryFormat::Csv, file.as_bytes(), TODAY).unwrap();
    assert_eq!(people.len(), 2);
    assert_eq!(people[0].line, 2);
    assert_eq!(people[0].key, "1001");
    assert_eq!(people[0].email, "anna.svensson@ystad.se");
    assert_eq!(people[0].name, "Anna Svensson");
    assert_eq!(
        people[0].personnummer.as_ref().map(|p| p.masked()),
        Some("19811218-XXXX".to_owned())
    );
    assert_eq!(people[1].facts.manager.as_deref(), Some("1001"));
    assert_eq!(people[1].facts.ends_on, Some(date(2026, 12, 31)));
    assert_eq!(people[1].kind, "employee");
}

#[test]
fn every_bad_field_is_named_by_line_and_nothing_is_returned() {
    let file = "employee_number,personnummer,given_name,family_name,email,start_date,end_date\n\
                1,19811218-9875,A,B,a@ystad.se,2020-01-01,2019-01-01\n\
                2,,,B,not-an-email,2020-13-01,\n\
                1,,C,D,c@ystad.se,,\n";
    let errors =
        read_delivery(SourceKind::Hr, DeliveryFormat::Csv, file.as_bytes(), TODAY).unwrap_err();
    assert_eq!(
        fields(&errors),
        vec![
            "line 2: personnummer personnummer.check_digit",
            "line 2: end_date field.not_before",
            "line 3: given_name field.required",
            "line 3: email field.email",
            "line 3: start_date field.date",
            "line 4: key delivery.duplicate",
        ]
    );
}

#[test]
fn an_unknown_or_missing_column_is_an_error_on_the_header() {
    let file = "employee_number,given_name,surname,email\n1,A,B,a@ystad.se\n";
    let errors =
        read_delivery(SourceKind::Hr, DeliveryFormat::Csv, file.as_bytes(), TODAY).unwrap_err();
    assert_eq!(
        fields(&errors),
        vec![
            "line 1: surname delivery.column_unknown",
            "line 1: family_name delivery.column_missing"
        ]
    );
}

#[test]
fn a_school_file_in_json_lines_gives_pupils_and_teachers() {
    let file = r#"{"person_id":"S1","given_name":"Elsa","family_name":"Berg","email":"elsa@skola.ystad.se","role":"elev","school":"Östra skolan","class":"7B"}

{"person_id":"S2","given_name":"Karl","family_name":"Lind","email":"karl@ystad.se","role":"lärare","school":"Östra skolan","class":null}
{"person_id":"S3","given_name":"X","family_name":"Y","email":"x@ystad.se","role":"rektor","shoe_size":"42"}
"#;
    let errors = read_delivery(
        SourceKind::School,
        DeliveryFormat::JsonLines,
        file.as_bytes(),
        TODAY,
    )
    .unwrap_err();
    assert_eq!(
        fields(&errors),
        vec![
            "line 4: shoe_size delivery.column_unknown",
            "line 4: role field.one_of"
        ]
    );
    let good: String = file.lines().take(3).collect::<Vec<_>>().join("\n");
    let people = read_delivery(
        SourceKind::School,
        DeliveryFormat::JsonLines,
        good.as_bytes(),
        TODAY,
    )
    .unwrap();
    assert_eq!(people[0].kind, "student");
    assert_eq!(people[0].facts.class.as_deref(), Some("7B"));
    assert_eq!(people[1].line, 3);
    assert_eq!(people[1].kind, "employee");
    assert_eq!(people[1].facts.title.as_deref(), Some("lärare"));
}

#[test]
fn a_file_that_is_not_utf8_or_empty_is_refused() {
    let latin1 = b"employee_number,given_name,family_name,email\n1,G\xf6ran,B,g@ystad.se\n";
    let errors = read_delivery(SourceKind::Hr, DeliveryFormat::Csv, latin1, TODAY).unwrap_err();
    assert_eq!(fields(&errors), vec!["line 2 delivery.not_utf8"]);
    let errors = read_delivery(
        SourceKind::Hr,
        DeliveryFormat::Csv,
        b"employee_number,given_name,family_name,email\n",
        TODAY,
    )
    .unwrap_err();
    assert_eq!(fields(&errors), vec!["file delivery.empty"]);
}
