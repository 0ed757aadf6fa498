//! The input templates the page offers for the 增加值测算: an .xlsx listing the 41
//! industrial divisions with an empty value column, laid out so that ingest recognises
//! the filled-in sheet as the 增加值率 table or the PPI table.

use super::table::{col as column, Table, Value};
use crate::model::DIVISIONS;

fn rows(values: usize) -> Vec<Vec<Value>> {
    std::iter::once(("", "全部工业"))
        .chain(DIVISIONS.iter().copied())
        .map(|(code, name)| {
            [Value::text(code), Value::text(name)]
                .into_iter()
                .chain(std::iter::repeat_n(Value::text(""), values))
                .collect()
        })
        .collect()
}

/// 行业代码 | 行业名称 | 增加值率(%): last year's rate by division.
pub fn va_rates() -> Table {
    Table {
        name: "增加值率",
        columns: vec![
            column("行业代码", 9.0),
            column("行业名称", 40.0),
            column("增加值率(%)", 14.0),
        ],
        rows: rows(1),
    }
}

/// 行业代码 | 行业名称 | 当月 | 1-本月: the producer price indices, 上年同期 = 100.
pub fn price_indices() -> Table {
    Table {
        name: "出厂价格指数",
        columns: vec![
            column("行业代码", 9.0),
            column("行业名称", 40.0),
            column("出厂价格指数 当月(上年同月=100)", 22.0),
            column("出厂价格指数 1-本月(上年同期=100)", 22.0),
        ],
        rows: rows(2),
    }
}

/// 地区 | 规上工业增加值增速(%) | 位次: the 县区增加值增速表 for this analysis' regions and
/// 全市. Its sheet names no period, so once filled it is used for the period analysed.
pub fn region_va(a: &crate::analysis::Analysis) -> Table {
    Table {
        name: "县区增加值增速",
        columns: vec![
            column("地区", 14.0),
            column("规上工业增加值增速(%)", 22.0),
            column("位次", 8.0),
        ],
        rows: std::iter::once("全市".to_string())
            .chain(a.regions.iter().map(|r| r.name.clone()))
            .map(|name| vec![Value::text(name), Value::text(""), Value::text("")])
            .collect(),
    }
}

/// 地区 | 规上工业增加值增速(%) | 考评单元: the 全省各市增速表, with 全国, 全省 and this city's row.
pub fn province(a: &crate::analysis::Analysis) -> Table {
    let city = a.city.name.clone().unwrap_or_else(|| "本市".into());
    Table {
        name: "全省各市增速",
        columns: vec![
            column("地区", 14.0),
            column("规上工业增加值增速(%)", 22.0),
            column("考评单元", 12.0),
        ],
        rows: ["全国".to_string(), "全省".to_string(), city]
            .into_iter()
            .map(|name| vec![Value::text(name), Value::text(""), Value::text("")])
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn templates_filled_in_read_back_as_their_tables() {
        use crate::ingest::{ingest, IngestOptions};
        for (table, fill) in [(super::va_rates(), 25.0), (super::price_indices(), 99.5)] {
            let mut table = table;
            for row in &mut table.rows {
                for v in row.iter_mut().skip(2) {
                    *v = super::Value::fixed(fill, 1);
                }
            }
            let bytes = crate::report::xlsx::tables_workbook(&[table]).unwrap();
            let read = ingest(bytes, "模板.xlsx", &IngestOptions::default(), &mut || {}).unwrap();
            let s = &read.sources;
            if fill == 25.0 {
                assert_eq!(s.va_rates.len(), 1, "{:?}", read.sheets);
                assert_eq!(s.va_rates[0].rows.len(), 41);
                assert_eq!(s.va_rates[0].all_industry, Some(0.25));
            } else {
                assert_eq!(s.price_indices.len(), 1, "{:?}", read.sheets);
                assert_eq!(s.price_indices[0].rows.len(), 41);
                let all = s.price_indices[0].all_industry.unwrap();
                assert_eq!((all.month, all.cumulative), (Some(99.5), Some(99.5)));
            }
        }
    }
}
