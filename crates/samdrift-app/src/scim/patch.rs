//! SCIM PATCH (RFC 7644 section 3.5.2) on a resource's JSON document:
//! `add`, `replace` and `remove`, with a path (`active`, `name.givenName`,
//! `emails[type eq "work"].value`, `members[value eq "…"]`, an extension's
//! `urn:…:employeeNumber`) or without one (a value object, as Entra ID
//! sends). The use case reads the patched document as a whole resource, so
//! every rule of a PUT holds for a PATCH too. Attribute names are matched
//! without regard to case.

use super::ScimError;
use super::users::boolean;
use samdrift_domain::identity::scim_filter::{
    self, AttrPath, CompValue, CompareOp, Filter, PatchPath,
};
use serde_json::{Map, Value};

/// Most operations one PATCH may carry.
const MAX_OPERATIONS: usize = 1000;

/// An attribute of an object by name, without regard to case.
pub(crate) fn get<'a>(object: &'a Value, name: &str) -> Option<&'a Value> {
    object
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// The key an object already uses for `name`, or `name`.
fn key_of(object: &Map<String, Value>, name: &str) -> String {
    object
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .cloned()
        .unwrap_or_else(|| name.to_owned())
}

fn no_target(detail: impl Into<String>) -> ScimError {
    ScimError::new(400, Some("noTarget"), detail)
}

fn invalid_path(detail: impl Into<String>) -> ScimError {
    ScimError::new(400, Some("invalidPath"), detail)
}

fn invalid_syntax(detail: impl Into<String>) -> ScimError {
    ScimError::new(400, Some("invalidSyntax"), detail)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Replace,
    Remove,
}

/// Applies a PatchOp message to `doc`. `extensions` are the schema URNs
/// whose attributes live in an object of their own.
pub(crate) fn apply_patch(
    doc: &mut Value,
    patch: &Value,
    extensions: &[&str],
) -> Result<(), ScimError> {
    let ops = match get(patch, "Operations") {
        Some(Value::Array(ops)) if !ops.is_empty() => ops,
        _ => return Err(invalid_syntax("a PATCH needs a list of Operations")),
    };
    if ops.len() > MAX_OPERATIONS {
        return Err(ScimError::new(413, None, "too many operations"));
    }
    for operation in ops {
        let op = match get(operation, "op").and_then(Value::as_str) {
            Some(o) if o.eq_ignore_ascii_case("add") => Op::Add,
            Some(o) if o.eq_ignore_ascii_case("replace") => Op::Replace,
            Some(o) if o.eq_ignore_ascii_case("remove") => Op::Remove,
            _ => return Err(invalid_syntax("op is add, replace or remove")),
        };
        let value = get(operation, "value").cloned();
        match get(operation, "path") {
            None | Some(Value::Null) => without_path(doc, op, value, extensions)?,
            Some(Value::String(path)) => with_path(doc, op, path, value, extensions)?,
            Some(_) => return Err(invalid_path("path must be a string")),
        }
    }
    Ok(())
}

/// `add` or `replace` with a value object and no path: each attribute of
/// the value in turn (an attribute named by a path, e.g.
/// `name.givenName` or an extension's URN and attribute, as a path).
fn without_path(
    doc: &mut Value,
    op: Op,
    value: Option<Value>,
    extensions: &[&str],
) -> Result<(), ScimError> {
    if op == Op::Remove {
        return Err(no_target("remove needs a path"));
    }
    let Some(Value::Object(value)) = value else {
        return Err(invalid_syntax("without a path, the value is an object"));
    };
    for (name, v) in value {
        with_path(doc, op, &name, Some(v), extensions)?;
    }
    Ok(())
}

