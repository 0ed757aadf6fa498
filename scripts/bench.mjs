// `make bench`, browser part: the app in headless Chromium (drop → the page's own
// "industry-monitor:drawn" mark), SheetJS 0.18.5 parse-only of the same bytes in the same
// browser, the native CLI, sort/filter on the 20,000-row table, long tasks on the page's
// thread, peak wasm memory and the wasm size; prints the table and writes BENCHMARKS.md.
// Usage: node scripts/bench.mjs <native-json-lines-file>
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { launch } from '../tests/e2e/support/browser.mjs';
import { serve } from './static-server.mjs';
import { appPage, timeApp, hugeLoad } from './bench-page.mjs';

const native = Object.fromEntries(readFileSync(process.argv[2], 'utf8').trim().split('\n')
  .filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).map((r) => [r.size, r]));
const SIZES = ['XS', 'S', 'M', 'L'];
const CLI = 'target/release/industry-report';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function cliMs(file, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    execFileSync(CLI, ['analyze', '--json', file], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

const server = await serve('dist');
const browser = await launch();
const sheetjs = readFileSync('node_modules/xlsx/dist/xlsx.full.min.js', 'utf8');

/**
 * One interaction, as often as `runs`: the main thread's work from the event to the frame
 * that shows its result (handler, reactive update, DOM patch, style, layout, paint, commit),
 * summed from a trace of the page's top-level tasks. That is what must fit in a 16 ms frame;
 * the wait for the next vsync is idle time and is reported apart, in the event-to-frame
 * latency. The window ends with the task that renders that frame (found by a mark set in an
 * animation-frame callback); what runs after it, before a timer posted from that callback
 * fires (such as Chromium's autofill bookkeeping after a <select> changes), is reported
 * apart.
 */
async function interaction(page, act, runs = 7) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  // Compiled before timing, so the window holds the interaction, not the harness.
  await page.evaluate((codes) => { window.__benchActs = codes.map((code) => new Function(code)); },
    Array.from({ length: runs }, (_, i) => act(i)));
  await cdp.send('Tracing.start', { categories: 'toplevel,blink.user_timing', transferMode: 'ReportEvents' });
  for (let i = 0; i < runs; i++) {
    await page.waitForTimeout(100);
    await page.evaluate(async (i) => {
      performance.mark(`bench-event-${i}`);
      window.__benchActs[i]();
      // rAF runs as the next frame starts, inside the task that renders it; a task posted
      // from it runs once that frame's style, layout, paint and commit are done.
      await new Promise((r) => requestAnimationFrame(() => { performance.mark(`bench-frame-${i}`); setTimeout(r, 0); }));
      performance.mark(`bench-painted-${i}`);
    }, i);
  }
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const at = (name) => events.find((e) => e.name === name);
  const main = at('bench-event-0').tid;
  const tasks = events.filter((e) => e.ph === 'X' && e.tid === main && e.cat.split(',').includes('toplevel') && e.dur);
  // Some top-level events nest (a microtask checkpoint inside its task): the work in a
  // window is the length of their union within it.
  const busy = (from, to) => {
    const spans = tasks.map((t) => [Math.max(from, t.ts), Math.min(to, t.ts + t.dur)]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
    let sum = 0;
    let end = from;
    for (const [a, b] of spans) {
      if (b > end) { sum += b - Math.max(a, end); end = b; }
    }
    return sum / 1000;
  };
  const work = [];
  const after = [];
  const latency = [];
  for (let i = 0; i < runs; i++) {
    const from = at(`bench-event-${i}`).ts;
    const frame = at(`bench-frame-${i}`).ts;
    const painted = at(`bench-painted-${i}`).ts;
    const rendering = tasks.filter((t) => t.ts <= frame && t.ts + t.dur >= frame);
    const to = Math.max(frame, ...rendering.map((t) => t.ts + t.dur));
    work.push(busy(from, to));
    after.push(busy(to, painted));
    latency.push((to - from) / 1000);
  }
  return { work: median(work), worst: Math.max(...work), after: median(after), latency: median(latency) };
}

async function sheetjsMs(bytes, runs) {
  const page = await browser.newPage();
  await page.setContent('<html><body></body></html>');
  await page.addScriptTag({ content: sheetjs });
  await page.evaluate((b64) => { window.__bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)); }, Buffer.from(bytes).toString('base64'));
  const times = [];
  for (let i = 0; i < runs; i++) {
    times.push(await page.evaluate(() => { const t = performance.now(); XLSX.read(window.__bytes, { type: 'array' }); return performance.now() - t; }));
  }
  await page.close();
  return Math.min(...times);
}

