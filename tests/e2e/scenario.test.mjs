// 调度推演 on the demo's 1-2月 (its 目标任务 sheet sets the 一季度 target): the sliders'
// figures equal the CLI's for the same levers as they move, the regions' gains add up to
// the total, the leaders' table shows, the largest gains export as a list, the threshold is
// stated, and the levers, once released, put the sentence into the briefing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import XLSX from 'xlsx';
import { serve } from '../../scripts/static-server.mjs';
import { CLI, DEMO_PATHS, one } from './support/figures.mjs';
import { useServedApp, ARTIFACTS } from './support/browser.mjs';
import { App } from './support/app.mjs';

const app = useServedApp({ before, after }, serve);
const cli = (s, r) => JSON.parse(execFileSync(CLI, ['analyze', '--json', '--period', '2023-02',
  '--resume-stopped', String(s), '--recover-reduced', String(r), ...DEMO_PATHS], { encoding: 'utf8' })).scenario;
const text = async (page, id) => (await page.getByTestId(id).first().textContent()).trim();

async function expectFigures(page, sc) {
  await page.waitForFunction((v) => document.querySelector('[data-testid="scenario-forecast"]')?.textContent === v, one(sc.forecast_quarter_output));
  assert.equal(await text(page, 'scenario-gain'), one(sc.stopped_gain + sc.reduced_gain));
  assert.equal(await text(page, 'scenario-growth'), one(sc.forecast_growth_pct));
  assert.equal(await text(page, 'scenario-gap'), one(sc.forecast_gap));
}

test('the sliders move the forecast as the CLI computes it, and the briefing says 推演', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('dashboard').waitFor();
  await page.getByTestId('period-select').selectOption('2023-02');
  await page.getByTestId('scenario').waitFor();
  // The panel starts at the speech's example: 80 % and 100 %.
  assert.equal(await text(page, 'scenario-stopped-value'), '80%');
  assert.equal(await text(page, 'scenario-reduced-value'), '100%');
  await expectFigures(page, cli(80, 100));
  assert.match(await text(page, 'scenario-sentence'), /^推演：若停产企业3月恢复到上年同月的80%、减产企业恢复到上年同月水平，可增加产值/);
  assert.doesNotMatch(await text(page, 'scenario'), /预计可/);
  assert.match(await text(page, 'scenario-threshold'), /(即可完成目标|仍差|无需)/);

  // One step, then another, as a dragged slider sends them.
  await page.getByTestId('scenario-stopped').fill('50');
  await expectFigures(page, cli(50, 100));
  await page.getByTestId('scenario-reduced').fill('70');
  const sc = cli(50, 70);
  await expectFigures(page, sc);

  // By region: every region, the gains adding up to the total.
  const rows = page.getByTestId('scenario-region-row');
  const gains = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.children[1].textContent)));
  assert.ok(gains.length >= 16, `${gains.length} regions`);
  // The demo's 目标任务 sheet has region targets: the gap columns are shown.
  assert.equal(await page.getByTestId('scenario-regions').locator('thead th').count(), 4);
  const total = gains.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - (sc.stopped_gain + sc.reduced_gain)) <= 0.05 * gains.length + 1e-9, `${total}`);
  assert.ok(await page.getByTestId('scenario-leader-row').count() > 0, 'the 包保 leaders');
  const top = await page.getByTestId('scenario-top-row').count();
  assert.ok(top > 0 && top <= 20, `${top} enterprises`);

  // The list for the meeting.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scenario-export').click()]);
  const wb = XLSX.read(readFileSync(await download.path()));
  const list = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]]);
  assert.equal(list.length, top);
  assert.ok('推演可增加(万元)' in list[0], Object.keys(list[0]).join(' | '));

  // Released, the levers stay in the settings: the briefing carries the sentence.
  await page.getByTestId('scenario-reduced').dispatchEvent('change');
  await page.waitForFunction(() => document.querySelector('[data-testid="briefing"]')?.textContent.includes('推演：若停产企业3月恢复到上年同月的50%、减产企业恢复到上年同月的70%'));
  await page.getByTestId('scenario').waitFor();
  assert.equal(await text(page, 'scenario-stopped-value'), '50%');
  await page.getByTestId('scenario').screenshot({ path: `${ARTIFACTS}scenario-1366x768.png` });
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('a slider keeps the keyboard: arrow keys move it step by step, each step recomputed', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('dashboard').waitFor();
  await page.getByTestId('period-select').selectOption('2023-02');
  await page.getByTestId('scenario').waitFor();
  await page.getByTestId('scenario-stopped').focus();
  for (const v of [81, 82, 83]) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((want) => document.querySelector('[data-testid="scenario-stopped-value"]')?.textContent === `${want}%`, v);
    await page.waitForFunction(() => document.activeElement?.dataset?.testid === 'scenario-stopped');
  }
  await expectFigures(page, cli(83, 100));
  // Drawn in the page's colours (its own track and thumb, not the kernel's blue).
  const look = await page.getByTestId('scenario-stopped').evaluate((el) => {
    const s = getComputedStyle(el);
    return { appearance: s.webkitAppearance || s.appearance, accent: s.accentColor, page: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() };
  });
  assert.equal(look.appearance, 'none', JSON.stringify(look));
  assert.equal(look.accent, 'rgb(179, 38, 30)', JSON.stringify(look));
  assert.equal(look.page, '#b3261e');
  assert.deepEqual(user.problems, []);
  await user.close();
});
