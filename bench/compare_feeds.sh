#!/usr/bin/env bash
# Compares feed parsing speed of Tidings (tidings::feed::ParseFeed),
# python3-feedparser (Debian) and rss-parser (npm) on the same files in one
# run, each pinned to one core (taskset -c 0) and timed in-process: every
# tool reads all files into memory first, parses them once to warm up, then
# repeats whole passes over all files until it has used at least SECONDS
# (default 3) of CPU time. Speeds are given per CPU second (the ratios
# then hold on a machine busy with other work, where wall time mostly
# measures the others) and per wall-clock second.
#
#   bench/compare_feeds.sh [BENCH_BINARY] [SECONDS]
#
# BENCH_BINARY: the tidings_feed_bench program (default
# build/bench/feed_parse/tidings_feed_bench; configure with
# -DTIDINGS_BUILD_BENCHMARKS=ON). The files are the ones it lists
# (`--list`): the rss-parser inputs and gofeed testdata feeds under
# $TIDINGS_DATA (default /work/shared/data). Installs python3-feedparser with
# apt-get (as root) and rss-parser into bench/node_modules with npm when
# missing. Prints MB/s and feeds/s for each tool and the Tidings ratios,
# once over all the files and once over the rss-parser inputs alone (each
# set timed for all three tools in the same run).
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
cpu_start = time.process_time()
while True:
    run()
    passes += 1
    cpu = time.process_time() - cpu_start
    if cpu >= min_seconds:
        break
elapsed = time.perf_counter() - start
print(json.dumps({'files': len(bodies), 'bytes': total, 'passes': passes,
                  'seconds': elapsed, 'cpu_seconds': cpu,
                  'mb_per_sec': total * passes / 1e6 / elapsed,
                  'cpu_mb_per_sec': total * passes / 1e6 / cpu,
                  'feeds_per_sec': len(bodies) * passes / elapsed,
                  'cpu_feeds_per_sec': len(bodies) * passes / cpu,
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
  // User + system CPU of the whole process (the GC's threads included).
  const cpuStart = process.cpuUsage();
  let cpu = 0;
  do {
    await run();
    passes++;
    const used = process.cpuUsage(cpuStart);
    cpu = (used.user + used.system) / 1e6;
  } while (cpu < minSeconds);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({
    files: texts.length, bytes: total, passes, seconds: elapsed,
    cpu_seconds: cpu,
    mb_per_sec: total * passes / 1e6 / elapsed,
    cpu_mb_per_sec: total * passes / 1e6 / cpu,
    feeds_per_sec: texts.length * passes / elapsed,
    cpu_feeds_per_sec: texts.length * passes / cpu, failures,
  }));
})();
JS

# The rss-parser inputs alone (real publishers' feeds, nearly all the bytes)
# are a second file set: the many small gofeed test files weigh differently
# on each tool (rss-parser refuses some of them), so the ratios differ.
grep '/rss-parser/' "$work/files.txt" >"$work/rss_parser_files.txt" || true

# Times the three tools on one file list; prints their three JSON lines.
run_set() {
  local list="$1"
  TIDINGS_FEED_FILES="$list" "${pin[@]}" "$bench" --compare "$seconds"
  "${pin[@]}" "$py" "$work/feedparser_bench.py" "$list" "$seconds"
  NODE_PATH="$here/node_modules" "${pin[@]}" node \
    "$work/rss_parser_bench.js" "$list" "$seconds"
}
all="$(run_set "$work/files.txt")"
subset=""
if [[ -s "$work/rss_parser_files.txt" ]]; then
  subset="$(run_set "$work/rss_parser_files.txt")"
fi

python3 - "$all" "$subset" <<'PY'
import json, sys

def report(title, lines):
    t, f, r = (json.loads(l) for l in lines.splitlines())
    print('%s: %d files, %.2f MB, one core (taskset -c 0), in-process timing'
          % (title, t['files'], t['bytes'] / 1e6))
    print('%-20s %10s %10s %10s %9s' % ('tool', 'MB/s CPU', 'feeds/s CPU',
                                         'MB/s wall', 'failures'))
    for name, x in (('tidings', t), ('python3-feedparser', f),
                    ('rss-parser', r)):
        print('%-20s %10.2f %11.1f %10.2f %9d'
              % (name, x['cpu_mb_per_sec'], x['cpu_feeds_per_sec'],
                 x['mb_per_sec'], x['failures']))
    for name, x in (('feedparser', f), ('rss-parser', r)):
        print('tidings/%-12s %5.1fx CPU time (%.1fx wall)'
              % (name, t['cpu_mb_per_sec'] / x['cpu_mb_per_sec'],
                 t['mb_per_sec'] / x['mb_per_sec']))

report('all feed files', sys.argv[1])
if sys.argv[2]:
    print()
    report('rss-parser inputs only', sys.argv[2])
PY
