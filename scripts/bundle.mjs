// Post-build step: turns Trunk's release output (dist/) into ONE offline HTML file,
// dist/industry-monitor.html (also written as dist/index.html, the served page), that
// works when double-clicked (file://) with no network:
// the wasm-bindgen JS inlined as a module script without its exports (and again, as text, for
// the classic Web Worker that reads files), the wasm gzipped
// and base64-encoded in a data block, unpacked with DecompressionStream and instantiated
// asynchronously (Chrome refuses synchronous compilation above 8 MB), CSS and icon inline.
// Usage: node scripts/bundle.mjs dist
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const files = readdirSync(dist);
const pick = (re, what) => {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`expected one ${what} in ${dist}, found: ${found.join(', ') || 'none'}`);
  return join(dist, found[0]);
};
const jsPath = pick(/^industry-monitor-[0-9a-f]+\.js$/, 'wasm-bindgen JS');
const wasmPath = pick(/^industry-monitor-[0-9a-f]+_bg\.wasm$/, 'wasm module');
const cssPath = pick(/^main-[0-9a-f]+\.css$/, 'stylesheet');
if (files.includes('snippets')) throw new Error('wasm-bindgen snippets are not inlined yet: extend scripts/bundle.mjs');

const js = readFileSync(jsPath, 'utf8')
  // `export function f` → `function f`; drop the trailing `export { … }` list.
  .replace(/^export (?=(async )?function|class|const|let)/gm, '')
  .replace(/^export \{[^}]*\};?\s*$/gm, '');
if (/^\s*(import|export)\s/m.test(js)) throw new Error('the wasm-bindgen JS still has import/export statements');
// The worker runs the glue as a classic script: top-level await or other import.meta uses
// would break it.
if (/^await |import\.meta(?!\.url)/m.test(js)) throw new Error('the wasm-bindgen JS uses module-only syntax the classic worker cannot run');
if (js.includes('</script')) throw new Error('the JS contains </script and cannot be inlined');

// Appended to the glue inside the worker: messages that arrive before the module is
// instantiated wait; then the wasm's main (which sees it is in a worker) takes over
// onmessage and the waiting ones are replayed.
const WORKER_BOOT = `
const early = [];
self.onmessage = (e) => { early.push(e); };
self.addEventListener('message', async function boot(e) {
  if (!e.data || e.data.kind !== 'init') return;
  self.removeEventListener('message', boot);
  await __wbg_init({ module_or_path: e.data.module });
  for (const m of early) if (m.data && m.data.kind !== 'init') self.onmessage(m);
});
`;

const wasm = readFileSync(wasmPath);
const wasmB64 = gzipSync(wasm, { level: 9 }).toString('base64');
const css = readFileSync(cssPath, 'utf8');
const icon = readFileSync('public/favicon.svg').toString('base64');

// The single file may only load what it carries: no connection of any kind.
const csp = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'wasm-unsafe-eval'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  "connect-src 'none'",
  'worker-src blob:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>工业经济运行监测</title>
<link rel="icon" href="data:image/svg+xml;base64,${icon}">
<style>${css}</style>
</head>
<body>
<noscript>本工具需要启用 JavaScript 和 WebAssembly（推荐使用新版 Chrome、Edge 或 Firefox）。</noscript>
<script type="application/octet-stream" id="wasm-gz">${wasmB64}</script>
<script type="text/plain" id="worker-boot">${WORKER_BOOT}</script>
<script type="module" id="wasm-glue">
${js}
// -- end of the wasm-bindgen glue --
const packed = Uint8Array.from(atob(document.getElementById('wasm-gz').textContent), (c) => c.charCodeAt(0));
const wasmBytes = await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
const module = await WebAssembly.compile(wasmBytes);
// The Web Worker runs this same glue and module (a compiled module can be posted). It is
// a classic worker: Chromium refuses module workers from blob: URLs on file:// pages, so
// the glue's one module-only expression (the default wasm URL, never used: the module is
// passed in) is replaced.
const workerSource = document.getElementById('wasm-glue').textContent.split('// -- end of the wasm-bindgen glue --')[0]
  .replaceAll('import.meta.url', 'self.location.href')
  + document.getElementById('worker-boot').textContent;
window.__industryMonitorWorker = {
  url: URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })),
  module,
};
await __wbg_init({ module_or_path: module });
</script>
</body>
</html>
`;
const out = join(dist, 'industry-monitor.html');
writeFileSync(out, html);
// The served site is the same single file, so it too fetches nothing after load and
// runs under `connect-src 'none'`.
writeFileSync(join(dist, 'index.html'), html);
console.log(`${out}: ${(html.length / 1024).toFixed(0)} KB (wasm ${(wasm.length / 1024).toFixed(0)} KB raw)`);
