//! One account as an administrator sees and edits it: its roles per
//! member, its recent logins, its API tokens and its acceptances of user
//! agreements; and the change of its language, staff role, member roles
//! and own mail address, made only on the version the administrator read
//! (optimistic concurrency, as every record). Administrators only; the command line
//! acts as the system administrator.
//!
//! A change takes effect on every node within two seconds: this node
//! forgets its remembered credentials at once, the others look them up
//! again within `AUTH_CACHE_SECONDS`.

use crate::credentials::AccountKey;
use crate::{App, AppError};
use samdrift_domain::account::{AccountRoles, Language, check_role_change};
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::{AccountId, MemberId};
use samdrift_domain::role::{MemberRole, StaffRole};
use samdrift_domain::scope::Scope;
use samdrift_store::accounts::{AccountChange, AccountRecord, LoginRecord, TokenRecord};
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::user_agreements::{AcceptanceRecord, CurrentVersionRow};

/// A role of the account in one member.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountMemberRole {
    pub member: MemberRecord,
    pub role: MemberRole,
}

/// An acceptance of a user agreement, and whether it is of the member's
/// current version.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountAcceptanceRow {
    pub record: AcceptanceRecord,
    pub current: bool,
}

/// Everything an administrator sees of one account.
#[derive(Debug, Clone)]
pub struct AccountDetail {
    pub account: AccountRecord,
    /// By member code, then role.
    pub member_roles: Vec<AccountMemberRole>,
    /// Newest first (the newest 20 are kept).
    pub logins: Vec<LoginRecord>,
    pub tokens: Vec<TokenRecord>,
    /// Newest first.
    pub acceptances: Vec<AccountAcceptanceRow>,
}

/// What an administrator changes; what is None stays as it is.
#[derive(Debug, Clone, Default)]
pub struct AccountEdit {
    /// `sv` or `en`.
    pub language: Option<String>,
    /// The staff role (`Some(None)`: none).
    pub staff_role: Option<Option<String>>,
    /// Every member role as (member code, role), replacing the ones held.
    pub member_roles: Option<Vec<(String, String)>>,
    /// The account's own mail address (a staff account's; `Some(None)`:
    /// none, so mail goes to its person's address, if any). Kept in lower
    /// case.
    pub email: Option<Option<String>>,
}

/// What an edit leaves an account with.
struct Edited {
    language: Language,
    roles: AccountRoles,
    email: Option<String>,
}

fn require_admin(scope: &Scope, code: samdrift_domain::messages::Message) -> Result<(), AppError> {
    if scope.is_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden(code))
    }
}

impl App {
    /// The account `key` names, or not found.
    pub(crate) async fn account_by_key(
        &self,
        key: AccountKey<'_>,
    ) -> Result<AccountRecord, AppError> {
        match key {
            AccountKey::Id(id) => self.store.get_account(AccountId(id)).await?,
            AccountKey::Username(name) => self.store.account_by_username(name).await?,
        }
        .ok_or(AppError::NotFound("account"))
    }

    /// One account with its roles, logins, tokens and acceptances.
    pub async fn account_detail(
        &self,
        scope: &Scope,
        key: AccountKey<'_>,
    ) -> Result<AccountDetail, AppError> {
        require_admin(scope, samdrift_domain::msg!("forbidden.accounts_list"))?;
        let account = self.account_by_key(key).await?;
        let id = AccountId(account.id);
        let members = self.store.list_members(scope).await?;
        let mut member_roles: Vec<AccountMemberRole> = self
            .store
            .account_roles(id)
            .await?
            .into_iter()
            .filter_map(|r| {
                let member = members.iter().find(|m| m.id == r.member_id)?.clone();
                let role = r.role.parse().ok()?;
                Some(AccountMemberRole { member, role })
            })
            .collect();
        member_roles.sort_by(|a, b| {
            (&a.member.code, a.role.as_str()).cmp(&(&b.member.code, b.role.as_str()))
        });
        let current = self.store.current_user_agreement_versions().await?;
        let acceptances = self
            .store
            .acceptances_of_account(id)
            .await?
            .into_iter()
            .map(|record| AccountAcceptanceRow {
                current: is_current(&current, &record),
                record,
            })
            .collect();
        Ok(AccountDetail {
            member_roles,
            logins: self.store.recent_logins(id).await?,
            tokens: self.store.list_tokens(Some(id)).await?,
            acceptances,
            account,
        })
    }

