//! Reading members' directories (Active Directory, OpenLDAP). The protocol
//! client (`samdrift-integrations`) plugs in through `DirectoryReader`; a
//! read matches the directory's users to the member's people
//! (`samdrift_domain::identity::directory::match_people`) and replaces the
//! member's directory accounts in one transaction. A read that fails
//! changes nothing and is noted with its reason. The server reads each
//! directory on its schedule; `samdrift directory read` reads at once.

use crate::sso::BoxFuture;
use crate::{App, AppError};
use samdrift_domain::identity::directory::{
    DirectoryGroup, DirectoryUser, RegisterPerson, match_people,
};
use samdrift_domain::scope::Scope;
pub use samdrift_store::directory::{DirectoryAccountRecord, DirectoryReadRecord};
use std::sync::Arc;
use uuid::Uuid;

/// How many unmatched directory users a read keeps by name.
const UNMATCHED_KEPT: usize = 100;

/// What a directory holds: its users and groups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryContents {
    pub users: Vec<DirectoryUser>,
    pub groups: Vec<DirectoryGroup>,
}

/// The client of one member's directory.
pub trait DirectoryReader: Send + Sync {
    /// The member whose directory this is (its code).
    fn member(&self) -> &str;
    /// Reads every user and group (the error says why not).
    fn read(&self) -> BoxFuture<'_, Result<DirectoryContents, String>>;
}

/// The configured directories.
#[derive(Clone, Default)]
pub struct Directories(pub Vec<Arc<dyn DirectoryReader>>);

impl std::fmt::Debug for Directories {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|d| d.member().to_owned()))
            .finish()
    }
}

impl App {
    /// The app with these directories.
    pub fn with_directories(mut self, directories: Directories) -> App {
        self.directories = Arc::new(directories);
        self
    }

    /// The members that have a directory (codes).
    pub fn directory_members(&self) -> Vec<String> {
        self.directories
            .0
            .iter()
            .map(|d| d.member().to_owned())
            .collect()
    }

    /// Reads the directory of member `code` now, as the server's schedule
    /// does. An administrator or manager may ask (the schedule runs as the
    /// system: `scope` None).
    pub async fn read_directory(
        &self,
        scope: Option<&Scope>,
        code: &str,
    ) -> Result<DirectoryReadRecord, AppError> {
        let member = match scope {
            Some(s) => {
                crate::registers::require_registrar(s)?;
                self.member_in_scope(s, code).await?
            }
            None => self
                .store
                .member_by_code(code)
                .await?
                .ok_or(AppError::NotFound("member"))?,
        };
        let reader = self
            .directories
            .0
            .iter()
            .find(|d| d.member() == member.code)
            .ok_or(AppError::NotFound("directory"))?;
        let at = self.now_micros();
        let id = crate::ids::new_id(self.clock.as_ref());
        let contents = match reader.read().await {
            Ok(c) => c,
            Err(reason) => {
                tracing::warn!(member = %member.code, %reason, "reading a directory failed");
                let read = failed_read(member.id, id, at, reason);
                self.store.note_directory_read(&read).await?;
                return Ok(read);
            }
        };
        let register: Vec<RegisterPerson<Uuid>> = self
            .store
            .directory_register(member.id)
            .await?
            .into_iter()
            .map(|r| RegisterPerson {
                id: r.id,
                email: r.email,
                employee_number: r.employee_number,
            })
            .collect();
        let matching = match_people(&register, &contents.users, &contents.groups);
        let accounts: Vec<DirectoryAccountRecord> = matching
            .accounts
            .iter()
            .map(|a| DirectoryAccountRecord {
                person_id: a.person,
                dn: a.dn.clone(),
                login: a.login.clone(),
                principal: a.principal.clone(),
                disabled: a.disabled,
                groups: serde_json::to_string(&a.groups).unwrap_or_else(|_| "[]".into()),
                read_at: at,
            })
            .collect();
        let kept: Vec<&String> = matching.unmatched.iter().take(UNMATCHED_KEPT).collect();
        let read = DirectoryReadRecord {
            member_id: member.id,
            id,
            at,
            users_read: contents.users.len() as i64,
            groups_read: contents.groups.len() as i64,
            matched: accounts.len() as i64,
            unmatched: serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into()),
            unmatched_count: matching.unmatched.len() as i64,
            error: None,
        };
        self.store
            .replace_directory_accounts(&read, &accounts)
            .await?;
        tracing::info!(member = %member.code, users = read.users_read, matched = read.matched, "read a directory");
        Ok(read)
    }

    /// The member's latest directory reads (newest first, at most 20), for
    /// administrators and managers and the member's own strategists.
    pub async fn directory_reads(
        &self,
        scope: &Scope,
        code: &str,
    ) -> Result<Vec<DirectoryReadRecord>, AppError> {
        let member = self.member_in_scope(scope, code).await?;
        if !scope
            .register_members()
            .allows(samdrift_domain::ids::MemberId(member.id))
        {
            return Err(AppError::invalid(
                "member",
                samdrift_domain::msg!("member.no_code", code = code),
            ));
        }
        Ok(self.store.directory_reads(member.id, 20).await?)
    }
}

fn failed_read(member: Uuid, id: Uuid, at: i64, reason: String) -> DirectoryReadRecord {
    DirectoryReadRecord {
        member_id: member,
        id,
        at,
        users_read: 0,
        groups_read: 0,
        matched: 0,
        unmatched: "[]".into(),
        unmatched_count: 0,
        error: Some(reason),
    }
}
