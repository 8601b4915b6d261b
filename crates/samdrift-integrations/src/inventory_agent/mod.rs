//! The inventory protocol of the FusionInventory / GLPI agent family (the
//! OCS Inventory protocol), as a pure codec: [`decode_request`] reads what
//! an agent posts, [`encode_reply`] writes samdrift's answer. No I/O: the
//! HTTP route, the credentials check and storing the report live elsewhere.
//!
//! # The protocol as the server sees it
//!
//! Observed with Debian bookworm's `fusioninventory-agent` 2.6-3 (run by
//! `tests/inventory/run-agent.sh`) and confirmed in its sources
//! (`Agent.pm`, `HTTP/Client.pm`, `HTTP/Client/OCS.pm`, `Task/Inventory.pm`,
//! `Target/Server.pm`):
//!
//! - **One endpoint, POST only.** Everything is a `POST` to the configured
//!   server URL exactly (a URL without a path gets `/ocsinventory`), no
//!   query string. The inventory task alone never calls `GET
//!   ?action=getConfig` or any JSON endpoint; only the deploy, collect and
//!   ESX tasks (separate Debian packages) would.
//! - **A run is two exchanges.** First `<QUERY>PROLOG</QUERY>` (with
//!   `DEVICEID` and a constant `TOKEN`), then, when the reply says so, one
//!   `<QUERY>INVENTORY</QUERY>` whose `<CONTENT>` is the full inventory
//!   (about 200 KB of XML, 16 KB compressed, for a Debian machine with 750
//!   packages; every run sends everything). A run takes about a second.
//! - **Device id.** `DEVICEID` is `hostname-YYYY-MM-DD-hh-mm-ss` of the
//!   agent's first run, kept in its state directory: the same on every
//!   later run of that machine, new if the state is lost.
//! - **Compression.** Bodies are zlib (`Compress::Zlib::compress`) with
//!   `Content-Type: application/x-compress-zlib`; gzip
//!   (`application/x-compress-gzip`) when zlib is missing, plain XML
//!   (`application/xml`) with `--no-compression`. The agent reads a reply
//!   by its bytes, not its Content-Type: zlib (`78 9C`), gzip or plain XML
//!   all work. An empty reply body counts as a failure.
//! - **Replies.** To the prolog: `<REPLY><RESPONSE>SEND</RESPONSE>
//!   <PROLOG_FREQ>24</PROLOG_FREQ></REPLY>`; without `RESPONSE` = `SEND`
//!   the agent skips its inventory (unless run with `--force`), and
//!   `PROLOG_FREQ` (hours) sets when it asks again. To the inventory any
//!   XML reply is accepted; `<REPLY></REPLY>` is enough. Any non-2xx
//!   status is logged as an error and the agent tries again later.
//! - **Authentication.** HTTP Basic, never sent up front: every request
//!   goes out without `Authorization`; on a 401 with `WWW-Authenticate:
//!   Basic realm="..."` the agent sends it again, and it reaches the
//!   server a third time with the credentials. Each request is so posted
//!   three times, body and all (the inventory's client is new, so its
//!   credentials are not remembered from the prolog).
//! - **Headers.** `User-Agent: FusionInventory-Agent_v2.6-3`,
//!   `Pragma: no-cache`.
//! - **Secrets.** The agent copies its own command line into the
//!   inventory (`VERSIONPROVIDER/PERL_ARGS`), with `--password=...` when
//!   given there; [`decode_request`] does not keep that section.

mod compression;
mod report;
mod tree;

use std::io::Write;

use samdrift_domain::inventory::agent::{AgentMessage, AgentQuery, AgentReply};

/// The Content-Type of [`encode_reply`]'s bodies.
pub const REPLY_CONTENT_TYPE: &str = "application/x-compress";

/// The most a request may weigh once decompressed (32 MiB); an inventory
/// is a few hundred kilobytes.
pub const MAX_REQUEST_BYTES: usize = 32 * 1024 * 1024;

