//! A watched directory of people deliveries: a member's HR or school
//! system drops files named `{member}-{hr|school}[-full][-anything].csv`
//! (or `.json`/`.jsonl`), and the server picks each up on its sweep. A
//! file is claimed by renaming it into `processing/` (one node wins), then
//! applied, or left waiting for an administrator when it would end too
//! many people, and moved to `done/`; a refused file goes to `failed/`
//! with `NAME.errors.txt` beside it, one error a line.

use samdrift_app::App;
use samdrift_app::identity::delivery_file::DeliveryFormat;
use samdrift_domain::identity::source::SourceKind;
use samdrift_domain::ids::MemberId;
use std::path::{Path, PathBuf};

/// What a file's name says: member code, source and whether it is full.
pub fn parse_name(name: &str) -> Option<(String, SourceKind, bool, DeliveryFormat)> {
    let (stem, ext) = name.rsplit_once('.')?;
    let format = match ext.to_ascii_lowercase().as_str() {
        "csv" => DeliveryFormat::Csv,
        "json" | "jsonl" => DeliveryFormat::JsonLines,
        _ => return None,
    };
    let mut parts = stem.split('-');
    let code = parts.next()?.to_ascii_uppercase();
    let source = parts.next()?.parse::<SourceKind>().ok()?;
    let full = parts.next() == Some("full");
    Some((code, source, full, format))
}

/// Processes every file waiting in `dir`; returns how many were taken.
pub async fn sweep(app: &App, dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        tracing::warn!(dir = %dir.display(), "the people delivery directory cannot be read");
        return 0;
    };
    let mut taken = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        if !path.is_file() || name.starts_with('.') {
            continue;
        }
        let claimed = move_into(dir, "processing", &path, &name);
        let Some(claimed) = claimed else { continue };
        taken += 1;
        match deliver(app, &claimed, &name).await {
            Ok(state) => {
                tracing::info!(file = %name, state, "people delivery taken from the directory");
                move_into(dir, "done", &claimed, &name);
            }
            Err(reason) => {
                tracing::warn!(file = %name, "people delivery refused");
                if let Some(failed) = move_into(dir, "failed", &claimed, &name) {
                    let _ =
                        std::fs::write(failed.with_file_name(format!("{name}.errors.txt")), reason);
                }
            }
        }
    }
    taken
}

/// Renames `path` into `dir/sub/name`; none if another node took it first.
fn move_into(dir: &Path, sub: &str, path: &Path, name: &str) -> Option<PathBuf> {
    let target = dir.join(sub);
    std::fs::create_dir_all(&target).ok()?;
    let to = target.join(name);
    std::fs::rename(path, &to).ok().map(|_| to)
}

/// Receives and (unless it must wait) applies one file; the refusal as
/// text, one error a line.
async fn deliver(app: &App, path: &Path, name: &str) -> Result<&'static str, String> {
    let (code, source, full, format) = parse_name(name).ok_or_else(|| {
        "the name must be MEMBER-hr|school[-full][-…].csv|json|jsonl\n".to_owned()
    })?;
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the file: {e}\n"))?;
    let scope = app.system_scope();
    let words =
        |e: samdrift_app::AppError| format!("{:#}\n", crate::cli::app_error(e)).replace("; ", "\n");
    let member = app.member_in_scope(&scope, &code).await.map_err(words)?;
    let view = app
        .receive_delivery(&scope, MemberId(member.id), source, full, format, &bytes)
        .await
        .map_err(words)?;
    if view.summary.needs_confirmation {
        return Ok("waiting");
    }
    app.apply_delivery(&scope, view.record.id, view.record.version, false)
        .await
        .map_err(words)?;
    Ok("applied")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_says_member_source_and_whether_it_is_full() {
        let (code, source, full, format) = parse_name("yst-hr-full-2027-03-01.csv").unwrap();
        assert_eq!(
            (code.as_str(), source, full, format),
            ("YST", SourceKind::Hr, true, DeliveryFormat::Csv)
        );
        let (_, source, full, format) = parse_name("SIM-school-0301.jsonl").unwrap();
        assert_eq!(
            (source, full, format),
            (SourceKind::School, false, DeliveryFormat::JsonLines)
        );
        for bad in ["yst.csv", "yst-payroll.csv", "yst-hr.txt", "noextension"] {
            assert!(parse_name(bad).is_none(), "{bad}");
        }
    }
}
