fn main() {
    let p = std::env::args().nth(1).unwrap();
    let b = std::fs::read(&p).unwrap();
    match industry_monitor::ingest::read_workbook(&b, &p) {
        Ok(w) => {
            for s in &w.sheets {
                println!(
                    "{} {}x{} origin {:?}",
                    s.sheet,
                    s.rows(),
                    s.cols(),
                    s.origin
                );
                for r in 0..s.rows().min(8) {
                    println!("  {:?}", s.row(r));
                }
            }
        }
        Err(e) => println!("ERR {e}"),
    }
}
