// Targets panel (DOMAIN.md §8 T1) and the briefing: figures filled in, wording by sign,
// download as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve } from '../../scripts/static-server.mjs';
import { useServedApp, openPage, dropFiles, ARTIFACTS } from './support/browser.mjs';

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
  const { page, problems } = await openPage(app.browser, app.server.url);
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
  await page.screenshot({ path: `${ARTIFACTS}targets-1366x768.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the briefing of the demo reads like the speech and downloads as text', async () => {
  const { page } = await openPage(app.browser, app.server.url);
  await page.getByTestId('demo-banner').waitFor();
  const paragraphs = await page.getByTestId('briefing-paragraph').allTextContents();
  assert.match(paragraphs[0], /^1-3月份，全市1490户规上工业企业完成工业总产值\d+\.\d亿元，同比(增长|下降)\d+\.\d%/);
  assert.match(paragraphs.join(''), /7区增加值6升1降，9县（市）增加值5升4降/);
  assert.match(paragraphs.join(''), /全市还有停产企业\d+户，减产企业\d+户/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('briefing-download-text').click()]);
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  assert.equal(text.trim(), paragraphs.join('\n\n').trim());
  await page.close();
});
