// `make bench-kernels`: the shipped build (no reference types, so it runs on Chromium 86+)
// against a reference-types build of the same code (scripts/build-reftypes.sh), drop →
// dashboard drawn on the S and M workbooks in today's Chromium, the two builds alternating
// page by page so both see the machine in the same state. Writes its section of
// BENCHMARKS.md. Usage: node scripts/bench-kernels.mjs dist target/dist-reftypes
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { launch } from '../tests/e2e/support/browser.mjs';
import { serve } from './static-server.mjs';
import { appPage, timeApp } from './bench-page.mjs';

const [shipped, baseline] = process.argv.slice(2);
const ROUNDS = 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const builds = [{ name: '发布版（无 reference types，Chromium 86+）', dir: shipped }, { name: '对照（reference types / externref，Chromium 96+）', dir: baseline }];
const browser = await launch();
for (const b of builds) {
  b.server = await serve(b.dir);
  b.wasm = readFileSync(`${b.dir}/${readdirSync(b.dir).find((f) => f.endsWith('_bg.wasm'))}`).length;
  b.times = {};
}
const rows = [];
for (const size of ['S', 'M']) {
  const bytes = readFileSync(`target/bench/${size}.xlsx`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const b of round % 2 ? [...builds].reverse() : builds) {
      const page = await appPage(browser, b.server.url);
      const { ms } = await timeApp(page, bytes);
      (b.times[size] ??= []).push(ms);
      await page.close();
    }
  }
  const [a, c] = builds.map((b) => median(b.times[size]));
  rows.push(`| ${size} | ${a.toFixed(0)} ms | ${c.toFixed(0)} ms | ${((a / c - 1) * 100).toFixed(1)} % |`);
}
await browser.close();
for (const b of builds) await b.server.close();

const section = `<!-- kernels -->
## The build for old kernels

\`make bench-kernels\` (${new Date().toISOString().slice(0, 10)}): drop → dashboard drawn in today's
Chromium, median of ${ROUNDS} fresh pages per build, the two builds alternating. The shipped wasm is
compiled without reference types so that Chromium 86–95 run it (README → Browsers); the
baseline is the same code with them (\`scripts/build-reftypes.sh\`). Within 10 % means one build
serves everyone.

| 工作簿 | ${builds[0].name} | ${builds[1].name} | 差 |
|---|---:|---:|---:|
${rows.join('\n')}

wasm: ${(builds[0].wasm / 1024).toFixed(0)} KB vs ${(builds[1].wasm / 1024).toFixed(0)} KB raw.
<!-- /kernels -->
`;
let doc = readFileSync('BENCHMARKS.md', 'utf8');
doc = /<!-- kernels -->/.test(doc) ? doc.replace(/<!-- kernels -->[\s\S]*<!-- \/kernels -->\n?/, section) : `${doc.trimEnd()}\n\n${section}`;
writeFileSync('BENCHMARKS.md', doc);
console.log(section);
