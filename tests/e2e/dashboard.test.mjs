// The dashboard's figures equal the CLI's JSON for the same workbook, rounded as shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/static-server.mjs';
import { useServedApp, openPage, dropFiles, ARTIFACTS } from './support/browser.mjs';
import { cityWorkbook } from './support/workbooks.mjs';

const CLI = new URL('../../target/debug/industry-report', import.meta.url).pathname;
const app = useServedApp({ before, after }, serve);

/** 四舍五入 to one decimal on the decimal value, as the app displays. */
function one(v) {
  if (v === null || v === undefined) return '—';
  const s = Math.abs(v).toPrecision(15);
  const r = (Math.round(Number(s) * 10 + 1e-9) / 10).toFixed(1);
  return (v < 0 && r !== '0.0' ? '-' : '') + r;
}

test('headline and region figures equal the CLI JSON for the same file', async () => {
  const bytes = cityWorkbook();
  const dir = mkdtempSync(join(tmpdir(), 'im-e2e-'));
  const path = join(dir, '示例市2023年1-2月.xlsx');
  writeFileSync(path, bytes);
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', path], { encoding: 'utf8' }));

  const { page, problems } = await openPage(app.browser, app.server.url);
  await dropFiles(page, [{ name: '示例市2023年1-2月.xlsx', bytes }]);
  await page.getByTestId('dashboard').waitFor();
  const text = async (id) => (await page.getByTestId(id).first().textContent()).trim();
  const c = json.city;
  assert.equal(await text('city-enterprises'), String(c.enterprises));
  assert.equal(await text('city-output'), one(c.output));
  assert.equal(await text('city-output-growth'), one(c.output_growth_pct));
  assert.equal(await text('city-month-output'), one(c.month_output));
  assert.equal(await text('city-month-output-growth'), one(c.month_output_growth_pct));
  assert.equal(await text('city-va-growth'), one(c.value_added_growth_pct));
  assert.equal(await text('city-vs-province'), one(c.vs_province_pp));
  assert.equal(await text('city-vs-nation'), one(c.vs_nation_pp));
  assert.equal(await text('city-province-rank'), String(c.province_rank));
  assert.equal(await text('status-stopped'), String(json.status.stopped));
  assert.equal(await text('status-reduced'), String(json.status.reduced));
  assert.equal(await text('status-increased'), String(json.status.increased));
  assert.equal(await text('status-new'), String(json.status.new));
  for (const r of json.regions) {
    const row = page.locator(`[data-testid="region-row"][data-name="${r.name}"]`);
    assert.equal((await row.getByTestId('region-output-growth').textContent()).trim(), one(r.output_growth_pct), r.name);
    assert.equal((await row.getByTestId('region-contribution').textContent()).trim(), one(r.contribution_pct), r.name);
    assert.equal((await row.getByTestId('region-pull').textContent()).trim(), one(r.pull_pp), r.name);
  }
  await page.screenshot({ path: `${ARTIFACTS}dashboard-1366x768.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a workbook without an enterprise table says what was found and what is missing', async () => {
  const { page } = await openPage(app.browser, app.server.url);
  await dropFiles(page, [{ name: '说明.xlsx', bytes: cityWorkbook({ onlyContext: true }) }]);
  const notice = page.getByTestId('analysis-error');
  await notice.waitFor();
  const t = await notice.textContent();
  assert.match(t, /没有找到企业产值表/);
  assert.match(t, /说明\.xlsx/);
  await page.close();
});
