// Issue 29 on the page: a 警告 that changes a figure is seen above the headline in the
// first screen, with the worst one in words and a link that opens the list; an HTML
// table saved as .xls, its region merged down each block and a "1月" column beside 本月,
// reads to the truth.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../../scripts/static-server.mjs';
import { useServedApp, ARTIFACTS } from './support/browser.mjs';
import { App } from './support/app.mjs';

const app = useServedApp({ before, after }, serve);

test('enterprises without a region raise the alert above the headline, in the first screen', async () => {
  const csv = [
    '示例市2023年1-2月规上工业企业主要指标',
    '单位：万元',
    '企业名称,县区,本月,上年同月,1-本月,上年同期',
    '甲公司,城东区,100,95,150,140',
    '乙公司,,30,30,60,60',
    '丙公司,,20,10,40,30',
  ].join('\n');
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await user.drop([{ name: '分企业.csv', bytes: new TextEncoder().encode(csv) }]);
  const alert = user.byTestId('alert');
  await alert.waitFor();
  // The two rows are one grouped warning that counts them.
  assert.match(await alert.textContent(), /1条警告/);
  assert.equal((await user.byTestId('alert-worst').textContent()).trim(), '2户企业没有县区，计入未填地区');
  const box = await alert.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 768, `alert in the first screen: ${JSON.stringify(box)}`);
  await page.screenshot({ path: `${ARTIFACTS}alert-1366x768.png` });
  await user.byTestId('alert-link').click();
  await page.waitForFunction(() => document.getElementById('sec-warnings')?.open === true);
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('an HTML ".xls" with merged regions and a 1月 column reads to the truth, without an alert', async () => {
  const html = `<html><head><meta charset="utf-8"></head><body><table>
    <tr><td colspan="7">示例市2023年1-2月规模以上工业企业主要指标（单位：万元）</td></tr>
    <tr><td>企业名称</td><td>县区</td><td>1月</td><td>本月</td><td>上年同月</td><td>1-2月</td><td>上年1-2月</td></tr>
    <tr><td>甲公司</td><td rowspan="2">城东区</td><td>40000</td><td>60000</td><td>50000</td><td>100000</td><td>90000</td></tr>
    <tr><td>乙公司</td><td>30000</td><td>20000</td><td>20000</td><td>50000</td><td>45000</td></tr>
    <tr><td>丙公司</td><td>河西县</td><td>25000</td><td>0</td><td>10000</td><td>25000</td><td>20000</td></tr>
  </table></body></html>`;
  const user = await App.open(app.browser, app.server.url);
  await user.drop([{ name: '2023年1-2月分企业.xls', bytes: new TextEncoder().encode(html) }]);
  assert.equal((await user.figures()).enterprises.trim(), '3');
  // 本月 is February's column (6 + 2 + 0 亿元), never January's (9.5).
  assert.equal((await user.byTestId('city-month-output').textContent()).trim(), '8.0');
  const regions = await user.byTestId('region-row').evaluateAll((rows) => rows.map((r) => r.dataset.name));
  assert.deepEqual(regions.sort(), ['城东区', '河西县']);
  assert.equal(await user.byTestId('alert').count(), 0);
  assert.deepEqual(user.problems, []);
  await user.close();
});
