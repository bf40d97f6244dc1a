#!/usr/bin/env bash
# Times `booklet build` on generated events of 6, 100 and 1000 speakers:
# speakers, booklet pages, wall seconds, peak memory, output sizes; then the
# text stage alone (paragraph setting on one core).
#   bench/run.sh [SIZES...]      (default: 6 100 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-6 100 1000}")
[ -x /usr/bin/time ] || { apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }; }
cargo build --release --quiet --example gen_event --example bench_text
cargo build --release --quiet
work=target/bench-events
mkdir -p "$work"
printf '%-9s %6s %8s %9s %12s %12s %13s %12s\n' speakers pages wall_s peak_MB booklet_B sheet_B badges_B badge_max_B
for n in ${sizes[*]}; do
  dir="$work/event-$n"
  rm -rf "$dir"
  target/release/examples/gen_event "$n" "$dir" >/dev/null
  log=$(mktemp)
  summary=$(mktemp)
  SOURCE_DATE_EPOCH=0 /usr/bin/time -f '%e %M' -o "$log" target/release/booklet build --project "$dir" >"$summary"
  read -r wall kb <"$log"
  pages=$(awk '/booklet.pdf/ {print $2}' "$summary")
  rm -f "$log" "$summary"
  booklet=$(stat -c %s "$dir/out/booklet.pdf")
  sheet=$(stat -c %s "$dir/out/badges-sheet.pdf")
  badges=$(cat "$dir"/out/badges/*.pdf | wc -c)
  badge_max=$(stat -c %s "$dir"/out/badges/*.pdf | sort -n | tail -1)
  printf '%-9s %6s %8s %9.1f %12s %12s %13s %12s\n' "$n" "$pages" "$wall" "$(echo "$kb/1024" | bc -l)" "$booklet" "$sheet" "$badges" "$badge_max"
done
echo
# Output fingerprints: a refactoring that must not change the output keeps
# these (with SOURCE_DATE_EPOCH fixed, the builds above are reproducible).
for n in ${sizes[*]}; do
  printf 'sha256 %-6s booklet %s  all %s\n' "$n" \
    "$(sha256sum "$work/event-$n/out/booklet.pdf" | cut -c1-16)" \
    "$(cat "$work/event-$n/out/booklet.pdf" "$work/event-$n/out/badges-sheet.pdf" "$work/event-$n"/out/badges/*.pdf | sha256sum | cut -c1-16)"
done
echo
for n in ${sizes[*]}; do
  target/release/examples/bench_text "$work/event-$n"
done
