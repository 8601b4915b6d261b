//! Words shared by the catalog pages and the ticket page: sums in kronor,
//! what an item costs, approval kinds and a request's state.

use super::*;

/// A sum in whole kronor when it is one (`1 500 kr`, `SEK 1,500`), else
/// with öre.
pub fn kronor(t: &Tr, ore: i64) -> String {
    let text = t.money(ore);
    if ore % 100 != 0 {
        return text;
    }
    if let Some(whole) = text.strip_suffix(",00 kr") {
        format!("{whole} kr")
    } else if let Some(whole) = text.strip_suffix(".00") {
        whole.to_owned()
    } else {
        text
    }
}

/// What an item costs the member, in one line.
pub fn cost_line(t: &Tr, ore: i64) -> String {
    if ore > 0 {
        format!(
            "{}: {}, {}",
            t.t("catalog.items.cost"),
            kronor(t, ore),
            t.t("catalog.items.charged")
        )
    } else {
        t.t("catalog.items.free").to_owned()
    }
}

/// An approval kind in words (`närmaste chef`).
pub fn kind_word(t: &Tr, kind: &str) -> &'static str {
    match ApprovalKind::parse(kind) {
        Some(ApprovalKind::Manager) => t.t("catalog.kind.manager"),
        Some(ApprovalKind::SystemOwner) => t.t("catalog.kind.system_owner"),
        Some(ApprovalKind::Orderer) => t.t("catalog.kind.orderer"),
        None => t.t("catalog.kind.other"),
    }
}

/// Who must approve, in one line.
pub(super) fn approvers_line(t: &Tr, kinds: &[ApprovalKind]) -> String {
    if kinds.is_empty() {
        return t.t("catalog.items.no_approval").to_owned();
    }
    let words: Vec<&str> = kinds.iter().map(|k| kind_word(t, k.as_str())).collect();
    format!("{}: {}", t.t("catalog.items.approved_by"), words.join(", "))
}

/// A request's state in words; a rejection with its reason.
pub fn request_state_text(t: &Tr, state: &str, reason: Option<&str>) -> String {
    let word = match state {
        "awaiting_approval" => t.t("catalog.state.awaiting_approval"),
        "in_fulfilment" => t.t("catalog.state.in_fulfilment"),
        "fulfilled" => t.t("catalog.state.fulfilled"),
        "rejected" => t.t("catalog.state.rejected"),
        "cancelled" => t.t("catalog.state.cancelled"),
        _ => t.t("catalog.kind.other"),
    };
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) if state == "rejected" => format!("{word}: {r}"),
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Lang;

    #[test]
    fn whole_kronor_drop_the_ore() {
        let sv = Tr(Lang::Sv);
        let en = Tr(Lang::En);
        assert_eq!(kronor(&sv, 150_000), "1\u{a0}500 kr");
        assert_eq!(kronor(&en, 150_000), "SEK 1,500");
        assert_eq!(kronor(&sv, 150_050), "1\u{a0}500,50 kr");
        assert_eq!(
            cost_line(&sv, 150_000),
            "Kostnad: 1\u{a0}500 kr, debiteras din förvaltning"
        );
        assert_eq!(cost_line(&sv, 0), "Ingen kostnad");
    }

    #[test]
    fn a_rejection_shows_its_reason() {
        let sv = Tr(Lang::Sv);
        assert_eq!(
            request_state_text(&sv, "rejected", Some("Ingen budget")),
            "Avslagen: Ingen budget"
        );
        assert_eq!(request_state_text(&sv, "fulfilled", None), "Levererad");
        assert_eq!(
            approvers_line(&sv, &[ApprovalKind::Manager, ApprovalKind::Orderer]),
            "Godkänns av: närmaste chef, kommunens beställare"
        );
    }
}
