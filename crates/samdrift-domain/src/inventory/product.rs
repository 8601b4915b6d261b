//! Recognising the same product across members' inventories.
//!
//! Members' inventories name one product in many ways ("Microsoft Windows
//! 11 Pro", "Windows 11 Enterprise", "MS Windows 11 Education x64").
//! [`normalise`] turns a raw name and version into a [`Product`]: a display
//! name with its vendor, a key to compare and group by, and a major version.
//!
//! Rules, in order:
//!
//! 1. Anything in parentheses or square brackets is dropped (codenames such
//!    as "(bookworm)", "(64-bit)", "(R)", "(TM)", "(C)"); an unclosed
//!    bracket drops the rest of the name. The signs ®, ™ and © are dropped.
//! 2. The name is split on whitespace; commas, semicolons and colons at the
//!    ends of a word are trimmed, and words without a letter or digit
//!    (such as "-" or "&") are dropped. Words are compared ignoring case.
//! 3. Edition, architecture and language words are dropped: pro,
//!    professional, enterprise, education, home, standard, plus,
//!    datacenter, edition, ltsc, x64, x86, x86_64, amd64, arm64, 64-bit,
//!    32-bit, language tags such as sv-SE or en-us, and update markers such
//!    as U3, SP1, CU12 or 23H2.
//! 4. Version numbers are taken out of the name: one or two digits (11,
//!    7), a year 1900–2099, or a dotted number (7.5.9.2), each possibly
//!    after a "v". The first one gives the version, as its first dotted
//!    component without leading zeros (7.5.9.2 → "7"). Other numbers stay
//!    in the name ("Microsoft 365"), since they are part of it.
//! 5. Without a version in the name, the version is the first dotted
//!    component of the raw version, when that is digits ("10.0.22631" →
//!    "10", "2023.1" → "2023"); otherwise it is empty.
//! 6. A known vendor at the start of the name, under any of its aliases
//!    ("MS", "Microsoft Corporation", "Microsoft Corp.", "VMware, Inc."),
//!    is written the vendor's own way ("Microsoft", "VMware"); a vendor
//!    named twice in a row is written once. Only the start of the name is
//!    looked at.
//! 7. A well-known product named without its vendor gets it: Windows,
//!    Office, Exchange Server and SQL Server are Microsoft's.
//! 8. The name is the remaining words joined by single spaces, otherwise
//!    as written. The key is the name in lower case with å, ä, ö, é and
//!    other accented Latin letters written without accents and every run of
//!    other characters turned into one "-"; it holds only a–z, 0–9 and "-",
//!    never at either end or twice in a row. Letters of other scripts do
//!    not reach the key.
//!
//! Normalising a product's own name and version gives the product back,
//! and the case of the input changes neither key nor version.

use serde::Serialize;

/// A product as the federation recognises it across members.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Product {
    /// Compares and groups: lower case a–z, 0–9 and single "-".
    pub key: String,
    /// The cleaned display name, with the vendor ("Microsoft Windows").
    pub name: String,
    /// The major version ("11", "2019"), or "" when none is known.
    pub version: String,
}

/// Vendors as they are written, with their aliases in lower case (words
/// without trailing dots or commas), longest alias first.
const VENDORS: &[(&str, &[&[&str]])] = &[
    (
        "Microsoft",
        &[
            &["microsoft", "corporation"],
            &["microsoft", "corp"],
            &["microsoft"],
            &["ms"],
        ],
    ),
    ("VMware", &[&["vmware", "inc"], &["vmware"]]),
    (
        "Oracle",
        &[&["oracle", "corporation"], &["oracle", "corp"], &["oracle"]],
    ),
    (
        "Adobe",
        &[
            &["adobe", "systems", "incorporated"],
            &["adobe", "inc"],
            &["adobe"],
        ],
    ),
];

/// Products well known enough to be named without their vendor.
const WELL_KNOWN: &[(&[&str], &str)] = &[
    (&["windows"], "Microsoft"),
    (&["office"], "Microsoft"),
    (&["exchange", "server"], "Microsoft"),
    (&["sql", "server"], "Microsoft"),
];

/// Edition and architecture words that do not tell products apart.
const DROPPED_WORDS: &[&str] = &[
    "pro",
    "professional",
    "enterprise",
    "education",
    "home",
    "standard",
    "plus",
    "datacenter",
    "edition",
    "ltsc",
    "x64",
    "x86",
    "x86_64",
    "amd64",
    "arm64",
    "64-bit",
    "32-bit",
];

