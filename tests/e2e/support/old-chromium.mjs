// Old Chromium kernels from the npm packages that ship the browser inside them
// (@sparticuz/chromium 92.0.0 and 109.0.6, installed by `make setup` as chromium-92 and
// chromium-109), driven by the puppeteer-core of their era (10.1.0, 19.7.2): today's
// drivers cannot talk to them. Nothing is downloaded: the package unpacks its own brotli
// archive.
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';

const require = createRequire(import.meta.url);
const ROOT = new URL('../../../', import.meta.url).pathname;

const KERNELS = {
  92: { chromium: 'chromium-92', puppeteer: 'puppeteer-core-10', headless: true },
  109: { chromium: 'chromium-109', puppeteer: 'puppeteer-core-19', headless: 'new' },
};

/** The kernel's binary, unpacked once into target/old-chromium/<version>/. */
async function executable(version) {
  const dir = `${ROOT}target/old-chromium/${version}`;
  const exe = `${dir}/chromium`;
  if (existsSync(exe)) return exe;
  // Both packages unpack to the same /tmp/chromium and reuse whatever is there: clear it
  // first, and move the result aside before the other version unpacks.
  rmSync('/tmp/chromium', { force: true });
  const pkg = require(`${ROOT}node_modules/${KERNELS[version].chromium}`);
  const unpacked = typeof pkg.executablePath === 'function' ? await pkg.executablePath() : await pkg.executablePath;
  mkdirSync(dir, { recursive: true });
  copyFileSync(unpacked, exe);
  rmSync(unpacked, { force: true });
  return exe;
}

/** Launches Chromium `version` (92 or 109), with extra command-line `args`. */
export async function launchOld(version, args = []) {
  const kernel = KERNELS[version];
  const puppeteer = require(`${ROOT}node_modules/${kernel.puppeteer}`);
  return puppeteer.launch({
    executablePath: await executable(version),
    headless: kernel.headless,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', ...args],
  });
}
