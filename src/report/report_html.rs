//! The report file (导出分析报告) written natively, for `industry-report export --report`:
//! the single-file app with its demo replaced by one session's tables, exactly as the
//! page's `scripts/report-file.js` writes it — gzip, and when a password is given AES-GCM
//! under a 256-bit key PBKDF2-SHA256 derives from it (310,000 iterations, random 16-byte
//! salt and 12-byte nonce), so the page opens either kind with WebCrypto.

use super::report_meta::ReportMeta;
use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Key};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use std::io::Write;

/// As the page's writer: OWASP's figure for PBKDF2-HMAC-SHA256 (2023).
pub const ITERATIONS: u32 = 310_000;

const DEMO_OPEN: &str = r#"<script type="application/octet-stream" id="demo-gz">"#;
const META_OPEN: &str = r#"<script type="application/json" id="report-meta">"#;
const DATA_OPEN: &str = r#"<script type="application/octet-stream" id="report-data""#;
const END: &str = "</script>";

#[derive(Debug, thiserror::Error)]
pub enum ReportHtmlError {
    #[error("“{0}”不是单文件版本的工具（industry-monitor.html）：找不到内置演示数据的位置")]
    NotTheApp(String),
    #[error("报告数据压缩失败：{0}")]
    Compress(std::io::Error),
    #[error("报告数据加密失败")]
    Encrypt,
    #[error("密码不能为空")]
    EmptyPassword,
}

/// The report's HTML: `app` (the single-file app's text, named `app_name` in messages)
/// carrying `payload` (`app::carried_bytes`) and `meta`, locked when `password` is given.
pub fn write(
    app: &str,
    app_name: &str,
    meta: &ReportMeta,
    payload: &[u8],
    password: Option<&str>,
) -> Result<String, ReportHtmlError> {
    let not_the_app = || ReportHtmlError::NotTheApp(app_name.to_string());
    let start = app.find(DEMO_OPEN).ok_or_else(not_the_app)?;
    let mut end = start + app[start..].find(END).ok_or_else(not_the_app)? + END.len();
    // A report used as the app: its own meta and tables go too.
    for open in [META_OPEN, DATA_OPEN] {
        let rest = &app[end..];
        let gap = rest.len() - rest.trim_start().len();
        if rest.trim_start().starts_with(open) {
            end += gap + rest[gap..].find(END).ok_or_else(not_the_app)? + END.len();
        }
    }
    let (data, attrs) = seal(payload, password)?;
    let meta_json = serde_json::to_string(meta)
        .unwrap_or_default()
        .replace('<', "\\u003c");
    let carried =
        format!("{DEMO_OPEN}{END}\n{META_OPEN}{meta_json}{END}\n{DATA_OPEN} {attrs}>{data}{END}");
    let mut out = String::with_capacity(app.len() + carried.len());
    out.push_str(&with_title(&app[..start], &meta.title));
    out.push_str(&carried);
    out.push_str(&app[end..]);
    Ok(out)
}

/// `head` with its first `<title>` saying `title`.
fn with_title(head: &str, title: &str) -> String {
    let (Some(open), Some(close)) = (head.find("<title>"), head.find("</title>")) else {
        return head.to_string();
    };
    if close < open {
        return head.to_string();
    }
    format!(
        "{}<title>{}{}",
        &head[..open],
        escape_html(title),
        &head[close..]
    )
}

fn escape_html(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The tables gzipped, then encrypted when a password is given: (base64, the data
/// element's attributes).
fn seal(payload: &[u8], password: Option<&str>) -> Result<(String, String), ReportHtmlError> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(payload).map_err(ReportHtmlError::Compress)?;
    let gz = gz.finish().map_err(ReportHtmlError::Compress)?;
    let Some(password) = password else {
        return Ok((B64.encode(gz), r#"data-locked="0""#.into()));
    };
    if password.is_empty() {
        return Err(ReportHtmlError::EmptyPassword);
    }
    let mut salt = [0u8; 16];
    getrandom(&mut salt)?;
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password.as_bytes(), &salt, ITERATIONS, &mut key);
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key));
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let sealed = cipher
        .encrypt(&nonce, gz.as_slice())
        .map_err(|_| ReportHtmlError::Encrypt)?;
    Ok((
        B64.encode(sealed),
        format!(
            r#"data-locked="1" data-salt="{}" data-iv="{}" data-iterations="{ITERATIONS}""#,
            B64.encode(salt),
            B64.encode(nonce)
        ),
    ))
}

