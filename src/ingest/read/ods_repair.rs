//! Some ODS writers (SheetJS among them) pretty-print `content.xml` with whitespace
//! between cells, which calamine rejects ("Expecting 'table-cell'"). Such files open
//! fine in LibreOffice and WPS, so we remove the indentation and let calamine try again.

use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// The same archive with `content.xml`'s indentation removed, or `None` when the bytes
/// are not a readable zip with a `content.xml`.
pub fn strip_content_indentation(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    let mut found = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        if entry.name().ok().as_deref() == Some("content.xml") {
            let mut xml = Vec::new();
            // Bounded: a zip bomb must not inflate without limit here.
            entry
                .by_ref()
                .take(512 * 1024 * 1024)
                .read_to_end(&mut xml)
                .ok()?;
            let options =
                SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
            out.start_file("content.xml", options).ok()?;
            out.write_all(&strip_indentation(&xml)).ok()?;
            found = true;
        } else {
            out.raw_copy_file(entry).ok()?;
        }
    }
    let bytes = out.finish().ok()?.into_inner();
    found.then_some(bytes)
}

/// Drops whitespace runs that contain a line break and sit between `>` and `<`: that is
/// layout, never cell content (cell text lives inside `<text:p>` elements).
fn strip_indentation(xml: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len());
    let mut i = 0;
    while i < xml.len() {
        let b = xml[i];
        out.push(b);
        i += 1;
        if b == b'>' {
            let start = i;
            while i < xml.len() && xml[i].is_ascii_whitespace() {
                i += 1;
            }
            let run = &xml[start..i];
            let keep = !(i < xml.len() && xml[i] == b'<' && run.contains(&b'\n'));
            if keep {
                out.extend_from_slice(run);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::strip_indentation;

    #[test]
    fn only_line_broken_whitespace_between_tags_goes() {
        let xml = b"<row>\n  <cell><p>  a b </p></cell>\n</row> <x/>";
        assert_eq!(
            strip_indentation(xml),
            b"<row><cell><p>  a b </p></cell></row> <x/>".to_vec()
        );
    }
}
