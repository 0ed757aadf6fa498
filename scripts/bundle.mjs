// Post-build step: turns Trunk's release output (dist/) into ONE offline HTML file,
// dist/industry-monitor.html (also written as dist/index.html, the served page), that
// works when double-clicked (file://) with no network:
// the wasm-bindgen JS inlined as a module script without its exports (and again, as text, for
// the classic Web Worker that reads files, started beside the page), the wasm gzipped and
// base64-encoded in a data block, unpacked with DecompressionStream and compiled as it is
// inflated (asynchronously: Chrome refuses synchronous compilation above 8 MB), the demo
// city's tables read ahead of time (public/demo-session.bin) likewise, CSS and icon inline.
// Usage: node scripts/bundle.mjs dist
import { existsSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
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
// The demo city's tables as `make demo` read them: the first open shows the demo without
// parsing a workbook.
const DEMO_SESSION = 'public/demo-session.bin';
const demoB64 = existsSync(DEMO_SESSION) ? gzipSync(readFileSync(DEMO_SESSION), { level: 9 }).toString('base64') : '';
// The demo workbooks themselves (to download, to re-read with other choices, to warm the
// reading worker): zip data, carried as they are beside the wasm rather than inside it.
const DEMO_DIR = 'public/demo';
const demoFiles = existsSync(DEMO_DIR)
  ? readdirSync(DEMO_DIR).filter((f) => f.endsWith('.xlsx')).sort()
    .map((f) => `<script type="application/octet-stream" class="demo-file" data-name="${encodeURIComponent(f)}">${readFileSync(join(DEMO_DIR, f)).toString('base64')}</script>`)
    .join('\n')
  : '';
const css = readFileSync(cssPath, 'utf8');
const REPORT_JS = readFileSync('scripts/report-file.js', 'utf8');
const icon = readFileSync('public/favicon.svg').toString('base64');

// The single file may only load what it carries: no connection of any kind. Kernels
// before Chromium 97 do not know 'wasm-unsafe-eval' and compile wasm only under
// 'unsafe-eval' (README → Browsers explains the choice); on Chromium 97 and later the boot
// script adds a second policy without it, so there eval stays forbidden.
const policy = (scriptSrc) => [
  "default-src 'none'",
  `script-src ${scriptSrc}`,
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  "connect-src 'none'",
  'worker-src blob:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const csp = policy("'unsafe-inline' 'unsafe-eval'");
const strictCsp = policy("'unsafe-inline' 'wasm-unsafe-eval'");

// What the page says until the app has started, without any script: on a browser that
// cannot run it (no WebAssembly: the IE kernel of a dual-core browser's 兼容模式, or a
// kernel too old) it stays, and the boot script names what is missing.
const BOOT_NOTICE = `<div id="boot-notice" class="boot-notice" data-testid="boot-notice">
<h1>工业经济运行监测</h1>
<p id="boot-status" data-testid="boot-status">正在启动……</p>
<p>如果这段文字一直不消失：本工具需要支持 WebAssembly 的浏览器。</p>
<ul>
<li>360 安全浏览器、QQ 浏览器等双核浏览器：点地址栏右侧的“闪电 / e”图标，切换到<b>极速模式</b>后刷新；</li>
<li>或使用 Chrome、Edge 86 及以上版本（Windows 7 可用 Chrome 109），Firefox 115 及以上版本。</li>
</ul>
<p>本工具在本机浏览器中处理数据，不联网、不上传。</p>
</div>`;
const BOOT_STYLE = `.boot-notice{max-width:46rem;margin:3rem auto;padding:1.25rem 1.5rem;font:15px/1.7 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;color:#333;background:#fff8e1;border:1px solid #f3d98b;border-radius:8px}.boot-notice h1{font-size:20px;margin:0 0 .5rem}.boot-failed{background:#fdecea;border-color:#f5c2c0}`;
// ES3 only, and nothing that can throw: IE11 and other old engines run it too. It detects
// what the app needs (WebAssembly with bulk memory, DecompressionStream) rather than
// versions, and names the detected kernel.
const BOOT_SCRIPT = `(function () {
  var status = document.getElementById('boot-status');
  var notice = document.getElementById('boot-notice');
  var ua = navigator.userAgent || '';
  var chrome = /Chrom(?:e|ium)\\/(\\d+)/.exec(ua);
  var firefox = /Firefox\\/(\\d+)/.exec(ua);
  var kernel = chrome ? 'Chromium ' + chrome[1] : firefox ? 'Firefox ' + firefox[1] :
    /Trident|MSIE/.test(ua) ? 'IE（兼容模式）' : '未知';
  var wasm = typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function';
  var bulk = false;
  try {
    bulk = wasm && WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0,1,4,1,96,0,0,3,2,1,0,5,3,1,0,1,10,14,1,12,0,65,0,65,0,65,0,252,10,0,0,11]));
  } catch (e) { bulk = false; }
  var inflate = typeof DecompressionStream === 'function';
  var missing = !wasm ? '不支持 WebAssembly' : !bulk ? 'WebAssembly 版本过旧' : !inflate ? '缺少 DecompressionStream' : '';
  window.__industryMonitorBoot = { kernel: kernel, missing: missing };
  if (missing && status && notice) {
    status.innerHTML = '当前浏览器无法运行本工具：' + missing + '（检测到的内核：' + kernel + '）。';
    notice.className += ' boot-failed';
  }
  if (!missing && chrome && +chrome[1] >= 97) {
    var meta = document.createElement('meta');
    meta.id = 'csp-strict';
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = ${JSON.stringify(strictCsp)};
    document.getElementsByTagName('head')[0].appendChild(meta);
  }
})();`;

const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>工业经济运行监测</title>
<link rel="icon" href="data:image/svg+xml;base64,${icon}">
<style>${BOOT_STYLE}</style>
<style>${css}</style>
</head>
<body>
${BOOT_NOTICE}
<script>${BOOT_SCRIPT}</script>
<script type="application/octet-stream" id="wasm-gz">${wasmB64}</script>
<script type="application/octet-stream" id="demo-gz">${demoB64}</script>
${demoFiles}
<script type="text/plain" id="worker-boot">${WORKER_BOOT}</script>
<script type="module" id="wasm-glue">
${js}
// -- end of the wasm-bindgen glue --
${REPORT_JS}
// No top-level await: module scripts gained it only in Chromium 89.
(async () => {
  // What is missing is already said (the boot script); trying would only replace it.
  if ((window.__industryMonitorBoot || {}).missing) return;
  performance.mark('industry-monitor:boot');
  // Base64 → bytes without a callback per byte (Uint8Array.from with a map function took
  // a third of a second for the wasm): the built-in decoder where there is one (Chromium
  // 140+), else atob and one loop.
  const unbase64 = (id) => base64Bytes(document.getElementById(id).textContent);
  function base64Bytes(text) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  // [name, bytes] of each demo workbook, decoded when the app asks (src/app/demo.rs).
  window.__industryMonitorDemoFiles = () => Array.from(document.querySelectorAll('script.demo-file'),
    (e) => [decodeURIComponent(e.dataset.name), base64Bytes(e.textContent)]);
  const inflate = (bytes) => new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  const packed = unbase64('wasm-gz');
  const demo = unbase64('demo-gz');
  if (demo.length) {
    window.__industryMonitorDemo = new Response(inflate(demo)).arrayBuffer().then((b) => new Uint8Array(b));
  }
  window.__industryMonitorReport = reportFile.carried();
  window.__industryMonitorWriteReport = (payload, meta, password) => reportFile.write(payload, meta, password, ${JSON.stringify(BOOT_NOTICE).replace(/</g, '\\u003c')});
  performance.mark('industry-monitor:unpacked');
  // Compiled as it is inflated, where the browser compiles from a stream; else (or if
  // that fails) inflated first, then compiled.
  let module;
  try {
    module = await WebAssembly.compileStreaming(new Response(inflate(packed), { headers: { 'Content-Type': 'application/wasm' } }));
  } catch (streamingFailed) {
    module = await WebAssembly.compile(await new Response(inflate(packed)).arrayBuffer());
  }
  performance.mark('industry-monitor:compiled');
  // The Web Worker runs this same glue and module (a compiled module can be posted). It is
  // a classic worker: Chromium refuses module workers from blob: URLs on file:// pages, so
  // the glue's one module-only expression (the default wasm URL, never used: the module is
  // passed in) is replaced. It starts now, beside the page's own start; the page sends it
  // work (and its warm-up) once the first view is on screen.
  const workerSource = document.getElementById('wasm-glue').textContent.split('// -- end of the wasm-bindgen glue --')[0]
    .split('import.meta.url').join('self.location.href')
    + document.getElementById('worker-boot').textContent;
  const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  let worker;
  try {
    worker = new Worker(url);
    worker.postMessage({ kind: 'init', module });
  } catch (noWorker) {
    worker = undefined;
  }
  window.__industryMonitorWorker = { url, module, worker };
  await __wbg_init({ module_or_path: module });
  performance.mark('industry-monitor:started');
  const notice = document.getElementById('boot-notice');
  if (notice) notice.remove();
})().catch((e) => {
  const status = document.getElementById('boot-status');
  if (status) status.textContent = '启动失败：' + (e && e.message ? e.message : e) + '（内核：' + ((window.__industryMonitorBoot || {}).kernel || '未知') + '）';
  const notice = document.getElementById('boot-notice');
  if (notice) notice.className += ' boot-failed';
});
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
