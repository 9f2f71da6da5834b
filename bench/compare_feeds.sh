#!/usr/bin/env bash
# Compares feed parsing speed of Tidings (tidings::feed::ParseFeed),
# python3-feedparser (Debian) and rss-parser (npm) on the same files in one
# run, each pinned to one core (taskset -c 0) and timed in-process: every
# tool reads all files into memory first, parses them once to warm up, then
# repeats whole passes over all files for at least SECONDS (default 3).
#
#   bench/compare_feeds.sh [BENCH_BINARY] [SECONDS]
#
# BENCH_BINARY: the tidings_feed_bench program (default
# build/bench/feed_parse/tidings_feed_bench; configure with
# -DTIDINGS_BUILD_BENCHMARKS=ON). The files are the ones it lists
# (`--list`): the rss-parser inputs and gofeed testdata feeds under
# $TIDINGS_DATA (default /work/shared/data). Installs python3-feedparser with
# apt-get (as root) and rss-parser into bench/node_modules with npm when
# missing. Prints MB/s and feeds/s for each tool and the Tidings ratios.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
bench="${1:-$root/build/bench/feed_parse/tidings_feed_bench}"
seconds="${2:-3}"
# Debian's python3-feedparser lives in the system interpreter (the PATH
# python3 may be a pyenv one).
py=/usr/bin/python3
[[ -x $py ]] || py=python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ ! -x "$bench" ]]; then
  echo "compare_feeds: $bench not found; build target tidings_feed_bench with -DTIDINGS_BUILD_BENCHMARKS=ON" >&2
  exit 1
fi
if ! "$py" -c 'import feedparser' 2>/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y -q python3-feedparser >&2
  else
    echo "compare_feeds: python3-feedparser missing (sudo apt-get install python3-feedparser)" >&2
    exit 1
  fi
fi
if [[ ! -d "$here/node_modules/rss-parser" ]]; then
  echo "installing rss-parser into bench/node_modules" >&2
  npm install --silent --no-audit --no-fund --prefix "$here" rss-parser >&2
fi

"$bench" --list >"$work/files.txt"
nfiles=$(wc -l <"$work/files.txt")
if [[ $nfiles -eq 0 ]]; then
  echo "compare_feeds: no feed files (set TIDINGS_DATA)" >&2
  exit 1
fi
pin=(taskset -c 0)
command -v taskset >/dev/null || pin=()

cat >"$work/feedparser_bench.py" <<'PY'
import io, json, sys, time
import feedparser
paths = [l.rstrip('\n') for l in open(sys.argv[1]) if l.strip()]
min_seconds = float(sys.argv[2])
bodies = [open(p, 'rb').read() for p in paths]
total = sum(len(b) for b in bodies)
def run():
    failures = 0
    for b in bodies:
        try:
            feedparser.parse(io.BytesIO(b))
        except Exception:
            failures += 1
    return failures
failures = run()  # warm-up
passes = 0
start = time.perf_counter()
while True:
    run()
    passes += 1
    elapsed = time.perf_counter() - start
    if elapsed >= min_seconds:
        break
print(json.dumps({'files': len(bodies), 'bytes': total, 'passes': passes,
                  'seconds': elapsed,
                  'mb_per_sec': total * passes / 1e6 / elapsed,
                  'feeds_per_sec': len(bodies) * passes / elapsed,
                  'failures': failures}))
PY

cat >"$work/rss_parser_bench.js" <<'JS'
const fs = require('fs');
const Parser = require('rss-parser');
const [listFile, minSecondsArg] = process.argv.slice(2);
const minSeconds = parseFloat(minSecondsArg);
const paths = fs.readFileSync(listFile, 'utf8').split('\n').filter((l) => l);
const buffers = paths.map((p) => fs.readFileSync(p));
const total = buffers.reduce((n, b) => n + b.length, 0);
// rss-parser takes a string: decode before the clock starts.
const texts = buffers.map((b) => b.toString('utf8'));
const parser = new Parser();
async function run() {
  let failures = 0;
  for (const t of texts) {
    try {
      await parser.parseString(t);
    } catch (e) {
      failures++;
    }
  }
  return failures;
}
(async () => {
  const failures = await run();  // warm-up
  let passes = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    await run();
    passes++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  } while (elapsed < minSeconds);
  console.log(JSON.stringify({
    files: texts.length, bytes: total, passes, seconds: elapsed,
    mb_per_sec: total * passes / 1e6 / elapsed,
    feeds_per_sec: texts.length * passes / elapsed, failures,
  }));
})();
JS

t="$(TIDINGS_FEED_FILES="$work/files.txt" "${pin[@]}" "$bench" --compare "$seconds")"
f="$("${pin[@]}" "$py" "$work/feedparser_bench.py" "$work/files.txt" "$seconds")"
r="$(NODE_PATH="$here/node_modules" "${pin[@]}" node "$work/rss_parser_bench.js" "$work/files.txt" "$seconds")"

python3 - "$t" "$f" "$r" <<'PY'
import json, sys
t, f, r = (json.loads(a) for a in sys.argv[1:4])
print('%d files, %.2f MB, one core (taskset -c 0), in-process timing'
      % (t['files'], t['bytes'] / 1e6))
print('%-20s %10s %10s %9s' % ('tool', 'MB/s', 'feeds/s', 'failures'))
for name, x in (('tidings', t), ('python3-feedparser', f), ('rss-parser', r)):
    print('%-20s %10.2f %10.1f %9d' % (name, x['mb_per_sec'], x['feeds_per_sec'], x['failures']))
print('tidings/feedparser  %.1fx' % (t['mb_per_sec'] / f['mb_per_sec']))
print('tidings/rss-parser  %.1fx' % (t['mb_per_sec'] / r['mb_per_sec']))
PY
