// The single offline file on the kernels government PCs still run: Chromium 92 (360 安全
// 浏览器 13, 信创 browsers) and 109 (the last Chrome for Windows 7), from file://: the
// demo, a dropped workbook whose figures equal the CLI's, the charts painted, the exports
// made. And a browser without WebAssembly sees the message, not a blank page.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, tablesStored } from './support/browser.mjs';
import { CLI, one } from './support/figures.mjs';
import { launchOld } from './support/old-chromium.mjs';
import { cityWorkbook } from './support/workbooks.mjs';

const FILE = new URL('../../dist/industry-monitor.html', import.meta.url);
const open = [];
after(async () => { for (const b of open) await b.close(); });

const text = (page, id) => page.$eval(`[data-testid="${id}"]`, (e) => e.textContent.trim());

async function newPage(browser) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  const problems = [];
  const requests = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('request', (r) => requests.push(r.url()));
  // Every file the page hands to the user, as (name, type, size, first bytes).
  await page.evaluateOnNewDocument(() => {
    window.__saved = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (this.download) window.__saved.push(this.download);
      return click.call(this);
    };
    const create = URL.createObjectURL;
    window.__blobs = [];
    URL.createObjectURL = function (blob) {
      if (blob instanceof Blob) {
        const entry = { type: blob.type, size: blob.size, head: '' };
        window.__blobs.push(entry);
        blob.slice(0, 2).arrayBuffer().then((b) => { entry.head = String.fromCharCode(...new Uint8Array(b)); });
        if (blob.type.startsWith('text/html')) blob.text().then((t) => { entry.html = t; });
      }
      return create.call(URL, blob);
    };
  });
  return { page, problems, requests };
}