/// Why a request could not be read, worded for the person looking at the
/// log of a refused agent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgentDecodeError {
    #[error("the request has no body")]
    Empty,
    #[error("the request is larger than {limit} bytes once decompressed")]
    TooLarge { limit: usize },
    #[error("the request is declared as {declared} but is neither zlib, gzip nor XML")]
    NotCompressedAsDeclared { declared: String },
    #[error("the request is neither zlib, gzip nor XML")]
    UnknownPacking,
    #[error("the request's {packing} data is damaged: {reason}")]
    Corrupt {
        packing: &'static str,
        reason: String,
    },
    #[error("the request is not well-formed XML: {0}")]
    Xml(String),
    #[error("the request nests elements more than {0} deep")]
    TooDeep(usize),
    #[error("the request's root element is <{0}>, not <REQUEST>")]
    NotARequest(String),
    #[error("the request has no DEVICEID")]
    MissingDeviceId,
    #[error("the request has no QUERY")]
    MissingQuery,
    #[error("the inventory has no CONTENT")]
    MissingContent,
}

/// Reads an agent's request body. The Content-Type only words the error
/// when the body is neither zlib, gzip nor XML: the bytes decide. Element
/// names and the query are read in any case and order; unknown elements
/// are passed over; XML that is not well-formed is an error.
pub fn decode_request(
    content_type: Option<&str>,
    body: &[u8],
) -> Result<AgentMessage, AgentDecodeError> {
    decode_with_limit(content_type, body, MAX_REQUEST_BYTES)
}

fn decode_with_limit(
    content_type: Option<&str>,
    body: &[u8],
    limit: usize,
) -> Result<AgentMessage, AgentDecodeError> {
    let bytes = compression::unpack(content_type, body, limit)?;
    let root = tree::parse(&tree::body_text(&bytes))?;
    if root.name != "REQUEST" {
        return Err(AgentDecodeError::NotARequest(root.name));
    }
    let device_id = root
        .text_of("DEVICEID")
        .ok_or(AgentDecodeError::MissingDeviceId)?
        .to_string();
    let query = root
        .text_of("QUERY")
        .ok_or(AgentDecodeError::MissingQuery)?
        .to_ascii_uppercase();
    match query.as_str() {
        "PROLOG" => Ok(AgentMessage::Prolog { device_id }),
        "INVENTORY" => {
            let content = root
                .child("CONTENT")
                .ok_or(AgentDecodeError::MissingContent)?;
            Ok(AgentMessage::Inventory {
                device_id,
                report: report::report(content),
            })
        }
        _ => Ok(AgentMessage::Other { device_id, query }),
    }
}

/// What a request asks, without reading the whole document: the body is
/// unpacked (within the same bound) and the text of its `QUERY` element
/// taken (the agent writes it last, after an inventory's content). The
/// full request is read by [`decode_request`] when it is applied.
pub fn request_query(
    content_type: Option<&str>,
    body: &[u8],
) -> Result<AgentQuery, AgentDecodeError> {
    let bytes = compression::unpack(content_type, body, MAX_REQUEST_BYTES)?;
    // Element names are read in any case, as by `decode_request`.
    let text = tree::body_text(&bytes).to_ascii_uppercase();
    let start = text
        .rfind("<QUERY>")
        .ok_or(AgentDecodeError::MissingQuery)?
        + "<QUERY>".len();
    let end = text[start..]
        .find("</QUERY>")
        .ok_or(AgentDecodeError::MissingQuery)?
        + start;
    let query = text[start..end].trim().to_owned();
    Ok(match query.as_str() {
        "PROLOG" => AgentQuery::Prolog,
        "INVENTORY" => AgentQuery::Inventory,
        _ => AgentQuery::Other(query),
    })
}

