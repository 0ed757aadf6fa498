// Targets panel (test vector T1) and the briefing: figures filled in, wording by sign,
// download as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve } from '../../scripts/static-server.mjs';
import XLSX from 'xlsx';
import { execFileSync } from 'node:child_process';


import { CLI, DEMO_PATHS, one } from './support/figures.mjs';
import { useServedApp, dropFiles, ARTIFACTS } from './support/browser.mjs';
import { App } from './support/app.mjs';

const app = useServedApp({ before, after }, serve);

// T1: A12 = 210, B12 = 200 (亿元); two enterprises, one region each.
const T1_CSV = [
  '2023年1-2月规上工业企业主要指标',
  '单位：亿元',
  '企业名称,县区,本月,上年同月,1-本月,上年同期',
  '甲公司,城东区,100,95,150,140',
  '乙公司,河西县,30,30,60,60',
].join('\n');

test('T1 through the targets panel: 3月份当月产值要完成124.8亿元', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await dropFiles(page, [{ name: 't1.csv', bytes: new TextEncoder().encode(T1_CSV) }]);
  await page.getByTestId('targets').waitFor();
  await page.getByTestId('target-quarter-end').selectOption('3');
  await page.getByTestId('target-growth').fill('8');
  await page.getByTestId('target-prior').fill('310');
  await page.getByTestId('target-apply').click();
  await page.getByTestId('target-result').waitFor();
  const t = async (id) => (await page.getByTestId(id).textContent()).trim();
  assert.equal(await t('target-required-quarter'), '334.8');
  assert.equal(await t('target-required-remaining'), '124.8');
  assert.equal(await t('target-required-growth'), '13.5');
  assert.equal(await t('target-pp-to-go'), '3.0');
  assert.equal(await t('target-pp-value'), '3.1');
  const briefing = await page.getByTestId('briefing').textContent();
  assert.match(briefing, /3月份当月产值要完成124\.8亿元，同比需增长13\.5%/);
  assert.match(briefing, /在1-2月份产值增长5\.0%的基础上，再增加3\.0个百分点/);
  assert.doesNotMatch(briefing, /\*\*|null|NaN|增长-/);
  // The target block's figures open where they come from: typed by hand, and the table's.
  await page.getByTestId('target-result').locator('[data-trace="target.required_remaining_output"]').click();
  const trace = page.getByTestId('trace');
  await trace.waitFor();
  assert.match(await trace.getByTestId('trace-name').textContent(), /124\.8/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-testid="trace"]'));
  await page.screenshot({ path: `${ARTIFACTS}targets-1366x768.png`, fullPage: true });
  await page.getByTestId('chart-target').locator('canvas').waitFor();

  // Kept with the session: after a reload the hand-entered target applies again.
  await page.reload();
  await page.getByTestId('drop-zone').waitFor();
  await dropFiles(page, [{ name: 't1.csv', bytes: new TextEncoder().encode(T1_CSV) }]);
  await page.getByTestId('target-result').waitFor();
  assert.equal(await t('target-required-remaining'), '124.8');
  assert.match(await page.getByTestId('target-source').textContent(), /手动填写/);
  await page.getByTestId('target-clear').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="target-result"]'));
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('region targets from the 目标任务 sheet: each district and county, as the CLI computes them', async () => {
  const demo = DEMO_PATHS;
  const json = JSON.parse(execFileSync(CLI, ['analyze', '--json', '--period', '2023-02', ...demo], { encoding: 'utf8' }));
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('demo-banner').waitFor();
  await page.getByTestId('period-select').selectOption('2023-02');
  await page.waitForFunction(() => document.querySelector('[data-testid="targets"] h2'));
  await page.getByTestId('region-targets').waitFor();
  const rows = page.getByTestId('region-target-row');
  assert.equal(await rows.count(), json.extra.region_targets.length);
  for (const [i, r] of json.extra.region_targets.entries()) {
    const row = rows.nth(i);
    assert.equal(await row.getAttribute('data-name'), r.region);
    assert.equal((await row.getByTestId('region-target-required').textContent()).trim(), one(r.target.required_quarter_output));
    assert.equal((await row.getByTestId('region-target-remaining').textContent()).trim(), one(r.target.required_remaining_output));
    assert.equal((await row.getByTestId('region-target-gap').textContent()).trim(), one(r.target.forecast_gap));
  }
  assert.match(await page.getByTestId('briefing').textContent(), /分县区看，预计\d+个县（市、区）可完成目标/);
  assert.match(await page.getByTestId('target-source').textContent(), /目标任务表/);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('the briefing of the demo reads like the speech and downloads as text', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('demo-banner').waitFor();
  const paragraphs = await page.getByTestId('briefing-paragraph').allTextContents();
  assert.match(paragraphs[0], /^1-3月份，全市1490户规上工业企业完成工业总产值\d+\.\d亿元，同比(增长|下降)\d+\.\d%/);
  assert.match(paragraphs.join(''), /7区增加值6升1降，9县（市）增加值5升4降/);
  assert.match(paragraphs.join(''), /全市还有停产企业\d+户，减产企业\d+户/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('briefing-download-text').click()]);
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  // The draft as it reads: its headings, then their paragraphs.
  const speech = await page.getByTestId('briefing').evaluate((b) => [...b.querySelectorAll('[data-testid="draft-heading"], [data-testid="briefing-paragraph"]')].map((e) => e.textContent));
  assert.equal(text.trim(), speech.join('\n\n').trim());
  assert.match(text, /^一、总体运行\n\n1-3月份，全市1490户/);
  await user.close();
});