for (const version of [92, 109]) {
  test(`Chromium ${version} runs the whole single file from file://`, async () => {
    const browser = await launchOld(version);
    open.push(browser);
    assert.match(await browser.version(), new RegExp(`/${version}\\.`));
    const bytes = cityWorkbook();
    const dir = mkdtempSync(join(tmpdir(), `im-c${version}-`));
    const path = join(dir, '示例市2023年1-2月.xlsx');
    writeFileSync(path, bytes);
    const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', path], { encoding: 'utf8' }));

    const { page, problems, requests } = await newPage(browser);
    await page.goto(FILE.href);
    await page.waitForSelector('[data-testid="demo-banner"]', { timeout: 30000 });
    assert.equal(await text(page, 'city-enterprises'), '1490');
    assert.equal(await page.$('[data-testid="boot-notice"]'), null, 'the start-up notice is gone');

    await page.evaluate((name, b64) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
      const target = document.querySelector('[data-testid="drop-zone"]');
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, '示例市2023年1-2月.xlsx', Buffer.from(bytes).toString('base64'));
    await page.waitForFunction((n) => {
      const e = document.querySelector('[data-testid="city-enterprises"]');
      return e && e.textContent === n;
    }, { timeout: 30000 }, String(json.city.enterprises));
    assert.ok(await page.evaluate(() => window.__industryMonitorWorkerMemory > 0), 'the worker read the file');
    assert.equal(await text(page, 'city-output'), one(json.city.output));
    assert.equal(await text(page, 'city-output-growth'), one(json.city.output_growth_pct));
    assert.equal(await text(page, 'city-month-output-growth'), one(json.city.month_output_growth_pct));
    assert.equal(await text(page, 'city-va-growth'), one(json.city.value_added_growth_pct));
    for (const r of json.regions) {
      const pull = await page.$eval(`[data-testid="region-row"][data-name="${r.name}"] [data-testid="region-pull"]`, (e) => e.textContent.trim());
      assert.equal(pull, one(r.pull_pp), r.name);
    }
    assert.match(await text(page, 'briefing'), /全市300户规上工业企业完成工业总产值/);

    // Charts painted: ink on the canvas, once its turn in the queue has come.
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-testid="chart-pull"] canvas');
      if (!c || !c.width) return false;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200) n++;
      return n > 1000;
    }, { timeout: 30000 });

    // The exports: CSV, the workbook and the Word document, built in the page.
    await page.click('[data-testid="csv-regions"]');
    await page.click('[data-testid="export-xlsx"]');
    await page.click('[data-testid="briefing-download-docx"]');
    await page.waitForFunction(() => window.__blobs.length >= 3 && window.__blobs.every((b) => b.head), { timeout: 30000 });
    const saved = await page.evaluate(() => ({ names: window.__saved, blobs: window.__blobs }));
    const [csvName, bookName, docName] = saved.names.slice(-3);
    assert.equal(csvName, '示例市2023年1-2月分县（市、区）.csv');
    assert.ok(bookName.endsWith('.xlsx') && docName.endsWith('.docx'), saved.names.join(', '));
    const [csv, book, doc] = saved.blobs.slice(-3);
    assert.ok(csv.type.startsWith('text/csv') && csv.size > 100, JSON.stringify(csv));
    assert.equal(book.head, 'PK', 'the workbook is a zip');
    assert.equal(doc.head, 'PK', 'the document is a zip');
    assert.ok(book.size > 5000 && doc.size > 3000, JSON.stringify(saved.blobs));

    // 保存 SVG downloads on this kernel too, named after the city and the period.
    await page.click('[data-testid="chart-save-svg"]');
    await page.waitForFunction(() => window.__blobs.some((b) => b.type === 'image/svg+xml' && b.head === '<s'), { timeout: 30000 });
    const svgName = await page.evaluate(() => window.__saved[window.__saved.length - 1]);
    assert.match(svgName, /^示例市2023年1-2月.+\.svg$/);

    await page.screenshot({ path: `${ARTIFACTS}chromium-${version}-1366x768.png` });

    // IndexedDB as this kernel has it: the session comes back after a reload.
    await page.waitForFunction(tablesStored, { timeout: 30000, polling: 200 }, 1000);
    await page.reload();
    await page.waitForSelector('[data-testid="file-restored"]', { timeout: 30000 });
    assert.equal(await text(page, 'city-enterprises'), String(json.city.enterprises));
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:') && !u.startsWith('data:')), []);

    // 导出分析报告, locked, made and opened by this kernel from file://.
    await page.click('[data-testid="export-report"]');
    await page.type('[data-testid="report-password-input"]', 'c' + version);
    await page.click('[data-testid="report-export-confirm"]');
    await page.waitForFunction(() => window.__blobs.some((b) => b.html), { timeout: 30000 });
    const html = await page.evaluate(() => window.__blobs.find((b) => b.html).html);
    assert.ok(!html.includes('示例1号制造有限公司'), 'the locked report holds no readable enterprise name');
    const reportPath = join(dir, '示例市2023年1-2月工业经济运行分析.html');
    writeFileSync(reportPath, html);
    const { page: report, problems: reportProblems } = await newPage(browser);
    await report.goto(`file://${reportPath}`);
    await report.waitForSelector('[data-testid="report-lock"]', { timeout: 30000 });
    await report.type('[data-testid="report-password"]', 'c' + version);
    await report.click('[data-testid="report-unlock"]');
    await report.waitForSelector('[data-testid="report-banner"]', { timeout: 30000 });
    await report.waitForFunction((n) => document.querySelector('[data-testid="city-enterprises"]')?.textContent === n,
      { timeout: 30000 }, String(json.city.enterprises));
    assert.equal(await text(report, 'city-output'), one(json.city.output));
    assert.deepEqual(reportProblems, []);
    await report.close();
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('a browser without WebAssembly shows what is missing and what to do', async () => {
  const browser = await launchOld(92, ['--js-flags=--noexpose-wasm']);
  open.push(browser);
  const { page, problems } = await newPage(browser);
  await page.goto(FILE.href);
  await page.waitForSelector('.boot-failed', { timeout: 30000 });
  const notice = await text(page, 'boot-notice');
  assert.match(await text(page, 'boot-status'), /不支持 WebAssembly（检测到的内核：Chromium 92）/);
  assert.match(notice, /极速模式/);
  assert.match(notice, /Chrome、Edge 86 及以上版本/);
  assert.equal(await page.$('[data-testid="dashboard"]'), null);
  await page.screenshot({ path: `${ARTIFACTS}no-webassembly-1366x768.png` });
  assert.deepEqual(problems, []);
  await page.close();
});
