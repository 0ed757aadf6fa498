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

const REGIONS = ['城东区', '城西区', '高新区', '河西县', '临江市', '北山县', '南湖县'];
const CODES = ['3442', 'C2614', '1391', '3989', '610', '4411', '2710'];

/**
 * A city's month in three sheets: enterprises (bureau layout, 千元), the region
 * value-added table and the province table. Deterministic.
 */
export function cityWorkbook({ n = 300, onlyContext = false } = {}) {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = [
    ['示例市2023年1-2月规模以上工业企业主要指标（分企业）'],
    ['', '', '', '', '', '', '', '', '', '单位：千元、%'],
    ['序号', '单位详细名称', '县（市、区）', '行业代码', '工业总产值（当年价格）', '', '', '', '', '是否新入规'],
    ['', '', '', '', '本月', '上年同月', '1-本月', '上年同期', '增速(%)', ''],
  ];
  for (let i = 0; i < n; i++) {
    const mp = Math.round(2000 + rnd() * 50000);
    const cp = Math.round(mp * (1.8 + rnd() * 0.4));
    const f = 0.6 + rnd() * 0.8;
    const stopped = i % 23 === 7;
    const isNew = i % 31 === 4;
    const m = stopped ? 0 : Math.round(mp * f);
    const c = Math.round(cp * f);
    rows.push([i + 1, `示例${i + 1}号制造有限公司`, REGIONS[i % REGIONS.length], CODES[(i * 3) % CODES.length],
      m, isNew ? 0 : mp, c, isNew ? 0 : cp, isNew ? '—' : Math.round((c / cp - 1) * 1000) / 10, isNew ? '是' : '否']);
  }
  const wb = XLSX.utils.book_new();
  if (!onlyContext) {
    const ws = XLSX.utils.aoa_to_sheet(rows);
    ws['!merges'] = [{ s: { r: 2, c: 4 }, e: { r: 2, c: 8 } }];
    XLSX.utils.book_append_sheet(wb, ws, '分企业');
  }
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([
    ['2023年1-2月各县（市、区）规模以上工业增加值增速'],
    ['地区', '增加值增速(%)', '位次'],
    ['全市', 6.1, '—'],
    ...REGIONS.map((r, i) => [r, [7.2, -1.5, 9.8, 4.4, -3.1, 5.0, 2.2][i], i + 1]),
  ]), '县区增加值');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([
    ['2023年1-2月全省各市规模以上工业增加值增速'],
    ['地区', '1-2月增速(%)', '考评单元'],
    ['全国', 5.9, ''], ['全省', 6.4, ''],
    ['甲市', 8.1, '一类'], ['示例市', 6.1, '一类'], ['乙市', 6.1, '一类'], ['丙市', 7.0, '二类'], ['丁市', 3.3, '二类'],
  ]), '全省各市');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
}
