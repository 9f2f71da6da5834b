// Runs Mozilla Readability (with jsdom) on prepared pages; reads them all
// first, then times the extraction only. Usage: node run_readability_js.js OUT PRED.json
const fs = require('fs');
const path = require('path');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');
const [out, predPath] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json')));
const pages = manifest.map(m => ({ id: m.id, url: m.url, html: fs.readFileSync(path.join(out, 'pages', m.file), 'utf8') }));
const virtualConsole = new VirtualConsole();
const pred = {};
const start = process.hrtime.bigint();
for (const p of pages) {
  let text = null;
  try {
    const url = /^https?:\/\//.test(p.url) ? p.url : 'http://localhost/';
    const dom = new JSDOM(p.html, { url, virtualConsole });
    const article = new Readability(dom.window.document).parse();
    text = article ? article.textContent : null;
    dom.window.close();
  } catch (e) { text = null; }
  pred[p.id] = { text };
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
fs.writeFileSync(predPath, JSON.stringify(pred));
console.log(JSON.stringify({ pages: pages.length, seconds, pages_per_sec: pages.length / seconds }));
