// 导出分析报告 (issue #36): the analysis as one offline .html that opens from file:// on what
// it carries, and, locked with a password, holds no readable enterprise name until opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { launch, openPage, ARTIFACTS } from './support/browser.mjs';
import { cityWorkbook } from './support/workbooks.mjs';
import { App } from './support/app.mjs';
import { CLI } from './support/figures.mjs';
import { unzip } from './support/zip.mjs';

const APP = new URL('../../dist/industry-monitor.html', import.meta.url);
const SOURCE = '示例市2023年1-2月.xlsx';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The app with the city workbook dropped; its headline figures. */
async function analysed() {
  const app = await App.open(browser, APP.href);
  await app.drop([{ name: SOURCE, bytes: cityWorkbook() }]);
  return { app, page: app.page, problems: app.problems, figures: await app.figures() };
}

/** The headline figures of any page showing an analysis (a report opened, the app). */
const figures = (page) => new App({ page }).figures();

/** Exports the report (with `password` if given) and keeps it as artifacts/<as>. */
async function exportReport(page, as, password = '') {
  await page.getByTestId('export-report').click();
  if (password) await page.getByTestId('report-password-input').fill(password);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-confirm').click()]);
  const path = `${ARTIFACTS}${as}`;
  copyFileSync(await download.path(), path);
  return { name: download.suggestedFilename(), path, html: readFileSync(path, 'utf8') };
}

/** Every base64 part of the file, decoded and inflated where it is gzip. */
function decodedParts(html) {
  return [...html.matchAll(/<script type="application\/octet-stream" id="([^"]+)"[^>]*>([^<]*)<\/script>/g)].map(([, id, b64]) => {
    const raw = Buffer.from(b64, 'base64');
    let text = raw.toString('latin1');
    try { text += gunzipSync(raw).toString('utf8'); } catch { /* not gzip: encrypted, or empty */ }
    return { id, text };
  });
}

test('导出分析报告 opens from file:// on the analysis it carries, with its banner and no demo', async () => {
  const { page, figures: before, problems } = await analysed();
  const report = await exportReport(page, 'report-open.html');
  assert.equal(report.name, '示例市2023年1-2月工业经济运行分析.html');
  assert.match(await page.getByTestId('report-export-status').textContent(), /已导出/);
  // Unlocked, the tables are only gzip'd: the same decoding the locked test relies on finds them.
  assert.ok(decodedParts(report.html).some((p) => p.id === 'report-data' && p.text.includes('示例1号制造有限公司')));
  await page.close();

  // A profile of its own, so the app opened in it afterwards sees what the report stored.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const opened = { page: await context.newPage(), problems: [] };
  opened.page.on('pageerror', (e) => opened.problems.push(`pageerror: ${e.message}`));
  opened.page.on('console', (m) => { if (m.type() === 'error') opened.problems.push(`console: ${m.text()}`); });
  await opened.page.goto(pathToFileURL(report.path).href);
  await opened.page.getByTestId('report-banner').waitFor();
  const banner = await opened.page.getByTestId('report-banner').textContent();
  assert.match(banner, /示例市2023年1-2月工业经济运行分析/);
  assert.match(banner, new RegExp(SOURCE.replace('.', '\\.')));
  assert.match(banner, /生成于 \d{4}-\d\d-\d\d \d\d:\d\d/);
  await opened.page.getByTestId('briefing-paragraph').first().waitFor();
  assert.deepEqual(await figures(opened.page), before);
  assert.equal(await opened.page.getByTestId('demo-banner').count(), 0);
  assert.equal(await opened.page.title(), '示例市2023年1-2月工业经济运行分析');
  // The trace and the sections work in it as in the app.
  await opened.page.locator('[data-trace]').first().click();
  await opened.page.getByTestId('trace').waitFor();
  assert.deepEqual(opened.problems, []);
  assert.deepEqual(problems, []);
  // Nothing of it was saved in this browser: the app opened afterwards in the same
  // profile finds no session to restore, so it opens on the demo of a first visit.
  const app = await context.newPage();
  await app.goto(APP.href);
  await app.getByTestId('demo-banner').waitFor();
  assert.equal(await app.locator(`[data-testid="file"][data-name="${SOURCE}"]`).count(), 0);
  await context.close();
});

