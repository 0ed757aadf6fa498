// End to end: workbooks laid out the other ways bureaus send them (issue 16) — one file
// per 县区 with the region only in the title, a three-row merged header in 千元, a header
// repeated on every printed page, page and footer rows — dropped together on the page;
// what it shows must equal the native CLI on the same files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import XLSX from 'xlsx';
import { serve } from '../../scripts/static-server.mjs';
import { useServedApp, dropFiles } from './support/browser.mjs';
import { App } from './support/app.mjs';
import { CLI, one } from './support/figures.mjs';

const app = useServedApp({ before, after }, serve);

const HEADER = [
  ['序号', '单位详细名称', '行业代码', '工业总产值（当年价格）', '', '', ''],
  ['', '', '', '本年', '', '上年同期', ''],
  ['', '', '', '本月', '1-2月', '本月', '1-2月'],
];

/** One region's file: title naming the region, unit row, three merged header rows. */
function regionFile(region, firms) {
  const rows = [[`青川市2023年1-2月规模以上工业企业主要指标（${region}）`], ['', '', '', '', '', '', '单位：千元'], ...HEADER];
  firms.forEach((f, i) => {
    if (i === 3) rows.push(['第 1 页  共 2 页'], ...HEADER);
    rows.push([i + 1, f.name, f.code, f.m, f.c, f.mp, f.cp]);
  });
  rows.push(['制表人：张三', '', '', '审核人：李四']);
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 6 } },
    { s: { r: 2, c: 3 }, e: { r: 2, c: 6 } },
    { s: { r: 3, c: 3 }, e: { r: 3, c: 4 } },
    { s: { r: 3, c: 5 }, e: { r: 3, c: 6 } },
    ...[0, 1, 2].map((c) => ({ s: { r: 2, c }, e: { r: 4, c } })),
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
}

function firms(region, n, seed) {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, (_, i) => {
    const mp = Math.round(1000 + rnd() * 30000);
    const m = i % 5 === 2 ? 0 : Math.round(mp * (0.6 + rnd() * 0.8));
    const cp = mp * 2 + Math.round(rnd() * 900);
    return { name: `${region.slice(0, 2)}华通第${i + 1}机械制造有限公司`, code: ['3442', '1391', '2614'][i % 3], m, mp, c: m + Math.round(cp / 2), cp };
  });
}

test('one file per region, three header rows, print-style pages: the page equals the CLI', async () => {
  const regions = ['青山区', '城东区', '临江市'];
  const files = regions.map((r, k) => ({ name: `分县区${k + 1}.xlsx`, bytes: regionFile(r, firms(r, 7 + k, 99 + k)) }));
  const dir = mkdtempSync(join(tmpdir(), 'layouts-'));
  const paths = files.map((f) => {
    const p = join(dir, f.name);
    writeFileSync(p, f.bytes);
    return p;
  });
  const cli = JSON.parse(execFileSync(CLI, ['analyze', '--json', ...paths], { encoding: 'utf8' }));
  assert.equal(cli.city.enterprises, 7 + 8 + 9);
  assert.deepEqual(cli.regions.map((r) => r.name).sort(), [...regions].sort());

  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('demo-banner').waitFor();
  await page.getByTestId('clear-demo').click();
  await page.getByTestId('empty-state').waitFor();
  await dropFiles(page, files);
  await page.waitForFunction(() => document.querySelector('[data-testid="city-enterprises"]')?.textContent.trim() === '24');
  assert.equal(await page.getByTestId('same-period').count(), 0, 'parts of one table: no keep-one question');
  assert.equal((await page.getByTestId('city-output').textContent()).trim(), one(cli.city.output));
  assert.equal((await page.getByTestId('city-output-growth').textContent()).trim(), one(cli.city.output_growth_pct));
  assert.equal((await page.getByTestId('status-stopped').textContent()).trim(), String(cli.status.stopped));
  const shown = await page.getByTestId('region-row').evaluateAll((rows) => rows.map((r) => r.dataset.name));
  assert.deepEqual(shown.sort(), [...regions].sort());
  assert.deepEqual(user.problems, []);
  await user.close();
});
