// The single offline file, opened from file:// with no server at all: the whole flow —
// demo, drop, figures equal to the CLI's, charts, briefing, exports, kept mappings —
// and not one request beyond file:, data: and blob:.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import XLSX from 'xlsx';
import { launch, dropFiles } from './support/browser.mjs';
import { App } from './support/app.mjs';
import { CLI, one } from './support/figures.mjs';
import { cityWorkbook } from './support/workbooks.mjs';

const FILE = new URL('../../dist/industry-monitor.html', import.meta.url);
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('dist/industry-monitor.html runs the whole flow from file:// and requests nothing from a network', async () => {
  const size = statSync(FILE).size;
  assert.ok(size < 4 * 1024 * 1024, `bundle is ${size} bytes`);
  const bytes = cityWorkbook();
  const dir = mkdtempSync(join(tmpdir(), 'im-bundle-'));
  const path = join(dir, '示例市2023年1-2月.xlsx');
  writeFileSync(path, bytes);
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', path], { encoding: 'utf8' }));

  const user = await App.open(browser, FILE.href);
  const { page, requests } = user;
  await page.getByTestId('demo-banner').waitFor();
  assert.equal(await page.getByTestId('city-enterprises').textContent(), '1490');

  await dropFiles(page, [{ name: '示例市2023年1-2月.xlsx', bytes }]);
  await page.locator('[data-testid="file"][data-name="示例市2023年1-2月.xlsx"]').waitFor();
  await page.waitForFunction((n) => document.querySelector('[data-testid="city-enterprises"]')?.textContent === n, String(json.city.enterprises));
  // Read by the Web Worker (it reports its memory with each result), also from file://.
  assert.ok(await page.evaluate(() => window.__industryMonitorWorkerMemory > 0), 'the worker read the file');
  assert.equal(await page.getByTestId('city-output').textContent(), one(json.city.output));
  assert.equal(await page.getByTestId('city-output-growth').textContent(), one(json.city.output_growth_pct));
  assert.equal(await page.getByTestId('city-va-growth').textContent(), one(json.city.value_added_growth_pct));
  for (const r of json.regions) {
    const row = page.locator(`[data-testid="region-row"][data-name="${r.name}"]`);
    assert.equal(await row.getByTestId('region-pull').textContent(), one(r.pull_pp), r.name);
  }
  // Charts drew on their canvases.
  const painted = await page.getByTestId('chart-regions').locator('canvas').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200) ink++;
    return ink;
  });
  assert.ok(painted > 1000, `ink on the regions chart: ${painted}`);

  // Exports download from blob: URLs.
  const [book] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  const wb = XLSX.read(readFileSync(await book.path()));
  assert.equal(XLSX.utils.sheet_to_json(wb.Sheets['企业']).length, json.city.enterprises);
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('briefing-download-docx').click()]);
  assert.ok(docx.suggestedFilename().endsWith('.docx'));

  // The mapping editor opens.
  await page.getByTestId('mapping-toggle').first().click();
  await page.getByTestId('mapping-editor').waitFor();

  const offSite = requests.filter((u) => !/^(file|data|blob):/.test(u));
  assert.deepEqual(offSite, []);
  assert.deepEqual(user.problems, []);
  await user.close();
});
