//! Credentials that can be shut off: API tokens with a name, creation
//! time, last use and optional expiry, listed and revoked by their owner
//! (and by admins, any account's); accounts disabled and enabled by
//! admins; a user's own password change, which ends the account's other
//! sessions.
//!
//! Every change here forgets this node's remembered credentials at once;
//! other nodes look each credential up again within `AUTH_CACHE_SECONDS`,
//! and the lookups refuse revoked and expired tokens and disabled
//! accounts, so a shut-off credential stops everywhere within that time.

use crate::auth::{
    check_password_rules, hash_password, random_secret, sha256_hex, verify_password,
};
use crate::ids::new_id;
use crate::{App, AppError};
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::AccountId;
use samdrift_domain::messages::Message;
use samdrift_domain::scope::Scope;
use samdrift_store::accounts::{AccountRecord, TokenRecord};
use uuid::Uuid;

/// The longest token name, in characters.
const TOKEN_NAME_MAX: usize = 100;

/// The longest a token may live, in days (ten years).
const TOKEN_DAYS_MAX: i64 = 3650;

/// A token to create: what its owner calls it and how many days it lives
/// (None: until revoked).
#[derive(Debug, Clone)]
pub struct NewToken {
    pub name: String,
    pub expires_in_days: Option<i64>,
}

/// A created token: its secret (shown once, never stored) and its record.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub token: String,
    pub record: TokenRecord,
}

/// How an account is named: by id (the API) or username (pages, CLI).
#[derive(Debug, Clone, Copy)]
pub enum AccountKey<'a> {
    Id(Uuid),
    Username(&'a str),
}

fn check_new_token(new: &NewToken) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    let name = new.name.trim();
    if name.is_empty() {
        errors.push("name", samdrift_domain::msg!("field.required"));
    } else if name.chars().count() > TOKEN_NAME_MAX || name.chars().any(char::is_control) {
        errors.push(
            "name",
            samdrift_domain::msg!("token.name", max = TOKEN_NAME_MAX as i64),
        );
    }
    if let Some(days) = new.expires_in_days
        && !(1..=TOKEN_DAYS_MAX).contains(&days)
    {
        errors.push(
            "expires_in_days",
            samdrift_domain::msg!("token.days", max = TOKEN_DAYS_MAX),
        );
    }
    errors.into_result(()).map_err(AppError::Invalid)
}

fn require_admin(scope: &Scope, refusal: Message) -> Result<(), AppError> {
    if scope.is_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden(refusal))
    }
}

impl App {
    /// Creates an API token for `username` without a name or expiry and
    /// returns it (the command line's and the tests' short form).
    pub async fn create_token(&self, username: &str) -> Result<String, AppError> {
        let new = NewToken {
            name: "token".into(),
            expires_in_days: None,
        };
        Ok(self.create_token_for(username, new).await?.token)
    }

    /// Creates an API token for `username` (the command line, as the system).
    pub async fn create_token_for(
        &self,
        username: &str,
        new: NewToken,
    ) -> Result<IssuedToken, AppError> {
        let account = self
            .store
            .account_by_username(username)
            .await?
            .ok_or(AppError::NotFound("account"))?;
        self.issue_token(&account, new).await
    }

    /// Creates an API token for the caller's own account.
    pub async fn create_own_token(
        &self,
        scope: &Scope,
        new: NewToken,
    ) -> Result<IssuedToken, AppError> {
        let account = self
            .store
            .get_account(scope.account)
            .await?
            .ok_or(AppError::NotFound("account"))?;
        self.issue_token(&account, new).await
    }

    async fn issue_token(
        &self,
        account: &AccountRecord,
        new: NewToken,
    ) -> Result<IssuedToken, AppError> {
        check_new_token(&new)?;
        let now = self.now_micros();
        let record = TokenRecord {
            id: new_id(self.clock.as_ref()),
            account_id: account.id,
            username: account.username.clone(),
            name: new.name.trim().to_owned(),
            created_at: now,
            last_used_at: None,
            expires_at: new.expires_in_days.map(|d| now + d * 86_400 * 1_000_000),
        };
        let token = format!("sd_{}", random_secret());
        self.store
            .insert_token(&record, &sha256_hex(token.as_bytes()))
            .await?;
        Ok(IssuedToken { token, record })
    }

    /// The caller's tokens, or with `all` every account's (admins only).
    pub async fn tokens(&self, scope: &Scope, all: bool) -> Result<Vec<TokenRecord>, AppError> {
        if all {
            require_admin(scope, samdrift_domain::msg!("forbidden.tokens_all"))?;
        }
        let owner = (!all).then_some(scope.account);
        Ok(self.store.list_tokens(owner).await?)
    }

    /// Revokes a token: the caller's own, or any account's for admins.
    /// Another account's token answers as a token that does not exist.
    pub async fn revoke_token(&self, scope: &Scope, id: Uuid) -> Result<(), AppError> {
        let owner = (!scope.is_admin()).then_some(scope.account);
        if !self.store.delete_token(id, owner).await? {
            return Err(AppError::NotFound("token"));
        }
        self.accounts_changed();
        Ok(())
    }

    /// Disables (or enables) an account: a disabled account
    /// cannot sign in, its sessions end and its tokens stop working (they
    /// work again when it is enabled, unless revoked). Admins only, and
    /// never their own account.
    pub async fn set_account_disabled(
        &self,
        scope: &Scope,
        account: AccountKey<'_>,
        disabled: bool,
    ) -> Result<AccountRecord, AppError> {
        require_admin(scope, samdrift_domain::msg!("forbidden.accounts_disable"))?;
        let account = match account {
            AccountKey::Id(id) => self.store.get_account(AccountId(id)).await?,
            AccountKey::Username(name) => self.store.account_by_username(name).await?,
        }
        .ok_or(AppError::NotFound("account"))?;
        if disabled && AccountId(account.id) == scope.account {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "account.disable_self"
            )));
        }
        self.store
            .set_disabled(AccountId(account.id), disabled)
            .await?;
        self.accounts_changed();
        Ok(AccountRecord {
            disabled,
            ..account
        })
    }

    /// Changes the caller's own password after checking the current one.
    /// Every other session of the account ends; the one the change was
    /// made in (`session_token`, if any) stays.
    pub async fn change_own_password(
        &self,
        scope: &Scope,
        session_token: Option<&str>,
        current: &str,
        new: &str,
    ) -> Result<(), AppError> {
        let account = self
            .store
            .get_account(scope.account)
            .await?
            .ok_or(AppError::NotFound("account"))?;
        if current.len() > crate::login::PASSWORD_MAX_BYTES
            || !verify_password(current.to_owned(), account.password_hash.clone()).await
        {
            return Err(AppError::invalid(
                "current_password",
                samdrift_domain::msg!("auth.current_password"),
            ));
        }
        check_password_rules(new, &[&account.username])?;
        let hash = hash_password(new.to_owned()).await?;
        let id = AccountId(account.id);
        self.store.set_password_hash(id, &hash).await?;
        let keep = session_token.map(|t| sha256_hex(t.as_bytes()));
        self.store.end_sessions_except(id, keep.as_deref()).await?;
        self.accounts_changed();
        Ok(())
    }
}