/// Recognises a product from an inventory's raw name and version.
pub fn normalise(raw_name: &str, raw_version: &str) -> Product {
    let cleaned = strip_brackets_and_marks(raw_name);
    let words: Vec<&str> = cleaned
        .split_whitespace()
        .map(|w| w.trim_matches([',', ';', ':']))
        .filter(|w| w.chars().any(char::is_alphanumeric) && !is_dropped(w))
        .collect();
    let mut version = None;
    let mut kept = Vec::with_capacity(words.len());
    for word in words {
        match version_of(word) {
            Some(v) => {
                version.get_or_insert(v);
            }
            None => kept.push(word),
        }
    }
    let version = version.unwrap_or_else(|| major_of_raw(raw_version));
    let name = with_vendor(&kept);
    Product {
        key: key_of(&name),
        name,
        version,
    }
}

/// Drops bracketed text and the trademark signs, leaving spaces in their
/// place so that neighbouring words stay apart.
fn strip_brackets_and_marks(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut depth = 0usize;
    for c in raw.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                out.push(' ');
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                out.push(' ');
            }
            '®' | '™' | '©' => out.push(' '),
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

fn is_dropped(word: &str) -> bool {
    let lower = word.to_lowercase();
    DROPPED_WORDS.contains(&lower.as_str()) || is_language_tag(&lower) || is_update_marker(&lower)
}

/// "sv-se", "en-us": two letters, a dash, two letters.
fn is_language_tag(lower: &str) -> bool {
    let b = lower.as_bytes();
    b.len() == 5
        && b[2] == b'-'
        && b[..2].iter().all(u8::is_ascii_lowercase)
        && b[3..].iter().all(u8::is_ascii_lowercase)
}

/// "u3", "sp1", "cu12" (updates, service packs) and "23h2" (feature
/// updates).
fn is_update_marker(lower: &str) -> bool {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    for prefix in ["u", "sp", "cu"] {
        if lower.strip_prefix(prefix).is_some_and(all_digits) {
            return true;
        }
    }
    match lower.split_once('h') {
        Some((year, half)) => year.len() == 2 && all_digits(year) && all_digits(half),
        None => false,
    }
}

/// The major version when the word is a version number: one or two
/// digits, a year 1900–2099 or a dotted number, possibly after a "v".
fn version_of(word: &str) -> Option<String> {
    let number = word
        .strip_prefix(['v', 'V'])
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(word);
    let parts: Vec<&str> = number.split('.').collect();
    let digits = |s: &&str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !parts.iter().all(digits) {
        return None;
    }
    let major = parts.first().copied().unwrap_or_default();
    let is_year = major.len() == 4 && (major.starts_with("19") || major.starts_with("20"));
    if parts.len() > 1 || major.len() <= 2 || is_year {
        Some(without_leading_zeros(major))
    } else {
        None
    }
}

/// The first dotted component of a raw version, when it is digits.
fn major_of_raw(raw_version: &str) -> String {
    let first = raw_version.split_whitespace().next().unwrap_or_default();
    let first = first.strip_prefix(['v', 'V']).unwrap_or(first);
    let major = first.split('.').next().unwrap_or_default();
    if !major.is_empty() && major.bytes().all(|b| b.is_ascii_digit()) {
        without_leading_zeros(major)
    } else {
        String::new()
    }
}

fn without_leading_zeros(digits: &str) -> String {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() { "0" } else { trimmed }.to_string()
}

/// Writes a known vendor its own way at the start of the name, or adds
/// the vendor of a well-known product.
fn with_vendor(words: &[&str]) -> String {
    let (vendor, rest) = leading_vendor(words);
    let vendor = vendor.or_else(|| well_known_vendor(rest));
    let mut parts: Vec<&str> = Vec::with_capacity(rest.len() + 1);
    parts.extend(vendor);
    parts.extend_from_slice(rest);
    parts.join(" ")
}

/// The vendor named at the start, and the words after it, after any
/// repetition of the vendor and after the rest of a longer alias
/// ("Microsoft" then "Corporation").
fn leading_vendor<'w, 'a>(words: &'w [&'a str]) -> (Option<&'static str>, &'w [&'a str]) {
    let Some((vendor, len)) = alias_at(words) else {
        return (None, words);
    };
    let mut rest = &words[len..];
    loop {
        let more = alias_tail(vendor, rest).or_else(|| match alias_at(rest) {
            Some((again, len)) if again == vendor => Some(len),
            _ => None,
        });
        match more {
            Some(len) => rest = &rest[len..],
            None => return (Some(vendor), rest),
        }
    }
}

/// How many words at the start of `words` complete a longer alias of the
/// vendor whose first word was already read.
fn alias_tail(vendor: &str, words: &[&str]) -> Option<usize> {
    let (_, aliases) = VENDORS.iter().find(|(v, _)| *v == vendor)?;
    aliases
        .iter()
        .filter_map(|alias| alias.get(1..).filter(|tail| !tail.is_empty()))
        .find(|tail| starts_with_words(words, tail, trim_alias_word))
        .map(|tail| tail.len())
}

fn trim_alias_word(word: &str) -> &str {
    word.trim_matches(['.', ','])
}

/// The vendor whose alias the words start with, and the alias's length.
fn alias_at(words: &[&str]) -> Option<(&'static str, usize)> {
    VENDORS.iter().find_map(|(vendor, aliases)| {
        aliases
            .iter()
            .find(|alias| starts_with_words(words, alias, trim_alias_word))
            .map(|alias| (*vendor, alias.len()))
    })
}

fn well_known_vendor(words: &[&str]) -> Option<&'static str> {
    WELL_KNOWN
        .iter()
        .find(|(product, _)| starts_with_words(words, product, |w| w))
        .map(|(_, vendor)| *vendor)
}

