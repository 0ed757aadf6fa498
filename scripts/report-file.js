// The report file (导出分析报告): this very single file again, carrying one session's
// tables and settings in place of the demo. Gzip; when locked, AES-GCM under a 256-bit
// key that PBKDF2-SHA256 derives from the password (WebCrypto, which file:// pages have,
// so the wasm carries no cipher). Inserted into the bundle's module script by
// scripts/bundle.mjs, after the wasm-bindgen glue (the worker does not need it).
const reportFile = (() => {
  const inflate = (bytes) => new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  const deflate = (bytes) => new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  const bytesOf = async (stream) => new Uint8Array(await new Response(stream).arrayBuffer());
  const fromB64 = (text) => {
    const b = atob(text);
    const u = new Uint8Array(b.length);
    for (let i = 0; i < b.length; i++) u[i] = b.charCodeAt(i);
    return u;
  };
  const toB64 = (bytes) => new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => { const url = String(r.result); resolve(url.slice(url.indexOf(',') + 1)); };
    r.onerror = () => reject(r.error);
    r.readAsDataURL(new Blob([bytes]));
  });
  const ITERATIONS = 310000;
  const keyOf = async (password, salt, iterations) => crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']),
    { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  // Never the closing tag written out: this code itself sits inside a script element.
  const END = '</' + 'script>';
  const escapeHtml = (t) => String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

  /** What this file carries, if it is a report: `{ meta, locked, open(password) → bytes }`. */
  function carried() {
    const el = document.getElementById('report-data');
    if (!el || !el.textContent.trim()) return undefined;
    const sealed = fromB64(el.textContent.trim());
    const d = el.dataset;
    const locked = d.locked === '1';
    return {
      meta: JSON.parse(document.getElementById('report-meta').textContent),
      locked,
      open: async (password) => {
        let gz = sealed;
        if (locked) {
          const key = await keyOf(password, fromB64(d.salt), Number(d.iterations));
          gz = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromB64(d.iv) }, key, sealed));
        }
        return bytesOf(inflate(gz));
      },
    };
  }

  /** The report's HTML: this file's head as parsed (not the policy the boot script added),
   * the boot notice, and its scripts as they are, the demo replaced by `payload`. */
  async function write(payload, meta, password, notice) {
    let data = await bytesOf(deflate(payload));
    let attrs = 'data-locked="0"';
    if (password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const key = await keyOf(password, salt, ITERATIONS);
      data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data));
      attrs = `data-locked="1" data-salt="${await toB64(salt)}" data-iv="${await toB64(iv)}" data-iterations="${ITERATIONS}"`;
    }
    const encoded = await toB64(data);
    const head = Array.from(document.head.children)
      .filter((e) => e.id !== 'csp-strict' && ['META', 'TITLE', 'LINK', 'STYLE'].includes(e.tagName))
      .map((e) => (e.tagName === 'TITLE' ? `<title>${escapeHtml(meta.title)}</title>` : e.outerHTML));
    const scripts = [];
    for (const e of document.body.querySelectorAll('script')) {
      // A report shows its own tables: the demo's workbooks stay behind.
      if (e.id === 'report-data' || e.id === 'report-meta' || e.classList.contains('demo-file')) continue;
      if (e.id === 'demo-gz') {
        scripts.push(`<script type="application/octet-stream" id="demo-gz">${END}`);
        scripts.push(`<script type="application/json" id="report-meta">${JSON.stringify(meta).replace(/</g, '\\u003c')}${END}`);
        scripts.push(`<script type="application/octet-stream" id="report-data" ${attrs}>${encoded}${END}`);
        continue;
      }
      scripts.push(e.outerHTML);
    }
    return ['<!DOCTYPE html>', '<html lang="zh-CN">', '<head>', ...head, '</head>', '<body>', notice, ...scripts, '</body>', '</html>', ''].join('\n');
  }

  return { carried, write };
})();
