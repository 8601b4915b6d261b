//! Unpacking a request body: finding out from its first bytes whether it
//! is zlib, gzip or plain XML, and inflating it within a size limit.

use std::io::Read;

use super::AgentDecodeError;

/// How a body is packed, told from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Packing {
    Zlib,
    Gzip,
    Plain,
}

impl Packing {
    fn label(self) -> &'static str {
        match self {
            Packing::Zlib => "zlib",
            Packing::Gzip => "gzip",
            Packing::Plain => "plain",
        }
    }
}

/// Tells the packing from the first bytes: a zlib header (whose two bytes
/// are a multiple of 31 with the deflate method), the gzip magic, or text
/// that starts with `<` after an optional byte order mark and blanks.
pub(super) fn sniff(body: &[u8]) -> Option<Packing> {
    match body {
        [0x1f, 0x8b, 0x08, ..] => return Some(Packing::Gzip),
        [cmf, flg, ..]
            if cmf & 0x0f == 8
                && cmf >> 4 <= 7
                && (u16::from(*cmf) * 256 + u16::from(*flg)) % 31 == 0 =>
        {
            return Some(Packing::Zlib);
        }
        _ => {}
    }
    let text = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    (first == Some(&b'<')).then_some(Packing::Plain)
}

/// Whether the Content-Type declares a compressed body.
fn declares_compression(content_type: Option<&str>) -> bool {
    content_type
        .map(|ct| ct.trim().to_ascii_lowercase())
        .is_some_and(|ct| ct.starts_with("application/x-compress") || ct.contains("gzip"))
}

/// The body unpacked, at most `limit` bytes long.
pub(super) fn unpack(
    content_type: Option<&str>,
    body: &[u8],
    limit: usize,
) -> Result<Vec<u8>, AgentDecodeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(AgentDecodeError::Empty);
    }
    let Some(packing) = sniff(body) else {
        return Err(match content_type {
            Some(declared) if declares_compression(content_type) => {
                AgentDecodeError::NotCompressedAsDeclared {
                    declared: declared.trim().to_string(),
                }
            }
            _ => AgentDecodeError::UnknownPacking,
        });
    };
    match packing {
        Packing::Plain if body.len() > limit => Err(AgentDecodeError::TooLarge { limit }),
        Packing::Plain => Ok(body.to_vec()),
        Packing::Zlib => inflate(flate2::read::ZlibDecoder::new(body), packing, limit),
        Packing::Gzip => inflate(flate2::read::MultiGzDecoder::new(body), packing, limit),
    }
}

/// Reads a decoder to its end, refusing more than `limit` bytes: a small
/// body that inflates to gigabytes stops at the limit.
fn inflate(
    decoder: impl Read,
    packing: Packing,
    limit: usize,
) -> Result<Vec<u8>, AgentDecodeError> {
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut out = Vec::new();
    decoder
        .take(cap)
        .read_to_end(&mut out)
        .map_err(|e| AgentDecodeError::Corrupt {
            packing: packing.label(),
            reason: e.to_string(),
        })?;
    if out.len() > limit {
        return Err(AgentDecodeError::TooLarge { limit });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use std::io::Write;

    pub(crate) fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn the_bytes_tell_the_packing_whatever_the_header_says() {
        let xml = b"<REQUEST/>";
        for ct in [
            None,
            Some("application/xml"),
            Some("application/x-compress-zlib"),
        ] {
            assert_eq!(unpack(ct, &zlib(xml), 1024).unwrap(), xml);
            assert_eq!(unpack(ct, &gzip(xml), 1024).unwrap(), xml);
            assert_eq!(unpack(ct, xml, 1024).unwrap(), xml);
        }
        assert_eq!(sniff(b"\xef\xbb\xbf\n <?xml?>"), Some(Packing::Plain));
    }

    #[test]
    fn bodies_that_are_neither_say_so() {
        assert_eq!(
            unpack(Some("application/x-compress"), b"hello", 1024),
            Err(AgentDecodeError::NotCompressedAsDeclared {
                declared: "application/x-compress".into()
            })
        );
        assert_eq!(
            unpack(None, b"hello", 1024),
            Err(AgentDecodeError::UnknownPacking)
        );
        assert_eq!(unpack(None, b" \n", 1024), Err(AgentDecodeError::Empty));
        let mut cut = zlib(&[b'a'; 500]);
        cut.truncate(cut.len() / 2);
        assert!(matches!(
            unpack(None, &cut, 1024),
            Err(AgentDecodeError::Corrupt {
                packing: "zlib",
                ..
            })
        ));
    }

    #[test]
    fn inflating_stops_at_the_limit() {
        let bomb = zlib(&vec![b' '; 64 * 1024]);
        assert!(bomb.len() < 1024);
        assert_eq!(
            unpack(None, &bomb, 4096),
            Err(AgentDecodeError::TooLarge { limit: 4096 })
        );
        assert_eq!(unpack(None, &bomb, 64 * 1024).unwrap().len(), 64 * 1024);
        assert_eq!(
            unpack(None, &[b'<'; 10], 9),
            Err(AgentDecodeError::TooLarge { limit: 9 })
        );
    }
}