test('the speech draft: a paragraph left out or rewritten is so in the text, the .docx and after a reload', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('demo-banner').waitFor();
  const item = (id) => page.locator(`.draft-item[data-id="${id}"]`);
  const regions = (await item('regions').getByTestId('briefing-paragraph').textContent()).trim();
  const headline = (await item('headline').getByTestId('briefing-paragraph').textContent()).trim();
  await item('regions').getByTestId('draft-include').uncheck();
  await item('headline').getByTestId('draft-edit').click();
  await item('headline').getByTestId('draft-text').fill('一季度，全市工业经济稳中有进。');
  await item('headline').getByTestId('draft-save').click();
  await page.waitForFunction(() => document.querySelector('.draft-item[data-id="headline"] [data-testid="briefing-paragraph"]').textContent.includes('稳中有进'));
  // The office words the first heading its own way; the numbering stays the page's.
  await page.getByTestId('draft-heading-edit').first().click();
  await page.getByTestId('draft-heading-input').fill('全市工业运行总体情况');
  await page.getByTestId('draft-heading-save').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="draft-heading"]')?.textContent === '一、全市工业运行总体情况');
  const textOf = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('briefing-download-text').click()]);
    return readFileSync(await download.path(), 'utf8');
  };
  let text = await textOf();
  assert.ok(text.includes('一季度，全市工业经济稳中有进。'));
  assert.ok(text.startsWith('\ufeff一、全市工业运行总体情况\n'), text.slice(0, 40));
  assert.ok(!text.includes(headline), 'the generated headline is replaced');
  assert.ok(!text.includes(regions), 'the left-out paragraph is not in the speech');
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('briefing-download-docx').click()]);
  const zip = XLSX.CFB.read(readFileSync(await docx.path()), { type: 'buffer' });
  const xml = Buffer.from(XLSX.CFB.find(zip, '/word/document.xml').content).toString('utf8');
  assert.ok(xml.includes('一季度，全市工业经济稳中有进。') && !xml.includes(regions));
  assert.ok(xml.includes('一、全市工业运行总体情况') && xml.includes('Heading1'), 'the office\'s headings in the .docx');
  // Kept with the session: once the browser's store holds it, a reload brings it back.
  await page.waitForFunction(() => new Promise((resolve) => {
    const open = indexedDB.open('industry-monitor');
    open.onsuccess = () => {
      const get = open.result.transaction('session').objectStore('session').get('settings');
      get.onsuccess = () => resolve(String(get.result ?? '').includes('稳中有进'));
      get.onerror = () => resolve(false);
    };
    open.onerror = () => resolve(false);
  }));
  await page.reload();
  await page.getByTestId('demo-banner').waitFor();
  await item('headline').waitFor();
  assert.equal((await item('headline').getByTestId('briefing-paragraph').textContent()).trim(), '一季度，全市工业经济稳中有进。');
  assert.equal(await item('regions').getByTestId('draft-include').isChecked(), false);
  assert.equal(await page.getByTestId('draft-heading').first().textContent(), '一、全市工业运行总体情况');
  // Back to the generated text.
  await item('headline').getByTestId('draft-restore').click();
  await item('regions').getByTestId('draft-include').check();
  await page.waitForFunction((h) => document.querySelector('.draft-item[data-id="headline"] [data-testid="briefing-paragraph"]').textContent.trim() === h, headline);
  text = await textOf();
  assert.ok(text.includes(headline) && text.includes(regions));
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('Word and workbook exports carry the page figures', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('demo-banner').waitFor();
  const paragraphs = await page.getByTestId('briefing-paragraph').allTextContents();

  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('briefing-download-docx').click()]);
  assert.equal(docx.suggestedFilename(), '示例市2023年1-3月工业经济运行情况.docx');
  // A .docx is a zip; SheetJS's CFB/zip reader lists its parts and hands back the XML.
  const zip = XLSX.CFB.read(readFileSync(await docx.path()), { type: 'buffer' });
  const xml = Buffer.from(XLSX.CFB.find(zip, '/word/document.xml').content).toString('utf8');
  for (const p of paragraphs) assert.ok(xml.includes(p), `paragraph in the .docx: ${p.slice(0, 20)}`);
  assert.ok(xml.includes('附表1 分县（市、区）工业总产值'));

  const [book] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  assert.equal(book.suggestedFilename(), '示例市2023年1-3月工业经济运行情况.xlsx');
  const wb = XLSX.read(readFileSync(await book.path()));
  assert.deepEqual(wb.SheetNames, ['总体', '县区', '行业', '企业', '停减产企业', '预警', '县区逐月增速', '增加值测算', '包保领导', '包保企业', '停减产原因', '停减产台账跟进', '未入台账停减产企业', '审核查询', '台账未匹配', '口径与来源']);
  // 口径与来源: each headline figure with its formula and the cells it was read from.
  const sources = XLSX.utils.sheet_to_json(wb.Sheets['口径与来源'], { header: 1 });
  assert.ok(sources.length > 5, 'the headline figures are listed');
  assert.ok(sources.some((r) => r.join(' ').includes('示例市2023年1-3月规上工业企业.xlsx')), 'the file a figure was read from');
  // The ledger sheets: one row per leader, as the 台账 section lists them.
  const leaders = XLSX.utils.sheet_to_json(wb.Sheets['包保领导']);
  assert.equal(leaders.length, await page.getByTestId('ledger-leader').count());
  // The estimate's sheet: the city row carries the panel's figure at full precision.
  const va = XLSX.utils.sheet_to_json(wb.Sheets['增加值测算'], { header: 1 });
  assert.equal(va[1][0], '全市');
  assert.equal(one(va[1][4]), (await page.getByTestId('va-estimate-growth').textContent()).trim());
  const overview = Object.fromEntries(XLSX.utils.sheet_to_json(wb.Sheets['总体'], { header: 1 }).map((r) => [r[0], r[1]]));
  assert.equal(String(overview['规上工业企业']), (await page.getByTestId('city-enterprises').textContent()).trim());
  // Full precision in the workbook; the page shows it to one decimal.
  const shown = Number((await page.getByTestId('city-output').textContent()).trim());
  assert.ok(Math.abs(overview['累计工业总产值'] - shown) <= 0.05 + 1e-9, `${overview['累计工业总产值']} vs ${shown}`);
  const enterprises = XLSX.utils.sheet_to_json(wb.Sheets['企业']);
  assert.equal(enterprises.length, 1490);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('targets that cannot be right are refused in the form, saying why', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await dropFiles(page, [{ name: 't1.csv', bytes: new TextEncoder().encode(T1_CSV) }]);
  await page.getByTestId('targets').waitFor();
  await page.getByTestId('target-quarter-end').selectOption('3');
  const attempt = async (growth, prior) => {
    await page.getByTestId('target-growth').fill(growth);
    await page.getByTestId('target-prior').fill(prior);
    await page.getByTestId('target-apply').click();
    return (await page.getByTestId('target-error').textContent()).trim();
  };
  // 上年同期 310 亿元 typed in 万元, and a 150 % target.
  assert.match(await attempt('8', '3100000'), /万元/);
  assert.match(await attempt('150', '310'), /不可能达到/);
  assert.match(await attempt('8', '100'), /低于已载入的上年同期累计产值/);
  assert.equal(await page.getByTestId('target-result').count(), 0);
  assert.equal(await attempt('8', '310'), '');
  await page.getByTestId('target-result').waitFor();
  assert.deepEqual(user.problems, []);
  await user.close();
});
