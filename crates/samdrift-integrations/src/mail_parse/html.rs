//! The text of an HTML-only mail.
//!
//! `ammonia` parses the HTML as a browser would and keeps only a few
//! structural tags, without attributes: scripts, styles, the head and
//! their content go, every other tag goes but its text stays (so an
//! `<img onerror=...>` leaves nothing). Its output is well formed, which
//! lets a small walk turn it into lines: block elements start a line,
//! paragraphs and headings are set apart by a blank line, `<br>` breaks
//! a line, list items get a dash, runs of whitespace become one space
//! except inside `<pre>`.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Tags that start a new line.
const LINE_TAGS: [&str; 14] = [
    "div", "li", "tr", "dt", "dd", "section", "article", "header", "footer", "address", "center",
    "hr", "caption", "figure",
];

/// Tags set apart by a blank line.
const PARAGRAPH_TAGS: [&str; 13] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "dl",
];

/// Tags whose content is never text to read.
const DROPPED_WITH_CONTENT: [&str; 6] =
    ["script", "style", "head", "title", "template", "noscript"];

static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags(LINE_TAGS)
        .add_tags(PARAGRAPH_TAGS)
        .add_tags(["br", "td", "th"])
        .clean_content_tags(HashSet::from(DROPPED_WITH_CONTENT))
        .strip_comments(true);
    builder
});

/// The readable text of an HTML document.
pub(super) fn to_text(html: &str) -> String {
    let clean = SANITISER.clean(html).to_string();
    let mut text = Lines::default();
    let mut rest = clean.as_str();
    while let Some(open) = rest.find('<') {
        text.words(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            rest = "";
            break;
        };
        text.tag(&after[..close]);
        rest = &after[close + 1..];
    }
    text.words(rest);
    text.out.trim_start_matches('\n').to_owned()
}

/// What separates the next words from the text before them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    #[default]
    None,
    Space,
    Line,
    Paragraph,
}

/// The text being written, and what comes before the next word.
#[derive(Default)]
struct Lines {
    out: String,
    gap: Gap,
    preformatted: bool,
    bullet: bool,
}

impl Lines {
    /// A run of text between two tags, as serialised by `ammonia`.
    fn words(&mut self, run: &str) {
        let run = decode_entities(run);
        if self.preformatted {
            if !run.is_empty() {
                self.start_words();
                self.out.push_str(&run);
            }
            return;
        }
        if run.starts_with(char::is_whitespace) {
            self.gap = self.gap.max(Gap::Space);
        }
        let mut words = run.split_whitespace().peekable();
        if words.peek().is_some() {
            self.start_words();
            self.out.push_str(&words.collect::<Vec<_>>().join(" "));
        }
        if run.ends_with(char::is_whitespace) {
            self.gap = self.gap.max(Gap::Space);
        }
    }

    /// Writes the gap (none at the very start) and a pending bullet.
    fn start_words(&mut self) {
        if !self.out.is_empty() {
            let gap = match self.gap {
                Gap::None => "",
                Gap::Space if self.out.ends_with(char::is_whitespace) => "",
                Gap::Space => " ",
                Gap::Line => "\n",
                Gap::Paragraph => "\n\n",
            };
            self.out.push_str(gap);
        }
        if self.bullet {
            self.out.push_str("- ");
            self.bullet = false;
        }
        self.gap = Gap::None;
    }

    /// A tag: `p`, `/p`, `br` or `br /` (no attributes are left).
    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let name = tag
            .trim_matches(|c: char| c == '/' || c.is_whitespace())
            .to_ascii_lowercase();
        match name.as_str() {
            "br" => {
                self.out.push('\n');
                self.gap = Gap::None;
            }
            "td" | "th" if !closing => self.gap = self.gap.max(Gap::Space),
            "pre" => {
                self.preformatted = !closing;
                self.gap = self.gap.max(Gap::Paragraph);
            }
            "li" if !closing => {
                self.gap = self.gap.max(Gap::Line);
                self.bullet = true;
            }
            name if PARAGRAPH_TAGS.contains(&name) => self.gap = self.gap.max(Gap::Paragraph),
            name if LINE_TAGS.contains(&name) => self.gap = self.gap.max(Gap::Line),
            _ => {}
        }
    }
}

/// The entities `ammonia`'s serialiser writes in text; a no-break space
/// becomes a plain one, as a reader sees it.
fn decode_entities(run: &str) -> String {
    if !run.contains('&') {
        return run.to_owned();
    }
    let mut out = String::with_capacity(run.len());
    let mut rest = run;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let known = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&nbsp;", ' '),
            ("&quot;", '"'),
        ];
        match known.iter().find(|(entity, _)| rest.starts_with(entity)) {
            Some((entity, c)) => {
                out.push(*c);
                rest = &rest[entity.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_event_handlers_leave_no_text() {
        let html = "<html><head><title>Rubrik</title><style>p { color: red }</style></head>\
            <body><script>alert('x')</script><img src=x onerror=\"alert(1)\">\
            <p>Skrivaren p&aring; plan&nbsp;2 fungerar inte.</p></body></html>";
        assert_eq!(to_text(html), "Skrivaren på plan 2 fungerar inte.");
    }

    #[test]
    fn blocks_and_breaks_become_lines() {
        let html = "<div>Hej!</div><p>Rad ett<br>rad två</p><ul><li>ett</li><li>två</li></ul>\
            <p>Mvh<br/>Åsa &amp; Örjan &lt;IT&gt;</p>";
        assert_eq!(
            to_text(html),
            "Hej!\n\nRad ett\nrad två\n\n- ett\n- två\n\nMvh\nÅsa & Örjan <IT>"
        );
    }

    #[test]
    fn whitespace_collapses_outside_pre_only() {
        let html = "<p>  många\n   mellanslag  </p><pre>  a\n    b</pre>";
        assert_eq!(to_text(html), "många mellanslag\n\n  a\n    b");
    }
}
