#!/usr/bin/env bash
# Compares Tidings, Mozilla Readability (Readability.js + jsdom) and
# readability-lxml on the same pages in one run, each pinned to one core
# (taskset -c 0), pages decoded to UTF-8 before any clock starts. pages/s
# is by each tool's own CPU time (a loaded machine does not count against
# any of them); the ratios of Tidings to each peer follow the table.
#
#   bench/compare_extraction.sh [DATA_DIR] [TIDINGS_BINARY]
#
# DATA_DIR: a trafilatura-eval folder (default ../shared/data/extraction/
# trafilatura-eval) or an article-extraction-benchmark folder
# (ground-truth.json + html/). Installs @mozilla/readability and jsdom into
# bench/node_modules with npm, and python3-readability with apt-get when it
# is missing (as root). Prints F1 and pages/s side by side; every tool is
# scored by the same scorer (bench/extraction/score.py).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
data="${1:-$root/../shared/data/extraction/trafilatura-eval}"
tidings="${2:-$root/build/tidings}"
# Debian's python3-readability lives in the system interpreter.
py=/usr/bin/python3
[[ -x $py ]] || py=python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ ! -x "$tidings" ]]; then
  echo "compare_extraction: $tidings not found; run 'make' first" >&2
  exit 1
fi
if [[ ! -d "$here/node_modules/@mozilla/readability" || ! -d "$here/node_modules/jsdom" ]]; then
  echo "installing @mozilla/readability and jsdom into bench/node_modules" >&2
  npm install --silent --no-audit --no-fund --prefix "$here" @mozilla/readability jsdom >&2
fi
if ! "$py" -c 'import readability, lxml.html' 2>/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y -q python3-readability python3-lxml >&2
  else
    echo "compare_extraction: python3-readability or python3-lxml missing (sudo apt-get install python3-readability python3-lxml)" >&2
    exit 1
  fi
fi

python3 "$here/extraction/prepare.py" "$data" "$work/set"
truth="$work/set/truth.json"
pin=(taskset -c 0)
command -v taskset >/dev/null || pin=()

printf '%-22s %8s %8s %8s %10s\n' tool precision recall F1 pages/s
row() {  # name timing-json prediction-file
  local score
  score="$(python3 "$here/extraction/score.py" "$truth" "$3")"
  python3 - "$1" "$2" "$score" <<'PY'
import json, sys
name, timing, score = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
print('%-22s %8.3f %8.3f %8.3f %10.1f' % (name, score['precision'], score['recall'], score['f1'], timing['pages_per_sec']))
PY
  python3 -c 'import json,sys; print(json.loads(sys.argv[1])["pages_per_sec"])' "$2" >"$work/$1.rate"
}

t="$("${pin[@]}" "$tidings" eval extraction --data "$work/set" --json --predictions "$work/tidings.json")"
row "tidings" "$t" "$work/tidings.json"
# Readability.js runs in slices of $js_slice pages, one node process each
# (jsdom's heap outgrows V8's limit over a whole set); times and
# predictions are summed and merged.
js_slice=100
npages=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/set/manifest.json")
for ((first = 0; first < npages; first += js_slice)); do
  NODE_PATH="$here/node_modules" "${pin[@]}" node "$here/extraction/run_readability_js.js" \
    "$work/set" "$work/readability_js.$first.json" "$first" "$js_slice" >"$work/readability_js.$first.timing"
done
t="$(python3 - "$work" <<'PY'
import glob, json, os, sys
work = sys.argv[1]
pred, pages, seconds, wall = {}, 0, 0.0, 0.0
for path in glob.glob(os.path.join(work, 'readability_js.*.timing')):
    timing = json.load(open(path))
    pages += timing['pages']; seconds += timing['seconds']; wall += timing['wall_seconds']
    pred.update(json.load(open(path[:-len('.timing')] + '.json')))
json.dump(pred, open(os.path.join(work, 'readability_js.json'), 'w'))
print(json.dumps({'pages': pages, 'seconds': seconds, 'wall_seconds': wall,
                  'pages_per_sec': pages / seconds if seconds else 0}))
PY
)"
row "readability.js+jsdom" "$t" "$work/readability_js.json"
t="$("${pin[@]}" "$py" "$here/extraction/run_readability_lxml.py" "$work/set" "$work/readability_lxml.json")"
row "readability-lxml" "$t" "$work/readability_lxml.json"
python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
rate = lambda name: float(open(os.path.join(work, name + '.rate')).read())
ours = rate('tidings')
for peer in ('readability.js+jsdom', 'readability-lxml'):
    print('tidings/%-22s %6.1fx pages/s (CPU time, one core each)' % (peer, ours / rate(peer)))
PY
