// The dashboard's figures equal the CLI's JSON for the same workbook, rounded as shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/static-server.mjs';
import { CLI, DEMO_PATHS, one } from './support/figures.mjs';
import { useServedApp, dropFiles, ARTIFACTS } from './support/browser.mjs';
import { App } from './support/app.mjs';
import { cityWorkbook } from './support/workbooks.mjs';

const app = useServedApp({ before, after }, serve);


test('headline and region figures equal the CLI JSON for the same file', async () => {
  const bytes = cityWorkbook();
  const dir = mkdtempSync(join(tmpdir(), 'im-e2e-'));
  const path = join(dir, '示例市2023年1-2月.xlsx');
  writeFileSync(path, bytes);
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', path], { encoding: 'utf8' }));

  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
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
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('a workbook without an enterprise table says what was found and what is missing', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await dropFiles(page, [{ name: '说明.xlsx', bytes: cityWorkbook({ onlyContext: true }) }]);
  const notice = page.getByTestId('analysis-error');
  await notice.waitFor();
  const t = await notice.textContent();
  // Context tables alone: what came, from which file, and what to bring next.
  assert.match(t, /已载入.*请再载入企业产值表/);
  assert.match(t, /说明\.xlsx/);
  await user.close();
});

test('clicking a region filters the enterprise table; search and sort work', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('demo-banner').waitFor();
  const count = async () => Number(await page.getByTestId('enterprise-count').textContent());
  assert.equal(await count(), 1490);
  // Only the rows in view are in the DOM.
  assert.ok((await page.getByTestId('enterprise-row').count()) < 60);
  await page.locator('[data-testid="region-row"][data-name="高新区"]').click();
  assert.equal(await count(), 110);
  const regions = await page.getByTestId('enterprise-row').evaluateAll((rows) => rows.map((r) => r.children[1].textContent));
  assert.ok(regions.length > 0 && regions.every((r) => r === '高新区'), regions.join(','));
  await page.getByTestId('clear-region').click();
  assert.equal(await count(), 1490);
  // A whole name finds its one enterprise (the demo's names are all distinct).
  const first = (await page.getByTestId('enterprise-row').first().evaluate((r) => r.children[0].textContent)).trim();
  await page.getByTestId('enterprise-search').fill(first);
  assert.equal(await count(), 1);
  await page.getByTestId('enterprise-search').fill('');
  // Sort by growth ascending: the first row has the lowest growth.
  const growthHeader = page.locator('[data-testid="enterprise-sort"][data-column="同比(%)"]');
  await growthHeader.click();
  await growthHeader.click();
  const firstGrowth = Number(await page.getByTestId('enterprise-row').first().evaluate((r) => r.children[5].textContent));
  assert.ok(firstGrowth <= -50, `lowest growth first, got ${firstGrowth}`);
  // Scrolling far down renders rows from the end of the list.
  await page.getByTestId('enterprise-table').evaluate((el) => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="enterprise-row"]').length > 0);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('the analysed period can be chosen, colours switch, and tables export as CSV for Excel', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('demo-banner').waitFor();
  const demo = DEMO_PATHS;
  const feb = JSON.parse(execFileSync(CLI, ['analyze', '--json', '--period', '2023-02', ...demo], { encoding: 'utf8' }));
  const mar = JSON.parse(execFileSync(CLI, ['analyze', '--json', ...demo], { encoding: 'utf8' }));
  const output = async () => (await page.getByTestId('city-output').textContent()).trim();
  assert.equal(await output(), one(mar.city.output));
  await page.getByTestId('period-select').selectOption('2023-02');
  await page.waitForFunction((v) => document.querySelector('[data-testid="city-output"]').textContent.trim() === v, one(feb.city.output));
  assert.equal(await page.getByTestId('city-va-growth').textContent(), one(feb.city.value_added_growth_pct));

  // 红涨绿跌 by default; the switch swaps them.
  const upColor = () => page.locator('td.up').first().evaluate((el) => getComputedStyle(el).color);
  assert.equal(await upColor(), 'rgb(198, 40, 40)');
  await page.getByTestId('color-convention').check();
  assert.equal(await upColor(), 'rgb(46, 125, 50)');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-regions').click()]);
  // Named after the city and period, then what it holds.
  assert.match(download.suggestedFilename(), /^(示例市)?2023年1-[23]月分县（市、区）\.csv$/);
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
  const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
  assert.equal(lines[0], '地区,分组,组内位次,企业数,累计产值(亿元),上年同期(亿元),同比(%),贡献率(%),拉动(百分点),增加值增速(%)');
  assert.equal(lines.length, 1 + feb.regions.length);
  const first = feb.regions[0];
  assert.equal(lines[1], [first.name, '区', feb.extra.region_group_ranks[first.name], first.enterprises, one(first.output), one(first.output_prior), one(first.output_growth_pct), one(first.contribution_pct), one(first.pull_pp), one(first.value_added_growth_pct)].join(','));
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('charts: hovering a bar shows its figures, clicking filters the enterprises, PNG and SVG save', async () => {
  const demo = DEMO_PATHS;
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', ...demo], { encoding: 'utf8' }));
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('demo-banner').waitFor();
  for (const id of ['chart-regions', 'chart-pull', 'chart-industries', 'chart-status', 'chart-trend', 'chart-scatter']) {
    const canvas = page.getByTestId(id).locator('canvas');
    await canvas.waitFor();
    // Sharp on high-DPI screens: the bitmap is the CSS size times devicePixelRatio.
    const [w, cssW, dpr] = await canvas.evaluate((c) => [c.width, c.clientWidth, devicePixelRatio]);
    assert.equal(w, Math.round(cssW * dpr), id);
  }
  const chart = page.getByTestId('chart-regions');
  const canvas = chart.locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const target = json.regions[2];
  // Move down the chart as a user would until the tooltip names the region.
  let found = null;
  for (let y = 20; y < box.height && found === null; y += 5) {
    await page.mouse.move(box.x + box.width * 0.6, box.y + y);
    const tip = chart.getByTestId('chart-tooltip');
    if ((await tip.count()) > 0 && (await tip.textContent()).startsWith(target.name)) found = y;
  }
  assert.notEqual(found, null, `tooltip for ${target.name}`);
  const tip = await chart.getByTestId('chart-tooltip').textContent();
  assert.ok(tip.includes(`工业增加值同比 ${one(target.value_added_growth_pct)}%`), tip);
  assert.ok(tip.includes(`拉动全市 ${one(target.pull_pp)} 个百分点`), tip);
  await page.screenshot({ path: `${ARTIFACTS}chart-tooltip-1366x768.png` });

  await page.mouse.click(box.x + box.width * 0.6, box.y + found);
  await page.getByTestId('clear-region').waitFor();
  assert.equal((await page.getByTestId('enterprise-count').textContent()).trim(), String(target.enterprises));
  assert.equal(await page.getByTestId('enterprise-filter-region').inputValue(), target.name);
  const regions = await page.getByTestId('enterprise-row').evaluateAll((rows) => rows.map((r) => r.children[1].textContent));
  assert.ok(regions.length > 0 && regions.every((r) => r === target.name));

  const [png] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('chart-save-png').click()]);
  assert.match(png.suggestedFilename(), /^(示例市)?2023年1-[23]月分县区增速\.png$/);
  assert.deepEqual([...readFileSync(await png.path()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const [svg] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('chart-save-svg').click()]);
  const doc = readFileSync(await svg.path(), 'utf8');
  assert.ok(doc.startsWith('<svg') && doc.includes(target.name));
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('the dashboard at 1920×1080, and an industry click filters the enterprises', async () => {
  const user = await App.open(app.browser, app.server.url, { width: 1920, height: 1080 });
  const { page } = user;
  await page.getByTestId('demo-banner').waitFor();
  await page.getByTestId('chart-scatter').locator('canvas').waitFor();
  await page.screenshot({ path: `${ARTIFACTS}dashboard-1920x1080.png`, fullPage: true });
  const row = page.getByTestId('industry-row').first();
  const [code, count] = await row.evaluate((r) => [r.dataset.code, r.children[2].textContent.trim()]);
  await row.click();
  await page.getByTestId('clear-industry').waitFor();
  assert.equal((await page.getByTestId('enterprise-count').textContent()).trim(), count);
  assert.equal(await page.getByTestId('enterprise-filter-industry').inputValue(), code);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${ARTIFACTS}print-preview.png`, fullPage: true });
  assert.equal(await page.getByTestId('enterprises').isVisible(), false, 'the enterprise list is not printed');
  assert.equal(await page.getByTestId('chart-regions').isVisible(), true);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('the footer carries the 口径说明, every indicator defined, offline', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  const defs = page.getByTestId('definitions');
  await defs.locator('summary').click();
  const text = await defs.textContent();
  assert.match(text, /累计产值同比/);
  assert.match(text, /季度需完成产值 = P × \(1 \+ t ÷ 100\)/);
  assert.ok((await defs.locator('table').count()) >= 2, 'the indicator tables render as tables');
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('the enterprise table is in 万元 with one decimal, 当月产值 beside 当月状态', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  const table = page.getByTestId('enterprise-table');
  await table.waitFor();
  const heads = (await table.locator('thead th').allTextContents()).map((t) => t.replace(/[▲▼↕\s]/g, ''));
  const month = heads.indexOf('当月产值(万元)');
  assert.ok(month >= 0, heads.join('|'));
  assert.ok(heads.some((h) => h.startsWith('累计产值(万元)')), heads.join('|'));
  assert.equal(heads[month + 1], '当月状态');
  const cells = await page.getByTestId('enterprise-row').first().evaluate((r, i) => [r.children[3].textContent, r.children[i].textContent], month);
  for (const c of cells) assert.match(c.trim(), /^-?\d+\.\d$/);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('the region and industry tables sort by any column, as the enterprise table does', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  const regions = page.getByTestId('regions');
  await regions.waitFor();
  const pulls = async () => regions.locator('tbody').first().getByTestId('region-pull')
    .evaluateAll((cells) => cells.map((c) => Number(c.textContent)));
  const header = regions.locator('[data-testid="sort-header"][data-key="pull"]');
  await header.click();
  let p = await pulls();
  assert.deepEqual(p, [...p].sort((a, b) => b - a), 'largest pull first');
  assert.equal(await regions.locator('th[aria-sort="descending"]').count(), 1);
  await header.click();
  p = await pulls();
  assert.deepEqual(p, [...p].sort((a, b) => a - b), 'then smallest first');
  const industries = page.getByTestId('industries');
  await industries.locator('[data-testid="sort-header"][data-key="output-growth"]').click();
  const growth = await industries.getByTestId('industry-output-growth').evaluateAll((cells) => cells.map((c) => Number(c.textContent)).filter((v) => !Number.isNaN(v)));
  assert.deepEqual(growth, [...growth].sort((a, b) => b - a));
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('a figure says where it comes from: formula, inputs, file, column and rows; Escape closes it', async () => {
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', ...DEMO_PATHS], { encoding: 'utf8' }));
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  const card = page.locator('.card[data-trace="city.output_growth_pct"]');
  await card.waitFor();
  await card.click();
  const trace = page.getByTestId('trace');
  await trace.waitFor();
  assert.equal((await trace.getByTestId('trace-name').textContent()).trim(), `累计产值同比 = ${one(json.city.output_growth_pct)}%`);
  const formula = await trace.getByTestId('trace-formula').textContent();
  assert.ok(formula.includes(`${one(json.city.output)} − ${one(json.city.output_prior)}`), formula);
  const sources = await trace.getByTestId('trace-sources').textContent();
  assert.match(sources, /示例市2023年1-3月规上工业企业\.xlsx · .+ · [A-Z]+列“.+” 第\d+–\d+行/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-testid="trace"]'));
  // By keyboard: focus the card, Enter.
  await page.locator('.card[data-trace="city.output"]').focus();
  await page.keyboard.press('Enter');
  await trace.waitFor();
  await trace.getByTestId('trace-close').click();
  // A region's growth: its rows filter the enterprise table.
  const row = page.getByTestId('region-row').first();
  const name = await row.evaluate((r) => r.dataset.name);
  await row.getByTestId('region-trace').click();
  await trace.getByTestId('trace-rows').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid="enterprise-filter-region"]').value === n, name);
  assert.match(await page.getByTestId('filter-chip').textContent(), new RegExp(name));
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('the briefing\'s numbers are traceable: each opens its formula and sources, by click or by Enter', async () => {
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', ...DEMO_PATHS], { encoding: 'utf8' }));
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  const briefing = page.getByTestId('briefing');
  await briefing.locator('[data-trace]').first().waitFor();
  const keys = await briefing.locator('[data-trace]').evaluateAll((els) => els.map((e) => e.dataset.trace));
  for (const key of ['city.enterprises', 'city.output', 'city.output_growth_pct', 'city.month_output', 'status.stopped', 'status.increased', 'target.required_quarter_output', 'highlights.pillar.share_pct']) {
    assert.ok(keys.includes(key), `${key} is traceable in the briefing: ${keys}`);
  }
  assert.ok(keys.some((k) => /^regions\[.+\]\.pull_pp$/.test(k)), 'a region\'s pull is traceable');
  // The number shown is the one the analysis has, and it opens its own explanation.
  const growth = briefing.locator('[data-trace="city.output_growth_pct"]').first();
  assert.equal((await growth.textContent()).trim(), `增长${one(json.city.output_growth_pct)}%`);
  await growth.click();
  const trace = page.getByTestId('trace');
  await trace.waitFor();
  assert.equal((await trace.getByTestId('trace-name').textContent()).trim(), `累计产值同比 = ${one(json.city.output_growth_pct)}%`);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-testid="trace"]'));
  // Every traced figure opens an explanation, none an error.
  for (const key of new Set(keys)) {
    const el = briefing.locator(`[data-trace="${key.replace(/"/g, '\\"')}"]`).first();
    await el.focus();
    await page.keyboard.press('Enter');
    await trace.waitFor();
    assert.equal(await trace.locator('.error').count(), 0, key);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="trace"]'));
  }
  // The text read aloud is unchanged by the marks: the copy has no stray characters.
  const text = await briefing.textContent();
  assert.doesNotMatch(text, /[\uE000-\uE002]/);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('较上期: the headline card, the briefing and the region table say how the cumulative growth moved since 1-2月', async () => {
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', ...DEMO_PATHS], { encoding: 'utf8' }));
  const [before, now] = json.extra.trend.slice(-2);
  const d = now.output_growth_pct - before.output_growth_pct;
  const said = Math.abs(d) < 0.05 ? '与1-2月持平' : `较1-2月${d > 0 ? '回升' : '回落'}${one(Math.abs(d))}个百分点`;
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  const card = page.locator('.card[data-trace="city.output_growth_pct"]');
  await card.waitFor();
  assert.match(await card.textContent(), new RegExp(said));
  assert.match(await page.getByTestId('briefing-paragraph').first().textContent(), new RegExp(`同比(增长|下降)\\d+\\.\\d%，${said}`));
  // Each region's change, from the same two periods.
  const region = json.regions[0];
  const change = region.output_growth_pct - before.regions[region.name];
  await page.getByTestId('regions').waitFor();
  const cell = page.locator(`[data-testid="region-row"][data-name="${region.name}"] [data-testid="region-growth-since"]`);
  assert.equal((await cell.textContent()).trim(), one(change));
  assert.deepEqual(user.problems, []);
  await user.close();
});
