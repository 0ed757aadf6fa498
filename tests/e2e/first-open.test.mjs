// How the page starts and how a new analysis appears: the single file shows the demo from
// the tables it carries (no workbook parsed on the way), hands its pre-started worker to the
// app, and paints the headline and briefing before any other section is built — on the
// first open and after a drop alike.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, dropFiles } from './support/browser.mjs';
import { cityWorkbook } from './support/workbooks.mjs';

const FILE = new URL('../../dist/industry-monitor.html', import.meta.url);
// The sections built after the first screen, by the names of their measures.
const LATER = ['targets', 'va', 'ledgers', 'charts', 'regions', 'enterprises'];
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The first `shown` mark at or after `from`, and the start of each later section's build. */
function firstScreen(page, from) {
  return page.evaluate(({ from, later }) => {
    const at = (name) => performance.getEntriesByName(`industry-monitor:${name}`).map((e) => e.startTime).filter((t) => t >= from);
    return {
      shown: Math.min(...at('shown')),
      sections: Object.fromEntries(later.map((k) => [k, Math.min(...at(k))])),
      demoDecoded: at('demo-decode').length,
      demoParsed: at('demo-read').length,
      // The order the page noted them in: timestamps are coarsened, so two marks may share one.
      timeline: [...(window.__industryMonitorTimeline ?? [])],
    };
  }, { from, later: LATER });
}

/** Every later section built after the first screen: by time, and by the order noted. */
function assertShownFirst(seen) {
  const shownAt = seen.timeline.indexOf('shown');
  assert.ok(shownAt >= 0, `the first screen was noted (${seen.timeline.join(', ')})`);
  for (const [section, start] of Object.entries(seen.sections)) {
    if (!Number.isFinite(start)) continue;
    assert.ok(seen.shown <= start, `${section} was built at ${start} ms, before the first screen at ${seen.shown} ms`);
    const at = seen.timeline.indexOf(section);
    assert.ok(at > shownAt, `${section} was built before the first screen (${seen.timeline.join(', ')})`);
  }
}

async function sectionsBuilt(page) {
  await page.getByTestId('enterprise-table').waitFor();
  await page.getByTestId('charts').waitFor();
  await page.waitForFunction((later) => later.every((k) => performance.getEntriesByName(`industry-monitor:${k}`).length > 0), LATER);
}

test('the single file opens on the demo from the tables it carries, first screen before the other sections', async () => {
  const { page, problems } = await openPage(browser, FILE.href);
  await page.getByTestId('demo-banner').waitFor();
  assert.equal(await page.getByTestId('city-enterprises').textContent(), '1490');
  await sectionsBuilt(page);
  const seen = await firstScreen(page, 0);
  assert.equal(seen.demoDecoded, 1, 'the demo came from public/demo-session.bin');
  assert.equal(seen.demoParsed, 0, 'no demo workbook was parsed on the page');
  assertShownFirst(seen);
  // The worker the bundle started was taken over by the app (not a second one started).
  await page.waitForFunction(() => !('worker' in window.__industryMonitorWorker));
  assert.deepEqual(problems, []);
  await page.close();
});

test('after a drop, the headline and briefing are painted before the rest is built', async () => {
  const { page, problems } = await openPage(browser, FILE.href);
  await page.getByTestId('demo-banner').waitFor();
  await sectionsBuilt(page);
  const from = await page.evaluate(() => { window.__industryMonitorTimeline = []; return performance.now(); });
  await dropFiles(page, [{ name: '示例市2023年1-2月.xlsx', bytes: cityWorkbook() }]);
  await page.locator('[data-testid="file"][data-name="示例市2023年1-2月.xlsx"]').waitFor();
  await page.getByTestId('briefing-paragraph').first().waitFor();
  await sectionsBuilt(page);
  await page.waitForFunction((from) => ['shown', 'charts', 'enterprises'].every((k) => performance.getEntriesByName(`industry-monitor:${k}`).some((e) => e.startTime >= from)), from);
  const seen = await firstScreen(page, from);
  assert.ok(Number.isFinite(seen.shown), 'the dropped city\'s first screen was marked');
  assertShownFirst(seen);
  assert.deepEqual(problems, []);
  await page.close();
});