/**
 * The first open of the single file from file://, as a new user double-clicks it: a fresh
 * browser profile each time (so the demo opens), from navigation start to the page's
 * "industry-monitor:shown" mark (the demo's headline and briefing painted), with the boot
 * stages the bundle marks on the way. Median of `runs`.
 */
async function firstOpen(runs) {
  const url = `file://${process.cwd()}/dist/industry-monitor.html`;
  const all = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('industry-monitor:shown').length > 0, null, { timeout: 60000 });
    all.push(await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(`industry-monitor:${name}`)[0]?.startTime ?? NaN;
      return {
        parsed: performance.getEntriesByType('navigation')[0].domInteractive,
        unpacked: at('unpacked'),
        compiled: at('compiled'),
        started: at('started'),
        shown: at('shown'),
      };
    }));
    await context.close();
  }
  return Object.fromEntries(Object.keys(all[0]).map((k) => [k, median(all.map((r) => r[k]))]));
}

const opened = await firstOpen(7);
console.error(`first open: ${opened.shown.toFixed(0)} ms`);

/**
 * A report file (导出分析报告) of the 1,000-enterprise workbook, made by the CLI, opened
 * from file:// in a fresh profile: navigation start → its analysis's headline and briefing
 * painted; locked, the click on 打开 (PBKDF2 with 310,000 rounds, AES-GCM, inflate, decode)
 * → the same. Median of `runs`.
 */
