use super::*;
use proptest::prelude::*;

fn path(name: &str) -> AttrPath {
    AttrPath {
        uri: None,
        name: name.to_owned(),
        sub: None,
    }
}

fn eq(name: &str, value: &str) -> Filter {
    Filter::Compare {
        path: path(name),
        op: CompareOp::Eq,
        value: CompValue::Str(value.to_owned()),
    }
}

#[test]
fn reads_each_operator_without_regard_to_case() {
    for op in ["eq", "NE", "Co", "sw", "ew", "gt", "ge", "lt", "LE"] {
        let f = parse_filter(&format!("userName {op} \"x\"")).expect("parses");
        let Filter::Compare { op: read, .. } = f else {
            panic!("not a comparison: {f:?}");
        };
        assert_eq!(read.as_str(), op.to_ascii_lowercase());
    }
    assert_eq!(parse_filter("title PR"), Ok(Filter::Present(path("title"))));
}

#[test]
fn and_binds_tighter_than_or() {
    let f = parse_filter(r#"a eq "1" or b eq "2" and c eq "3""#).expect("parses");
    assert_eq!(
        f,
        Filter::Or(
            Box::new(eq("a", "1")),
            Box::new(Filter::And(Box::new(eq("b", "2")), Box::new(eq("c", "3"))))
        )
    );
    let g = parse_filter(r#"(a eq "1" or b eq "2") AND not (c eq "3")"#).expect("parses");
    assert_eq!(
        g,
        Filter::And(
            Box::new(Filter::Or(Box::new(eq("a", "1")), Box::new(eq("b", "2")))),
            Box::new(Filter::Not(Box::new(eq("c", "3"))))
        )
    );
}

#[test]
fn reads_values_urns_sub_attributes_and_escapes() {
    let f = parse_filter(
        r#"urn:ietf:params:scim:schemas:core:2.0:User:name.givenName eq "B\"ar\\\u00e5""#,
    )
    .expect("parses");
    assert_eq!(
        f,
        Filter::Compare {
            path: AttrPath {
                uri: Some("urn:ietf:params:scim:schemas:core:2.0:User".to_owned()),
                name: "name".to_owned(),
                sub: Some("givenName".to_owned()),
            },
            op: CompareOp::Eq,
            value: CompValue::Str("B\"ar\\å".to_owned()),
        }
    );
    for (text, value) in [
        ("active eq true", CompValue::Bool(true)),
        ("active eq False", CompValue::Bool(false)),
        ("title eq null", CompValue::Null),
        ("x gt -1.5e3", CompValue::Num("-1.5e3".to_owned())),
    ] {
        let Ok(Filter::Compare { value: read, .. }) = parse_filter(text) else {
            panic!("{text} does not parse");
        };
        assert_eq!(read, value, "{text}");
    }
}

#[test]
fn reads_value_paths() {
    let f = parse_filter(r#"emails[type eq "work" and value co "@"]"#).expect("parses");
    assert!(matches!(f, Filter::ValuePath { ref path, .. } if path.name == "emails"));
    let p = parse_patch_path(r#"emails[type eq "work"].value"#).expect("parses");
    assert_eq!(p.attr.name, "emails");
    assert_eq!(p.filter, Some(eq("type", "work")));
    assert_eq!(p.sub.as_deref(), Some("value"));
    let q = parse_patch_path("name.givenName").expect("parses");
    assert_eq!(q.attr.key(), "name.givenname");
    assert_eq!(q.filter, None);
}

#[test]
fn refuses_bad_syntax() {
    for bad in [
        "",
        "userName",
        "userName eq",
        "userName eq bare",
        "userName zz \"x\"",
        "(userName eq \"x\"",
        "userName eq \"x\")",
        "userName eq \"x",
        "userName eq \"\\q\"",
        "userName eq \"\\ud800\"",
        "userName eq \"a\\u0000\"",
        "1abc eq \"x\"",
        "a eq \"x\" and",
        "emails[type eq \"x\"",
        "a eq \"x\" # b",
        "not a eq \"x\"",
    ] {
        assert!(parse_filter(bad).is_err(), "{bad:?} parsed");
    }
    let deep = format!("{}a pr{}", "(".repeat(100), ")".repeat(100));
    assert!(parse_filter(&deep).is_err());
    assert!(parse_filter(&"a pr and ".repeat(1000)).is_err());
    assert!(parse_patch_path("emails[type eq \"x\"]junk").is_err());
    assert!(parse_patch_path("two words").is_err());
}

fn arb_name() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9_]{0,8}".prop_filter("not a keyword", |s| {
        !["and", "or", "not", "pr"]
            .iter()
            .any(|k| s.eq_ignore_ascii_case(k))
    })
}

fn arb_path() -> impl Strategy<Value = AttrPath> {
    (
        prop::option::of(Just(
            "urn:ietf:params:scim:schemas:core:2.0:User".to_owned(),
        )),
        arb_name(),
        prop::option::of(arb_name()),
    )
        .prop_map(|(uri, name, sub)| AttrPath { uri, name, sub })
}

fn arb_value() -> impl Strategy<Value = CompValue> {
    prop_oneof![
        any::<String>()
            .prop_filter("no NUL", |s| !s.contains('\0'))
            .prop_map(CompValue::Str),
        any::<bool>().prop_map(CompValue::Bool),
        Just(CompValue::Null),
        any::<i32>().prop_map(|n| CompValue::Num(n.to_string())),
    ]
}

fn arb_op() -> impl Strategy<Value = CompareOp> {
    prop::sample::select(vec![
        CompareOp::Eq,
        CompareOp::Ne,
        CompareOp::Co,
        CompareOp::Sw,
        CompareOp::Ew,
        CompareOp::Gt,
        CompareOp::Ge,
        CompareOp::Lt,
        CompareOp::Le,
    ])
}

fn arb_filter() -> impl Strategy<Value = Filter> {
    let leaf = prop_oneof![
        (arb_path(), arb_op(), arb_value()).prop_map(|(path, op, value)| Filter::Compare {
            path,
            op,
            value
        }),
        arb_path().prop_map(Filter::Present),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Filter::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Filter::Or(Box::new(a), Box::new(b))),
            inner.clone().prop_map(|a| Filter::Not(Box::new(a))),
            (arb_path(), inner).prop_map(|(path, f)| Filter::ValuePath {
                path,
                filter: Box::new(f)
            }),
        ]
    })
}

proptest! {
    #[test]
    fn printing_and_parsing_give_the_same_filter(f in arb_filter()) {
        let printed = f.to_string();
        prop_assert_eq!(parse_filter(&printed), Ok(f), "{}", printed);
    }

    #[test]
    fn no_input_panics(text in any::<String>()) {
        let _ = parse_filter(&text);
        let _ = parse_patch_path(&text);
    }

    #[test]
    fn no_filter_like_input_panics(text in r#"[a-z()\[\]" .\\]{0,60}"#) {
        let _ = parse_filter(&text);
        let _ = parse_patch_path(&text);
    }
}