/// The reply's XML, before compression.
fn reply_xml(reply: &AgentReply) -> String {
    let mut xml = String::from(r#"<?xml version="1.0" encoding="UTF-8"?><REPLY>"#);
    if let AgentReply::Prolog {
        send_inventory,
        prolog_freq_hours,
    } = reply
    {
        if *send_inventory {
            xml.push_str("<RESPONSE>SEND</RESPONSE>");
        }
        xml.push_str(&format!("<PROLOG_FREQ>{prolog_freq_hours}</PROLOG_FREQ>"));
    }
    xml.push_str("</REPLY>");
    xml
}

/// The body to answer a request with: zlib-compressed XML, sent with
/// [`REPLY_CONTENT_TYPE`].
pub fn encode_reply(reply: &AgentReply) -> Vec<u8> {
    let xml = reply_xml(reply);
    let mut encoder =
        flate2::write::ZlibEncoder::new(Vec::with_capacity(128), flate2::Compression::default());
    // Writing to a Vec cannot fail; should it, the plain XML is still a
    // reply the agents read.
    match encoder
        .write_all(xml.as_bytes())
        .and_then(|()| encoder.finish())
    {
        Ok(body) => body,
        Err(_) => xml.into_bytes(),
    }
}

/// The protocol as the app's port: what the binary hands to
/// `App::with_agent_protocol`.
pub struct FusionInventory;

impl samdrift_app::inventory::agents::AgentProtocol for FusionInventory {
    fn query(&self, content_type: Option<&str>, body: &[u8]) -> Result<AgentQuery, String> {
        request_query(content_type, body).map_err(|e| e.to_string())
    }

    fn decode(&self, content_type: Option<&str>, body: &[u8]) -> Result<AgentMessage, String> {
        decode_request(content_type, body).map_err(|e| e.to_string())
    }

    fn encode(&self, reply: &AgentReply) -> Vec<u8> {
        encode_reply(reply)
    }

    fn reply_content_type(&self) -> &'static str {
        REPLY_CONTENT_TYPE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Read;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn inflate(body: &[u8]) -> String {
        let mut out = String::new();
        flate2::read::ZlibDecoder::new(body)
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn replies_are_the_xml_the_agent_expects() {
        let prolog = encode_reply(&AgentReply::Prolog {
            send_inventory: true,
            prolog_freq_hours: 24,
        });
        assert_eq!(&prolog[..2], b"\x78\x9c");
        assert_eq!(
            inflate(&prolog),
            r#"<?xml version="1.0" encoding="UTF-8"?><REPLY><RESPONSE>SEND</RESPONSE><PROLOG_FREQ>24</PROLOG_FREQ></REPLY>"#
        );
        let wait = encode_reply(&AgentReply::Prolog {
            send_inventory: false,
            prolog_freq_hours: 6,
        });
        assert_eq!(
            inflate(&wait),
            r#"<?xml version="1.0" encoding="UTF-8"?><REPLY><PROLOG_FREQ>6</PROLOG_FREQ></REPLY>"#
        );
        assert_eq!(
            inflate(&encode_reply(&AgentReply::Ack)),
            r#"<?xml version="1.0" encoding="UTF-8"?><REPLY></REPLY>"#
        );
    }

    #[test]
    fn the_query_is_read_without_the_whole_request() {
        let inventory = zlib(b"<REQUEST><CONTENT><SOFTWARES><NAME>x</NAME></SOFTWARES></CONTENT><DEVICEID>pc</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>");
        assert_eq!(request_query(None, &inventory), Ok(AgentQuery::Inventory));
        let prolog = zlib(b"<request><deviceid>pc</deviceid><query> prolog </query></request>");
        assert_eq!(request_query(None, &prolog), Ok(AgentQuery::Prolog));
        let other = zlib(b"<REQUEST><QUERY>SNMPQUERY</QUERY></REQUEST>");
        assert_eq!(
            request_query(None, &other),
            Ok(AgentQuery::Other("SNMPQUERY".into()))
        );
        assert!(request_query(None, &zlib(b"<REQUEST><QUERY>INVENTORY")).is_err());
        assert!(request_query(None, b"\x78\x9c garbage").is_err());
    }

    #[test]
    fn queries_are_read_in_any_case() {
        let body = zlib(b"<request><query>prolog</query><deviceid> pc-1 </deviceid></request>");
        assert_eq!(
            decode_request(Some("application/x-compress"), &body),
            Ok(AgentMessage::Prolog {
                device_id: "pc-1".into()
            })
        );
        let other = b"<REQUEST><DEVICEID>pc-1</DEVICEID><QUERY>SnmpQuery</QUERY></REQUEST>";
        assert_eq!(
            decode_request(Some("application/xml"), other),
            Ok(AgentMessage::Other {
                device_id: "pc-1".into(),
                query: "SNMPQUERY".into()
            })
        );
    }

    #[test]
    fn requests_missing_their_parts_say_which() {
        let cases: [(&[u8], AgentDecodeError); 4] = [
            (b"<REPLY/>", AgentDecodeError::NotARequest("REPLY".into())),
            (
                b"<REQUEST><QUERY>PROLOG</QUERY></REQUEST>",
                AgentDecodeError::MissingDeviceId,
            ),
            (
                b"<REQUEST><DEVICEID>x</DEVICEID></REQUEST>",
                AgentDecodeError::MissingQuery,
            ),
            (
                b"<REQUEST><DEVICEID>x</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>",
                AgentDecodeError::MissingContent,
            ),
        ];
        for (body, error) in cases {
            assert_eq!(decode_request(None, body), Err(error));
        }
        assert!(matches!(
            decode_request(None, b"<REQUEST><DEVICEID>x</DEVICEID>"),
            Err(AgentDecodeError::Xml(_))
        ));
    }

    #[test]
    fn a_compression_bomb_is_refused() {
        let mut xml = b"<REQUEST><DEVICEID>x</DEVICEID><QUERY>PROLOG</QUERY><PAD>".to_vec();
        xml.resize(MAX_REQUEST_BYTES + 1024, b'a');
        xml.extend_from_slice(b"</PAD></REQUEST>");
        let bomb = zlib(&xml);
        assert!(bomb.len() < MAX_REQUEST_BYTES / 100);
        assert_eq!(
            decode_request(Some("application/x-compress-zlib"), &bomb),
            Err(AgentDecodeError::TooLarge {
                limit: MAX_REQUEST_BYTES
            })
        );
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(
            body in prop::collection::vec(any::<u8>(), 0..512),
            ct in prop::option::of("[a-z/-]{0,30}"),
        ) {
            let _ = decode_with_limit(ct.as_deref(), &body, 4096);
            let _ = decode_with_limit(ct.as_deref(), &zlib(&body), 4096);
        }

        #[test]
        fn arbitrary_text_in_xml_never_panics(text in "[<>&;/a-zA-Z0-9 \\[\\]!-]{0,200}") {
            let xml = format!("<REQUEST><DEVICEID>x</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT>{text}</CONTENT></REQUEST>");
            let _ = decode_request(None, xml.as_bytes());
        }

        #[test]
        fn compressed_requests_round_trip(
            device_id in "[A-Za-z0-9][A-Za-z0-9._-]{0,40}",
            host in "[a-z][a-z0-9-]{0,20}",
            software in prop::collection::vec(("[A-Za-z][A-Za-z0-9 .&<>+]{0,30}", "[0-9][0-9.:~+-]{0,12}"), 0..20),
        ) {
            let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            let mut xml = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<REQUEST><CONTENT><HARDWARE><NAME>{host}</NAME></HARDWARE>"
            );
            for (name, version) in &software {
                xml.push_str(&format!("<SOFTWARES><NAME>{}</NAME><VERSION>{version}</VERSION></SOFTWARES>", escape(name)));
            }
            xml.push_str(&format!("</CONTENT><DEVICEID>{device_id}</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>"));
            let decoded = decode_request(Some("application/x-compress-zlib"), &zlib(xml.as_bytes()));
            let Ok(AgentMessage::Inventory { device_id: got, report }) = decoded else {
                return Err(TestCaseError::fail(format!("{decoded:?}")));
            };
            prop_assert_eq!(got, device_id);
            prop_assert_eq!(&report.hardware.name, &host);
            let names: Vec<_> = report.software.iter().map(|s| s.name.clone()).collect();
            let expected: Vec<_> = software.iter().map(|(n, _)| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
            prop_assert_eq!(names, expected);
        }
    }
}
