//! Each user's choice, per kind of notification, of how they hear of it:
//! in the product only, by mail at once, or in the daily digest. A kind
//! never chosen has its default for the user's role
//! (`notify::default_channel`).

use crate::{App, AppError};
use samdrift_domain::notify::{Channel, Kind, default_channel};
use samdrift_domain::scope::Scope;

/// A user's channel for one kind, and whether it is their own choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelChoice {
    pub kind: Kind,
    pub channel: Channel,
    pub chosen: bool,
}

impl App {
    /// The caller's channel for every kind.
    pub async fn notification_channels(
        &self,
        scope: &Scope,
    ) -> Result<Vec<ChannelChoice>, AppError> {
        let chosen = self.store.notification_channels(scope.account.0).await?;
        Ok(Kind::ALL
            .into_iter()
            .map(|kind| {
                let own = chosen
                    .iter()
                    .find(|(k, _)| k == kind.as_str())
                    .and_then(|(_, c)| Channel::parse(c));
                ChannelChoice {
                    kind,
                    channel: own.unwrap_or_else(|| default_channel(kind, scope.is_staff())),
                    chosen: own.is_some(),
                }
            })
            .collect())
    }

    /// Sets the caller's channels (`kind` → `channel` names). Kinds left
    /// out keep their channel; a choice equal to the role's default is
    /// kept as no choice, so a later change of defaults reaches it.
    pub async fn set_notification_channels(
        &self,
        scope: &Scope,
        choices: &[(String, String)],
    ) -> Result<Vec<ChannelChoice>, AppError> {
        let mut errors = samdrift_domain::error::FieldErrors::default();
        let mut current = self.notification_channels(scope).await?;
        for (kind, channel) in choices {
            let (Some(k), Some(c)) = (Kind::parse(kind), Channel::parse(channel)) else {
                errors.push(
                    kind,
                    samdrift_domain::msg!(
                        "notification.channel_unknown",
                        channel = channel.as_str()
                    ),
                );
                continue;
            };
            if let Some(choice) = current.iter_mut().find(|x| x.kind == k) {
                choice.channel = c;
            }
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let kept: Vec<(String, String)> = current
            .iter()
            .filter(|c| c.channel != default_channel(c.kind, scope.is_staff()))
            .map(|c| (c.kind.as_str().to_owned(), c.channel.as_str().to_owned()))
            .collect();
        self.store
            .set_notification_channels(scope.account.0, &kept)
            .await?;
        self.notification_channels(scope).await
    }
}
