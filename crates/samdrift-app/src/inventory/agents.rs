//! Inventory agents (the FusionInventory / GLPI agent family) reporting to
//! samdrift. An agent authenticates with a member's agent key (the HTTP
//! basic password). A prolog is answered at once; an inventory is kept in
//! the inbox as it came and the agent answered as soon as it is stored,
//! so agents reporting together do not wait for each other; any node
//! applies the waiting inventories in turn ([`App::apply_agent_inbox`]).
//! The machine is the key's member's item, recognised again by hardware
//! UUID, then serial number, then the agent's device id; each inventory
//! replaces its hardware attributes and (when changed) its software. An
//! inventory that cannot be read is set aside with the reason. The wire
//! format is a port ([`AgentProtocol`]) the binary fills from
//! `samdrift-integrations`.

use crate::auth::{random_secret, sha256_hex};
use crate::{App, AppError};
use samdrift_domain::inventory::agent::{AgentMessage, AgentQuery, AgentReply, AgentReport};
use samdrift_domain::inventory::product::normalise;
use samdrift_domain::inventory::{ItemKind, Lifecycle};
use samdrift_domain::msg;
use samdrift_domain::scope::Scope;
use samdrift_store::inventory::agents::{AgentKeyRecord, InboxRecord};
use samdrift_store::inventory::items::{ItemRecord, SoftwareRecord};
use std::sync::Arc;
use uuid::Uuid;

/// Reads agents' requests and writes samdrift's replies.
pub trait AgentProtocol: Send + Sync {
    /// What a request asks, without reading all of it.
    fn query(&self, content_type: Option<&str>, body: &[u8]) -> Result<AgentQuery, String>;
    fn decode(&self, content_type: Option<&str>, body: &[u8]) -> Result<AgentMessage, String>;
    fn encode(&self, reply: &AgentReply) -> Vec<u8>;
    /// The content type of a reply.
    fn reply_content_type(&self) -> &'static str;
}

/// How often an agent should ask again, in hours.
pub const PROLOG_FREQ_HOURS: u32 = 24;

/// A reply to send back to an agent.
#[derive(Debug, Clone)]
pub struct AgentAnswer {
    pub body: Vec<u8>,
    pub content_type: &'static str,
}

/// One inventory taken from the inbox: the item it updated (none when it
/// was set aside as unreadable) and how long applying it took.
#[derive(Debug, Clone, Copy)]
pub struct Applied {
    pub item: Option<Uuid>,
    pub took: std::time::Duration,
}

/// How long a node may hold a claimed inventory before another takes it.
const LEASE_MICROS: i64 = 5 * 60 * 1_000_000;

/// A new key, shown once.
#[derive(Debug, Clone)]
pub struct NewAgentKey {
    pub record: AgentKeyRecord,
    pub key: String,
}

impl App {
    /// The app that reads inventory agents' requests with `protocol`.
    pub fn with_agent_protocol(mut self, protocol: Arc<dyn AgentProtocol>) -> App {
        self.agents = Some(protocol);
        self
    }

    /// Makes a key for a member's agents (managers and admins).
    pub async fn create_agent_key(
        &self,
        scope: &Scope,
        member: &str,
        label: &str,
    ) -> Result<NewAgentKey, AppError> {
        if !scope.may_set_standard() {
            return Err(AppError::Forbidden(msg!("forbidden.agent_keys")));
        }
        let m = self.member_in_scope(scope, member).await?;
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 100 {
            return Err(AppError::invalid(
                "label",
                msg!("field.length", min = 1, max = 100),
            ));
        }
        let key = format!("sdi_{}", random_secret());
        let record = AgentKeyRecord {
            id: crate::ids::new_id(&*self.clock),
            member_id: m.id,
            label: label.to_owned(),
            created_at: self.now_micros(),
            revoked_at: None,
            last_used_at: None,
        };
        self.store
            .insert_agent_key(&record, &sha256_hex(key.as_bytes()))
            .await?;
        Ok(NewAgentKey { record, key })
    }

    /// A member's agent keys (without the keys themselves).
    pub async fn agent_keys(
        &self,
        scope: &Scope,
        member: &str,
    ) -> Result<Vec<AgentKeyRecord>, AppError> {
        if !scope.may_set_standard() {
            return Err(AppError::Forbidden(msg!("forbidden.agent_keys")));
        }
        let m = self.member_in_scope(scope, member).await?;
        Ok(self.store.agent_keys(Some(m.id)).await?)
    }

