//! The API's JSON of figures that carry messages: each message as its
//! English text, with its code beside it (`warning_codes`,
//! `explanation_code`), so the JSON keeps the shape clients know.

use super::english;
use samdrift_domain::charging::{Budget, InvoiceBasis};
use samdrift_domain::messages::Message;
use serde_json::{Value, json};

fn texts(messages: &[Message]) -> Value {
    messages.iter().map(english).collect()
}

fn codes(messages: &[Message]) -> Value {
    messages.iter().map(|m| m.code).collect()
}

/// The invoice basis with its explanations and warnings in English.
pub fn invoice(basis: &InvoiceBasis) -> Value {
    let mut v = json!(basis);
    v["warnings"] = texts(&basis.warnings);
    v["warning_codes"] = codes(&basis.warnings);
    if let Some(lines) = v["lines"].as_array_mut() {
        for (view, line) in lines.iter_mut().zip(&basis.lines) {
            view["explanation"] = Value::String(english(&line.explanation));
            view["explanation_code"] = Value::String(line.explanation.code.to_owned());
        }
    }
    v
}

/// The budget proposal with its warnings in English.
pub fn budget(budget: &Budget) -> Value {
    let mut v = json!(budget);
    v["warnings"] = texts(&budget.warnings);
    v["warning_codes"] = codes(&budget.warnings);
    v
}
