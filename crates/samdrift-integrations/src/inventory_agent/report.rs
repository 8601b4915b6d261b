//! Picking what a service desk keeps out of an inventory's `<CONTENT>`:
//! the machine, its system, processors, memory, disks, addresses and
//! software. Unknown sections and fields are passed over.

use samdrift_domain::inventory::agent::{
    AgentReport, Cpu, Drive, Hardware, NetworkInterface, OperatingSystem, Software, Storage,
    real_identifier,
};

use super::tree::Element;

/// The report read from a `<CONTENT>` element.
pub(super) fn report(content: &Element) -> AgentReport {
    let hardware_section = content.child("HARDWARE");
    let os = operating_system(content);
    AgentReport {
        hardware: hardware(content),
        cpus: content.all("CPUS").filter_map(cpu).collect(),
        memory_mb: hardware_section.and_then(|h| number(h.text_of("MEMORY"))),
        storages: content.all("STORAGES").filter_map(storage).collect(),
        drives: content.all("DRIVES").filter_map(drive).collect(),
        networks: networks(content),
        software: content.all("SOFTWARES").filter_map(software).collect(),
        last_logged_user: hardware_section.and_then(|h| text(h, "LASTLOGGEDUSER")),
        agent_version: text(content, "VERSIONCLIENT"),
        tag: tag(content),
        os,
    }
}

/// Trimmed text of a child, `None` when empty.
fn text(parent: &Element, name: &str) -> Option<String> {
    parent.text_of(name).map(str::to_string)
}

/// Like [`text`], leaving placeholders out ("To Be Filled By O.E.M.").
fn known(parent: Option<&Element>, name: &str) -> Option<String> {
    parent
        .and_then(|p| p.text_of(name))
        .and_then(real_identifier)
}

/// A whole number of units; fractions are cut, anything else is `None`.
fn number(raw: Option<&str>) -> Option<u64> {
    let raw = raw?.trim();
    let whole = raw.split_once('.').map_or(raw, |(whole, _)| whole);
    whole.parse().ok()
}

fn small_number(raw: Option<&str>) -> Option<u32> {
    number(raw).and_then(|n| u32::try_from(n).ok())
}

fn hardware(content: &Element) -> Hardware {
    let hw = content.child("HARDWARE");
    let bios = content.child("BIOS");
    let dns_domain = content
        .child("OPERATINGSYSTEM")
        .and_then(|o| text(o, "DNS_DOMAIN"));
    let virtual_machine = hw
        .and_then(|h| text(h, "VMSYSTEM"))
        .filter(|v| !v.eq_ignore_ascii_case("physical"));
    let name = hw
        .and_then(|h| text(h, "NAME"))
        .or_else(|| {
            content
                .child("OPERATINGSYSTEM")
                .and_then(|o| text(o, "FQDN"))
        })
        .unwrap_or_default();
    Hardware {
        name,
        domain: hw.and_then(|h| text(h, "WORKGROUP")).or(dns_domain),
        uuid: known(hw, "UUID").or_else(|| known(bios, "UUID")),
        serial: known(bios, "SSN"),
        manufacturer: known(bios, "SMANUFACTURER").or_else(|| known(bios, "MMANUFACTURER")),
        model: known(bios, "SMODEL").or_else(|| known(bios, "MMODEL")),
        chassis_type: known(hw, "CHASSIS_TYPE").or_else(|| known(bios, "TYPE")),
        bios_version: known(bios, "BVERSION"),
        virtual_machine,
    }
}

/// The system from `<OPERATINGSYSTEM>`, else from the older fields of
/// `<HARDWARE>` (OSNAME, OSVERSION).
fn operating_system(content: &Element) -> Option<OperatingSystem> {
    let hw = content.child("HARDWARE");
    if let Some(os) = content.child("OPERATINGSYSTEM") {
        let full_name = text(os, "FULL_NAME").or_else(|| hw.and_then(|h| text(h, "OSNAME")));
        let name = text(os, "NAME").or_else(|| full_name.clone())?;
        return Some(OperatingSystem {
            name,
            version: text(os, "VERSION"),
            full_name,
            arch: text(os, "ARCH"),
            kernel_version: text(os, "KERNEL_VERSION"),
        });
    }
    let hw = hw?;
    let name = text(hw, "OSNAME")?;
    Some(OperatingSystem {
        full_name: Some(name.clone()),
        name,
        version: text(hw, "OSVERSION"),
        arch: text(hw, "ARCH"),
        kernel_version: None,
    })
}

