// Runs Mozilla Readability (with jsdom) on prepared pages; reads them all
// first, then times the extraction only, by this process's CPU time (user +
// system, so a loaded machine does not count against it) and wall time.
// Usage: node run_readability_js.js OUT PRED.json [FIRST [COUNT]]
// FIRST/COUNT select a slice of the manifest: jsdom's heap grows over
// hundreds of pages until V8 gives up, so compare_extraction.sh runs the
// set in slices, one process each, and adds the times up.
const fs = require('fs');
const path = require('path');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');
const [out, predPath, firstArg, countArg] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json')));
const first = firstArg ? Number(firstArg) : 0;
const count = countArg ? Number(countArg) : manifest.length;
const slice = manifest.slice(first, first + count);
const pages = slice.map(m => ({ id: m.id, url: m.url, html: fs.readFileSync(path.join(out, 'pages', m.file), 'utf8') }));
const virtualConsole = new VirtualConsole();
const pred = {};
const cpuStart = process.cpuUsage();
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
const wall = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const seconds = (cpu.user + cpu.system) / 1e6;
fs.writeFileSync(predPath, JSON.stringify(pred));
console.log(JSON.stringify({ pages: pages.length, seconds, wall_seconds: wall, pages_per_sec: pages.length / seconds }));