/// The object an attribute lives in: the document, or an extension's
/// object (made when missing).
fn container<'a>(
    doc: &'a mut Value,
    uri: Option<&str>,
    extensions: &[&str],
) -> Result<&'a mut Map<String, Value>, ScimError> {
    let extension = uri.and_then(|u| extensions.iter().find(|e| e.eq_ignore_ascii_case(u)));
    let root = doc
        .as_object_mut()
        .ok_or_else(|| invalid_syntax("the resource is not an object"))?;
    match extension {
        Some(urn) => {
            let key = key_of(root, urn);
            let slot = root.entry(key).or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            slot.as_object_mut()
                .ok_or_else(|| invalid_syntax("the extension is not an object"))
        }
        None => Ok(root),
    }
}

fn with_path(
    doc: &mut Value,
    op: Op,
    path: &str,
    value: Option<Value>,
    extensions: &[&str],
) -> Result<(), ScimError> {
    if let Some(urn) = extensions
        .iter()
        .find(|e| e.eq_ignore_ascii_case(path.trim()))
    {
        let Some(Value::Object(attrs)) = value else {
            return match op {
                Op::Remove => {
                    container(doc, None, extensions)?.retain(|k, _| !k.eq_ignore_ascii_case(urn));
                    Ok(())
                }
                _ => Err(invalid_syntax("an extension's value is an object")),
            };
        };
        for (name, v) in attrs {
            with_path(doc, op, &format!("{urn}:{name}"), Some(v), extensions)?;
        }
        return Ok(());
    }
    let parsed = scim_filter::parse_patch_path(path).map_err(|e| invalid_path(e.0))?;
    let PatchPath { attr, filter, sub } = parsed;
    if attr.name.eq_ignore_ascii_case("schemas") || attr.name.eq_ignore_ascii_case("meta") {
        return Ok(());
    }
    let object = container(doc, attr.uri.as_deref(), extensions)?;
    match filter {
        None => simple(object, op, &attr, value),
        Some(f) => filtered(object, op, &attr.name, &f, sub.as_deref(), value),
    }
}

/// An attribute or a sub-attribute (`name.givenName`).
fn simple(
    object: &mut Map<String, Value>,
    op: Op,
    attr: &AttrPath,
    value: Option<Value>,
) -> Result<(), ScimError> {
    let key = key_of(object, &attr.name);
    let Some(sub) = &attr.sub else {
        return set(object, &key, op, value);
    };
    let slot = object
        .entry(key)
        .or_insert_with(|| Value::Object(Map::new()));
    match slot {
        Value::Object(inner) => {
            let sub_key = key_of(inner, sub);
            set(inner, &sub_key, op, value)
        }
        Value::Array(items) => {
            for item in items.iter_mut().filter_map(Value::as_object_mut) {
                let sub_key = key_of(item, sub);
                set(item, &sub_key, op, value.clone())?;
            }
            Ok(())
        }
        _ => {
            *slot = Value::Object(Map::new());
            simple(object, op, attr, value)
        }
    }
}

/// Sets, adds to or removes `key` of `object`. Adding a list to a list
/// appends what is new; adding or replacing an object in an object merges
/// it (sub-attributes not named stay).
fn set(
    object: &mut Map<String, Value>,
    key: &str,
    op: Op,
    value: Option<Value>,
) -> Result<(), ScimError> {
    if op == Op::Remove {
        match (object.get_mut(key), value) {
            (Some(Value::Array(items)), Some(Value::Array(gone))) => {
                items.retain(|i| !gone.iter().any(|g| same_element(i, g)));
            }
            _ => {
                object.remove(key);
            }
        }
        return Ok(());
    }
    let Some(value) = value else {
        return Err(invalid_syntax("add and replace need a value"));
    };
    match (object.get_mut(key), value) {
        (Some(Value::Array(items)), Value::Array(new)) if op == Op::Add => {
            for n in new {
                if !items.iter().any(|i| same_element(i, &n)) {
                    items.push(n);
                }
            }
        }
        (Some(Value::Array(items)), new @ Value::Object(_)) if op == Op::Add => {
            if !items.iter().any(|i| same_element(i, &new)) {
                items.push(new);
            }
        }
        (Some(Value::Object(old)), Value::Object(new)) => {
            for (k, v) in new {
                let k = key_of(old, &k);
                old.insert(k, v);
            }
        }
        (_, new) => {
            object.insert(key.to_owned(), new);
        }
    }
    Ok(())
}

