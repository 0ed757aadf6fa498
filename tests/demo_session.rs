//! The demo city read ahead of time (`public/demo-session.bin`, written by `make
//! demo`, carried by the single file so its first open parses no workbook) must be
//! exactly what reading the demo workbooks gives today.

use industry_monitor::app::{decode_files, encode_files, load_bytes, FileTablesRef, DEMO_FILES};

const SAVED: &[u8] = include_bytes!("../public/demo-session.bin");

#[test]
fn the_demo_session_is_a_fresh_read_of_the_demo_workbooks() {
    let files: Vec<_> = DEMO_FILES
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
    assert_eq!(decoded.len(), DEMO_FILES.len());
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
