#!/usr/bin/env bash
# Times `booklet build` on generated events of 6, 100 and 1000 speakers.
# Prints speakers, pages, wall seconds, peak memory and output sizes.
#   bench/run.sh [SIZES...]      (default: 6 100 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-6 100 1000}")
[ -x /usr/bin/time ] || { apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }; }
cargo build --release --quiet --example gen_event
cargo build --release --quiet
work=target/bench-events
mkdir -p "$work"
printf '%-9s %6s %9s %10s %12s %12s %14s\n' speakers pages wall_s peak_MB booklet sheet badges_total
for n in ${sizes[*]}; do
  dir="$work/event-$n"
  rm -rf "$dir"
  target/release/examples/gen_event "$n" "$dir" >/dev/null
  log=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$log" target/release/booklet build --project "$dir" >/dev/null
  read -r wall kb <"$log"
  rm -f "$log"
  pages=$(grep -a -o '/Type */Page[^s]' "$dir/out/booklet.pdf" | wc -l)
  booklet=$(stat -c %s "$dir/out/booklet.pdf")
  sheet=$(stat -c %s "$dir/out/badges-sheet.pdf")
  badges=$(du -cb "$dir"/out/badges/*.pdf | tail -1 | cut -f1)
  printf '%-9s %6s %9s %10.1f %12s %12s %14s\n' "$n" "$pages" "$wall" "$(echo "$kb/1024" | bc -l)" "$booklet" "$sheet" "$badges"
done
