// The page as the tests use it (a page object, as Leptos's counters/e2e keeps one): open it,
// drop files and wait for their analysis, read the headline, take a download. Tests say
// what a user does; how the page is reached stays here.
import { copyFileSync } from 'node:fs';
import { openPage, dropFiles, ARTIFACTS } from './browser.mjs';

export class App {
  constructor({ page, problems, requests }) {
    this.page = page;
    this.problems = problems;
    this.requests = requests;
  }

  /** The app at `url` in a fresh page of `browser`, failing on any page error. */
  static async open(browser, url, viewport) {
    return new App(await openPage(browser, url, viewport));
  }

  byTestId(id) {
    return this.page.getByTestId(id);
  }

  /** A loaded file's row in the file list. */
  file(name) {
    return this.page.locator(`[data-testid="file"][data-name="${name}"]`);
  }

  /** Drops `files` ({ name, bytes }) as a user does and waits until each is listed and analysed. */
  async drop(files) {
    await dropFiles(this.page, files);
    for (const f of files) await this.file(f.name).waitFor();
    await this.analysed();
  }

  /** Waits for an analysis on screen: the briefing's first paragraph. */
  async analysed() {
    await this.byTestId('briefing-paragraph').first().waitFor();
  }

  /** The headline figures a test compares across pages. */
  async figures() {
    return {
      enterprises: await this.byTestId('city-enterprises').textContent(),
      briefing: await this.byTestId('briefing-paragraph').first().textContent(),
    };
  }

  /** Clicks `testid` and keeps the download as artifacts/<as>: { name, path }. */
  async download(testid, as) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.byTestId(testid).click()]);
    const path = `${ARTIFACTS}${as}`;
    copyFileSync(await download.path(), path);
    return { name: download.suggestedFilename(), path };
  }

  /** Waits until the page has painted twice: layout and any redraw it triggered are done. */
  async settled() {
    await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }

  async close() {
    await this.page.close();
  }
}
