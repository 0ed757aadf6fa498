// 打印报告 as meeting material (issue #36 item 4): the print has the report's title, only
// figures that exist, tables within the page, charts at a readable size, and every
// section that has data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, ARTIFACTS } from './support/browser.mjs';
import { App } from './support/app.mjs';
import { bureauWorkbook } from './support/workbooks.mjs';

const APP = new URL('../../dist/industry-monitor.html', import.meta.url);
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What the printed page shows, measured under the print media at A4's width. */
async function printed(app) {
  await app.page.emulateMedia({ media: 'print' });
  await app.page.setViewportSize({ width: 794, height: 1123 });
  await app.settled();
  return app.page.evaluate(() => {
    const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
    const panelOf = (e) => e.closest('.panel') ?? document.body;
    return {
      title: shown(document.querySelector('[data-testid="print-title"]')) ? document.querySelector('[data-testid="print-title"]').textContent : null,
      toolName: [...document.querySelectorAll('.topbar h1')].filter(shown).length,
      emptyCards: [...document.querySelectorAll('.card.empty-figure')].filter(shown).map((c) => c.textContent),
      overflowing: [...document.querySelectorAll('table')].filter(shown)
        .filter((t) => t.getBoundingClientRect().right > panelOf(t).getBoundingClientRect().right + 1)
        .map((t) => t.closest('[id]')?.id ?? t.className),
      narrowCharts: [...document.querySelectorAll('.chart canvas')].filter(shown)
        .filter((c) => c.getBoundingClientRect().width < 0.8 * panelOf(c).getBoundingClientRect().width)
        .map((c) => c.closest('[data-testid]')?.dataset.testid),
      sections: [...document.querySelectorAll('[id^="sec-"]')].filter(shown).map((s) => s.id),
      headers: [...document.querySelectorAll('[data-testid="regions"] thead th')].filter(shown).map((th) => th.textContent.trim()),
      buttons: [...document.querySelectorAll('button')].filter(shown).filter((b) => !b.matches('th .sort, td .name-filter')).map((b) => b.textContent),
      leaders: [...document.querySelectorAll('[data-testid="ledger-leader"]')].map((r) => r.querySelector('td').innerText.trim()),
    };
  });
}

test('the printed demo: its title, every section with data, tables within the page, charts a row each', async () => {
  const app = await App.open(browser, APP.href, { width: 1366, height: 900 });
  const { page, problems } = app;
  await app.analysed();
  const onScreen = await page.evaluate(() => [...document.querySelectorAll('[id^="sec-"]')].map((s) => s.id));
  const p = await printed(app);
  assert.equal(p.title, '示例市2023年1-3月工业经济运行分析');
  assert.equal(p.toolName, 0, 'the tool\'s name does not head the report');
  assert.deepEqual(p.overflowing, []);
  assert.deepEqual(p.narrowCharts, []);
  for (const id of ['sec-overview', 'sec-briefing', 'sec-targets', 'sec-va', 'sec-ledgers', 'sec-charts', 'sec-regions', 'sec-industries']) {
    assert.ok(onScreen.includes(id), `the demo has ${id}`);
    assert.ok(p.sections.includes(id), `${id} is printed`);
  }
  assert.ok(p.headers.length > 5 && p.headers.every((h) => h.length > 0), `the region table's headers print: ${p.headers}`);
  assert.deepEqual(p.buttons, [], 'no control is printed');
  assert.ok(p.leaders.length > 0 && p.leaders.every((l) => l.length > 0), `the 包保领导 print by name: ${p.leaders}`);
  // While printing the page's title is the report's, so a saved PDF is named after it.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.title(), '示例市2023年1-3月工业经济运行分析');
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.title(), '工业经济运行监测');
  await page.pdf({ path: `${ARTIFACTS}print-demo.pdf`, format: 'A4' });
  assert.deepEqual(problems, []);
  await page.close();
});

test('figures that need a table not loaded are not printed as empty cards', async () => {
  const app = await App.open(browser, APP.href, { width: 1366, height: 900 });
  const { page, problems } = app;
  await app.drop([{ name: '企业.xlsx', bytes: bureauWorkbook() }]);
  const empty = await page.locator('.card.empty-figure').count();
  assert.ok(empty > 0, 'without the 县区增加值增速表 some cards are empty on screen');
  const p = await printed(app);
  assert.deepEqual(p.emptyCards, []);
  assert.equal(p.title, '2023年1-2月工业经济运行分析');
  assert.deepEqual(p.overflowing, []);
  assert.deepEqual(problems, []);
  await page.close();
});