async function reportOpen(runs) {
  const password = 'target/bench/report-password.txt';
  writeFileSync(password, 'bench 2023\n');
  const made = (out, locked) => execFileSync('target/release/industry-report',
    ['export', '--report', out, '--app', 'dist/industry-monitor.html', ...(locked ? ['--password-file', password] : []), 'target/bench/XS.xlsx']);
  made('target/bench/report-XS.html', false);
  made('target/bench/report-XS-locked.html', true);
  const shown = () => performance.getEntriesByName('industry-monitor:shown').length > 0;
  const open = [];
  const unlock = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`file://${process.cwd()}/target/bench/report-XS.html`);
    await page.waitForFunction(shown, null, { timeout: 60000 });
    open.push(await page.evaluate(() => performance.getEntriesByName('industry-monitor:shown')[0].startTime));
    const locked = await context.newPage();
    await locked.goto(`file://${process.cwd()}/target/bench/report-XS-locked.html`);
    await locked.getByTestId('report-password').fill('bench 2023');
    unlock.push(await locked.evaluate(() => new Promise((resolve) => {
      const t0 = performance.now();
      new PerformanceObserver((l, o) => {
        const m = l.getEntriesByName('industry-monitor:shown')[0];
        if (m) { o.disconnect(); resolve(m.startTime - t0); }
      }).observe({ type: 'mark' });
      document.querySelector('[data-testid="report-unlock"]').click();
    })));
    await context.close();
  }
  return { open: median(open), unlock: median(unlock) };
}
const reportOpened = await reportOpen(5);
console.error(`report open: ${reportOpened.open.toFixed(0)} ms, unlock ${reportOpened.unlock.toFixed(0)} ms`);
const rows = [];
let interactions = null;
for (const size of SIZES) {
  const file = `target/bench/${size}.xlsx`;
  const bytes = readFileSync(file);
  const runs = size === 'L' ? 1 : 5;
  const app = [];
  const shown = [];
  const sheetjs = [];
  const longest = [];
  const stageRuns = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const page = await appPage(browser, server.url);
    last = await timeApp(page, bytes);
    app.push(last.ms);
    shown.push(last.shown);
    longest.push(last.longest);
    stageRuns.push(last.stages);
    if (size === 'M' && i === runs - 1) {
      // As a user would, after the page has settled (the session is saved in idle time),
      // with the table in view.
      await page.waitForTimeout(1500);
      await page.getByTestId('enterprise-table').scrollIntoViewIfNeeded();
      interactions = {
        // Each click shows an order not shown before: two clicks per column (descending,
        // then ascending), then the next column. The page has computed every order in idle
        // time after the load, so what is timed is the lookup, filter and re-render.
        sort: await interaction(page, (i) => `document.querySelectorAll('[data-testid="enterprise-sort"]')[${[3, 5, 4, 6][Math.floor(i / 2)]}].click()`),
        search: await interaction(page, (i) => `const s = document.querySelector('[data-testid="enterprise-search"]'); s.value = '${['基准1', '基准12', '基准123', ''][i % 4]}'; s.dispatchEvent(new Event('input', { bubbles: true }));`),
        filter: await interaction(page, (i) => `const s = document.querySelector('[data-testid="enterprise-filter-region"]'); s.value = '${['城东区', '河西县', ''][i % 3]}'; s.dispatchEvent(new Event('change', { bubbles: true }));`),
      };
      // 调度推演: a quarter target ending next month, then one slider step at a time, as a
      // dragged slider sends them (input events; the release that keeps the levers is apart).
      await page.getByTestId('target-quarter-end').selectOption('3');
      await page.getByTestId('target-growth').fill('8');
      // The form refuses a prior output below the loaded one or many times it: a quarter
      // is about 1.6 times two months.
      const output = Number((await page.getByTestId('city-output').textContent()).trim());
      await page.getByTestId('target-prior').fill((output * 1.6).toFixed(1));
      await page.getByTestId('target-apply').click();
      await page.getByTestId('scenario').waitFor({ timeout: 60000 });
      await page.waitForTimeout(1500);
      await page.getByTestId('scenario').scrollIntoViewIfNeeded();
      interactions.scenario = await interaction(page, (i) => `const s = document.querySelector('[data-testid="scenario-stopped"]'); s.value = '${[60, 61, 75, 90, 100, 40, 81][i % 7]}'; s.dispatchEvent(new Event('input', { bubbles: true }));`);
    }
    await page.close();
    // SheetJS right after each app run (its page closed, so nothing of it still runs): on
    // a shared machine the two then see the same load. Its fastest parse of a few on the
    // page is taken (warm, as the app's code is warm).
    sheetjs.push(await sheetjsMs(bytes, size === 'L' ? 2 : 3));
  }
  const row = {
    size,
    enterprises: native[size].enterprises,
    mb: bytes.length / 1048576,
    app: median(app),
    firstScreen: median(shown),
    sheetjs: median(sheetjs),
    native: native[size].native_ms,
    cli: cliMs(file, size === 'L' ? 1 : 3),
    // The worst run, not the median: the target is about every load.
    longest: Math.max(...longest),
    longtasks: last.longtasks,
    stages: Object.fromEntries(['解析', '识别表头', '计算', '绘制', 'shown', 'drawn']
      .map((k) => [k, median(stageRuns.map((s) => s[k] ?? NaN))])),
    pageMemory: last.pageMemory,
    workerMemory: last.workerMemory,
    shown: last.enterprises,
  };
  rows.push(row);
  console.error(`${size}: first screen ${row.firstScreen.toFixed(0)} ms, drawn ${row.app.toFixed(0)} ms, SheetJS ${row.sheetjs.toFixed(0)} ms, native ${row.native} ms, CLI ${row.cli.toFixed(0)} ms`);
}
const huge = await hugeLoad(browser, server.url);
console.error(`huge: drop ${huge.drop.ms.toFixed(0)} ms, longest ${huge.drop.longest.toFixed(0)} ms; reload ${huge.reload.ms.toFixed(0)} ms, longest ${huge.reload.longest.toFixed(0)} ms`);
await browser.close();
await server.close();

