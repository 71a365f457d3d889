# Shared by bench/run.sh and bench/commits.sh (sourced; $work must be set).

# times_ms N CMD...: runs CMD N times (output discarded), prints "median min max" wall ms.
times_ms() {
  local n=$1 i t0 times=()
  shift
  for ((i = 0; i < n; i++)); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    times+=($((($(date +%s%N) - t0) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n |
    awk '{a[NR]=$1} END {m = NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2); print m, a[1], a[NR]}'
}
# median_ms N CMD...: the median alone.
median_ms() { times_ms "$@" | cut -d' ' -f1; }
# peak_kb CMD...: the peak resident set size of CMD, in KiB.
peak_kb() { /usr/bin/time -f '%M' -o "$work/time.out" "$@" >/dev/null 2>&1 || true; tail -1 "$work/time.out"; }
