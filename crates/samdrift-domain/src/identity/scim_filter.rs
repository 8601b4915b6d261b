//! SCIM 2.0 filters (RFC 7644 section 3.4.2.2) and PATCH paths (3.5.2):
//! parsed into a tree that the store turns into SQL over a fixed list of
//! attributes, and that PATCH evaluates on a multi-valued attribute's
//! elements. Pure: no I/O, and no input makes it panic (a nesting deeper
//! than [`MAX_DEPTH`] or a text longer than [`MAX_LEN`] is an error).

use std::fmt;

/// Deepest nesting of parentheses, brackets and `not` accepted.
pub const MAX_DEPTH: usize = 32;
/// Longest filter accepted, in bytes.
pub const MAX_LEN: usize = 4096;

/// An attribute: `[URI ":"] name ["." sub]`, as written (names are
/// compared without regard to case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrPath {
    /// The schema URN before the name, if written.
    pub uri: Option<String>,
    pub name: String,
    pub sub: Option<String>,
}

impl AttrPath {
    /// `name` or `name.sub`, lower-cased, without the URN.
    pub fn key(&self) -> String {
        match &self.sub {
            Some(sub) => format!("{}.{}", self.name, sub).to_ascii_lowercase(),
            None => self.name.to_ascii_lowercase(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}

impl CompareOp {
    fn parse(word: &str) -> Option<CompareOp> {
        Some(match word.to_ascii_lowercase().as_str() {
            "eq" => CompareOp::Eq,
            "ne" => CompareOp::Ne,
            "co" => CompareOp::Co,
            "sw" => CompareOp::Sw,
            "ew" => CompareOp::Ew,
            "gt" => CompareOp::Gt,
            "ge" => CompareOp::Ge,
            "lt" => CompareOp::Lt,
            "le" => CompareOp::Le,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "eq",
            CompareOp::Ne => "ne",
            CompareOp::Co => "co",
            CompareOp::Sw => "sw",
            CompareOp::Ew => "ew",
            CompareOp::Gt => "gt",
            CompareOp::Ge => "ge",
            CompareOp::Lt => "lt",
            CompareOp::Le => "le",
        }
    }
}

/// A comparison's value.
#[derive(Debug, Clone, PartialEq)]
pub enum CompValue {
    Str(String),
    Bool(bool),
    Null,
    /// A JSON number, as written.
    Num(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    Compare {
        path: AttrPath,
        op: CompareOp,
        value: CompValue,
    },
    Present(AttrPath),
    And(Box<Filter>, Box<Filter>),
    Or(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
    /// `attr[filter]`: some element of a multi-valued attribute matches.
    ValuePath {
        path: AttrPath,
        filter: Box<Filter>,
    },
}

/// Why a filter or path was refused (plain English: SCIM's `detail`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError(pub String);

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(text: impl Into<String>) -> Result<T, FilterError> {
    Err(FilterError(text.into()))
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    OpenBracket,
    CloseBracket,
    Str(String),
    Word(String),
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '_' | '-' | '$' | '+')
}

fn tokenize(text: &str) -> Result<Vec<Token>, FilterError> {
    if text.len() > MAX_LEN {
        return err(format!("a filter is at most {MAX_LEN} bytes"));
    }
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                chars.next();
            }
            '(' | ')' | '[' | ']' => {
                chars.next();
                tokens.push(match c {
                    '(' => Token::Open,
                    ')' => Token::Close,
                    '[' => Token::OpenBracket,
                    _ => Token::CloseBracket,
                });
            }
            '"' => {
                chars.next();
                tokens.push(Token::Str(read_string(&mut chars)?));
            }
            c if is_word_char(c) => {
                let mut end = at;
                while let Some(&(i, c)) = chars.peek() {
                    if !is_word_char(c) {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                }
                tokens.push(Token::Word(text[at..end].to_owned()));
            }
            other => return err(format!("unexpected character {other:?} at {at}")),
        }
    }
    Ok(tokens)
}

/// Reads a JSON string's rest (after the opening quote).
fn read_string(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Result<String, FilterError> {
    let mut out = String::new();
    loop {
        let Some((_, c)) = chars.next() else {
            return err("a string is not closed");
        };
        match c {
            '"' => return Ok(out),
            '\\' => out.push(read_escape(chars)?),
            '\0' => return err("a string may not hold a NUL character"),
            c => out.push(c),
        }
    }
}

fn read_escape(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Result<char, FilterError> {
    let Some((_, c)) = chars.next() else {
        return err("a string ends in an escape");
    };
    Ok(match c {
        '"' => '"',
        '\\' => '\\',
        '/' => '/',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'u' => {
            let high = read_hex4(chars)?;
            if (0xD800..0xDC00).contains(&high) {
                let (Some((_, '\\')), Some((_, 'u'))) = (chars.next(), chars.next()) else {
                    return err("a surrogate escape is not paired");
                };
                let low = read_hex4(chars)?;
                if !(0xDC00..0xE000).contains(&low) {
                    return err("a surrogate escape is not paired");
                }
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                char::from_u32(code).ok_or_else(|| FilterError("bad escape".into()))?
            } else {
                match char::from_u32(high) {
                    Some('\0') => return err("a string may not hold a NUL character"),
                    Some(c) => c,
                    None => return err("a surrogate escape is not paired"),
                }
            }
        }
        other => return err(format!("unknown escape \\{other}")),
    })
}

fn read_hex4(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Result<u32, FilterError> {
    let mut value = 0;
    for _ in 0..4 {
        let digit = chars
            .next()
            .and_then(|(_, c)| c.to_digit(16))
            .ok_or_else(|| FilterError("\\u needs four hexadecimal digits".into()))?;
        value = value * 16 + digit;
    }
    Ok(value)
}

/// Parses an attribute path: `[URN ":"] name ["." sub]`.
pub fn parse_attr_path(word: &str) -> Result<AttrPath, FilterError> {
    let is_urn = word
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("urn:"));
    let (uri, rest) = if is_urn {
        match word.rsplit_once(':') {
            Some((uri, rest)) => (Some(uri.to_owned()), rest),
            None => (None, word),
        }
    } else {
        (None, word)
    };
    let (name, sub) = match rest.split_once('.') {
        Some((name, sub)) => (name, Some(sub)),
        None => (rest, None),
    };
    let valid = |n: &str| {
        n.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '$')
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$'))
    };
    if !valid(name) || sub.is_some_and(|s| !valid(s)) {
        return err(format!("{word:?} is not an attribute"));
    }
    Ok(AttrPath {
        uri,
        name: name.to_owned(),
        sub: sub.map(str::to_owned),
    })
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(word))
    }

    fn deeper(&mut self) -> Result<(), FilterError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err(format!("a filter nests at most {MAX_DEPTH} deep"));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Filter, FilterError> {
        let mut left = self.and()?;
        while self.keyword("or") {
            self.at += 1;
            let right = self.and()?;
            left = Filter::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Filter, FilterError> {
        let mut left = self.unary()?;
        while self.keyword("and") {
            self.at += 1;
            let right = self.unary()?;
            left = Filter::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Filter, FilterError> {
        if self.keyword("not") && self.tokens.get(self.at + 1) == Some(&Token::Open) {
            self.at += 1;
            let inner = self.group()?;
            return Ok(Filter::Not(Box::new(inner)));
        }
        if self.peek() == Some(&Token::Open) {
            return self.group();
        }
        self.attribute_expression()
    }

    /// `( FILTER )`
    fn group(&mut self) -> Result<Filter, FilterError> {
        self.deeper()?;
        self.next();
        let inner = self.or()?;
        if self.next() != Some(Token::Close) {
            return err("a parenthesis is not closed");
        }
        self.depth -= 1;
        Ok(inner)
    }

    fn attribute_expression(&mut self) -> Result<Filter, FilterError> {
        let path = match self.next() {
            Some(Token::Word(w)) => parse_attr_path(&w)?,
            Some(other) => return err(format!("expected an attribute, found {other:?}")),
            None => return err("the filter ends where an attribute was expected"),
        };
        if self.peek() == Some(&Token::OpenBracket) {
            self.deeper()?;
            self.next();
            let inner = self.or()?;
            if self.next() != Some(Token::CloseBracket) {
                return err("a bracket is not closed");
            }
            self.depth -= 1;
            return Ok(Filter::ValuePath {
                path,
                filter: Box::new(inner),
            });
        }
        let op = match self.next() {
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("pr") => {
                return Ok(Filter::Present(path));
            }
            Some(Token::Word(w)) => CompareOp::parse(&w)
                .ok_or_else(|| FilterError(format!("{w:?} is not an operator")))?,
            _ => return err("an operator is missing"),
        };
        let value = self.value()?;
        Ok(Filter::Compare { path, op, value })
    }

    fn value(&mut self) -> Result<CompValue, FilterError> {
        match self.next() {
            Some(Token::Str(s)) => Ok(CompValue::Str(s)),
            Some(Token::Word(w)) => match w.to_ascii_lowercase().as_str() {
                "true" => Ok(CompValue::Bool(true)),
                "false" => Ok(CompValue::Bool(false)),
                "null" => Ok(CompValue::Null),
                _ if is_number(&w) => Ok(CompValue::Num(w)),
                _ => err(format!("{w:?} is not a value (strings are quoted)")),
            },
            _ => err("a value is missing"),
        }
    }
}

/// A JSON number: `-? digits [. digits] [e [+-] digits]`.
fn is_number(word: &str) -> bool {
    let body = word.strip_prefix('-').unwrap_or(word);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        digits(
            e.strip_prefix('+')
                .or_else(|| e.strip_prefix('-'))
                .unwrap_or(e),
        )
    });
    mantissa_ok && exponent_ok
}

/// Parses a filter (the `filter` query parameter).
pub fn parse_filter(text: &str) -> Result<Filter, FilterError> {
    let tokens = tokenize(text)?;
    if tokens.is_empty() {
        return err("the filter is empty");
    }
    let mut parser = Parser {
        tokens,
        at: 0,
        depth: 0,
    };
    let filter = parser.or()?;
    if parser.at < parser.tokens.len() {
        return err("the filter goes on after its end");
    }
    Ok(filter)
}

/// A PATCH operation's path: an attribute, or a multi-valued attribute's
/// elements that match a filter, optionally a sub-attribute of them
/// (`emails[type eq "work"].value`).
#[derive(Debug, Clone, PartialEq)]
pub struct PatchPath {
    pub attr: AttrPath,
    pub filter: Option<Filter>,
    /// The sub-attribute after the brackets.
    pub sub: Option<String>,
}

/// Parses a PATCH operation's `path`.
pub fn parse_patch_path(text: &str) -> Result<PatchPath, FilterError> {
    let text = text.trim();
    let Some(open) = text.find('[') else {
        let word = tokenize(text)?;
        return match word.as_slice() {
            [Token::Word(w)] => Ok(PatchPath {
                attr: parse_attr_path(w)?,
                filter: None,
                sub: None,
            }),
            _ => err(format!("{text:?} is not a path")),
        };
    };
    let Some(close) = text.rfind(']') else {
        return err("a bracket is not closed");
    };
    if close < open {
        return err("a bracket is not closed");
    }
    let attr = parse_attr_path(&text[..open])?;
    let filter = parse_filter(&text[open + 1..close])?;
    let rest = &text[close + 1..];
    let sub = match rest.strip_prefix('.') {
        Some(sub) => {
            parse_attr_path(sub)?;
            Some(sub.to_owned())
        }
        None if rest.is_empty() => None,
        None => return err(format!("{text:?} is not a path")),
    };
    Ok(PatchPath {
        attr,
        filter: Some(filter),
        sub,
    })
}

impl fmt::Display for AttrPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(uri) = &self.uri {
            write!(f, "{uri}:")?;
        }
        f.write_str(&self.name)?;
        if let Some(sub) = &self.sub {
            write!(f, ".{sub}")?;
        }
        Ok(())
    }
}

impl fmt::Display for CompValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompValue::Str(s) => {
                f.write_str("\"")?;
                for c in s.chars() {
                    match c {
                        '"' => f.write_str("\\\"")?,
                        '\\' => f.write_str("\\\\")?,
                        c if (c as u32) < 0x20 => write!(f, "\\u{:04x}", c as u32)?,
                        c => write!(f, "{c}")?,
                    }
                }
                f.write_str("\"")
            }
            CompValue::Bool(b) => write!(f, "{b}"),
            CompValue::Null => f.write_str("null"),
            CompValue::Num(n) => f.write_str(n),
        }
    }
}

/// Prints a filter so that [`parse_filter`] reads the same tree back
/// (every `and`, `or` in parentheses).
impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Filter::Compare { path, op, value } => write!(f, "{path} {} {value}", op.as_str()),
            Filter::Present(path) => write!(f, "{path} pr"),
            Filter::And(a, b) => write!(f, "({a} and {b})"),
            Filter::Or(a, b) => write!(f, "({a} or {b})"),
            Filter::Not(a) => write!(f, "not ({a})"),
            Filter::ValuePath { path, filter } => write!(f, "{path}[{filter}]"),
        }
    }
}

#[cfg(test)]
mod tests;
