// The page as a workbench at 1366×768: the section bar stays in view and leads to each
// section (by mouse and keyboard), the headline is one row, nothing is wider than the
// window, an empty figure says what to load and offers its template, files are one table,
// the demo's names carry no numbers, and 打印报告 prints A4 pages without the controls.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/static-server.mjs';
import { CLI, DEMO_PATHS } from './support/figures.mjs';
import { useServedApp, dropFiles, ARTIFACTS } from './support/browser.mjs';
import { App } from './support/app.mjs';
import { bureauWorkbook, cityWorkbook } from './support/workbooks.mjs';

const app = useServedApp({ before, after }, serve);

async function noWiderThanTheWindow(page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(scroll <= inner, `page ${scroll} px wide in a ${inner} px window`);
}

async function headlineInOneRow(page) {
  const tops = await page.locator('.headline .cards.main .card').evaluateAll((cards) => cards.map((c) => Math.round(c.getBoundingClientRect().top)));
  assert.equal(tops.length, 7);
  assert.equal(new Set(tops).size, 1, `card tops ${tops.join(', ')}`);
}

test('at 1366×768 the headline is one row and the section bar stays in view and leads to each section', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('ledgers').waitFor();
  await page.getByTestId('enterprise-table').waitFor();
  await headlineInOneRow(page);
  await noWiderThanTheWindow(page);
  const bar = page.getByTestId('section-bar');
  const labels = await page.getByTestId('section-link').allTextContents();
  for (const l of ['总览', '县区', '行业', '企业', '目标与推演', '增加值测算', '台账', '图表', '讲话稿', '文件']) assert.ok(labels.includes(l), `${l} in ${labels}`);
  assert.match(await page.getByTestId('file-count').textContent(), /4 个文件/);
  assert.equal(await bar.getByTestId('period-select').count(), 1, 'the period chooser is in the bar');
  // Clicking 企业 brings the enterprise table under the bar, the bar still on top.
  await page.locator('[data-testid="section-link"][data-section="sec-enterprises"]').click();
  await page.waitForFunction(() => Math.abs(document.getElementById('sec-enterprises').getBoundingClientRect().top) < 90);
  assert.equal(Math.round((await bar.boundingBox()).y), 0);
  await page.waitForFunction(() => document.querySelector('[data-testid="section-link"].active')?.dataset.section === 'sec-enterprises');
  // By keyboard: focus 县区 and press Enter.
  await page.locator('[data-testid="section-link"][data-section="sec-regions"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => Math.abs(document.getElementById('sec-regions').getBoundingClientRect().top) < 90);
  await page.waitForFunction(() => document.querySelector('[data-testid="section-link"][aria-current="true"]')?.dataset.section === 'sec-regions');
  // Scrolled to the very end, the bar is still there.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2);
  assert.equal(Math.round((await bar.boundingBox()).y), 0);
  assert.ok(await bar.isVisible());
  // Files: one table, a row per sheet.
  const heads = await page.locator('[data-testid="file-list"] thead th').allTextContents();
  assert.deepEqual(heads, ['文件', '工作表', '识别为', '行数', '列数', '提示', '操作']);
  assert.equal(await page.getByTestId('file').count(), 4);
  // The demo's enterprises have names without numbers.
  await page.locator('[data-testid="section-link"][data-section="sec-enterprises"]').click();
  const names = await page.getByTestId('enterprise-row').evaluateAll((rows) => rows.map((r) => r.children[0].textContent));
  assert.ok(names.length > 10);
  for (const n of names) assert.doesNotMatch(n, /[0-9０-９（(]/, n);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${ARTIFACTS}workbench-demo-1366x768.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
  await noWiderThanTheWindow(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await headlineInOneRow(page);
  await noWiderThanTheWindow(page);
  await page.screenshot({ path: `${ARTIFACTS}workbench-demo-1920x1080.png` });
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('a figure without its table says what to load and offers the template', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await dropFiles(page, [{ name: '分企业.xlsx', bytes: bureauWorkbook() }]);
  await page.getByTestId('dashboard').waitFor();
  assert.equal((await page.getByTestId('city-va-growth').textContent()).trim(), '—');
  const notes = await page.getByTestId('card-missing').allTextContents();
  assert.ok(notes.some((n) => n.includes('载入县区增加值增速表后显示')), notes.join(' | '));
  assert.ok(notes.some((n) => n.includes('载入全省各市增速表后显示')), notes.join(' | '));
  const labels = await page.getByTestId('section-link').allTextContents();
  assert.ok(!labels.includes('增加值测算') && !labels.includes('台账') && !labels.includes('目标与推演'), labels.join(','));
  const dir = mkdtempSync(join(tmpdir(), 'im-wb-'));
  for (const id of ['template-region-va', 'template-province']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    const sheets = JSON.parse(execFileSync(CLI, ['sheets', path], { encoding: 'utf8' }));
    assert.equal(sheets.length, 1);
    assert.ok(sheets[0].headers.includes('规上工业增加值增速(%)'), sheets[0].headers.join(' | '));
  }
  await headlineInOneRow(page);
  await noWiderThanTheWindow(page);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('a dropped city at 1366×768 and 1920×1080', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await dropFiles(page, [{ name: '示例市2023年1-2月.xlsx', bytes: cityWorkbook() }]);
  await page.getByTestId('enterprise-table').waitFor();
  await headlineInOneRow(page);
  await noWiderThanTheWindow(page);
  await page.screenshot({ path: `${ARTIFACTS}workbench-dropped-1366x768.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await noWiderThanTheWindow(page);
  await page.screenshot({ path: `${ARTIFACTS}workbench-dropped-1920x1080.png` });
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('打印报告 prints A4 pages: the report without the controls, rows whole, headers repeated', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('period-select').waitFor();
  await page.getByTestId('period-select').selectOption('2023-02');
  await page.getByTestId('scenario').waitFor();
  await page.getByTestId('enterprise-table').waitFor();
  // Every section below the fold built and the charts drawn.
  await page.waitForFunction(() => document.querySelectorAll('#sec-charts canvas').length > 0);
  // The button calls the browser's print (stubbed here: headless has no dialog).
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.getByTestId('print-report').click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: 'print' });
  for (const id of ['section-bar', 'enterprise-table', 'scenario-stopped', 'target-apply', 'warnings', 'file-list']) {
    const n = await page.getByTestId(id).count();
    if (n) assert.equal(await page.getByTestId(id).first().isVisible(), false, `${id} is not printed`);
  }
  for (const id of ['headline', 'briefing', 'targets', 'scenario', 'regions', 'industries']) {
    assert.ok(await page.getByTestId(id).first().isVisible(), `${id} is printed`);
  }
  const style = await page.evaluate(() => {
    const tr = document.querySelector('[data-testid="region-row"]');
    const thead = document.querySelector('[data-testid="regions"] thead');
    const canvases = [...document.querySelectorAll('.chart canvas')].filter((c) => c.offsetParent !== null);
    return {
      row: getComputedStyle(tr).breakInside,
      head: getComputedStyle(thead).display,
      charts: canvases.length,
      drawn: canvases.every((c) => c.width > 0 && c.height > 0),
    };
  });
  assert.equal(style.row, 'avoid', 'no table row is cut');
  assert.equal(style.head, 'table-header-group', 'table headers repeat on each page');
  assert.ok(style.charts >= 2 && style.drawn, `${style.charts} charts printed`);
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  writeFileSync(`${ARTIFACTS}report.pdf`, pdf);
  assert.ok(pages >= 3 && pages <= 16, `${pages} pages`);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('a click that filters the enterprise table says so in the bar, and the chip clears it', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('enterprise-table').waitFor();
  const all = (await page.getByTestId('enterprise-count').textContent()).trim();
  const row = page.getByTestId('region-row').first();
  const name = await row.evaluate((r) => r.dataset.name);
  await row.click();
  const chip = page.getByTestId('section-bar').getByTestId('filter-chip');
  await chip.waitFor();
  assert.equal((await chip.textContent()).replace('×', '').trim(), `已筛选：${name}`);
  const box = await chip.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 768, 'the chip is on screen where the click was');
  assert.notEqual((await page.getByTestId('enterprise-count').textContent()).trim(), all);
  await page.getByTestId('filter-chip-clear').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="filter-chip"]'));
  assert.equal((await page.getByTestId('enterprise-count').textContent()).trim(), all);
  // The 图表 section has its own place in the bar.
  await page.locator('[data-testid="section-link"][data-section="sec-charts"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="section-link"].active')?.dataset.section === 'sec-charts');
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('本月变化: each transition card opens its enterprises, with the counts of the CLI', async () => {
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', ...DEMO_PATHS], { encoding: 'utf8' }));
  const t = json.transitions;
  assert.ok(t, 'the demo has two periods');
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  const panel = page.getByTestId('transitions');
  await panel.waitFor();
  const labels = await page.getByTestId('section-link').allTextContents();
  assert.ok(labels.includes('本月变化'), labels.join(','));
  for (const key of ['newly_stopped', 'resumed', 'turned_down', 'turned_up', 'still_stopped', 'still_reduced']) {
    const card = panel.locator(`[data-testid="transition-card"][data-kind="${key}"]`);
    assert.equal((await card.getByTestId('transition-count').textContent()).trim(), String(t[key].enterprises), key);
  }
  const card = panel.locator('[data-testid="transition-card"][data-kind="turned_down"]');
  await card.click();
  const list = panel.locator('[data-testid="transition-list"][data-kind="turned_down"]');
  await list.waitFor();
  assert.equal(await list.getByTestId('transition-row').count(), t.turned_down.enterprises);
  // The card filters the enterprise table too, said by a chip and by the 变化 filter.
  await page.waitForFunction((n) => document.querySelector('[data-testid="enterprise-count"]').textContent.trim() === String(n), t.turned_down.enterprises);
  assert.match(await page.getByTestId('filter-chip').textContent(), /本月变化：由增转减/);
  assert.equal(await page.getByTestId('enterprise-filter-change').inputValue(), 'turned_down');
  await page.getByTestId('enterprise-filter-change').selectOption('resumed');
  await page.waitForFunction((n) => document.querySelector('[data-testid="enterprise-count"]').textContent.trim() === String(n), t.resumed.enterprises);
  assert.match(await panel.getByTestId('transition-entered').textContent(), new RegExp(`新进入本期企业表${t.entered}户`));
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('transition-export').click()]);
  assert.match(download.suggestedFilename(), /^示例市2023年1-3月本月变化企业名单\.xlsx$/);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('months as a series: each region\'s sparkline says its months, the 县区×月份 table and the rank since the month before', async () => {
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', ...DEMO_PATHS], { encoding: 'utf8' }));
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('regions').waitFor();
  const rows = page.getByTestId('region-row');
  assert.equal(await page.getByTestId('region-sparkline').count(), await rows.count());
  // The pointer at the sparkline's right end: the latest month and the row's own growth.
  const first = json.regions[0];
  const row = page.locator(`[data-testid="region-row"][data-name="${first.name}"]`);
  const canvas = row.getByTestId('region-sparkline').locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
  const tip = row.getByTestId('sparkline-tip');
  await tip.waitFor();
  assert.equal((await tip.textContent()).trim(), `2023年1-3月：${(await row.getByTestId('region-output-growth').textContent()).trim()}%`);
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.waitForFunction(() => document.querySelector('[data-testid="sparkline-tip"]')?.textContent.startsWith('2023年1-2月'));
  // 县区×月份: a row per region and the city, a column per month, exportable.
  await page.getByTestId('region-months').locator('summary').click();
  assert.equal(await page.getByTestId('region-month-row').count(), json.regions.length + 1);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-region-months').click()]);
  assert.equal(csv.suggestedFilename(), '示例市2023年1-3月县区逐月增速.csv');
  // 全省位次 with its move since 1-2月 (both months have the province table).
  const rankNote = await page.getByTestId('city-province-rank').evaluate((e) => e.closest('.card').querySelector('.card-note')?.textContent);
  assert.match(rankNote, /位次较2023年1-2月(前移|后移)\d+位|位次与2023年1-2月持平/);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('an industry\'s growth and a transition set\'s count say where they come from, and lead to their enterprises', async () => {
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', ...DEMO_PATHS], { encoding: 'utf8' }));
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('industries').waitFor();
  const industry = json.industries[0];
  await page.locator(`[data-testid="industry-row"][data-code="${industry.code}"]`).getByTestId('industry-trace').click();
  const trace = page.getByTestId('trace');
  await trace.waitFor();
  assert.match(await trace.getByTestId('trace-name').textContent(), new RegExp(`^${industry.name}累计产值同比 = `));
  assert.match(await trace.getByTestId('trace-sources').textContent(), new RegExp(`${industry.enterprises}户企业之和`));
  await trace.getByTestId('trace-rows').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid="enterprise-count"]').textContent.trim() === String(n), industry.enterprises);
  await page.getByTestId('filter-chip').first().waitFor();

  const down = json.transitions.turned_down;
  await page.locator('[data-testid="transition-trace"][data-kind="turned_down"]').click();
  await trace.waitFor();
  assert.equal(await trace.getByTestId('trace-name').textContent(), `由增转减企业 = ${down.enterprises}户`);
  assert.match(await trace.getByTestId('trace-sources').textContent(), /上期企业表：2023年1-2月/);
  await trace.getByTestId('trace-rows').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid="enterprise-count"]').textContent.trim() === String(n), down.enterprises);
  await page.locator('[data-testid="transition-pull-trace"][data-kind="turned_down"]').click();
  assert.match(await trace.getByTestId('trace-formula').textContent(), /个百分点$/);
  await page.keyboard.press('Escape');
  await trace.waitFor({ state: 'detached' });
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('every figure of the region and industry tables opens where it came from, and a click still filters by its row', async () => {
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', ...DEMO_PATHS], { encoding: 'utf8' }));
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('regions').waitFor();
  const region = json.regions[1];
  const row = page.locator(`[data-testid="region-row"][data-name="${region.name}"]`);
  const pull = row.locator('[data-testid="region-pull"] [data-trace]');
  assert.equal(await pull.getAttribute('data-trace'), `regions[${region.name}].pull_pp`);
  await pull.click();
  const trace = page.getByTestId('trace');
  await trace.waitFor();
  assert.match(await trace.getByTestId('trace-name').textContent(), new RegExp(`^${region.name}`));
  assert.match(await trace.getByTestId('trace-sources').textContent(), new RegExp(`${region.enterprises}户企业之和`));
  // The click reached the row: the enterprise table shows the region's enterprises.
  await page.waitForFunction((n) => document.querySelector('[data-testid="enterprise-count"]').textContent.trim() === String(n), region.enterprises);
  await page.keyboard.press('Escape');
  await trace.waitFor({ state: 'detached' });

  // By keyboard: an industry's output, focused and opened with Enter.
  const industry = json.industries[0];
  const output = page.locator(`[data-testid="industry-row"][data-code="${industry.code}"] [data-testid="industry-output"] [data-trace]`);
  await output.focus();
  await page.keyboard.press('Enter');
  await trace.waitFor();
  assert.match(await trace.getByTestId('trace-formula').textContent(), new RegExp(`${industry.output.toFixed(1)}`));

  await page.keyboard.press('Escape');
  await trace.waitFor({ state: 'detached' });

  // Every figure of both tables is traced (an industry's code is a name, not a figure),
  // the rank in its group and the change since 1-2月 included.
  const untraced = await page.$$eval('[data-testid="region-row"] td, [data-testid="industry-row"] td', (tds) =>
    tds.filter((td) => /^-?[\d.,]+$/.test(td.textContent.trim()) && !td.querySelector('[data-trace]')).map((td) => td.dataset.testid));
  assert.deepEqual([...new Set(untraced)].sort(), ['industry-code']);
  await row.locator('[data-testid="region-rank"] [data-trace]').click();
  await trace.waitFor();
  assert.match(await trace.getByTestId('trace-formula').textContent(), /第\d+位，共\d+个$/);
  await page.keyboard.press('Escape');
  await row.locator('[data-testid="region-growth-since"] [data-trace]').click();
  await trace.waitFor();
  assert.match(await trace.getByTestId('trace-formula').textContent(), /个百分点$/);
  assert.deepEqual(user.problems, []);
  await user.close();
});
