#!/usr/bin/env bash
# Proves that CI holds on a loaded machine: runs `bash .ci/run` N times in a row (default 3) while
# `stress-ng --cpu 2` keeps two CPUs busy beside it, and reports each run's result and duration.
# Exits non-zero unless every run passed. The load is stopped however the script ends.
#
#   scripts/ci-under-load.sh [--clone] [N]     CPU_HOGS=2 by default, LOG_DIR=/tmp/ci-under-load
#
# --clone runs each .ci/run in a fresh `git clone` of HEAD (as CI sees the repo), so that its
# `npm ci` never touches this checkout's node_modules.
#
# .ci/run itself never needs stress-ng; this script installs it (Debian) if it is missing, or falls
# back to plain busy loops in Node.
set -uo pipefail
cd "$(dirname "$0")/.."
clone=0
[ "${1:-}" = --clone ] && { clone=1; shift; }
runs=${1:-3}
hogs=${CPU_HOGS:-2}
logs=${LOG_DIR:-/tmp/ci-under-load}
mkdir -p "$logs"
repo=$PWD

if ! command -v stress-ng >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends stress-ng >/dev/null || true
fi

load_pids=()
ci_pid=''
clone_dir=''
stop_load() {
  # A run cut short (Ctrl-C, kill) takes its whole process group (browsers, servers) with it.
  [ -n "$ci_pid" ] && kill -- "-$ci_pid" 2>/dev/null && wait "$ci_pid" 2>/dev/null
  ci_pid=''
  [ -n "$clone_dir" ] && rm -rf "$clone_dir"
  clone_dir=''
  for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${load_pids[@]}"; do wait "$pid" 2>/dev/null; done
  [ ${#load_pids[@]} -gt 0 ] && echo "load stopped"
  load_pids=()
}
trap stop_load EXIT
trap 'exit 130' INT TERM

if command -v stress-ng >/dev/null; then
  stress-ng --cpu "$hogs" --quiet &
  load_pids+=($!)
  echo "load: stress-ng --cpu $hogs (pid ${load_pids[*]})"
else
  for _ in $(seq "$hogs"); do
    node -e 'for (;;) {}' &
    load_pids+=($!)
  done
  echo "load: $hogs busy Node loops (pids ${load_pids[*]})"
fi

failed=0
results=()
for i in $(seq "$runs"); do
  echo "== run $i of $runs ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  start=$SECONDS
  dir=$repo
  if [ "$clone" = 1 ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/ci-clone-XXXXXX")
    clone_dir=$dir
    git clone -q "$repo" "$dir"
  fi
  (cd "$dir" && exec setsid bash .ci/run) >"$logs/run-$i.log" 2>&1 &
  ci_pid=$!
  if wait "$ci_pid"; then result=passed; else result=FAILED; failed=$((failed + 1)); fi
  ci_pid=''
  [ -n "$clone_dir" ] && rm -rf "$clone_dir"
  clone_dir=''

  line="run $i: $result in $((SECONDS - start)) s (load average after: $(cut -d' ' -f1-3 /proc/loadavg)); log: $logs/run-$i.log"
  results+=("$line")
  echo "$line"
  grep -E '^   \(|^== CI ' "$logs/run-$i.log" | sed 's/^/    /'
  [ "$result" = FAILED ] && tail -n 40 "$logs/run-$i.log" | sed 's/^/    | /'
done
stop_load
echo
echo "== under load ($hogs CPU hogs): $((runs - failed)) of $runs runs passed"
printf '%s\n' "${results[@]}"
[ "$failed" -eq 0 ]
