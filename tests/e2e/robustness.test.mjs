// Bad input, reloads and panics: a Chinese message naming the file every time, what was
// loaded stays, a panic shows a recoverable panel, and a reload brings the session back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import XLSX from 'xlsx';
import { serve } from '../../scripts/static-server.mjs';
import { CLI, one } from './support/figures.mjs';
import { useServedApp, dropFiles, tablesStored, ARTIFACTS } from './support/browser.mjs';
import { App } from './support/app.mjs';
import { cityWorkbook } from './support/workbooks.mjs';

const app = useServedApp({ before, after }, serve);
const CORPUS = new URL('../../../shared/corpus/', import.meta.url).pathname;

function zipOf(entries) {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const [name, text] of entries) XLSX.CFB.utils.cfb_add(cfb, `/${name}`, Buffer.from(text));
  return new Uint8Array(XLSX.CFB.write(cfb, { fileType: 'zip', type: 'buffer', compression: true }));
}

/** An xlsx-looking zip whose central directory declares 4 GB per entry. */
function zipBomb() {
  const bytes = zipOf([['[Content_Types].xml', ' '.repeat(4096)], ['xl/workbook.xml', ' '.repeat(4096)], ['xl/worksheets/sheet1.xml', ' '.repeat(4096)]]);
  for (let i = 0; i + 46 < bytes.length; i++) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x01 && bytes[i + 3] === 0x02) {
      new DataView(bytes.buffer, bytes.byteOffset).setUint32(i + 24, 0xfffffff0, true);
    }
  }
  return bytes;
}

async function loadCity(page) {
  await dropFiles(page, [{ name: '示例市1-2月.xlsx', bytes: cityWorkbook() }]);
  await page.getByTestId('dashboard').waitFor();
  return (await page.getByTestId('city-enterprises').textContent()).trim();
}

