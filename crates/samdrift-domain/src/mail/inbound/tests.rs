use super::*;

fn ours_addresses() -> Vec<String> {
    vec!["servicedesk@ystad.example".to_owned()]
}

fn ours(addresses: &[String]) -> Ours<'_> {
    Ours {
        addresses,
        message_id_domain: "mail.samdrift.example",
    }
}

/// A mail from a person, as the parser gives it.
fn person() -> InboundMail {
    InboundMail {
        from: Some(Address {
            address: "asa.oberg@ystad.example".into(),
            name: Some("Åsa Öberg".into()),
        }),
        recipients: vec!["servicedesk@ystad.example".into()],
        subject: "Skrivaren på plan 2 fungerar inte".into(),
        message_id: Some("CAF1234@mail.ystad.example".into()),
        text: "Hej! Skrivaren på plan 2 fungerar inte.".into(),
        ..InboundMail::default()
    }
}

fn bounced() -> Vec<FailedRecipient> {
    vec![FailedRecipient {
        address: "nobody@ystad.example".into(),
        status: "5.1.1".into(),
        diagnostic: Some("550 5.1.1 User unknown".into()),
    }]
}

fn classify_person(change: impl FnOnce(&mut InboundMail)) -> Disposition {
    let mut mail = person();
    change(&mut mail);
    let addresses = ours_addresses();
    classify(&mail, &ours(&addresses))
}

#[test]
fn a_mail_from_a_person_is_accepted() {
    assert_eq!(classify_person(|_| {}), Disposition::Accept);
}

#[test]
fn a_delivery_report_is_a_bounce_even_from_a_null_sender_without_from() {
    let d = classify_person(|m| {
        m.delivery_report = Some(bounced());
        m.null_sender = true;
        m.from = None;
        m.auto_submitted = Some("auto-replied".into());
    });
    assert_eq!(d, Disposition::Bounce(bounced()));
}

#[test]
fn a_mail_without_from_has_no_sender() {
    let d = classify_person(|m| {
        m.from = None;
        m.auto_submitted = Some("auto-generated".into());
    });
    assert_eq!(d, Disposition::Ignore(Ignored::NoSender));
}

#[test]
fn a_mail_from_our_own_mailbox_is_a_loop() {
    let d = classify_person(|m| {
        if let Some(from) = &mut m.from {
            from.address = "servicedesk@ystad.example".into();
        }
        m.precedence = Some("bulk".into());
    });
    assert_eq!(d, Disposition::Ignore(Ignored::FromOurselves));
}

#[test]
fn our_own_message_id_is_recognised_by_prefix_and_domain() {
    for (id, own) in [
        ("samdrift.0a1b2c3d@mail.samdrift.example", true),
        ("samdrift.0a1b2c3d@MAIL.samdrift.example", true),
        ("samdrift.0a1b2c3d@other.example", false),
        ("0a1b2c3d@mail.samdrift.example", false),
        ("xsamdrift.0a1b@mail.samdrift.example", false),
        ("samdrift.0a1b2c3d@evil.mail.samdrift.example", false),
    ] {
        let d = classify_person(|m| m.message_id = Some(id.into()));
        let expected = if own {
            Disposition::Ignore(Ignored::OwnMessage)
        } else {
            Disposition::Accept
        };
        assert_eq!(d, expected, "{id}");
    }
}

#[test]
fn auto_submitted_other_than_no_is_automatic() {
    for (value, ignored) in [
        ("auto-replied", true),
        ("auto-generated", true),
        ("no", false),
    ] {
        let d = classify_person(|m| m.auto_submitted = Some(value.into()));
        assert_eq!(
            d == Disposition::Ignore(Ignored::AutoSubmitted),
            ignored,
            "{value}"
        );
        assert_eq!(d == Disposition::Accept, !ignored, "{value}");
    }
}

#[test]
fn precedence_bulk_junk_and_list_are_bulk_other_values_are_not() {
    for (value, ignored) in [
        ("bulk", true),
        ("junk", true),
        ("list", true),
        ("urgent", false),
    ] {
        let d = classify_person(|m| m.precedence = Some(value.into()));
        assert_eq!(d == Disposition::Ignore(Ignored::Bulk), ignored, "{value}");
    }
}