fn cpu(section: &Element) -> Option<Cpu> {
    Some(Cpu {
        name: text(section, "NAME")?,
        manufacturer: text(section, "MANUFACTURER"),
        cores: small_number(section.text_of("CORE")),
        threads: small_number(section.text_of("THREAD")),
        speed_mhz: small_number(section.text_of("SPEED")),
    })
}

fn storage(section: &Element) -> Option<Storage> {
    let name = text(section, "NAME").or_else(|| text(section, "DESCRIPTION"))?;
    Some(Storage {
        name,
        model: known(Some(section), "MODEL"),
        manufacturer: known(Some(section), "MANUFACTURER"),
        serial: known(Some(section), "SERIALNUMBER"),
        size_mb: number(section.text_of("DISKSIZE")),
    })
}

/// A file system: mounted at its drive letter on Windows, at TYPE
/// (the mount point) elsewhere.
fn drive(section: &Element) -> Option<Drive> {
    let mount_point = text(section, "LETTER")
        .or_else(|| text(section, "TYPE"))
        .or_else(|| text(section, "VOLUMN"))?;
    Some(Drive {
        mount_point,
        filesystem: text(section, "FILESYSTEM"),
        total_mb: number(section.text_of("TOTAL")),
        free_mb: number(section.text_of("FREE")),
    })
}

/// A MAC address in lower case with colons, `None` for all zeros.
fn mac(raw: Option<&str>) -> Option<String> {
    let mac = raw?.trim().replace('-', ":").to_ascii_lowercase();
    if mac.is_empty() || mac.chars().all(|c| c == '0' || c == ':') {
        return None;
    }
    Some(mac)
}

/// The interfaces; the agents send one `<NETWORKS>` per address, which are
/// gathered on one interface by name and MAC address.
fn networks(content: &Element) -> Vec<NetworkInterface> {
    let mut out: Vec<NetworkInterface> = Vec::new();
    for section in content.all("NETWORKS") {
        let Some(name) = text(section, "DESCRIPTION").or_else(|| text(section, "NAME")) else {
            continue;
        };
        let mac = mac(section.text_of("MACADDR"));
        let index = match out.iter().position(|n| n.name == name && n.mac == mac) {
            Some(index) => index,
            None => {
                out.push(NetworkInterface {
                    name,
                    mac,
                    addresses: Vec::new(),
                    status: text(section, "STATUS"),
                    is_virtual: section.text_of("VIRTUALDEV") == Some("1")
                        || section.text_of("TYPE") == Some("loopback"),
                });
                out.len() - 1
            }
        };
        let Some(interface) = out.get_mut(index) else {
            continue;
        };
        for field in ["IPADDRESS", "IPADDRESS6"] {
            for address in section.all(field).filter(|a| !a.text.is_empty()) {
                if !interface.addresses.contains(&address.text) {
                    interface.addresses.push(address.text.clone());
                }
            }
        }
    }
    out
}

fn software(section: &Element) -> Option<Software> {
    Some(Software {
        name: text(section, "NAME")?,
        version: text(section, "VERSION"),
        publisher: text(section, "PUBLISHER"),
    })
}