test('every kind of bad input gets a message naming the file, and the loaded data stays', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'im-bad-'));
  const city = join(dir, 'city.xlsx');
  writeFileSync(city, cityWorkbook());
  const docx = join(dir, '讲话稿.docx');
  execFileSync(CLI, ['export', '--docx', docx, city]);
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const cases = [
    ['讲话稿.docx', readFileSync(docx), /“讲话稿\.docx”不是电子表格/],
    ['会议纪要.pdf', new TextEncoder().encode('%PDF-1.7\n1 0 obj\n'), /“会议纪要\.pdf”不是电子表格/],
    ['截图.png', png, /“截图\.png”不是电子表格/],
    ['资料.zip', zipOf([['说明.txt', '一些文字']]), /“资料\.zip”不是电子表格/],
    ['备忘.txt', new TextEncoder().encode('本周调度会安排在周三上午，请各县区准备发言材料。\n'), /“备忘\.txt”中没有找到企业产值表/],
    ['空的.xlsx', new Uint8Array(0), /“空的\.xlsx”是空文件/],
    ['没下完.xlsx', cityWorkbook().slice(0, 4000), /“没下完\.xlsx”无法作为.*未下载完整/],
    ['加密.xlsx', readFileSync(join(CORPUS, 'calamine/pass_protected.xlsx')), /“加密\.xlsx”设置了打开密码/],
    ['炸弹.xlsx', zipBomb(), /“炸弹\.xlsx”解压后将达.*压缩炸弹/],
  ];
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  const enterprises = await loadCity(page);
  for (const [i, [name, bytes, expected]] of cases.entries()) {
    await dropFiles(page, [{ name, bytes }]);
    await page.getByTestId('error').nth(i).waitFor();
    const message = await page.getByTestId('error').nth(i).textContent();
    assert.match(message, expected, `${name}: ${message}`);
    assert.equal((await page.getByTestId('city-enterprises').textContent()).trim(), enterprises, `${name}: data kept`);
  }
  // Over the size limit: refused from the file's size, before it is read.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(101 * 1024 * 1024)], '省里的大表.xlsx'));
    const target = document.querySelector('[data-testid="drop-zone"]');
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  await page.getByTestId('error').nth(cases.length).waitFor();
  assert.match(await page.getByTestId('error').nth(cases.length).textContent(), /“省里的大表\.xlsx”过大（101 MB），超过 100 MB 的上限/);
  assert.equal((await page.getByTestId('city-enterprises').textContent()).trim(), enterprises);
  assert.ok(await page.locator('[data-testid="file"][data-name="示例市1-2月.xlsx"]').isVisible());
  await page.screenshot({ path: `${ARTIFACTS}bad-inputs-1366x768.png` });
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('a reload in the middle of the work brings everything back', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  const enterprises = await loadCity(page);
  const output = (await page.getByTestId('city-output').textContent()).trim();
  await page.getByTestId('color-convention').check();
  await page.getByTestId('target-growth').fill('9');
  // A quarter's prior output that can be right: above the two months loaded.
  await page.getByTestId('target-prior').fill((Number(output) * 1.6).toFixed(1));
  await page.getByTestId('target-apply').click();
  await page.getByTestId('target-result').waitFor();
  const remaining = (await page.getByTestId('target-required-remaining').textContent()).trim();

  await page.reload();
  await page.getByTestId('dashboard').waitFor();
  assert.equal((await page.getByTestId('city-enterprises').textContent()).trim(), enterprises);
  assert.equal((await page.getByTestId('city-output').textContent()).trim(), output);
  assert.equal((await page.getByTestId('target-required-remaining').textContent()).trim(), remaining);
  assert.equal(await page.getByTestId('color-convention').isChecked(), true);
  assert.equal(await page.getByTestId('file-restored').count(), 1);
  assert.equal(await page.getByTestId('demo-banner').count(), 0);

  // 清除本地数据 removes it all: after another reload the page is empty.
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('clear-local-data').click();
  await page.getByTestId('empty-state').waitFor();
  await page.reload();
  await page.getByTestId('drop-zone').waitFor();
  await page.getByTestId('demo-banner').waitFor();
  assert.equal(await page.getByTestId('file-restored').count(), 0, 'nothing restored');
  // Everything the app stored is gone: the colour convention and the targets too.
  await page.getByTestId('dashboard').waitFor();
  assert.equal(await page.getByTestId('color-convention').isChecked(), false, '绿涨红跌 cleared');
  assert.equal(await page.locator('.page.green-up').count(), 0);
  // The demo's 目标任务 sheet sets a target again; the one typed by hand (9 %) is gone.
  assert.notEqual(await page.getByTestId('target-growth').inputValue(), '9', 'the typed target cleared');
  assert.equal((await page.getByTestId('target-source').textContent()).trim(), '目标取自载入的目标任务表');
  const ours = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('industry-monitor.')));
  assert.deepEqual(ours, [], 'no localStorage key of ours left');
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('a panic shows a recoverable panel, and the reload restores the session', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  const enterprises = await loadCity(page);
  // Saving is asynchronous (in idle time): wait until IndexedDB holds the city's tables
  // before the wasm instance dies.
  await page.waitForFunction(tablesStored, 1000);
  await page.evaluate(() => { try { window.industryMonitorSelfTest.panic(); } catch { /* the panic surfaces as a JS error */ } });
  const panel = page.getByTestId('panic-panel');
  await panel.waitFor();
  assert.match(await panel.textContent(), /页面出现内部错误/);
  assert.match(await panel.textContent(), /self-test panic/);
  await page.screenshot({ path: `${ARTIFACTS}panic-panel-1366x768.png` });
  await page.getByTestId('panic-reload').click();
  await page.getByTestId('dashboard').waitFor();
  assert.equal((await page.getByTestId('city-enterprises').textContent()).trim(), enterprises);
  assert.equal(await page.getByTestId('panic-panel').count(), 0);
  await user.close();
});