    /// Changes an account's language, staff role and member roles, if it
    /// is still at `version` (None: 428, the version is required; another
    /// version: 412). Refused with every invalid field named; an
    /// administrator cannot take away their own administrator role.
    pub async fn edit_account(
        &self,
        scope: &Scope,
        key: AccountKey<'_>,
        edit: AccountEdit,
        version: Option<i64>,
    ) -> Result<AccountDetail, AppError> {
        require_admin(scope, samdrift_domain::msg!("forbidden.accounts_edit"))?;
        let account = self.account_by_key(key).await?;
        let version = version.ok_or(AppError::VersionRequired)?;
        let id = AccountId(account.id);
        let Edited {
            language,
            roles,
            email,
        } = self.edited(&account, edit).await?;
        check_role_change(scope, id, roles.staff).map_err(AppError::Conflict)?;
        let change = AccountChange {
            language: language.as_str().to_owned(),
            staff_role: roles.staff.map(|r| r.as_str().to_owned()),
            roles: roles
                .members
                .iter()
                .map(|(m, r)| (*m, r.as_str().to_owned()))
                .collect(),
            email,
        };
        if !self.store.update_account(id, version, &change).await? {
            return Err(AppError::Stale);
        }
        self.accounts_changed();
        self.account_detail(scope, AccountKey::Id(account.id)).await
    }

    /// The language, roles and address `edit` leaves `account` with; every
    /// invalid field named (`language`, `staff_role`,
    /// `member_roles[i].member`, `member_roles[i].role`, `email`).
    async fn edited(&self, account: &AccountRecord, edit: AccountEdit) -> Result<Edited, AppError> {
        let mut errors = FieldErrors::default();
        let email = match edit.email {
            None => account.email.clone(),
            Some(None) => None,
            Some(Some(address)) => {
                let address = address.trim();
                if !crate::registers::is_address(address) {
                    errors.push("email", samdrift_domain::msg!("field.email"));
                }
                Some(address.to_lowercase())
            }
        };
        let language = Language::parse(edit.language.as_deref().unwrap_or(&account.language))
            .map_err(|e| errors.push("language", e))
            .unwrap_or(Language::Sv);
        let staff = match edit.staff_role {
            None => account.staff_role.as_deref().and_then(|r| r.parse().ok()),
            Some(None) => None,
            Some(Some(role)) => role
                .parse::<StaffRole>()
                .map_err(|e| errors.push("staff_role", e))
                .ok(),
        };
        let members = match edit.member_roles {
            None => self.held_member_roles(account).await?,
            Some(list) => self.named_member_roles(list, &mut errors).await?,
        };
        errors.into_result(()).map_err(AppError::Invalid)?;
        let roles = AccountRoles { staff, members }.normalised();
        Ok(Edited {
            language,
            roles,
            email,
        })
    }

    async fn held_member_roles(
        &self,
        account: &AccountRecord,
    ) -> Result<Vec<(MemberId, MemberRole)>, AppError> {
        Ok(self
            .store
            .account_roles(AccountId(account.id))
            .await?
            .into_iter()
            .filter_map(|r| Some((MemberId(r.member_id), r.role.parse().ok()?)))
            .collect())
    }

    /// Member roles named as (member code, role), each checked.
    async fn named_member_roles(
        &self,
        list: Vec<(String, String)>,
        errors: &mut FieldErrors,
    ) -> Result<Vec<(MemberId, MemberRole)>, AppError> {
        let mut roles = Vec::new();
        for (i, (code, role)) in list.into_iter().enumerate() {
            let member = self.store.member_by_code(code.trim()).await?;
            if member.is_none() {
                let code = code.trim();
                let message = samdrift_domain::msg!("member.no_code", code = code);
                errors.push(format!("member_roles[{i}].member"), message);
            }
            let role = role
                .parse::<MemberRole>()
                .map_err(|e| errors.push(format!("member_roles[{i}].role"), e))
                .ok();
            if let (Some(member), Some(role)) = (member, role) {
                roles.push((MemberId(member.id), role));
            }
        }
        Ok(roles)
    }
}

fn is_current(current: &[CurrentVersionRow], record: &AcceptanceRecord) -> bool {
    current
        .iter()
        .any(|c| c.member_id == record.member_id && c.version == record.version)
}
