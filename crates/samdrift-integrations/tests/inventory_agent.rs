//! The requests Debian's fusioninventory-agent 2.6-3 really sent
//! (captured by running it through `tests/inventory/run-agent.sh`, stored
//! decompressed under `fixtures/agent/`) read back as samdrift expects,
//! zlib-compressed as the agent sends them and as plain XML.

#![cfg(test)]

/// Named after the module so `cargo test inventory_agent` runs these too.
mod inventory_agent {
    use std::io::Write;

    use samdrift_domain::inventory::agent::{AgentMessage, AgentReport};
    use samdrift_integrations::inventory_agent::decode_request;

    const PROLOG: &[u8] = include_bytes!("fixtures/agent/prolog.xml");
    const PROLOG_SECOND_RUN: &[u8] = include_bytes!("fixtures/agent/prolog-second-run.xml");
    const INVENTORY: &[u8] = include_bytes!("fixtures/agent/inventory.xml");
    const DEVICE_ID: &str = "vm-2026-12-03-13-07-08";

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// Decodes a fixture compressed as the agent sends it, and checks the
    /// plain XML reads the same.
    fn decode(fixture: &[u8]) -> AgentMessage {
        let compressed =
            decode_request(Some("application/x-compress-zlib"), &zlib(fixture)).unwrap();
        let plain = decode_request(Some("application/xml"), fixture).unwrap();
        assert_eq!(compressed, plain);
        compressed
    }

    fn inventory() -> AgentReport {
        match decode(INVENTORY) {
            AgentMessage::Inventory { device_id, report } => {
                assert_eq!(device_id, DEVICE_ID);
                report
            }
            other => panic!("not an inventory: {other:?}"),
        }
    }

    #[test]
    fn the_prologs_of_two_runs_name_the_same_device() {
        for fixture in [PROLOG, PROLOG_SECOND_RUN] {
            assert_eq!(
                decode(fixture),
                AgentMessage::Prolog {
                    device_id: DEVICE_ID.into()
                }
            );
        }
    }

    #[test]
    fn the_inventory_names_the_machine_and_its_system() {
        let r = inventory();
        assert_eq!(r.hardware.name, "vm");
        // A container: no firmware serial or UUID to report.
        assert_eq!(r.hardware.serial, None);
        assert_eq!(r.hardware.uuid, None);
        assert_eq!(r.hardware.virtual_machine.as_deref(), Some("Docker"));
        let os = r.os.as_ref().unwrap();
        assert_eq!(os.name, "Debian GNU/Linux");
        assert_eq!(os.version.as_deref(), Some("12.11"));
        assert_eq!(
            os.full_name.as_deref(),
            Some("Debian GNU/Linux 12 (bookworm)")
        );
        assert_eq!(os.arch.as_deref(), Some("x86_64"));
        assert_eq!(r.memory_mb, Some(24105));
        assert_eq!(
            r.agent_version.as_deref(),
            Some("FusionInventory-Agent_v2.6-3")
        );
    }

    #[test]
    fn the_inventory_lists_processors_disks_and_addresses() {
        let r = inventory();
        assert_eq!(r.cpus.len(), 1);
        assert_eq!(r.cpus[0].name, "Intel(R) Xeon(R) Processor");
        assert_eq!(r.cpus[0].cores, Some(2));
        assert_eq!(r.storages[0].name, "vda");
        assert!(r.storages[0].size_mb.is_some_and(|mb| mb > 0));
        let root = r.drives.iter().find(|d| d.mount_point == "/").unwrap();
        assert_eq!(root.filesystem.as_deref(), Some("ext4"));
        let eth0 = r.networks.iter().find(|n| n.name == "eth0").unwrap();
        assert_eq!(eth0.mac.as_deref(), Some("02:fc:00:00:00:01"));
        assert!(eth0.addresses.iter().any(|a| a == "192.0.2.2"));
        assert!(eth0.addresses.iter().any(|a| a == "fd00::2"));
        assert!(!eth0.is_virtual);
        let lo = r.networks.iter().find(|n| n.name == "lo").unwrap();
        assert!(lo.is_virtual);
        assert_eq!(lo.mac, None);
    }

    #[test]
    fn the_inventory_lists_the_installed_packages() {
        let r = inventory();
        assert!(r.software.len() >= 500, "{} packages", r.software.len());
        let agent = r
            .software
            .iter()
            .find(|s| s.name == "fusioninventory-agent")
            .unwrap();
        assert_eq!(agent.version.as_deref(), Some("1:2.6-3"));
        assert!(agent.publisher.is_some());
    }
}
