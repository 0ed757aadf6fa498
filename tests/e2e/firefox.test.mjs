// The single offline file in Debian's Firefox ESR, from file://, driven over WebDriver
// BiDi by puppeteer-core (no downloaded browser): demo, drop, figures equal to the CLI's,
// charts, briefing, and the session back after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CLI, one } from './support/figures.mjs';
import { cityWorkbook } from './support/workbooks.mjs';
import { tablesStored } from './support/browser.mjs';

const FILE = new URL('../../dist/industry-monitor.html', import.meta.url);
let browser;
before(async () => {
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false },
  });
});
after(async () => { await browser?.close(); });

const text = (page, id) => page.$eval(`[data-testid="${id}"]`, (e) => e.textContent.trim());

test('Firefox runs dist/industry-monitor.html from file://', async () => {
  const bytes = cityWorkbook();
  const dir = mkdtempSync(join(tmpdir(), 'im-ff-'));
  const path = join(dir, '示例市2023年1-2月.xlsx');
  writeFileSync(path, bytes);
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', path], { encoding: 'utf8' }));

  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(FILE.href);
  await page.waitForSelector('[data-testid="demo-banner"]', { timeout: 30000 });
  assert.equal(await text(page, 'city-enterprises'), '1490');

  await page.evaluate((name, data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], name));
    const target = document.querySelector('[data-testid="drop-zone"]');
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, '示例市2023年1-2月.xlsx', Array.from(bytes));
  await page.waitForFunction((n) => document.querySelector('[data-testid="city-enterprises"]')?.textContent === n, {}, String(json.city.enterprises));
  assert.ok(await page.evaluate(() => window.__industryMonitorWorkerMemory > 0), 'the worker read the file');
  assert.equal(await text(page, 'city-output'), one(json.city.output));
  assert.equal(await text(page, 'city-output-growth'), one(json.city.output_growth_pct));
  assert.equal(await text(page, 'city-va-growth'), one(json.city.value_added_growth_pct));
  const ink = await page.$eval('[data-testid="chart-pull"] canvas', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200) n++;
    return n;
  });
  assert.ok(ink > 1000, `ink on the pull chart: ${ink}`);
  assert.match(await text(page, 'briefing'), /全市300户规上工业企业完成工业总产值/);

  // Persistence where Firefox allows it on file://.
  await page.waitForFunction(tablesStored, { timeout: 30000 }, 1000);
  await page.reload();
  await page.waitForSelector('[data-testid="file-restored"]', { timeout: 30000 });
  assert.equal(await text(page, 'city-enterprises'), String(json.city.enterprises));
  assert.deepEqual(problems, []);
  await page.close();
});

test('Firefox opens a locked report file made by the CLI, after the right password', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'im-ff-report-'));
  const source = join(dir, '示例市2023年1-2月.xlsx');
  writeFileSync(source, cityWorkbook());
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', source], { encoding: 'utf8' }));
  const password = join(dir, 'password.txt');
  writeFileSync(password, 'ff 2023\n');
  const report = join(dir, 'report.html');
  execFileSync(CLI, ['export', '--report', report, '--password-file', password, '--app', FILE.pathname, source]);
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(`file://${report}`);
  await page.waitForSelector('[data-testid="report-lock"]', { timeout: 30000 });
  await page.type('[data-testid="report-password"]', 'ff 2023');
  await page.click('[data-testid="report-unlock"]');
  await page.waitForSelector('[data-testid="report-banner"]', { timeout: 30000 });
  await page.waitForFunction((n) => document.querySelector('[data-testid="city-enterprises"]')?.textContent === n, {}, String(json.city.enterprises));
  assert.equal(await text(page, 'city-output'), one(json.city.output));
  assert.deepEqual(problems, []);
  await page.close();
});
