//! Telling of what is about to end: a member's agreement within 30 days
//! (its orderers and strategists, who decide on renewing it) and an API
//! token within 7 days (its owner). The server's sweep looks every five
//! minutes; each agreement end and each token expiry is told once, on
//! whichever node claims it first (a changed end date is told again).

use crate::notify::ExpiryNotice;
use crate::{App, AppError};
use samdrift_domain::notify::Kind;
use samdrift_domain::time::stockholm;
use samdrift_store::service_levels::notifications::NotificationRecord;

/// Days before an agreement ends that its member hears of it.
const AGREEMENT_DAYS: i64 = 30;
/// Days before a token expires that its owner hears of it.
const TOKEN_DAYS: i64 = 7;

impl App {
    /// Tells of agreements and tokens about to end; how many were told.
    pub async fn tell_what_expires(&self) -> Result<usize, AppError> {
        let mut list = self.agreements_ending_notices().await?;
        list.extend(self.tokens_expiring_notices().await?);
        let told = list.len();
        self.deliver(&list).await?;
        Ok(told)
    }

    async fn agreements_ending_notices(&self) -> Result<Vec<NotificationRecord>, AppError> {
        let today = stockholm().to_datetime(self.clock.now()).date();
        let last = today
            .checked_add(jiff::Span::new().days(AGREEMENT_DAYS))
            .unwrap_or(today);
        let at = self.now_micros();
        let mut list = Vec::new();
        let ending = self
            .store
            .agreements_ending(&today.to_string(), &last.to_string())
            .await?;
        for a in ending {
            let subject = format!("agreement:{}:{}", a.id, a.valid_to);
            if !self.store.claim_expiry_notice(&subject, at).await? {
                continue;
            }
            let notice = ExpiryNotice {
                title: a.name.clone(),
                text: a.valid_to.clone(),
            };
            let stored = serde_json::to_string(&notice).unwrap_or_default();
            let mut readers = self
                .store
                .member_role_accounts(a.member_id, "orderer")
                .await?;
            readers.extend(
                self.store
                    .member_role_accounts(a.member_id, "strategist")
                    .await?,
            );
            readers.sort_unstable();
            readers.dedup();
            for account in readers {
                let about = (Some(a.member_id), None);
                list.push(self.record(account, Kind::AgreementExpiring, about, &stored, at));
            }
        }
        Ok(list)
    }

    async fn tokens_expiring_notices(&self) -> Result<Vec<NotificationRecord>, AppError> {
        let at = self.now_micros();
        let until = at + TOKEN_DAYS * 86_400 * 1_000_000;
        let mut list = Vec::new();
        for t in self.store.tokens_expiring(at, until).await? {
            let subject = format!("token:{}:{}", t.id, t.expires_at);
            if !self.store.claim_expiry_notice(&subject, at).await? {
                continue;
            }
            let ends = stockholm()
                .to_datetime(samdrift_domain::time::from_micros(t.expires_at))
                .strftime("%Y-%m-%d %H:%M")
                .to_string();
            let notice = ExpiryNotice {
                title: t.name.clone(),
                text: ends,
            };
            let stored = serde_json::to_string(&notice).unwrap_or_default();
            list.push(self.record(t.account_id, Kind::TokenExpiring, (None, None), &stored, at));
        }
        Ok(list)
    }
}
