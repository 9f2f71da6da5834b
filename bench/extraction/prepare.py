#!/usr/bin/env python3
"""Prepares a benchmark set for bench/compare_extraction.sh.

Reads a trafilatura-eval folder (evaldata.json + cache/ eval/) or an
article-extraction-benchmark folder (ground-truth.json + html/), decodes
every page to UTF-8 once (valid UTF-8 is kept; otherwise the declared
<meta charset>, else windows-1252) and writes OUT/ with:
  pages/<n>.html     decoded pages
  manifest.json      [{"id", "url", "file"}]
  truth.json         {"layout", "pages": {id: {...}}}
  evaldata.json / ground-truth.json + cache/ or html/ so that
  `tidings eval extraction --data OUT` reads the same decoded pages.
"""
import gzip, json, os, re, sys

def read(path):
    with open(path, 'rb') as f:
        data = f.read()
    if path.endswith('.gz'):
        data = gzip.decompress(data)
    return data

def decode(data):
    try:
        text = data.decode('utf-8')
        return text.lstrip('\ufeff')
    except UnicodeDecodeError:
        pass
    m = re.search(rb'charset=["\']?([A-Za-z0-9_\-]+)', data[:4096])
    for enc in ([m.group(1).decode('ascii', 'ignore')] if m else []) + ['cp1252']:
        try:
            return data.decode(enc, errors='replace')
        except LookupError:
            continue
    return data.decode('utf-8', errors='replace')

def find(folders, name):
    for d in folders:
        for s in ('', '.gz'):
            p = os.path.join(d, name + s)
            if os.path.isfile(p):
                return p
    return None

def main(src, out):
    os.makedirs(os.path.join(out, 'pages'), exist_ok=True)
    manifest, truth = [], {}
    if os.path.isfile(os.path.join(src, 'tests', 'evaldata.json')):
        src = os.path.join(src, 'tests')
    if os.path.isfile(os.path.join(src, 'evaldata.json')):
        layout = 'trafilatura'
        data = json.load(open(os.path.join(src, 'evaldata.json')))
        os.makedirs(os.path.join(out, 'cache'), exist_ok=True)
        evaldata = {}
        for n, (url, item) in enumerate(data.items()):
            p = find([os.path.join(src, 'cache'), os.path.join(src, 'eval')], item['file'])
            if not p:
                continue
            name = '%d.html' % n
            text = decode(read(p))
            with open(os.path.join(out, 'pages', name), 'w', encoding='utf-8') as f:
                f.write(text)
            os.link(os.path.join(out, 'pages', name), os.path.join(out, 'cache', name))
            manifest.append({'id': url, 'url': url, 'file': name})
            truth[url] = {'with': item['with'], 'without': item['without']}
            evaldata[url] = {'file': name, 'with': item['with'], 'without': item['without']}
        json.dump(evaldata, open(os.path.join(out, 'evaldata.json'), 'w'))
    elif os.path.isfile(os.path.join(src, 'ground-truth.json')):
        layout = 'article-extraction-benchmark'
        data = json.load(open(os.path.join(src, 'ground-truth.json')))
        os.makedirs(os.path.join(out, 'html'), exist_ok=True)
        for pid, item in data.items():
            p = find([os.path.join(src, 'html')], pid + '.html')
            if not p:
                continue
            name = pid + '.html'
            text = decode(read(p))
            with open(os.path.join(out, 'pages', name), 'w', encoding='utf-8') as f:
                f.write(text)
            os.link(os.path.join(out, 'pages', name), os.path.join(out, 'html', name))
            manifest.append({'id': pid, 'url': item.get('url', ''), 'file': name})
            truth[pid] = {'articleBody': item.get('articleBody', '')}
        json.dump(data, open(os.path.join(out, 'ground-truth.json'), 'w'))
    else:
        sys.exit('prepare.py: %s: no evaldata.json or ground-truth.json' % src)
    json.dump(manifest, open(os.path.join(out, 'manifest.json'), 'w'))
    json.dump({'layout': layout, 'pages': truth}, open(os.path.join(out, 'truth.json'), 'w'))
    print('%s: %d pages (%s)' % (out, len(manifest), layout), file=sys.stderr)

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
