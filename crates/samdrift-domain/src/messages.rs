//! Messages are data: every text a user reads that the system composes
//! (field errors, warnings, explanations of a figure, history lines,
//! notifications) leaves the domain and the use cases as a stable `code`
//! with typed arguments. It becomes words only when rendered, in the
//! reader's language (the catalogs of the web crate), with names instead of
//! ids. Nothing turns words back into a message.
//!
//! Codes are dotted and stable (`field.required`, `charging.no_price`);
//! an argument is named as its placeholder in the catalogs (`{year}`).

use serde::Serialize;

/// One typed argument of a message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum Arg {
    /// Shown as given: a code, a name, a date written `YYYY-MM-DD`.
    Text(String),
    /// A count or a number, shown without grouping.
    Int(i64),
    /// An amount of money in öre, shown as kronor in the reader's language.
    Ore(i64),
    /// A change of a quantity, shown with its sign (`+50`, `−20`).
    Change(i64),
    /// Basis points, shown as a percentage with two decimals.
    Percent(u64),
    /// Several values shown as a list (`a, b, c`).
    List(Vec<String>),
    /// A value the catalogs have a word for (`{prefix}.{value}`, e.g. an
    /// approval kind or a status), shown as the value when there is none.
    Word(&'static str, String),
    /// Another message shown in its place (a reason inside a sentence).
    Nested(Box<Message>),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_owned())
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}

impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(v.clone())
    }
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}

impl From<i32> for Arg {
    fn from(v: i32) -> Self {
        Arg::Int(i64::from(v))
    }
}

impl From<i16> for Arg {
    fn from(v: i16) -> Self {
        Arg::Int(i64::from(v))
    }
}

impl From<u32> for Arg {
    fn from(v: u32) -> Self {
        Arg::Int(i64::from(v))
    }
}

impl From<u64> for Arg {
    fn from(v: u64) -> Self {
        Arg::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Arg {
    fn from(v: usize) -> Self {
        Arg::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl From<jiff::civil::Date> for Arg {
    fn from(v: jiff::civil::Date) -> Self {
        Arg::Text(v.to_string())
    }
}

impl From<Message> for Arg {
    fn from(v: Message) -> Self {
        Arg::Nested(Box::new(v))
    }
}

impl From<Vec<String>> for Arg {
    fn from(v: Vec<String>) -> Self {
        Arg::List(v)
    }
}

/// A text for a user as a code and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Message {
    pub code: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A message without arguments.
    pub fn new(code: &'static str) -> Message {
        Message {
            code,
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// The argument named `name`.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }
}

/// For logs and faults only (never shown to a user as words): the code
/// with its arguments, `field.too_long(max=200)`.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)?;
        if self.args.is_empty() {
            return Ok(());
        }
        f.write_str("(")?;
        for (i, (name, arg)) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{name}=")?;
            match arg {
                Arg::Text(v) | Arg::Word(_, v) => f.write_str(v)?,
                Arg::Int(v) | Arg::Ore(v) | Arg::Change(v) => write!(f, "{v}")?,
                Arg::Percent(v) => write!(f, "{v}")?,
                Arg::List(v) => f.write_str(&v.join("|"))?,
                Arg::Nested(m) => write!(f, "{m}")?,
            }
        }
        f.write_str(")")
    }
}

impl std::error::Error for Message {}

/// A message from a code and named arguments:
/// `msg!("field.too_long", max = 200)`.
#[macro_export]
macro_rules! msg {
    ($code:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message {
            code: $code,
            args: vec![$((stringify!($name), $crate::messages::Arg::from($value))),*],
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_keeps_its_code_and_arguments_in_order() {
        let m = crate::msg!("field.too_long", max = 200, what = "title");
        assert_eq!(m.code, "field.too_long");
        assert_eq!(m.arg("max"), Some(&Arg::Int(200)));
        assert_eq!(m.arg("what"), Some(&Arg::Text("title".into())));
        assert_eq!(m.arg("other"), None);
        assert_eq!(
            Message::new("a").with("n", 1i64),
            crate::msg!("a", n = 1i64)
        );
    }
}