/// Two elements of a multi-valued attribute are the same when their
/// `value`s are (or, without values, when they are equal).
fn same_element(a: &Value, b: &Value) -> bool {
    match (get(a, "value"), get(b, "value")) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// The elements of a multi-valued attribute that match a filter.
fn filtered(
    object: &mut Map<String, Value>,
    op: Op,
    name: &str,
    f: &Filter,
    sub: Option<&str>,
    value: Option<Value>,
) -> Result<(), ScimError> {
    let key = key_of(object, name);
    let items = match object.get_mut(&key) {
        Some(Value::Array(items)) => items,
        _ if op == Op::Remove => return Err(no_target(format!("{name} has no values"))),
        _ => {
            object.insert(key.clone(), Value::Array(Vec::new()));
            match object.get_mut(&key) {
                Some(Value::Array(items)) => items,
                _ => return Err(no_target(format!("{name} has no values"))),
            }
        }
    };
    let matching: Vec<usize> = (0..items.len())
        .filter(|&i| matches(f, &items[i]))
        .collect();
    if matching.is_empty() {
        return match op {
            Op::Remove => Err(no_target(format!("no value of {name} matches"))),
            _ => {
                let mut element = element_of(f);
                match (sub, value) {
                    (Some(s), Some(v)) => {
                        element.insert(s.to_owned(), v);
                    }
                    (None, Some(Value::Object(v))) => element.extend(v),
                    _ => return Err(no_target(format!("no value of {name} matches"))),
                }
                items.push(Value::Object(element));
                Ok(())
            }
        };
    }
    match (op, sub) {
        (Op::Remove, None) => {
            let mut i = 0;
            items.retain(|_| {
                i += 1;
                !matching.contains(&(i - 1))
            });
        }
        (_, sub) => {
            for i in matching {
                if let Some(element) = items[i].as_object_mut() {
                    match sub {
                        Some(s) => {
                            let k = key_of(element, s);
                            set(element, &k, op, value.clone())?;
                        }
                        None => match value.clone() {
                            Some(Value::Object(v)) => element.extend(v),
                            _ => return Err(invalid_syntax("the value is an object")),
                        },
                    }
                }
            }
        }
    }
    Ok(())
}

/// A new element made of a filter's `eq` comparisons
/// (`type eq "work"` makes `{"type": "work"}`).
fn element_of(f: &Filter) -> Map<String, Value> {
    let mut element = Map::new();
    let mut stack = vec![f];
    while let Some(f) = stack.pop() {
        match f {
            Filter::And(a, b) => {
                stack.push(a);
                stack.push(b);
            }
            Filter::Compare {
                path,
                op: CompareOp::Eq,
                value,
            } if path.sub.is_none() => {
                let v = match value {
                    CompValue::Str(s) => Value::String(s.clone()),
                    CompValue::Bool(b) => Value::Bool(*b),
                    _ => continue,
                };
                element.insert(path.name.clone(), v);
            }
            _ => {}
        }
    }
    element
}

/// Whether an element of a multi-valued attribute matches a filter
/// (strings without regard to case).
fn matches(f: &Filter, element: &Value) -> bool {
    match f {
        Filter::And(a, b) => matches(a, element) && matches(b, element),
        Filter::Or(a, b) => matches(a, element) || matches(b, element),
        Filter::Not(a) => !matches(a, element),
        Filter::ValuePath { .. } => false,
        Filter::Present(path) => attribute(element, path)
            .is_some_and(|v| !v.is_null() && v != &Value::String(String::new())),
        Filter::Compare { path, op, value } => compare(attribute(element, path), *op, value),
    }
}

fn attribute<'a>(element: &'a Value, path: &AttrPath) -> Option<&'a Value> {
    let v = get(element, &path.name)?;
    match &path.sub {
        Some(sub) => get(v, sub),
        None => Some(v),
    }
}

