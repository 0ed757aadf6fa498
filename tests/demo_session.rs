//! The demo city read ahead of time (`public/demo-session.bin`, written by `make
//! demo`, carried by the single file so its first open parses no workbook) must be
//! exactly what reading the demo workbooks gives today.

use industry_monitor::app::{decode_files, demo_files, encode_files, load_bytes, FileTablesRef};

const SAVED: &[u8] = include_bytes!("../public/demo-session.bin");

#[test]
fn the_demo_session_is_a_fresh_read_of_the_demo_workbooks() {
    let files: Vec<_> = demo_files()
        .iter()
        .map(|(name, bytes)| load_bytes(bytes, name, &Default::default()).unwrap())
        .collect();
    let refs: Vec<_> = files.iter().map(FileTablesRef::of).collect();
    let fresh = encode_files(&refs).unwrap();
    assert!(
        fresh == SAVED,
        "public/demo-session.bin is stale (the reading or the tables' shape changed): run `make demo`"
    );
    let decoded = decode_files(SAVED).expect("the saved demo session decodes");
    assert_eq!(decoded.len(), files.len());
    for (d, f) in decoded.iter().zip(&files) {
        assert_eq!(d.name, f.name);
        assert_eq!(d.sources, f.sources);
        assert_eq!(d.sheets, f.sheets);
    }
}

#[test]
fn a_session_of_another_version_or_broken_bytes_is_refused() {
    assert!(decode_files(&SAVED[..SAVED.len() / 2]).is_none());
    let mut other = SAVED.to_vec();
    other[0] ^= 0xff;
    assert!(decode_files(&other).is_none());
}

/// A province's table travels (worker → page, page → IndexedDB) as a head and chunks of
/// rows: whatever the chunking, what decodes is what was encoded, file by file.
#[test]
fn tables_larger_than_a_chunk_decode_whole_and_in_order() {
    use industry_monitor::model::row_chunks::ROWS_PER_CHUNK;
    use industry_monitor::model::{EnterpriseRow, EnterpriseTable};
    let big = |n: usize, tag: &str| {
        let mut t = EnterpriseTable {
            file: format!("{tag}.csv"),
            sheet: tag.into(),
            ..Default::default()
        };
        for i in 0..n {
            t.push(EnterpriseRow {
                name: format!("{tag}企业{i}"),
                region: format!("区{}", i % 9),
                cum_output: i as f64,
                source_row: i + 1,
                ..Default::default()
            });
        }
        t
    };
    let mut files: Vec<_> = demo_files()[..2]
        .iter()
        .map(|(name, bytes)| load_bytes(bytes, name, &Default::default()).unwrap())
        .collect();
    files[0]
        .sources
        .enterprises
        .push(big(ROWS_PER_CHUNK + 1, "甲"));
    files[1]
        .sources
        .enterprises
        .insert(0, big(2 * ROWS_PER_CHUNK, "乙"));
    files[1].sources.enterprises.push(big(0, "丙"));
    let refs: Vec<_> = files.iter().map(FileTablesRef::of).collect();
    let bytes = encode_files(&refs).unwrap();
    let decoded = decode_files(&bytes).unwrap();
    assert_eq!(decoded.len(), 2);
    for (d, f) in decoded.iter().zip(&files) {
        assert_eq!(d.sources, f.sources);
        assert_eq!(d.sheets, f.sheets);
    }
    // Cut anywhere, the bytes are refused, never half read or a panic.
    for cut in [1, 9, bytes.len() / 3, bytes.len() - 1] {
        assert!(decode_files(&bytes[..cut]).is_none(), "cut at {cut}");
    }
}