/// The agent's tag, sent as the ACCOUNTINFO entry named TAG.
fn tag(content: &Element) -> Option<String> {
    content
        .all("ACCOUNTINFO")
        .find(|a| {
            a.text_of("KEYNAME")
                .is_some_and(|k| k.eq_ignore_ascii_case("TAG"))
        })
        .and_then(|a| text(a, "KEYVALUE"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory_agent::tree::parse;

    fn read(content: &str) -> AgentReport {
        report(&parse(content).unwrap())
    }

    #[test]
    fn a_windows_style_inventory_reads() {
        let r = read(
            "<CONTENT>
              <HARDWARE><NAME>KLK-PC042</NAME><WORKGROUP>kommun.local</WORKGROUP>
                <UUID>00000000-0000-0000-0000-000000000000</UUID><MEMORY>16234</MEMORY>
                <VMSYSTEM>Physical</VMSYSTEM><CHASSIS_TYPE>Laptop</CHASSIS_TYPE></HARDWARE>
              <BIOS><SSN>To Be Filled By O.E.M.</SSN><SMANUFACTURER>LENOVO</SMANUFACTURER>
                <SMODEL>20XW</SMODEL><BVERSION>N32ET</BVERSION></BIOS>
              <OPERATINGSYSTEM><NAME>Windows</NAME><FULL_NAME>Microsoft Windows 11 Pro</FULL_NAME>
                <VERSION>23H2</VERSION><ARCH>64-bit</ARCH></OPERATINGSYSTEM>
              <DRIVES><LETTER>C:</LETTER><FILESYSTEM>NTFS</FILESYSTEM><TOTAL>486000</TOTAL><FREE>12.5</FREE></DRIVES>
              <NETWORKS><DESCRIPTION>Wi-Fi</DESCRIPTION><MACADDR>AA-BB-CC-00-11-22</MACADDR>
                <IPADDRESS>10.1.2.3</IPADDRESS><VIRTUALDEV>0</VIRTUALDEV></NETWORKS>
              <SOFTWARES><NAME>LibreOffice</NAME><VERSION>7.6</VERSION><PUBLISHER>TDF</PUBLISHER></SOFTWARES>
              <SOFTWARES><VERSION>nameless</VERSION></SOFTWARES>
              <ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>klippan</KEYVALUE></ACCOUNTINFO>
              <SOMETHINGNEW><X>1</X></SOMETHINGNEW>
            </CONTENT>",
        );
        assert_eq!(r.hardware.name, "KLK-PC042");
        assert_eq!(r.hardware.domain.as_deref(), Some("kommun.local"));
        assert_eq!(r.hardware.uuid, None);
        assert_eq!(r.hardware.serial, None);
        assert_eq!(r.hardware.manufacturer.as_deref(), Some("LENOVO"));
        assert_eq!(r.hardware.virtual_machine, None);
        assert_eq!(r.memory_mb, Some(16234));
        let os = r.os.unwrap();
        assert_eq!(os.full_name.as_deref(), Some("Microsoft Windows 11 Pro"));
        assert_eq!(r.drives[0].mount_point, "C:");
        assert_eq!(r.drives[0].free_mb, Some(12));
        assert_eq!(r.networks[0].mac.as_deref(), Some("aa:bb:cc:00:11:22"));
        assert_eq!(r.software.len(), 1);
        assert_eq!(r.tag.as_deref(), Some("klippan"));
    }

    #[test]
    fn addresses_of_one_interface_are_gathered() {
        let r = read(
            "<CONTENT>
              <NETWORKS><DESCRIPTION>eth0</DESCRIPTION><MACADDR>02:fc:00:00:00:01</MACADDR><IPADDRESS>192.0.2.2</IPADDRESS></NETWORKS>
              <NETWORKS><DESCRIPTION>eth0</DESCRIPTION><MACADDR>02:FC:00:00:00:01</MACADDR><IPADDRESS6>fd00::2</IPADDRESS6></NETWORKS>
              <NETWORKS><DESCRIPTION>lo</DESCRIPTION><MACADDR>00:00:00:00:00:00</MACADDR><TYPE>loopback</TYPE></NETWORKS>
            </CONTENT>",
        );
        assert_eq!(r.networks.len(), 2);
        assert_eq!(r.networks[0].addresses, ["192.0.2.2", "fd00::2"]);
        assert_eq!(r.networks[1].mac, None);
        assert!(r.networks[1].is_virtual);
    }

    #[test]
    fn the_older_hardware_fields_give_the_system() {
        let r = read(
            "<CONTENT><HARDWARE><OSNAME>Ubuntu 22.04</OSNAME><OSVERSION>5.15</OSVERSION></HARDWARE></CONTENT>",
        );
        let os = r.os.unwrap();
        assert_eq!(os.name, "Ubuntu 22.04");
        assert_eq!(os.version.as_deref(), Some("5.15"));
        assert_eq!(number(Some("-1")), None);
    }
}
