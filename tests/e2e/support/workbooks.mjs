// Real workbooks written by SheetJS in the bureau's layout: a title row, a unit row, a
// merged two-row header and a 合计 row. Written per test, so no binary is committed.
import XLSX from 'xlsx';

export function enterpriseSheetRows() {
  return [
    ['2023年1-2月全市规模以上工业企业主要指标（分企业）'],
    ['', '', '', '', '', '', '', '', '单位：千元、%'],
    ['序号', '单位详细名称', '县（市、区）', '行业代码', '工业总产值（当年价格）', '', '', '', ''],
    ['', '', '', '', '本月', '上年同月', '1-本月', '上年同期', '增速(%)'],
    ['合计', '', '', '', 300, 270, 600, 550, 9.1],
    [1, '示例机械制造有限公司', '城东区', '3442', 200, 170, 400, 350, 14.3],
    [2, '示例食品有限公司', '河西县', '1391', 100, 100, 200, 200, 0],
  ];
}

/** Bytes of a workbook with an enterprise sheet and a small notes sheet, as bookType. */
export function bureauWorkbook(bookType = 'xlsx') {
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet(enterpriseSheetRows());
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 8 } },
    { s: { r: 2, c: 4 }, e: { r: 2, c: 8 } },
    { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } },
  ];
  XLSX.utils.book_append_sheet(wb, ws, '分企业');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['说明'], ['示例数据']]), '说明');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType }));
}
