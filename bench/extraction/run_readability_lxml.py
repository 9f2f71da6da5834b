#!/usr/bin/env python3
"""Runs readability-lxml on prepared pages; reads them all first, then
times the extraction only, by process CPU time (so a loaded machine does
not count against it) and wall time.
Usage: run_readability_lxml.py OUT PRED.json"""
import json, os, sys, time
import lxml.html
from readability import Document

out, pred_path = sys.argv[1], sys.argv[2]
manifest = json.load(open(os.path.join(out, 'manifest.json')))
pages = [(m['id'], open(os.path.join(out, 'pages', m['file']), encoding='utf-8').read()) for m in manifest]
pred = {}
start = time.perf_counter()
cpu_start = time.process_time()
for pid, html in pages:
    try:
        summary = Document(html).summary(html_partial=True)
        text = lxml.html.fromstring(summary).text_content() if summary.strip() else ''
    except Exception:
        text = None
    pred[pid] = {'text': text}
wall = time.perf_counter() - start
seconds = time.process_time() - cpu_start
json.dump(pred, open(pred_path, 'w'))
print(json.dumps({'pages': len(pages), 'seconds': seconds, 'wall_seconds': wall, 'pages_per_sec': len(pages) / seconds}))
