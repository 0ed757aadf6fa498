// The column mapping editor: a sheet missing a required column says which, the editor
// corrects it, the dashboard re-computes, and the correction is remembered after reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../../scripts/static-server.mjs';
import { useServedApp, dropFiles, ARTIFACTS } from './support/browser.mjs';
import { App } from './support/app.mjs';

const app = useServedApp({ before, after }, serve);

// "归属" is no known name for the region column.
const CSV = [
  '2023年1-2月规上工业企业主要指标',
  '单位：万元',
  '企业名称,归属,本月,上年同月,1-本月,上年同期',
  '甲公司,城东区,100,95,150,140',
  '乙公司,河西县,30,30,60,60',
].join('\n');
const file = { name: '分企业.csv', bytes: new TextEncoder().encode(CSV) };

test('a missing column is named, corrected in the editor, and remembered after reload', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await dropFiles(page, [file]);
  await page.getByTestId('sheet-missing').waitFor();
  assert.match(await page.getByTestId('sheet-missing').textContent(), /缺少：县（市、区）/);
  assert.match(await page.getByTestId('analysis-error').textContent(), /县（市、区）/);

  // The editor is open for that sheet, each field showing where it came from.
  const editor = page.getByTestId('mapping-editor');
  await editor.waitFor();
  const field = (id) => editor.locator(`[data-testid="mapping-field"][data-field="${id}"]`);
  assert.equal(await field('name').getByTestId('mapping-select').inputValue(), '0');
  assert.match(await field('name').getByTestId('mapping-note').textContent(), /自动识别/);
  assert.match(await field('region').getByTestId('mapping-note').textContent(), /缺少/);
  await page.screenshot({ path: `${ARTIFACTS}mapping-editor-1366x768.png`, fullPage: true });

  await field('region').getByTestId('mapping-select').selectOption({ label: 'B列：归属' });
  await page.getByTestId('dashboard').waitFor();
  assert.equal((await page.getByTestId('city-enterprises').textContent()).trim(), '2');
  const regions = await page.getByTestId('region-row').evaluateAll((rows) => rows.map((r) => r.dataset.name));
  assert.deepEqual(regions.sort(), ['城东区', '河西县']);
  assert.equal(await page.getByTestId('sheet-missing').count(), 0);

  // After a reload the same header is mapped the same way at once.
  await page.reload();
  await page.getByTestId('drop-zone').waitFor();
  await dropFiles(page, [file]);
  await page.getByTestId('dashboard').waitFor();
  assert.equal((await page.getByTestId('city-enterprises').textContent()).trim(), '2');
  await page.getByTestId('mapping-toggle').click();
  assert.match(await field('region').getByTestId('mapping-note').textContent(), /手动指定/);

  // Back to automatic detection: the column is missing again.
  await page.getByTestId('mapping-reset').click();
  await page.getByTestId('sheet-missing').waitFor();
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('the warnings panel names file, sheet and cell and filters by file and text', async () => {
  const csv = (region, bad) => new TextEncoder().encode([
    '2023年1-2月规上工业企业主要指标',
    '单位：万元',
    '企业名称,县区,本月,上年同月,1-本月,上年同期',
    `甲公司${region},${region},${bad},95,150,140`,
    `乙公司${region},${region},30,#N/A,60,60`,
  ].join('\n'));
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await dropFiles(page, [{ name: '城东.csv', bytes: csv('城东区', '#DIV/0!') }]);
  await page.getByTestId('dashboard').waitFor();
  await dropFiles(page, [{ name: '河西.csv', bytes: csv('河西县', '#REF!') }]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="file"]').length === 2);
  await page.getByTestId('warnings').locator('summary').click();
  const count = async () => Number(await page.getByTestId('warning-count').textContent());
  // Two cells in each file, and the note that the two files (one region each) were
  // combined as parts of one table.
  assert.equal(await count(), 5);
  await page.getByTestId('warning-filter').fill('互不重叠');
  assert.equal(await count(), 1);
  await page.getByTestId('warning-filter').fill('');
  const first = await page.getByTestId('warning').first().locator('td').allTextContents();
  assert.equal(first[0], '警告');
  assert.equal(first[1], '城东.csv');
  assert.equal(first[2], '城东');
  assert.equal(first[3], 'C4');
  assert.match(first[4], /#DIV\/0!/);
  await page.getByTestId('warning-file').selectOption('河西.csv');
  assert.equal(await count(), 2);
  await page.getByTestId('warning-filter').fill('#REF!');
  assert.equal(await count(), 1);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('a table with no region anywhere takes one from the editor: a source or a typed name', async () => {
  const csv = [
    '2023年1-2月规上工业企业主要指标',
    '单位：万元',
    '企业名称,本月,上年同月,1-本月,上年同期',
    '甲公司,100,95,150,140',
    '乙公司,0,30,60,60',
  ].join('\n');
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await dropFiles(page, [{ name: '产值.csv', bytes: new TextEncoder().encode(csv) }]);
  await page.getByTestId('sheet-missing').waitFor();
  assert.match(await page.getByTestId('sheet-missing').textContent(), /县（市、区）/);
  const editor = page.getByTestId('mapping-editor');
  await editor.waitFor();
  const region = editor.locator('[data-testid="mapping-field"][data-field="region"]');
  await region.getByTestId('mapping-select').selectOption({ label: '手动输入' });
  const typed = page.getByTestId('mapping-region-manual');
  await typed.waitFor();
  await typed.fill('青川市临江市');
  // Enter commits the name (a change event); the files are read again with it.
  await typed.press('Enter');
  await page.getByTestId('dashboard').waitFor();
  assert.equal((await page.getByTestId('city-enterprises').textContent()).trim(), '2');
  const regions = await page.getByTestId('region-row').evaluateAll((rows) => rows.map((r) => r.dataset.name));
  assert.deepEqual(regions, ['临江市']);
  assert.equal((await page.getByTestId('status-stopped').textContent()).trim(), '1');
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('the editor shows what a column holds, stays open through corrections, and undoes one that empties the page', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await dropFiles(page, [file]);
  const editor = page.getByTestId('mapping-editor');
  await editor.waitFor();
  const field = (id) => editor.locator(`[data-testid="mapping-field"][data-field="${id}"]`);
  assert.match(await field('name').getByTestId('mapping-samples').textContent(), /甲公司、乙公司/);

  await field('region').getByTestId('mapping-select').selectOption({ label: 'B列：归属' });
  await page.getByTestId('dashboard').waitFor();
  // Still open after the re-reading: a second correction follows at once.
  await editor.waitFor();
  assert.match(await field('region').getByTestId('mapping-samples').textContent(), /城东区、河西县/);
  const output = async () => (await page.getByTestId('city-output').textContent()).trim();
  const before = await output();
  await editor.getByTestId('mapping-unit-select').selectOption('亿元');
  await page.waitForFunction((b) => document.querySelector('[data-testid="city-output"]').textContent.trim() !== b, before);
  assert.notEqual(await output(), before);
  await editor.waitFor();

  // The city's own name, typed where the title gives none: the headline follows.
  await editor.getByTestId('mapping-city-input').fill('青川市');
  await editor.getByTestId('mapping-city-input').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="headline"] h2').textContent.includes('青川市'));
  // A choice that leaves no enterprise table is undone: the last good reading stays.
  await field('name').getByTestId('mapping-select').selectOption({ label: '（不使用）' });
  await page.getByTestId('errors').waitFor();
  assert.match(await page.getByTestId('errors').textContent(), /分企业\.csv.*读不出企业.*已撤销这次改动/);
  assert.equal((await page.getByTestId('city-enterprises').textContent()).trim(), '2');
  assert.equal(await field('name').getByTestId('mapping-select').inputValue(), '0');
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('a context table dropped first says what to bring next, in Chinese only', async () => {
  const va = [
    '2023年1-2月各县区规模以上工业增加值增速',
    '县区,增加值增速(%)',
    '城东区,5.1',
    '河西县,4.2',
  ].join('\n');
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await dropFiles(page, [{ name: '县区增速.csv', bytes: new TextEncoder().encode(va) }]);
  await page.getByTestId('analysis-error').waitFor();
  const text = await page.getByTestId('analysis-error').textContent();
  assert.match(text, /已载入县区增加值增速表（县区增速\.csv），请再载入企业产值表/);
  assert.match(text, /县区增速\.csv/);
  // No English gist: every word but the file's name is Chinese.
  assert.doesNotMatch(text.replace('县区增速.csv', ''), /[A-Za-z]{3,}/);
  assert.equal(await page.getByTestId('errors').count(), 0);
  assert.deepEqual(user.problems, []);
  await user.close();
});