fn getrandom(buf: &mut [u8]) -> Result<(), ReportHtmlError> {
    use aes_gcm::aead::rand_core::RngCore;
    OsRng
        .try_fill_bytes(buf)
        .map_err(|_| ReportHtmlError::Encrypt)
}

/// The tables back from [`write`]'s data, for tests: gunzipped, decrypted first when locked.
pub fn open(html: &str, password: Option<&str>) -> Option<Vec<u8>> {
    use std::io::Read;
    let at = html.find(DATA_OPEN)? + DATA_OPEN.len();
    let tag_end = at + html[at..].find('>')?;
    let attrs = &html[at..tag_end];
    let body = &html[tag_end + 1..tag_end + 1 + html[tag_end + 1..].find(END)?];
    let attr = |name: &str| {
        let key = format!("{name}=\"");
        let from = attrs.find(&key)? + key.len();
        Some(&attrs[from..from + attrs[from..].find('"')?])
    };
    let mut gz = B64.decode(body.trim()).ok()?;
    if attr("data-locked") == Some("1") {
        let salt = B64.decode(attr("data-salt")?).ok()?;
        let iv = B64.decode(attr("data-iv")?).ok()?;
        let iterations: u32 = attr("data-iterations")?.parse().ok()?;
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password?.as_bytes(), &salt, iterations, &mut key);
        let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key));
        gz = cipher
            .decrypt(aes_gcm::Nonce::from_slice(&iv), gz.as_slice())
            .ok()?;
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "<!DOCTYPE html>\n<html><head><title>工业经济运行监测</title></head><body>\n<script type=\"application/octet-stream\" id=\"demo-gz\">DEMO</script>\n<script type=\"module\">const t = '<script type=\"application/json\" id=\"report-meta\">';</script>\n</body></html>\n";

    fn meta() -> ReportMeta {
        ReportMeta {
            title: "青川市2023年1-2月工业经济运行分析".into(),
            files: vec!["a.xlsx".into()],
            period: "2023年1-2月".into(),
            made: "2026-12-06 17:05".into(),
        }
    }

    #[test]
    fn an_open_report_carries_the_tables_in_place_of_the_demo() {
        let html = write(
            APP,
            "app.html",
            &meta(),
            b"TABLES \xe4\xbc\x81\xe4\xb8\x9a",
            None,
        )
        .unwrap();
        assert!(!html.contains("DEMO"));
        assert!(html.contains("<title>青川市2023年1-2月工业经济运行分析</title>"));
        assert!(html.contains("data-locked=\"0\""));
        assert_eq!(
            open(&html, None).unwrap(),
            b"TABLES \xe4\xbc\x81\xe4\xb8\x9a"
        );
        // The module script's own text is left as it is.
        assert!(html.contains("const t = '<script type=\"application/json\" id=\"report-meta\">';"));
    }

    #[test]
    fn a_locked_report_opens_only_with_its_password() {
        let html = write(APP, "app.html", &meta(), b"ENTERPRISE", Some("s3cret")).unwrap();
        assert!(html.contains("data-locked=\"1\""));
        assert!(html.contains("data-iterations=\"310000\""));
        assert!(!html.contains("ENTERPRISE"));
        assert_eq!(open(&html, Some("s3cret")).unwrap(), b"ENTERPRISE");
        assert!(open(&html, Some("wrong")).is_none());
        // Two files of one password differ: a fresh salt and nonce each time.
        let again = write(APP, "app.html", &meta(), b"ENTERPRISE", Some("s3cret")).unwrap();
        assert_ne!(html, again);
    }

    #[test]
    fn a_report_made_from_a_report_carries_only_the_new_tables() {
        let first = write(APP, "app.html", &meta(), b"FIRST", None).unwrap();
        let second = write(&first, "r.html", &meta(), b"SECOND", None).unwrap();
        assert_eq!(second.matches("id=\"report-data\"").count(), 1);
        assert_eq!(open(&second, None).unwrap(), b"SECOND");
    }

    #[test]
    fn a_file_that_is_not_the_app_is_named() {
        let e = write("<html></html>", "x.html", &meta(), b"", None).unwrap_err();
        assert!(e.to_string().contains("x.html"));
        assert!(matches!(
            write(APP, "a", &meta(), b"", Some("")),
            Err(ReportHtmlError::EmptyPassword)
        ));
    }
}
