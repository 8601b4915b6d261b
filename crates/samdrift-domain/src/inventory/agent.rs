//! What an inventory agent of the FusionInventory / GLPI family tells
//! samdrift about a machine, as plain data: the messages it sends (a
//! prolog, an inventory, anything else), the part of an inventory a
//! service desk needs, and the replies samdrift gives. Reading and writing
//! the wire format lives in `samdrift-integrations` (`inventory_agent`).

use serde::{Deserialize, Serialize};

/// One request from an agent. Every request names the agent's device id,
/// which stays the same from run to run on one machine (it starts with the
/// host name and the time the agent first ran).
// One message per request, read once and moved: boxing the report would
// only add an indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentMessage {
    /// "May I send an inventory?", sent before anything else on each run.
    Prolog { device_id: String },
    /// A full inventory of the machine.
    Inventory {
        device_id: String,
        report: AgentReport,
    },
    /// A query samdrift does not handle (another task of the agent), with
    /// its name in upper case.
    Other { device_id: String, query: String },
}

impl AgentMessage {
    /// The agent's device id, whatever the message.
    pub fn device_id(&self) -> &str {
        match self {
            AgentMessage::Prolog { device_id }
            | AgentMessage::Inventory { device_id, .. }
            | AgentMessage::Other { device_id, .. } => device_id,
        }
    }
}

/// What a request asks, read before the whole request is: a prolog is
/// answered at once, an inventory is kept to be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentQuery {
    Prolog,
    Inventory,
    /// Another task's query, in upper case.
    Other(String),
}

/// samdrift's answer to a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentReply {
    /// The answer to a prolog: whether the agent should send its inventory
    /// now, and how many hours it should wait before asking again.
    Prolog {
        send_inventory: bool,
        prolog_freq_hours: u32,
    },
    /// Received; nothing more to say.
    Ack,
}

/// The part of an inventory a service desk keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentReport {
    pub hardware: Hardware,
    pub os: Option<OperatingSystem>,
    pub cpus: Vec<Cpu>,
    /// Installed memory in MiB, as the operating system sees it.
    pub memory_mb: Option<u64>,
    /// Physical (or virtual) disks.
    pub storages: Vec<Storage>,
    /// Mounted file systems (drive letters on Windows).
    pub drives: Vec<Drive>,
    /// One entry per interface, with all its addresses.
    pub networks: Vec<NetworkInterface>,
    pub software: Vec<Software>,
    /// The last user who logged on, where the agent could tell.
    pub last_logged_user: Option<String>,
    /// The agent's own name and version ("FusionInventory-Agent_v2.6-3").
    pub agent_version: Option<String>,
    /// The tag the agent was configured with, if any.
    pub tag: Option<String>,
}

/// The machine itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hardware {
    /// The host name.
    pub name: String,
    /// The Windows domain or workgroup, else the DNS domain.
    pub domain: Option<String>,
    /// The system UUID (SMBIOS), placeholders left out.
    pub uuid: Option<String>,
    /// The system serial number, placeholders left out.
    pub serial: Option<String>,
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    /// "Laptop", "Desktop", "Virtual Machine"...
    pub chassis_type: Option<String>,
    pub bios_version: Option<String>,
    /// The virtualisation the machine runs under (VMware, KVM, Docker...);
    /// `None` for a physical machine.
    pub virtual_machine: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatingSystem {
    /// "Debian GNU/Linux", "Microsoft Windows 11 Pro"...
    pub name: String,
    pub version: Option<String>,
    /// The name with its version, as the system words it.
    pub full_name: Option<String>,
    /// "x86_64", "64-bit"...
    pub arch: Option<String>,
    pub kernel_version: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cpu {
    pub name: String,
    pub manufacturer: Option<String>,
    pub cores: Option<u32>,
    pub threads: Option<u32>,
    pub speed_mhz: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Storage {
    /// The device name ("sda", "\\.\PHYSICALDRIVE0").
    pub name: String,
    pub model: Option<String>,
    pub manufacturer: Option<String>,
    pub serial: Option<String>,
    pub size_mb: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drive {
    /// Where it is mounted ("/", "C:").
    pub mount_point: String,
    pub filesystem: Option<String>,
    pub total_mb: Option<u64>,
    pub free_mb: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkInterface {
    /// The interface's name or description ("eth0", "Intel(R) Ethernet").
    pub name: String,
    /// Lower-case colon-separated MAC address; none for all zeros.
    pub mac: Option<String>,
    /// IPv4 and IPv6 addresses, in the order the agent gave them.
    pub addresses: Vec<String>,
    /// "Up" or "Down".
    pub status: Option<String>,
    /// A loopback, bridge or other interface with no hardware behind it.
    pub is_virtual: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Software {
    pub name: String,
    pub version: Option<String>,
    pub publisher: Option<String>,
}

/// Values firmware and agents put where an identifier is unknown.
const PLACEHOLDERS: &[&str] = &[
    "to be filled by o.e.m.",
    "to be filled by oem",
    "not specified",
    "not applicable",
    "not available",
    "none",
    "null",
    "n/a",
    "na",
    "unknown",
    "default string",
    "system serial number",
    "system product name",
    "system manufacturer",
    "chassis serial number",
    "base board serial number",
    "serial number",
    "0123456789",
    "123456789",
    "oem",
    "o.e.m.",
];

/// A serial number or UUID as reported, or `None` when it is empty or a
/// placeholder ("To Be Filled By O.E.M.", "Not Specified", "0", a UUID of
/// all zeros or all Fs...), so that two machines never look alike through
/// a value their firmware left unset.
pub fn real_identifier(raw: &str) -> Option<String> {
    let value = raw.trim();
    if value.is_empty() {
        return None;
    }
    let lower = value.to_ascii_lowercase();
    if PLACEHOLDERS.contains(&lower.as_str()) {
        return None;
    }
    let digits = || lower.chars().filter(|c| !matches!(c, '-' | ' ' | ':'));
    if digits().all(|c| c == '0') || digits().all(|c| c == 'f') || digits().all(|c| c == 'x') {
        return None;
    }
    Some(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_empty_values_are_no_identifier() {
        for raw in [
            "",
            "   ",
            "To Be Filled By O.E.M.",
            "Not Specified",
            "None",
            "0",
            "00000000-0000-0000-0000-000000000000",
            "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
            "System Serial Number",
            "Default string",
            "000000",
            "xxxxxxxx",
        ] {
            assert_eq!(real_identifier(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn real_identifiers_are_kept_trimmed() {
        assert_eq!(real_identifier(" 5CG1234XYZ "), Some("5CG1234XYZ".into()));
        assert_eq!(
            real_identifier("4C4C4544-0042-3510-8052-B7C04F4E3732"),
            Some("4C4C4544-0042-3510-8052-B7C04F4E3732".into())
        );
        assert_eq!(real_identifier("0F00"), Some("0F00".into()));
    }

    #[test]
    fn every_message_names_its_device() {
        let id = "pc-42-2026-01-01-00-00-00".to_string();
        let messages = [
            AgentMessage::Prolog {
                device_id: id.clone(),
            },
            AgentMessage::Inventory {
                device_id: id.clone(),
                report: AgentReport::default(),
            },
            AgentMessage::Other {
                device_id: id.clone(),
                query: "SNMPQUERY".into(),
            },
        ];
        for m in &messages {
            assert_eq!(m.device_id(), id);
        }
    }
}