const wasmFile = readdirSync('dist').find((f) => f.endsWith('_bg.wasm'));
const wasm = readFileSync(`dist/${wasmFile}`);
const wasmGz = gzipSync(wasm, { level: 9 }).length;
const bundle = readFileSync('dist/industry-monitor.html').length;
const mb = (b) => (b / 1048576).toFixed(1);
const f0 = (v) => v.toFixed(0);
// Targets of issue #23: first screen ≤ 0.5 × SheetJS at XS and S, ≤ 0.25 × at M and L;
// ≤ 2 × the CLI at M and L.
const sheetjsTarget = (size) => (size === 'M' || size === 'L' ? 0.25 : 0.5);
const table = [
  '| 工作簿 | 企业 | 文件 | 本应用：拖入→首屏（总览＋讲话稿）绘制 | 拖入→看板全部绘制 | SheetJS 仅解析 | 比值 首屏/SheetJS（目标） | 原生 ingest+analysis | 原生 CLI | 比值 首屏/CLI（目标 M、L ≤ 2） | 页面线程最长任务 | wasm 内存峰值（页面 / 后台线程） |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.size} | ${r.enterprises.toLocaleString('en')} | ${r.mb.toFixed(1)} MB | ${f0(r.firstScreen)} ms | ${f0(r.app)} ms | ${f0(r.sheetjs)} ms | ${(r.firstScreen / r.sheetjs).toFixed(2)}（≤ ${sheetjsTarget(r.size)}） | ${f0(r.native)} ms | ${f0(r.cli)} ms | ${(r.firstScreen / r.cli).toFixed(2)} | ${f0(r.longest)} ms | ${mb(r.pageMemory)} MB / ${mb(r.workerMemory)} MB |`),
].join('\n');
const cpu = cpus();
const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${process.platform}; Chromium ${execFileSync('/usr/bin/chromium', ['--version']).toString().trim()}; Node ${process.version}`;
const stageLine = (r) => {
  const s = r.stages;
  const span = (a, b) => f0(s[b] - s[a]);
  return `| ${r.size} | ${f0(s['解析'])} ms | ${span('解析', '识别表头')} ms | ${span('识别表头', '计算')} ms | ${span('计算', '绘制')} ms | ${span('绘制', 'shown')} ms | ${span('shown', 'drawn')} ms |`;
};
const stagesTable = [
  '| 工作簿 | 读取（拖入→交给后台线程） | 解析（xlsx → 单元格） | 识别表头＋交回页面 | 等待一帧 | 分析＋总览＋讲话稿＋一帧 | 其余各节与图表（首屏之后） |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map(stageLine),
].join('\n');
const report = `# Benchmarks

