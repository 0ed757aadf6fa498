// The 增加值测算 panel on the demo (its workbook carries a rate table and the PPI of both
// months): the estimate, the calibration and the target's required output equal the CLI's,
// the briefing says it, and the templates download as workbooks ingest recognises.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/static-server.mjs';
import { CLI, DEMO_PATHS, one } from './support/figures.mjs';
import { useServedApp, ARTIFACTS } from './support/browser.mjs';
import { App } from './support/app.mjs';

const app = useServedApp({ before, after }, serve);
const cli = (args) => JSON.parse(execFileSync(CLI, ['analyze', '--json', ...args, ...DEMO_PATHS], { encoding: 'utf8' }));

test('the demo shows the 增加值测算 panel with the CLI figures, for both periods', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await user.analysed();
  await user.byTestId('va-panel').waitFor();
  const text = async (id) => (await user.byTestId(id).first().textContent()).trim();
  const march = cli([]).va_estimate;
  assert.equal(await text('va-estimate-growth'), one(march.growth_pct));
  assert.equal(await text('va-estimate-calibration'), one(march.calibration_pp));
  assert.equal(march.target, null, 'the quarter is over in 1-3月');
  assert.equal(await page.getByTestId('va-target').count(), 0);
  assert.equal(await page.locator('[data-testid="va-row"][data-kind="县区"]').count(), march.regions.length);
  assert.equal(await page.locator('[data-testid="va-row"][data-kind="行业"]').count(), march.industries.length);
  assert.match(await text('va-panel'), /测算/);
  // The estimate says where it comes from: the method, its sums and the tables read.
  await page.getByTestId('va-estimate-growth').click();
  const trace = page.getByTestId('trace');
  await trace.waitFor();
  assert.match(await trace.getByTestId('trace-formula').textContent(), new RegExp(`= ${one(march.growth_pct)}%$`));
  assert.match(await trace.getByTestId('trace-sources').textContent(), /增加值率[\s\S]*出厂价格指数/);
  await page.keyboard.press('Escape');
  await trace.waitFor({ state: 'detached' });

  await page.getByTestId('period-select').selectOption('2023-02');
  const feb = cli(['--period', '2023-02']).va_estimate;
  await page.waitForFunction((v) => document.querySelector('[data-testid="va-estimate-growth"]')?.textContent === v, one(feb.growth_pct));
  assert.equal(await text('va-estimate-calibration'), one(feb.calibration_pp));
  assert.equal(await text('va-target-required-output'), one(feb.target.required_remaining_output));
  assert.match(await text('va-target'), new RegExp(`完成一季度增加值增长${one(feb.target.va_growth_target_pct)}%的目标，3月份当月需完成产值`));
  assert.match(await text('briefing'), new RegExp(`按价格指数缩减法测算，1-2月份全市规上工业增加值同比增长${one(feb.growth_pct)}%`));
  await page.getByTestId('va-panel').screenshot({ path: `${ARTIFACTS}va-panel-1366x768.png` });

  // The templates: workbooks whose sheet, once filled in, ingest reads as its table.
  const dir = mkdtempSync(join(tmpdir(), 'im-va-'));
  for (const [id, role, column] of [['va-template-rates', 'va_rates', '增加值率(%)'], ['va-template-prices', 'price_index', '出厂价格指数 1-本月(上年同期=100)']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    const sheets = JSON.parse(execFileSync(CLI, ['sheets', path], { encoding: 'utf8' }));
    assert.equal(sheets.length, 1, path);
    assert.ok(['other', role].includes(sheets[0].role), `${path}: ${sheets[0].role}`);
    assert.ok(sheets[0].rows >= 42, 'the 41 divisions and 全部工业');
    // Still empty, so not yet a table; its header is the one ingest recognises once filled
    // (the round trip of a filled template is report::templates' unit test).
    assert.ok(sheets[0].headers.includes(column), `${path}: ${sheets[0].headers.join(' | ')}`);
  }
  assert.deepEqual(user.problems, []);
  await user.close();
});
