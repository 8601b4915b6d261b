//! Message catalogs of the mail pages: a user's notification channels
//! (their account page), the outbox, incoming mail and failing addresses,
//! the members' mail texts, and the unverified sender on a ticket, in
//! Swedish and English with the same keys in the same order. Keys a page builds at run time
//! (`notify.kind.{kind}`, `notify.channel.{channel}`,
//! `admin.mail.state.{state}`, `admin.mail.inbound.{state}`,
//! `admin.mail_texts.event.{event}`) are checked here too.

mod en;
mod sv;

pub use en::MAIL_EN;
pub use sv::MAIL_SV;

#[cfg(test)]
mod tests {
    use super::*;
    use samdrift_domain::mail::template::Event;
    use samdrift_domain::notify::{Channel, Kind};

    fn keys(c: &[(&'static str, &'static str)]) -> Vec<&'static str> {
        c.iter().map(|(k, _)| *k).collect()
    }

    #[test]
    fn the_languages_have_the_same_keys_in_the_same_order() {
        assert_eq!(keys(MAIL_SV), keys(MAIL_EN));
        let mut unique = keys(MAIL_SV);
        unique.extend(keys(crate::ui::i18n::SV));
        unique.extend(keys(crate::ui::admin::i18n::SV));
        unique.extend(keys(crate::ui::catalog::i18n::PORTAL_SV));
        unique.extend(keys(crate::ui::catalog::i18n::ACCOUNTS_SV));
        unique.extend(keys(crate::ui::identity_i18n::IDENTITY_SV));
        let n = unique.len();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), n, "a key is given twice across the catalogs");
    }

    #[test]
    fn every_key_built_at_run_time_exists() {
        let kinds = Kind::ALL.iter().flat_map(|k| {
            [
                format!("notify.kind.{}", k.as_str()),
                format!("notify.kind.{}.help", k.as_str()),
            ]
        });
        let channels = Channel::ALL
            .iter()
            .map(|c| format!("notify.channel.{}", c.as_str()));
        let states = ["queued", "sending", "sent", "failed"]
            .iter()
            .map(|s| format!("admin.mail.state.{s}"));
        let inbound = [
            "claimed",
            "ticket",
            "comment",
            "bounce",
            "ignored",
            "set_aside",
        ]
        .iter()
        .map(|s| format!("admin.mail.inbound.{s}"));
        let events = Event::all()
            .into_iter()
            .map(|e| format!("admin.mail_texts.event.{}", e.as_str()));
        for key in kinds
            .chain(channels)
            .chain(states)
            .chain(inbound)
            .chain(events)
        {
            assert!(MAIL_SV.iter().any(|(k, _)| *k == key), "unknown key {key}");
        }
    }
}
