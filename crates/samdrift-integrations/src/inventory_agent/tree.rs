//! Reading a request's XML into a small tree of elements with upper-case
//! names and trimmed text, refusing anything that is not well-formed.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, Event};

use super::AgentDecodeError;

/// How deep elements may nest; agents send four or five levels.
pub(super) const MAX_DEPTH: usize = 32;

/// One element: its name in upper case, its own text (trimmed) and its
/// child elements in document order. Attributes are not kept: the agents
/// put everything in elements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Element {
    pub name: String,
    pub text: String,
    pub children: Vec<Element>,
}

impl Element {
    fn named(raw: &str) -> Element {
        Element {
            name: raw.to_ascii_uppercase(),
            ..Element::default()
        }
    }

    /// The first child with this (upper-case) name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child with this (upper-case) name.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child with this name, when not empty.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
    }
}

/// The body as text: UTF-8 as the agents send it, else read as Latin-1
/// (older Windows agents), which never fails.
pub(super) fn body_text(body: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(body) {
        Ok(text) => Cow::Borrowed(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(_) => Cow::Owned(body.iter().map(|&b| char::from(b)).collect()),
    }
}

fn xml_error(e: impl std::fmt::Display) -> AgentDecodeError {
    AgentDecodeError::Xml(e.to_string())
}

/// Parses a whole document into its root element. Unclosed or mismatched
/// elements, text or a second element after the root, and nesting deeper
/// than [`MAX_DEPTH`] are errors.
pub(super) fn parse(xml: &str) -> Result<Element, AgentDecodeError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader.read_event().map_err(xml_error)?;
        match event {
            Event::Start(start) => {
                if root.is_some() {
                    return Err(xml_error("a second element after the root element"));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(AgentDecodeError::TooDeep(MAX_DEPTH));
                }
                stack.push(Element::named(start.local_name().as_ref()));
            }
            Event::Empty(start) => {
                let element = Element::named(start.local_name().as_ref());
                close(&mut stack, &mut root, element)?;
            }
            Event::End(_) => {
                let element = stack
                    .pop()
                    .ok_or_else(|| xml_error("a closing tag with no opening tag"))?;
                close(&mut stack, &mut root, element)?;
            }
            Event::Text(text) => append(&mut stack, &text.xml10_content())?,
            Event::CData(data) => append(&mut stack, &data.xml10_content())?,
            Event::GeneralRef(reference) => append(&mut stack, &resolve(&reference)?)?,
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(xml_error(format!("<{}> is never closed", open.name)));
    }
    let mut root = root.ok_or_else(|| xml_error("no root element"))?;
    trim_all(&mut root);
    Ok(root)
}

/// Hangs a finished element on its parent, or makes it the root.
fn close(
    stack: &mut [Element],
    root: &mut Option<Element>,
    element: Element,
) -> Result<(), AgentDecodeError> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None if root.is_none() => *root = Some(element),
        None => return Err(xml_error("a second element after the root element")),
    }
    Ok(())
}

/// Adds text to the open element; outside the root only blanks may stand.
fn append(stack: &mut [Element], text: &str) -> Result<(), AgentDecodeError> {
    match stack.last_mut() {
        Some(open) => open.text.push_str(text),
        None if text.trim().is_empty() => {}
        None => return Err(xml_error("text outside the root element")),
    }
    Ok(())
}

/// The text an entity or character reference stands for.
fn resolve(reference: &BytesRef<'_>) -> Result<String, AgentDecodeError> {
    if let Some(c) = reference.resolve_char_ref().map_err(xml_error)? {
        return Ok(c.to_string());
    }
    let name = reference.xml10_content();
    resolve_predefined_entity(&name)
        .map(str::to_string)
        .ok_or_else(|| xml_error(format!("unknown entity &{name};")))
}

/// Trims every element's text, without recursion.
fn trim_all(root: &mut Element) {
    let mut todo = vec![root];
    while let Some(element) = todo.pop() {
        let trimmed = element.text.trim();
        if trimmed.len() != element.text.len() {
            element.text = trimmed.to_string();
        }
        todo.extend(element.children.iter_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_upper_case_and_text_is_trimmed_and_unescaped() {
        let root = parse(
            "<?xml version=\"1.0\"?>\n<request><Content><softwares>\n <name> A &amp; B &#246; <![CDATA[<c>]]></name></softwares></Content><empty/></request>\n",
        )
        .unwrap();
        assert_eq!(root.name, "REQUEST");
        let name = root
            .child("CONTENT")
            .unwrap()
            .child("SOFTWARES")
            .unwrap()
            .text_of("NAME");
        assert_eq!(name, Some("A & B ö <c>"));
        assert_eq!(root.child("EMPTY").map(|e| e.text.as_str()), Some(""));
        assert_eq!(root.text_of("EMPTY"), None);
    }

    #[test]
    fn malformed_documents_are_errors() {
        for bad in [
            "",
            "   ",
            "<A>",
            "<A></B>",
            "<A></A><B/>",
            "<A/>trailing",
            "</A>",
            "<A>&nosuch;</A>",
            "<A><B></A>",
            "text only",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "<A>".repeat(MAX_DEPTH + 1) + &"</A>".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep), Err(AgentDecodeError::TooDeep(MAX_DEPTH)));
        let fine = "<A>".repeat(MAX_DEPTH) + &"</A>".repeat(MAX_DEPTH);
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn latin1_bodies_are_read() {
        assert_eq!(body_text(b"<A>\xe5</A>"), "<A>\u{e5}</A>");
        assert_eq!(body_text("\u{feff}<A/>".as_bytes()), "<A/>");
    }
}