fn compare(found: Option<&Value>, op: CompareOp, value: &CompValue) -> bool {
    match (found, value) {
        (None | Some(Value::Null), CompValue::Null) => op == CompareOp::Eq,
        (_, CompValue::Null) => op == CompareOp::Ne,
        (Some(Value::Bool(b)), CompValue::Bool(want)) => match op {
            CompareOp::Eq => b == want,
            CompareOp::Ne => b != want,
            _ => false,
        },
        (found @ Some(Value::String(_)), CompValue::Bool(want)) => {
            let b = boolean(found, "").ok().flatten();
            match op {
                CompareOp::Eq => b == Some(*want),
                CompareOp::Ne => b != Some(*want),
                _ => false,
            }
        }
        (Some(Value::String(s)), CompValue::Str(want)) => {
            let (s, want) = (s.to_lowercase(), want.to_lowercase());
            match op {
                CompareOp::Eq => s == want,
                CompareOp::Ne => s != want,
                CompareOp::Co => s.contains(&want),
                CompareOp::Sw => s.starts_with(&want),
                CompareOp::Ew => s.ends_with(&want),
                CompareOp::Gt => s > want,
                CompareOp::Ge => s >= want,
                CompareOp::Lt => s < want,
                CompareOp::Le => s <= want,
            }
        }
        (None, _) => op == CompareOp::Ne,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const EXT: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    fn patched(doc: Value, ops: Value) -> Result<Value, ScimError> {
        let mut doc = doc;
        apply_patch(&mut doc, &json!({ "Operations": ops }), &[EXT])?;
        Ok(doc)
    }

    #[test]
    fn entra_style_operations() {
        let doc = json!({"userName": "a@x.se", "active": true, "emails": [{"value": "a@x.se", "type": "work", "primary": true}]});
        let out = patched(
            doc,
            json!([
                {"op": "Replace", "path": "active", "value": "False"},
                {"op": "replace", "value": {"name.givenName": "Ann", "displayName": "Ann A"}},
                {"op": "Add", "path": "emails[type eq \"work\"].value", "value": "ann@x.se"},
                {"op": "add", "path": format!("{EXT}:employeeNumber"), "value": "42"},
                {"op": "replace", "value": {EXT: {"department": "IT"}}},
            ]),
        )
        .expect("applies");
        assert_eq!(out["active"], json!("False"));
        assert_eq!(out["name"]["givenName"], json!("Ann"));
        assert_eq!(out["displayName"], json!("Ann A"));
        assert_eq!(out["emails"][0]["value"], json!("ann@x.se"));
        assert_eq!(out[EXT]["employeeNumber"], json!("42"));
        assert_eq!(out[EXT]["department"], json!("IT"));
    }

    #[test]
    fn members_are_added_and_removed() {
        let doc = json!({"displayName": "G", "members": [{"value": "1"}, {"value": "2"}]});
        let out = patched(
            doc,
            json!([
                {"op": "add", "path": "members", "value": [{"value": "3"}, {"value": "1"}]},
                {"op": "remove", "path": "members[value eq \"2\"]"},
                {"op": "remove", "path": "members", "value": [{"value": "1"}]},
            ]),
        )
        .expect("applies");
        assert_eq!(out["members"], json!([{"value": "3"}]));
    }

    #[test]
    fn bad_operations_are_refused() {
        let doc = json!({"userName": "a"});
        let cases = [
            json!([{"op": "move", "path": "userName"}]),
            json!([{"op": "remove"}]),
            json!([{"op": "replace", "path": "emails[type eq", "value": "x"}]),
            json!([{"op": "remove", "path": "emails[type eq \"home\"]"}]),
            json!([{"op": "replace", "value": "not an object"}]),
            json!("not a list"),
        ];
        for ops in cases {
            assert!(patched(doc.clone(), ops.clone()).is_err(), "{ops}");
        }
    }
}
