// Debian's Chromium driven by playwright-core: never a downloaded browser.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';

export const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;

export async function launch() {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync',
    ],
  });
}

/** A page that fails the test on any uncaught error or console error. */
export async function openPage(browser, url, { width = 1366, height = 768 } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  const problems = [];
  // Every request from the first byte on, to prove nothing leaves the machine.
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(url);
  await page.getByTestId('drop-zone').waitFor();
  return { page, problems, requests };
}

/** Drops files on the page the way a user's drag and drop does: a DataTransfer on a drop event. */
export async function dropFiles(page, files) {
  // Base64 crosses the protocol far faster than an array of numbers (7 MB: 1 s, not 60).
  const payload = files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') }));
  await page.evaluate((items) => {
    const dt = new DataTransfer();
    for (const { name, b64 } of items) dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
    const target = document.querySelector('[data-testid="drop-zone"]');
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, payload);
}

/**
 * Registers before/after hooks that serve dist/ on loopback and launch Chromium; the
 * returned object's `server` and `browser` are set once the hooks have run.
 */
export function useServedApp({ before, after }, serve) {
  const ctx = { server: null, browser: null };
  before(async () => {
    ctx.server = await serve(new URL('../../../dist/', import.meta.url).pathname);
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}

/**
 * In the page: whether the session's tables are stored in IndexedDB with at least `bytes`
 * bytes (a Blob, or bytes from before). Passed to `waitForFunction` by Playwright and
 * Puppeteer alike, so a test waits for the save instead of sleeping.
 */
export function tablesStored(bytes) {
  return new Promise((resolve) => {
    const open = indexedDB.open('industry-monitor');
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('session')) { db.close(); resolve(false); return; }
      const get = db.transaction('session').objectStore('session').get('files');
      get.onerror = () => { db.close(); resolve(false); };
      get.onsuccess = () => { db.close(); resolve((get.result?.size ?? get.result?.byteLength ?? 0) >= bytes); };
    };
  });
}