/// Whether `words` start with `wanted` (lower case), ignoring case and
/// whatever `trim` takes off each word.
fn starts_with_words(words: &[&str], wanted: &[&str], trim: impl Fn(&str) -> &str) -> bool {
    words.len() >= wanted.len()
        && words
            .iter()
            .zip(wanted)
            .all(|(word, want)| trim(word).to_lowercase() == *want)
}

/// The name in lower case a–z, 0–9 with single dashes between runs.
fn key_of(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.to_lowercase().chars() {
        let text = match c {
            'a'..='z' | '0'..='9' => Some(c.encode_utf8(&mut [0; 4]).to_string()),
            _ => ascii_of(c).map(str::to_string),
        };
        match text {
            Some(t) => {
                if gap && !key.is_empty() {
                    key.push('-');
                }
                gap = false;
                key.push_str(&t);
            }
            None => gap = true,
        }
    }
    key
}

/// Accented Latin letters (lower case) written in ASCII.
fn ascii_of(c: char) -> Option<&'static str> {
    Some(match c {
        'å' | 'ä' | 'à' | 'á' | 'â' | 'ã' => "a",
        'ö' | 'ø' | 'ò' | 'ó' | 'ô' | 'õ' => "o",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'ü' | 'ù' | 'ú' | 'û' => "u",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'ý' | 'ÿ' => "y",
        'ç' => "c",
        'ñ' => "n",
        'ß' => "ss",
        'æ' => "ae",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kv(name: &str, version: &str) -> (String, String) {
        let p = normalise(name, version);
        (p.key, p.version)
    }

    fn pair(key: &str, version: &str) -> (String, String) {
        (key.to_string(), version.to_string())
    }

    #[test]
    fn windows_under_three_names_is_one_product() {
        let a = normalise("Microsoft Windows 11 Pro", "10.0.22631");
        let b = normalise("Windows 11 Enterprise", "");
        let c = normalise("MS Windows 11 Education x64", "");
        for p in [&a, &b, &c] {
            assert_eq!(p.key, "microsoft-windows");
            assert_eq!(p.version, "11");
            assert_eq!(p.name, "Microsoft Windows");
        }
    }

    #[test]
    fn the_examples_of_the_federation_inventories() {
        assert_eq!(
            kv("Microsoft Office Professional Plus 2019", ""),
            pair("microsoft-office", "2019")
        );
        assert_eq!(kv("LibreOffice 7.5.9.2", ""), pair("libreoffice", "7"));
        assert_eq!(
            kv("Debian GNU/Linux 12 (bookworm)", ""),
            pair("debian-gnu-linux", "12")
        );
        assert_eq!(kv("Raindance Ekonomi", ""), pair("raindance-ekonomi", ""));
        assert_eq!(
            kv("Visma Personec P", "2023.1"),
            pair("visma-personec-p", "2023")
        );
        assert_eq!(kv("VMware ESXi 7.0 U3", ""), pair("vmware-esxi", "7"));
        assert_eq!(kv("Visma Proceedo", ""), pair("visma-proceedo", ""));
    }

    #[test]
    fn vendor_aliases_and_well_known_products() {
        assert_eq!(
            normalise("Microsoft Corporation SQL Server 2019 Standard", "").name,
            "Microsoft SQL Server"
        );
        assert_eq!(
            normalise("SQL Server 2022 (64-bit)", "").name,
            "Microsoft SQL Server"
        );
        assert_eq!(
            normalise("Microsoft Corp. Exchange Server 2016 CU23", "").name,
            "Microsoft Exchange Server"
        );
        assert_eq!(
            normalise("Exchange Server 2016", "").name,
            "Microsoft Exchange Server"
        );
        assert_eq!(
            normalise("VMware, Inc. vCenter Server 8.0", "").name,
            "VMware vCenter Server"
        );
        assert_eq!(
            normalise("microsoft windows 10", "").name,
            "Microsoft windows"
        );
        assert_eq!(
            normalise("MS Corporation Microsoft Windows", "").name,
            "Microsoft Windows"
        );
    }

    #[test]
    fn marks_languages_and_update_markers_are_dropped() {
        let p = normalise("Microsoft® Office™ Standard 2016 sv-SE (R)", "16.0.5");
        assert_eq!(
            (p.name.as_str(), p.version.as_str()),
            ("Microsoft Office", "2016")
        );
        let p = normalise("Windows 11 Pro 23H2 SP1 en-us", "");
        assert_eq!(
            (p.key.as_str(), p.version.as_str()),
            ("microsoft-windows", "11")
        );
        let p = normalise("Windows Server 2019 Datacenter", "");
        assert_eq!(
            (p.key.as_str(), p.version.as_str()),
            ("microsoft-windows-server", "2019")
        );
    }

    #[test]
    fn numbers_that_are_not_versions_stay_in_the_name() {
        let p = normalise("Microsoft 365 Apps", "16.0.17328");
        assert_eq!(p.key, "microsoft-365-apps");
        assert_eq!(p.version, "16");
        let p = normalise("7-Zip 23.01 (x64)", "");
        assert_eq!((p.key.as_str(), p.version.as_str()), ("7-zip", "23"));
    }

    #[test]
    fn raw_version_is_read_only_when_the_name_has_none() {
        assert_eq!(kv("Ciceron", "v07.2 build 3"), pair("ciceron", "7"));
        assert_eq!(kv("Ciceron", "beta"), pair("ciceron", ""));
        assert_eq!(kv("Ciceron", "0.9"), pair("ciceron", "0"));
    }

    #[test]
    fn swedish_letters_are_written_in_ascii_in_the_key() {
        let p = normalise("  Procapita   Vård och Omsorg ", "");
        assert_eq!(p.name, "Procapita Vård och Omsorg");
        assert_eq!(p.key, "procapita-vard-och-omsorg");
        assert_eq!(
            normalise("Ärendehantering Öppen", "").key,
            "arendehantering-oppen"
        );
    }

    #[test]
    fn empty_and_odd_names_give_empty_keys() {
        assert_eq!(
            normalise("", ""),
            Product {
                key: String::new(),
                name: String::new(),
                version: String::new()
            }
        );
        assert_eq!(kv("(unclosed bracket 12", ""), pair("", ""));
        assert_eq!(kv("- & -", "3"), pair("", "3"));
    }

    fn key_is_clean(key: &str) -> bool {
        key.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !key.starts_with('-')
            && !key.ends_with('-')
            && !key.contains("--")
    }

    const WORDS: &[&str] = &[
        "Microsoft",
        "MS",
        "Corp.",
        "Corporation",
        "VMware,",
        "Inc.",
        "Windows",
        "Office",
        "SQL",
        "Server",
        "Exchange",
        "Pro",
        "x64",
        "(64-bit)",
        "sv-SE",
        "U3",
        "SP1",
        "11",
        "2019",
        "7.5.9.2",
        "v2",
        "365",
        "Vård",
        "Öppen",
        "GNU/Linux",
        "(bookworm)",
        "®",
        "-",
        "&",
        "Plus",
        "[",
        ")",
        "23H2",
        "007",
        "Oracle",
        "Adobe",
    ];

    fn names() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(WORDS).prop_map(str::to_string),
                "[a-zA-ZåäöÅÄÖé0-9.,/ -]{0,8}"
            ],
            0..8,
        )
        .prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn never_panics_and_keys_are_clean(name in any::<String>(), version in any::<String>()) {
            let p = normalise(&name, &version);
            prop_assert!(key_is_clean(&p.key), "{:?}", p.key);
            prop_assert!(p.version.bytes().all(|b| b.is_ascii_digit()));
        }

        #[test]
        fn normalising_a_product_gives_it_back(name in any::<String>(), version in any::<String>()) {
            let p = normalise(&name, &version);
            prop_assert_eq!(normalise(&p.name, &p.version), p);
        }

        #[test]
        fn inventory_like_names_are_stable(name in names(), version in "[0-9.a-z ]{0,10}") {
            let p = normalise(&name, &version);
            prop_assert!(key_is_clean(&p.key), "{:?}", p.key);
            prop_assert_eq!(normalise(&p.name, &p.version), p);
        }

        #[test]
        fn case_changes_neither_key_nor_version(name in names(), version in "[0-9.vV ]{0,10}") {
            let p = normalise(&name, &version);
            let upper = normalise(&name.to_uppercase(), &version.to_uppercase());
            let lower = normalise(&name.to_lowercase(), &version.to_lowercase());
            prop_assert_eq!((&upper.key, &upper.version), (&p.key, &p.version));
            prop_assert_eq!((&lower.key, &lower.version), (&p.key, &p.version));
        }
    }
}