test('a sample of 33 real-world workbooks: each shows its sheets or a clear message, never a blank page', async () => {
  const files = [];
  for (const sub of ['calamine', 'sheetjs']) {
    for (const f of readdirSync(join(CORPUS, sub)).sort()) {
      const p = join(CORPUS, sub, f);
      if (statSync(p).isFile() && /\.(xlsx|xlsm|xlsb|xls|ods|csv|et)$/i.test(f) && statSync(p).size < 5e6) files.push(p);
    }
  }
  const sample = files.filter((_, i) => i % Math.floor(files.length / 33) === 0).slice(0, 33);
  assert.equal(sample.length, 33);
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('demo-banner').waitFor();
  await page.getByTestId('clear-demo').click();
  for (const path of sample) {
    const name = path.split('/').pop();
    const before = await page.getByTestId('error').count();
    await dropFiles(page, [{ name, bytes: readFileSync(path) }]);
    await page.waitForFunction(
      ([n, b]) => document.querySelector(`[data-testid="file"][data-name="${CSS.escape(n)}"]`)
        || document.querySelectorAll('[data-testid="error"]').length > b,
      [name, before],
      { timeout: 20000 },
    );
    const errors = await page.getByTestId('error').allTextContents();
    const listed = await page.locator(`[data-testid="file"][data-name="${name}"]`).count();
    assert.ok(listed === 1 || errors.slice(before).some((e) => e.includes(name)), `${name}: neither listed nor named in a message`);
    assert.equal(await page.getByTestId('panic-panel').count(), 0, `${name}: no panic`);
    assert.ok(await page.getByTestId('drop-zone').isVisible(), `${name}: page still there`);
  }
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('two files of the same period: keep one, or merge them by enterprise', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await dropFiles(page, [{ name: '全市1-2月.xlsx', bytes: cityWorkbook({ n: 300 }) }]);
  await page.getByTestId('dashboard').waitFor();
  await dropFiles(page, [{ name: '补报1-2月.xlsx', bytes: cityWorkbook({ n: 40 }) }]);
  await page.getByTestId('same-period').waitFor();
  assert.match(await page.getByTestId('same-period').textContent(), /“全市1-2月\.xlsx”（工作表“分企业”）、“补报1-2月\.xlsx”（工作表“分企业”）/);
  // Every enterprise of the 40 is in the 300: the complete table is analysed (whichever
  // was loaded last) until the user chooses; a part never stands in for the whole.
  assert.equal((await page.getByTestId('city-enterprises').textContent()).trim(), '300', 'the table holding the other\'s enterprises');
  await page.getByTestId('same-period-merge').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="city-enterprises"]').textContent.trim() === '300');
  assert.match(await page.getByTestId('same-period').textContent(), /已按统一社会信用代码、组织机构代码或企业名称合并/);
  await page.locator('[data-testid="same-period-keep"][data-file="补报1-2月.xlsx"]').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="same-period"]'));
  assert.equal(await page.getByTestId('file').count(), 1);
  assert.equal((await page.getByTestId('city-enterprises').textContent()).trim(), '40');
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('names that look like markup or formulas stay text everywhere', async () => {
  const rows = [
    ['2023年1-2月规模以上工业企业主要指标（分企业）'],
    ['单位：千元'],
    ['单位详细名称', '县（市、区）', '行业代码', '本月', '上年同月', '1-本月', '上年同期'],
    ['<img src=x onerror="window.__xss=1">有限公司', '<b>城东区</b>', '3442', 200, 170, 400, 350],
    ['=HYPERLINK("http://x","点我")', '河西县', '1391', 100, 120, 200, 230],
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '分企业');
  const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await dropFiles(page, [{ name: 'xss.xlsx', bytes }]);
  await page.getByTestId('dashboard').waitFor();
  await page.getByTestId('chart-scatter').locator('canvas').waitFor();
  const names = await page.getByTestId('enterprise-row').evaluateAll((r) => r.map((x) => x.children[0].textContent));
  assert.ok(names.includes('<img src=x onerror="window.__xss=1">有限公司'), names.join('|'));
  assert.ok(names.includes('=HYPERLINK("http://x","点我")'));
  assert.ok(await page.locator('[data-testid="region-row"][data-name="<b>城东区</b>"]').count() === 1);
  assert.equal(await page.locator('main img, main b').count(), 0, 'no element made from a name');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(dialogs, 0);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-enterprises').click()]);
  const text = readFileSync(await csv.path(), 'utf8');
  assert.ok(text.includes(`"'=HYPERLINK(""http://x"",""点我"")"`), 'formula neutralised in CSV');
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('files are read in a Web Worker: a parser crash is contained, progress shows stages, a load can be cancelled', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  const enterprises = await loadCity(page);
  assert.equal(await page.evaluate(() => typeof window.__industryMonitorWorker?.url), 'string');
  // This xlsb makes calamine index out of bounds (found by fuzzing): natively a caught
  // panic; in the browser it aborts the worker's instance, and only that.
  const crash = readFileSync(new URL('../regressions/fuzz-xlsb-cell-record-index.xlsb', import.meta.url));
  await dropFiles(page, [{ name: '坏记录.xlsb', bytes: crash }]);
  await page.getByTestId('error').first().waitFor();
  assert.match(await page.getByTestId('error').first().textContent(), /“坏记录\.xlsb”/);
  assert.equal(await page.getByTestId('panic-panel').count(), 0);
  assert.equal((await page.getByTestId('city-enterprises').textContent()).trim(), enterprises);
  // The next file gets a fresh worker.
  await dropFiles(page, [{ name: '第二个.xlsx', bytes: cityWorkbook({ n: 20 }) }]);
  await page.locator('[data-testid="file"][data-name="第二个.xlsx"]').waitFor();

  // Progress with its stage while a large file is read, and cancel: large enough (about a
  // second in the worker) that the click lands while it is still being read.
  await dropFiles(page, [{ name: '大文件.xlsx', bytes: cityWorkbook({ n: 60000 }) }]);
  const row = page.locator('[data-testid="progress-file"][data-name="大文件.xlsx"]');
  await row.waitFor();
  assert.match(await row.getByTestId('progress-stage').textContent(), /(读取|解析|识别表头)（\d\/5）/);
  await page.getByTestId('cancel-load').click();
  await page.getByText('已取消读取“大文件.xlsx”').waitFor();
  assert.equal(await page.locator('[data-testid="file"][data-name="大文件.xlsx"]').count(), 0);
  assert.deepEqual(user.problems.filter((p) => !/unreachable|RuntimeError/.test(p)), []);
  await user.close();
});

test('a context table of another period is reported, not silently mixed in', async () => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([
    ['2023年1-3月各县（市、区）规模以上工业增加值增速'],
    ['地区', '增加值增速(%)'],
    ['全市', 6.8], ['城东区', 9.9], ['河西县', -4.4],
  ]), '县区增加值');
  const march = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  const enterprises = await loadCity(page);
  const vaBefore = (await page.getByTestId('city-va-growth').textContent()).trim();
  await dropFiles(page, [{ name: '一季度县区.xlsx', bytes: march }]);
  await page.locator('[data-testid="file"][data-name="一季度县区.xlsx"]').waitFor();
  await page.getByTestId('warnings').locator('summary').click();
  await page.getByTestId('warning-filter').fill('不一致');
  const row = await page.getByTestId('warning').first().locator('td').allTextContents();
  assert.equal(row[0], '警告');
  assert.equal(row[1], '一季度县区.xlsx');
  assert.match(row[4], /县区增加值增速表的报告期（2023年1-3月）与已载入的企业表（2023年1-2月）不一致，未使用/);
  assert.equal((await page.getByTestId('city-va-growth').textContent()).trim(), vaBefore, '1-2月 figures unchanged');
  assert.equal((await page.getByTestId('city-enterprises').textContent()).trim(), enterprises);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('a province of 160,000 enterprises: analysed in steps, figures as the CLI gives them, and back after a reload', async () => {
  // Above the size the page analyses in steps and moves in chunks (worker → page,
  // page → IndexedDB → page): the figures must be those of one whole reading.
  const lines = ['示例省2023年1-2月规上工业企业主要指标', '单位：万元', '企业名称,县（市、区）,行业代码,本月产值,上年同月产值,1-本月产值,上年同期产值'];
  for (let i = 0; i < 160_000; i++) {
    lines.push(`企业${i},${['城东区', '城西区', '临江市', '青山县'][i % 4]},${13 + (i % 20)},${i % 97 === 0 ? 0 : 100 + (i % 50)},${95 + (i % 40)},${200 + (i % 90)},${190 + (i % 70)}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'im-province-'));
  const path = join(dir, '示例省2023年1-2月.csv');
  writeFileSync(path, lines.join('\n'));
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', path], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  assert.equal(json.city.enterprises, 160000);
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('dashboard').waitFor();
  await dropFiles(page, [{ name: '示例省2023年1-2月.csv', bytes: readFileSync(path) }]);
  const check = async () => {
    await page.waitForFunction(() => document.querySelector('[data-testid="city-enterprises"]')?.textContent === '160000', null, { timeout: 60000 });
    assert.equal(await page.getByTestId('city-output').textContent(), one(json.city.output));
    assert.equal(await page.getByTestId('city-output-growth').textContent(), one(json.city.output_growth_pct));
    assert.equal((await page.getByTestId('status-stopped').textContent()).trim(), String(json.status.stopped));
    for (const r of json.regions) {
      const row = page.locator(`[data-testid="region-row"][data-name="${r.name}"]`);
      assert.equal(await row.getByTestId('region-pull').textContent(), one(r.pull_pp), r.name);
    }
    // The notice of a province's analysis under way is gone once its figures are shown.
    await page.getByTestId('analysing').waitFor({ state: 'detached' });
  };
  await check();
  // Saved in pieces once the page is idle (a Blob in IndexedDB); a reload decodes them a
  // chunk per task.
  await page.waitForFunction(tablesStored, 1e6, { timeout: 60000, polling: 250 });
  await page.reload();
  await page.getByTestId('file-restored').waitFor({ timeout: 60000 });
  await check();
  assert.deepEqual(user.problems, []);
  await user.close();
});