Measured by \`make bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${machine}.
Every figure is the median of five fresh pages (L: one), except the longest task, which is
the worst of them (over the whole load, drop → every chart drawn). The command regenerates this file; nothing here is asserted by the tests.
This is a shared two-core virtual machine: the same build measured minutes apart varies by
up to a third, so compare runs made back to back.

${table}

First open of the single file (\`dist/industry-monitor.html\` from file://, a fresh browser
profile each time so the demo opens; median of seven): **${f0(opened.shown)} ms** from navigation start
to the demo's headline and briefing painted (target ≤ 800 ms). On the way: HTML parsed
${f0(opened.parsed)} ms, wasm and demo unpacked from base64 ${f0(opened.unpacked)} ms, wasm compiled (streamed
while inflated) ${f0(opened.compiled)} ms, app started ${f0(opened.started)} ms.

A report file (导出分析报告, made by \`industry-report export --report\` from the 1,000-enterprise
workbook XS) opened from file:// in a fresh profile, median of five: **${f0(reportOpened.open)} ms** from
navigation start to its analysis's headline and briefing painted (target ≤ 1 s); locked with a
password, **${f0(reportOpened.unlock)} ms** from the click on 打开 to the same (PBKDF2-SHA256 with 310,000
rounds, AES-GCM, inflate, decode, analyse, paint).

Where the time goes (medians, from the stage marks the page sets as its progress bar moves):

${stagesTable}

Interaction on the 20,000-row enterprise table (M), table in view, 7 of each (the 调度推演
slider with a target for 3月 set through the targets form, its panel in view): the page
thread's work from the event to the end of the task that renders the frame showing the result
(handler, update, style, layout, paint, commit; target < 16 ms), median and worst; the median
work after that frame until a timer set in it fires (not part of the answer, such as Chromium's
autofill bookkeeping after a select changes); and the median event-to-frame latency, which adds
the wait for the next frame:

| 操作 | 主线程工作（中位） | 最差 | 帧后工作 | 事件→帧 |
|---|---:|---:|---:|---:|
${Object.entries({ '排序（每次一个未显示过的顺序）': interactions.sort, '搜索': interactions.search, '县区筛选': interactions.filter, '调度推演滑块一步（目标 ≤ 16 ms）': interactions.scenario })
    .map(([k, v]) => `| ${k} | ${v.work.toFixed(1)} ms | ${v.worst.toFixed(1)} ms | ${v.after.toFixed(1)} ms | ${v.latency.toFixed(1)} ms |`).join('\n')}

A hostile input (issue #30): a ${huge.mb.toFixed(0)} MB CSV of 1,000,000 enterprises, none naming its
region (${huge.grouped ? 'shown as one grouped warning' : 'NOT shown as one grouped warning'}), dropped on a fresh page, then the page reloaded so the stored
session comes back (one run each; long tasks over the load and five seconds after it):

| 操作 | 拖入/重新打开→看板全部绘制 | 页面线程最长任务 | 超过 200 ms 的任务 |
|---|---:|---:|---:|
| 拖入 | ${f0(huge.drop.ms)} ms | ${f0(huge.drop.longest)} ms | ${huge.drop.over200} |
| 重新打开（会话从 IndexedDB 恢复） | ${f0(huge.reload.ms)} ms | ${f0(huge.reload.longest)} ms | ${huge.reload.over200} |

Analysis with the previous period loaded too (本月变化 matches both tables' enterprises by
code and name): the 20,000-enterprise M analysed alone in ${native['M-two-periods'].one_ms} ms, with its month
before in ${native['M-two-periods'].two_ms} ms (target: adds ≤ 30 ms; \`cargo bench --bench ingest\`).

Release wasm: ${mb(wasm.length)} MB raw, ${(wasmGz / 1048576).toFixed(2)} MB gzip (target ≤ 1.5 MB); single file
\`dist/industry-monitor.html\`: ${mb(bundle)} MB.

How it is measured:
- *首屏*: drop → the page's \`performance.mark("industry-monitor:shown")\`, set in the task after
  the frame that paints the headline (总览) and the briefing (讲话稿): what is above the fold.
  The other sections are built after that frame, one task each, and the charts drawn one
  task each; *全部绘制* is drop → \`industry-monitor:drawn\`, when the last of them is on screen.
- *本应用*: a fresh page of the served release build (the single file), demo already seen, one
  second after it opened (as a user drops a file). In that second the page starts the reading
  worker, which reads the built-in demo workbooks once so that V8 has optimised the reading
  code before the user's file arrives (wasm starts in a baseline tier; a loop that runs once
  never leaves it); the page then decodes, analyses and draws those tables off-screen in idle
  moments for the same reason. The times are from dispatching the drop event to the page's own
  marks: *首屏* to \`industry-monitor:shown\`, *全部绘制* to \`industry-monitor:drawn\`, set one
  animation frame after the last section is built and the last of the six charts is drawn.
  Reading and parsing run in the Web Worker; long tasks are from a PerformanceObserver on the page.
- *SheetJS 仅解析*: \`XLSX.read(bytes, {type: "array"})\` of the same bytes in the same Chromium,
  measured right after each app run (so both see the machine in the same state): the fastest of
  three parses on a fresh page (L: two), its JIT warm as the app's is.
- *原生 ingest+analysis*: \`cargo bench --bench ingest\` (release, in-process).
- *原生 CLI*: wall time of \`target/release/industry-report analyze --json FILE\` (process start included).
- Memory: the byte length of each wasm instance's linear memory after the load (it only grows,
  so it is the peak).
`;
// `make bench-kernels` writes its own section, and the profile notes are written by hand;
// a run of this one keeps both.
let kept = '';
try {
  const before = readFileSync('BENCHMARKS.md', 'utf8');
  kept = ['notes', 'kernels'].map((k) => (before.match(new RegExp(`<!-- ${k} -->[\\s\\S]*<!-- /${k} -->\\n?`)) ?? [''])[0])
    .filter(Boolean).map((block) => `\n${block}`).join('');
} catch { /* no BENCHMARKS.md yet */ }
writeFileSync('BENCHMARKS.md', report + kept);
console.log(report);
