// The single offline file, opened from file:// with no server at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { launch, openPage, dropFiles } from './support/browser.mjs';
import { bureauWorkbook } from './support/workbooks.mjs';

const FILE = new URL('../../dist/industry-monitor.html', import.meta.url);
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('dist/industry-monitor.html works from file:// and requests nothing from a network', async () => {
  const size = statSync(FILE).size;
  assert.ok(size < 4 * 1024 * 1024, `bundle is ${size} bytes`);
  const { page, problems, requests } = await openPage(browser, FILE.href);
  await page.getByTestId('demo-banner').waitFor();
  assert.equal(await page.getByTestId('city-enterprises').textContent(), '1490');
  await dropFiles(page, [{ name: 'b.ods', bytes: bureauWorkbook('ods') }]);
  await page.locator('[data-testid="file"][data-name="b.ods"]').waitFor();
  const offSite = requests.filter((u) => !/^(file|data|blob):/.test(u));
  assert.deepEqual(offSite, []);
  assert.deepEqual(problems, []);
  await page.close();
});