    pub async fn revoke_agent_key(
        &self,
        scope: &Scope,
        member: &str,
        id: Uuid,
    ) -> Result<(), AppError> {
        if !scope.may_set_standard() {
            return Err(AppError::Forbidden(msg!("forbidden.agent_keys")));
        }
        let m = self.member_in_scope(scope, member).await?;
        if !self
            .store
            .revoke_agent_key(m.id, id, self.now_micros())
            .await?
        {
            return Err(AppError::NotFound("agent key"));
        }
        Ok(())
    }

    /// Answers one request of an agent that gave `key` (none: 401).
    pub async fn receive_agent_request(
        &self,
        key: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<AgentAnswer, AppError> {
        let Some(protocol) = self.agents.clone() else {
            return Err(AppError::Conflict(msg!("inventory.agents_off")));
        };
        let key = match key {
            Some(k) => {
                self.store
                    .agent_key_by_hash(&sha256_hex(k.as_bytes()))
                    .await?
            }
            None => None,
        };
        let Some(key) = key else {
            return Err(AppError::Unauthenticated);
        };
        let query = protocol.query(content_type, body).map_err(|detail| {
            AppError::invalid("body", msg!("inventory.agent_unreadable", detail = detail))
        })?;
        let reply = match query {
            AgentQuery::Prolog => AgentReply::Prolog {
                send_inventory: true,
                prolog_freq_hours: PROLOG_FREQ_HOURS,
            },
            AgentQuery::Inventory => {
                self.store
                    .queue_agent_report(&InboxRecord {
                        id: crate::ids::new_id(&*self.clock),
                        member_id: key.member_id,
                        key_id: key.id,
                        received_at: self.now_micros(),
                        content_type: content_type.map(|c| c.chars().take(100).collect()),
                        body: body.to_vec(),
                    })
                    .await?;
                self.agent_wake.notify_one();
                AgentReply::Ack
            }
            AgentQuery::Other(_) => AgentReply::Ack,
        };
        Ok(AgentAnswer {
            body: protocol.encode(&reply),
            content_type: protocol.reply_content_type(),
        })
    }

    /// Applies up to `limit` waiting inventories, oldest first.
    pub async fn apply_agent_inbox(&self, limit: i64) -> Result<Vec<Applied>, AppError> {
        let Some(protocol) = self.agents.clone() else {
            return Ok(vec![]);
        };
        let now = self.now_micros();
        let claimed = self
            .store
            .claim_agent_reports(now, now + LEASE_MICROS, limit)
            .await?;
        let mut applied = Vec::with_capacity(claimed.len());
        for r in claimed {
            let started = std::time::Instant::now();
            let item = match protocol.decode(r.content_type.as_deref(), &r.body) {
                Ok(AgentMessage::Inventory { device_id, report }) => {
                    let id = self
                        .apply_agent_report(r.member_id, r.key_id, &device_id, report)
                        .await?;
                    self.store.remove_agent_report(r.id).await?;
                    Some(id)
                }
                Ok(_) => {
                    self.store.remove_agent_report(r.id).await?;
                    None
                }
                Err(reason) => {
                    tracing::warn!(report = %r.id, %reason, "an agent's inventory cannot be read; set aside");
                    self.store.set_aside_agent_report(r.id, &reason).await?;
                    None
                }
            };
            applied.push(Applied {
                item,
                took: started.elapsed(),
            });
        }
        Ok(applied)
    }

    /// Waits until an inventory is received, or `most` has passed.
    pub async fn agent_reports_queued(&self, most: std::time::Duration) {
        let _ = tokio::time::timeout(most, self.agent_wake.notified()).await;
    }

    /// Inventories waiting to be applied, and those set aside.
    pub async fn agent_inbox_counts(&self, scope: &Scope) -> Result<(i64, i64), AppError> {
        if !scope.may_set_standard() {
            return Err(AppError::Forbidden(msg!("forbidden.agent_keys")));
        }
        Ok(self.store.agent_inbox_counts().await?)
    }

    /// Writes the machine's item from an inventory; a second writer of the
    /// same machine at once is retried once on the new version.
    async fn apply_agent_report(
        &self,
        member: Uuid,
        key: Uuid,
        device_id: &str,
        report: AgentReport,
    ) -> Result<Uuid, AppError> {
        let software: Vec<SoftwareRecord> = report
            .software
            .iter()
            .map(|s| {
                let version = s.version.clone().unwrap_or_default();
                SoftwareRecord {
                    product_key: normalise(&s.name, &version).key,
                    name: s.name.chars().take(300).collect(),
                    version: version.chars().take(100).collect(),
                    publisher: s
                        .publisher
                        .clone()
                        .unwrap_or_default()
                        .chars()
                        .take(200)
                        .collect(),
                }
            })
            .collect();
        let digest = software_digest(&software);
        for attempt in 0..2 {
            let found = self
                .store
                .item_by_machine(
                    member,
                    report.hardware.uuid.as_deref(),
                    report.hardware.serial.as_deref(),
                    device_id,
                )
                .await?;
            let mut item = self.machine_item(member, device_id, &report, found.as_ref());
            let unchanged = found
                .as_ref()
                .is_some_and(|f| f.software_hash.as_deref() == Some(digest.as_str()));
            item.software_hash = Some(digest.clone());
            let list = (!unchanged).then_some(software.as_slice());
            match self
                .store
                .apply_agent_inventory(&item, found.is_some(), list, key)
                .await
            {
                Ok(()) => return Ok(item.id),
                Err(
                    samdrift_store::StoreError::Stale | samdrift_store::StoreError::Duplicate(_),
                ) if attempt == 0 => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Stale)
    }

    fn machine_item(
        &self,
        member: Uuid,
        device_id: &str,
        report: &AgentReport,
        found: Option<&ItemRecord>,
    ) -> ItemRecord {
        let now = self.now_micros();
        let os = report.os.as_ref();
        let os_name = os
            .map(|o| o.full_name.clone().unwrap_or_else(|| o.name.clone()))
            .unwrap_or_default();
        let os_version = os.and_then(|o| o.version.clone()).unwrap_or_default();
        let server = os_name.to_lowercase().contains("server")
            || report.hardware.chassis_type.as_deref().is_some_and(|c| {
                matches!(
                    c.to_lowercase().as_str(),
                    "rack mount chassis" | "server" | "blade"
                )
            });
        let kind = if server {
            ItemKind::Server
        } else {
            ItemKind::Client
        };
        let product = normalise(&os_name, &os_version);
        let attributes = serde_json::json!({
            "domain": report.hardware.domain,
            "os": os,
            "cpus": report.cpus,
            "memory_mb": report.memory_mb,
            "storages": report.storages,
            "drives": report.drives,
            "networks": report.networks,
            "last_logged_user": report.last_logged_user,
            "virtual_machine": report.hardware.virtual_machine,
            "bios_version": report.hardware.bios_version,
            "agent_version": report.agent_version,
        });
        let name = if report.hardware.name.trim().is_empty() {
            device_id
        } else {
            report.hardware.name.trim()
        };
        ItemRecord {
            id: found
                .map(|f| f.id)
                .unwrap_or_else(|| crate::ids::new_id(&*self.clock)),
            member_id: Some(member),
            kind: found
                .map(|f| f.kind.clone())
                .unwrap_or_else(|| kind.as_str().to_owned()),
            name: name.chars().take(200).collect(),
            network: found.and_then(|f| f.network.clone()),
            location: found.map(|f| f.location.clone()).unwrap_or_default(),
            lifecycle: found
                .map(|f| f.lifecycle.clone())
                .unwrap_or_else(|| Lifecycle::InUse.as_str().to_owned()),
            category: found
                .and_then(|f| f.category.clone())
                .or_else(|| Some(if server { "server_os" } else { "client_os" }.to_owned())),
            product_raw: os_name.chars().take(200).collect(),
            version_raw: os_version.chars().take(100).collect(),
            product_key: product.key,
            product_name: product.name,
            product_version: product.version,
            manufacturer: report
                .hardware
                .manufacturer
                .clone()
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect(),
            model: report
                .hardware
                .model
                .clone()
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect(),
            serial: report.hardware.serial.clone(),
            hardware_uuid: report.hardware.uuid.clone(),
            agent_device_id: Some(device_id.chars().take(200).collect()),
            attributes: attributes.to_string(),
            software_hash: found.and_then(|f| f.software_hash.clone()),
            source: "agent".into(),
            last_inventory_at: Some(now),
            created_at: found.map(|f| f.created_at).unwrap_or(now),
            updated_at: now,
            version: found.map(|f| f.version).unwrap_or(1),
        }
    }
}

/// A digest of a software list as stored, so an unchanged list (the usual
/// daily report) is not written again.
fn software_digest(software: &[SoftwareRecord]) -> String {
    let mut text = String::with_capacity(software.len() * 40);
    for s in software {
        for part in [&s.name, &s.version, &s.publisher] {
            text.push_str(part);
            text.push('\u{1f}');
        }
        text.push('\u{1e}');
    }
    sha256_hex(text.as_bytes())
}