#[test]
fn auto_reply_header_list_id_and_null_sender_each_ignore_in_that_order() {
    let d = classify_person(|m| {
        m.auto_reply_header = true;
        m.list_id = Some("<nyheter.ystad.example>".into());
        m.null_sender = true;
    });
    assert_eq!(d, Disposition::Ignore(Ignored::AutoReplyHeader));
    let d = classify_person(|m| {
        m.list_id = Some("<nyheter.ystad.example>".into());
        m.null_sender = true;
    });
    assert_eq!(d, Disposition::Ignore(Ignored::MailingList));
    let d = classify_person(|m| m.null_sender = true);
    assert_eq!(d, Disposition::Ignore(Ignored::NullSender));
}

#[test]
fn loops_are_named_before_automatic_headers() {
    let d = classify_person(|m| {
        m.message_id = Some("samdrift.1@mail.samdrift.example".into());
        m.auto_submitted = Some("auto-replied".into());
    });
    assert_eq!(d, Disposition::Ignore(Ignored::OwnMessage));
}

#[test]
fn every_reason_has_its_own_stored_name() {
    let all = [
        Ignored::AutoSubmitted,
        Ignored::Bulk,
        Ignored::AutoReplyHeader,
        Ignored::MailingList,
        Ignored::NullSender,
        Ignored::OwnMessage,
        Ignored::FromOurselves,
        Ignored::NoSender,
    ];
    let names: std::collections::BTreeSet<&str> = all.iter().map(|r| r.as_str()).collect();
    assert_eq!(names.len(), all.len());
    assert_eq!(Ignored::AutoReplyHeader.as_str(), "auto_reply_header");
    assert!(
        names
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    );
}

fn results(headers: &[&str]) -> Vec<String> {
    headers.iter().map(|h| (*h).to_owned()).collect()
}

#[test]
fn dmarc_fail_is_found_in_any_case_and_with_a_comment() {
    for header in [
        "mx.ystad.example; dmarc=fail (p=reject) header.from=ystad.se",
        "mx.ystad.example; spf=pass smtp.mailfrom=ystad.se;\r\n dmarc=FAIL (p=REJECT sp=REJECT dis=NONE) header.from=ystad.se",
        "mx.ystad.example;dmarc=fail",
    ] {
        assert!(dmarc_failed(&results(&[header]), None), "{header}");
        assert!(
            dmarc_failed(&results(&[header]), Some("mx.ystad.example")),
            "{header}"
        );
    }
}

#[test]
fn dmarc_pass_none_or_missing_is_not_a_failure() {
    for header in [
        "mx.ystad.example; dmarc=pass (p=reject) header.from=ystad.se",
        "mx.ystad.example; dmarc=none header.from=ystad.se",
        "mx.ystad.example; spf=fail smtp.mailfrom=ystad.se",
        "mx.ystad.example; none",
        "mx.ystad.example; dmarc=failed",
    ] {
        assert!(!dmarc_failed(&results(&[header]), None), "{header}");
    }
    assert!(!dmarc_failed(&[], None));
}

#[test]
fn only_the_first_header_of_the_trusted_server_counts() {
    let headers = results(&[
        "forged.example; dmarc=pass header.from=ystad.se",
        "mx.ystad.example; dmarc=fail (p=reject) header.from=ystad.se",
        "mx.ystad.example; dmarc=pass header.from=ystad.se",
    ]);
    assert!(dmarc_failed(&headers, Some("mx.ystad.example")));
    assert!(dmarc_failed(&headers, Some("MX.YSTAD.EXAMPLE")));
    // Without a trusted server the forged header on top would count.
    assert!(!dmarc_failed(&headers, None));
    assert!(!dmarc_failed(&headers, Some("other.example")));
}

#[test]
fn without_a_trusted_server_the_first_header_counts() {
    let fail_first = results(&["mx.ystad.example; dmarc=fail", "relay.example; dmarc=pass"]);
    let pass_first = results(&["mx.ystad.example; dmarc=pass", "relay.example; dmarc=fail"]);
    assert!(dmarc_failed(&fail_first, None));
    assert!(!dmarc_failed(&pass_first, None));
}

#[test]
fn the_authserv_id_may_carry_a_version() {
    let headers = results(&["mx.ystad.example 1; dmarc=fail header.from=ystad.se"]);
    assert!(dmarc_failed(&headers, Some("mx.ystad.example")));
}
