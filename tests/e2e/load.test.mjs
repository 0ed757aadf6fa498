// End to end: the release build served on loopback; real workbooks dropped and picked;
// what the user reads is asserted through data-testid hooks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../../scripts/static-server.mjs';
import { useServedApp, dropFiles, ARTIFACTS } from './support/browser.mjs';
import { App } from './support/app.mjs';
import { bureauWorkbook } from './support/workbooks.mjs';

const app = useServedApp({ before, after }, serve);

async function sheetRows(page, fileName) {
  const file = page.locator(`[data-testid="file"][data-name="${fileName}"]`);
  await file.waitFor();
  return file.getByTestId('sheet').evaluateAll((rows) => rows.map((r) => [
    r.querySelector('[data-testid="sheet-name"]').textContent,
    Number(r.querySelector('[data-testid="sheet-rows"]').textContent),
    Number(r.querySelector('[data-testid="sheet-cols"]').textContent),
  ]));
}

test('the first visit opens on the demo city; clearing it leaves the empty state', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('demo-banner').waitFor();
  assert.match(await page.getByTestId('demo-banner').textContent(), /示例数据/);
  assert.equal(await page.getByTestId('city-enterprises').textContent(), '1490');
  assert.equal(await page.getByTestId('demo-download').count(), 4);
  assert.match(await page.textContent('body'), /数据仅在本机浏览器中处理，不会上传/);
  await page.screenshot({ path: `${ARTIFACTS}demo-1366x768.png`, fullPage: true });

  await page.getByTestId('clear-demo').click();
  const empty = page.getByTestId('empty-state');
  await empty.waitFor();
  assert.match(await empty.textContent(), /分企业产值表/);
  assert.equal(await page.getByTestId('dashboard').count(), 0);
  // Seen once: a reload opens empty, and the demo can be brought back.
  await page.reload();
  await page.getByTestId('empty-state').waitFor();
  await page.getByTestId('load-demo').click();
  await page.getByTestId('demo-banner').waitFor();
  assert.deepEqual(user.problems, []);
  await user.close();
});

test('a demo workbook downloads from the page without any network request', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('demo-banner').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('demo-download').first().click()]);
  assert.match(download.suggestedFilename(), /示例市2023年1-2月/);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(path).subarray(0, 2).toString(), 'PK');
  await user.close();
});

for (const bookType of ['xlsx', 'xls', 'ods']) {
  test(`dropping a .${bookType} workbook lists its sheets with row and column counts`, async () => {
    const user = await App.open(app.browser, app.server.url);
  const { page } = user;
    const name = `2023年1-2月企业产值.${bookType}`;
    await dropFiles(page, [{ name, bytes: bureauWorkbook(bookType) }]);
    assert.deepEqual(await sheetRows(page, name), [['分企业', 7, 9], ['说明', 2, 1]]);
    assert.deepEqual(user.problems, []);
    await page.close();
  });
}

test('picking files through the file input works too', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await page.getByTestId('file-input').setInputFiles([
    { name: 'a.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(bureauWorkbook('xlsx')) },
  ]);
  assert.deepEqual(await sheetRows(page, 'a.xlsx'), [['分企业', 7, 9], ['说明', 2, 1]]);
  await user.close();
});

test('a file that cannot be read shows a Chinese message naming it, and loaded files stay', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page } = user;
  await dropFiles(page, [{ name: '好的.xlsx', bytes: bureauWorkbook('xlsx') }]);
  await page.locator('[data-testid="file"][data-name="好的.xlsx"]').waitFor();

  await dropFiles(page, [
    { name: '会议纪要.pdf', bytes: new TextEncoder().encode('%PDF-1.7 fake') },
    { name: '半截.xlsx', bytes: bureauWorkbook('xlsx').slice(0, 300) },
  ]);
  const errors = page.getByTestId('error');
  await errors.nth(1).waitFor();
  const texts = await errors.allTextContents();
  assert.ok(texts.some((t) => t.includes('会议纪要.pdf') && t.includes('不是电子表格')), texts.join('\n'));
  assert.ok(texts.some((t) => t.includes('半截.xlsx') && t.includes('无法')), texts.join('\n'));
  assert.equal(await page.getByTestId('file').count(), 1);
  assert.deepEqual(await sheetRows(page, '好的.xlsx'), [['分企业', 7, 9], ['说明', 2, 1]]);
  await page.screenshot({ path: `${ARTIFACTS}error-1366x768.png` });
  await user.close();
});

test('the served page: load, drop, switch views, export — every request stays on its own origin, and its CSP forbids connections', async () => {
  const user = await App.open(app.browser, app.server.url);
  const { page, requests } = user;
  await page.getByTestId('demo-banner').waitFor();
  await dropFiles(page, [{ name: 'c.xlsx', bytes: bureauWorkbook('xlsx') }]);
  await page.locator('[data-testid="file"][data-name="c.xlsx"]').waitFor();
  // Switch views and export: none of it may reach a network.
  await page.getByTestId('dashboard').waitFor();
  await page.getByTestId('color-convention').check();
  await page.getByTestId('region-row').first().click();
  await page.getByTestId('enterprise-search').fill('示例');
  for (const id of ['export-xlsx', 'briefing-download-docx', 'briefing-download-text', 'csv-regions']) {
    await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
  }
  await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-regions').getByTestId('chart-save-png').click()]);
  const origin = new URL(app.server.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u));
  assert.deepEqual(foreign, []);
  // Two policies: the file's own (with 'unsafe-eval', which kernels before Chromium 97 need
  // to compile wasm) and, on this Chromium, the boot script's stricter one without it.
  const policies = await page.locator('meta[http-equiv="Content-Security-Policy"]').evaluateAll((ms) => ms.map((m) => m.content));
  assert.equal(policies.length, 2, policies.join('\n'));
  for (const csp of policies) assert.match(csp, /connect-src 'none'/);
  assert.ok(policies.some((csp) => /'wasm-unsafe-eval'/.test(csp) && !/'unsafe-eval'/.test(csp)), policies.join('\n'));
  // A string evaluated by the page itself (a string timer: DevTools' own evaluation is exempt
  // from CSP) is refused.
  const evaluated = await page.evaluate(() => new Promise((resolve) => {
    window.__evalCheck = 'blocked';
    setTimeout("window.__evalCheck = 'allowed'", 0);
    setTimeout(() => resolve(window.__evalCheck), 100);
  }));
  assert.equal(evaluated, 'blocked', 'eval refused on a current Chromium');
  // The page itself is the only thing fetched from the server.
  assert.deepEqual(requests.filter((u) => u.startsWith(origin)).map((u) => new URL(u).pathname), ['/']);
  await user.close();
});