test('a locked report holds no readable enterprise name, refuses a wrong password and opens with the right one', async () => {
  const { page, figures: before } = await analysed();
  const report = await exportReport(page, 'report-locked.html', '青川2023!');
  await page.close();
  const parts = decodedParts(report.html);
  assert.ok(parts.some((p) => p.id === 'report-data'), 'the file carries its tables');
  for (const text of [report.html, ...parts.map((p) => p.text)]) {
    assert.ok(!text.includes('示例1号制造有限公司'), 'no enterprise name is readable in the locked file');
  }
  assert.match(report.html, /data-locked="1"/);
  assert.match(report.html, /data-iterations="(\d+)"/);
  assert.ok(Number(/data-iterations="(\d+)"/.exec(report.html)[1]) >= 100000);

  const { page: locked, problems } = await openPage(browser, pathToFileURL(report.path).href);
  await locked.getByTestId('report-lock').waitFor();
  await locked.getByTestId('report-password').fill('错误的密码');
  await locked.getByTestId('report-unlock').click();
  await locked.getByText('密码不正确').waitFor();
  assert.equal(await locked.getByTestId('report-banner').count(), 0);
  assert.equal(await locked.getByTestId('city-enterprises').count(), 0, 'nothing is shown before the right password');
  await locked.getByTestId('report-password').fill('青川2023!');
  await locked.getByTestId('report-unlock').click();
  await locked.getByTestId('report-banner').waitFor();
  await locked.getByTestId('briefing-paragraph').first().waitFor();
  assert.deepEqual(await figures(locked), before);
  assert.deepEqual(problems, []);
  await locked.close();
});

test('a report made by the CLI (export --report --password-file) opens in the browser on the same analysis', async () => {
  const { page, figures: before } = await analysed();
  await page.close();
  const source = `${ARTIFACTS}${SOURCE}`;
  writeFileSync(source, cityWorkbook());
  const password = `${ARTIFACTS}report-password.txt`;
  writeFileSync(password, '县区 2023\n');
  const out = `${ARTIFACTS}report-cli.html`;
  execFileSync(CLI, ['export', '--report', out, '--password-file', password, '--app', new URL(APP).pathname, source]);
  const html = readFileSync(out, 'utf8');
  for (const text of [html, ...decodedParts(html).map((p) => p.text)]) {
    assert.ok(!text.includes('示例1号制造有限公司'), 'no enterprise name is readable in the locked file');
  }
  const { page: opened, problems } = await openPage(browser, pathToFileURL(out).href);
  await opened.getByTestId('report-lock').waitFor();
  await opened.getByTestId('report-password').fill('县区 2023');
  await opened.getByTestId('report-unlock').click();
  await opened.getByTestId('report-banner').waitFor();
  assert.match(await opened.getByTestId('report-banner').textContent(), /示例市2023年1-2月工业经济运行分析/);
  await opened.getByTestId('briefing-paragraph').first().waitFor();
  assert.deepEqual(await figures(opened), before);
  assert.deepEqual(problems, []);
  await opened.close();
});

test('分县区工作包: one workbook per county with exactly its enterprises, and a package dropped back moves no figure', async () => {
  const { app, page, figures: before, problems } = await analysed();
  const download = await app.download('export-county-packages', 'county-packages.zip');
  assert.equal(download.name, '示例市2023年1-2月分县区工作包.zip');
  const zipPath = download.path;
  assert.match(await page.getByTestId('briefing-status').textContent(), /已生成\d+个县（市、区）的工作包/);
  const source = `${ARTIFACTS}${SOURCE}`;
  writeFileSync(source, cityWorkbook());
  const analysis = JSON.parse(execFileSync(CLI, ['analyze', '--json', source], { encoding: 'utf8' }));
  const entries = unzip(readFileSync(zipPath));
  const named = analysis.regions.filter((r) => r.name !== '未填地区');
  assert.deepEqual(entries.map((e) => e.name).sort(), named.map((r) => `${r.name}2023年1-2月工作包.xlsx`).sort());
  for (const region of named) {
    const entry = entries.find((e) => e.name.startsWith(region.name));
    const path = `${ARTIFACTS}package-${region.name}.xlsx`;
    writeFileSync(path, entry.bytes);
    const sheets = JSON.parse(execFileSync(CLI, ['sheets', path], { encoding: 'utf8' }));
    const list = sheets.find((s) => s.sheet === '企业');
    assert.equal(list.role, 'enterprises');
    assert.equal(list.enterprises, region.enterprises, `${region.name}: its enterprises, no other county's`);
    assert.equal(sheets.find((s) => s.sheet === '停减产台账').role, 'stop_ledger');
    // Its enterprises only: its table, analysed alone, is one region.
    const alone = JSON.parse(execFileSync(CLI, ['analyze', '--json', path], { encoding: 'utf8' }));
    assert.deepEqual(alone.regions.map((r) => r.name), [region.name]);
  }
  // Dropped back beside the city's table: read as its ledger, no figure moves, no warning.
  const warnings = () => page.locator('[data-testid="warning"]:not(.note)').count();
  const warned = await warnings();
  const first = entries[0];
  await app.drop([{ name: first.name, bytes: first.bytes }]);
  assert.deepEqual(await app.figures(), before);
  assert.equal(await warnings(), warned);
  assert.deepEqual(problems, []);
  await page.close();
});
