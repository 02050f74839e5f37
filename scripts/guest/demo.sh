#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest mode "demo": load fake_events (unless built in), show
# /proc/fake_events filling for a few seconds, print a per-source summary
# from the debugfs stats, follow /dev/fake_events live for a few seconds,
# unload.

SECS=${FEV_DEMO_SECS:-6}
STATS=/sys/kernel/debug/fake_events/stats

BUILTIN=0
if [ -e /proc/fake_events ]; then
	BUILTIN=1
	echo "== fake_events is built in (parameters: ${FEV_PARAMS:-defaults})"
else
	echo "== modprobe fake_events $FEV_PARAMS"
	# shellcheck disable=SC2086
	modprobe fake_events $FEV_PARAMS || { echo "== modprobe failed"; exit 1; }
fi
dmesg | grep 'fake_events:' | tail -n 3

t0=$(cut -d' ' -f1 /proc/uptime)
cat $STATS >/tmp/stats0
echo "== /proc/fake_events, new lines every second for $SECS s:"
last=-1
i=0
while [ $i -lt "$SECS" ]; do
	sleep 1
	i=$((i + 1))
	echo "-- t+${i}s"
	# Only the lines after the last one shown; gap lines pass through.
	out=$(awk -v last="$last" '/^#/ || $1 + 0 > last' /proc/fake_events)
	n=$(echo "$out" | grep -c ' Event from ')
	first=$(echo "$out" | awk '$1 ~ /^[0-9]+$/ { print $1; exit }')
	[ -n "$first" ] && [ "$last" -ge 0 ] && [ "$first" -gt $((last + 1)) ] &&
		echo "   ($((first - last - 1)) events overwritten in the buffer before this read)"
	if [ "$n" -gt 8 ]; then
		echo "$out" | head -n 4
		echo "   ... $((n - 8)) more ..."
		echo "$out" | tail -n 4
	elif [ -n "$out" ]; then
		echo "$out"
	fi
	l=$(echo "$out" | awk '$1 ~ /^[0-9]+$/ { s = $1 } END { print s }')
	[ -n "$l" ] && last=$l
done
cat $STATS >/tmp/stats1
t1=$(cut -d' ' -f1 /proc/uptime)

echo "== $STATS"
cat /tmp/stats1
echo "== per source, over the $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s shown"
# Rates from two reads of the stats file, at the start and the end.
awk -v dt="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" '
	{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[FILENAME, $1, kv[1]] = kv[2] } }
	FILENAME ~ /stats1$/ && $2 ~ /^events=/ {
		s = $1; e = v[FILENAME, s, "events"] - v["/tmp/stats0", s, "events"]
		d = v[FILENAME, s, "dropped"] - v["/tmp/stats0", s, "dropped"]
		m = v[FILENAME, s, "missed"] - v["/tmp/stats0", s, "missed"]
		p = v[FILENAME, s, "period_us"]
		printf "%-9s %6d events  %7.1f/s (period %d us: %.1f/s)  %d dropped  %d missed\n",
		       s, e, e / dt, p, 1e6 / p, d, m
	}
	FILENAME ~ /stats1$/ && $1 == "buffer" {
		o = v[FILENAME, "buffer", "overwritten"] - v["/tmp/stats0", "buffer", "overwritten"]
		printf "buffer    %s entries, %d overwritten\n", v[FILENAME, "buffer", "size"], o
	}' /tmp/stats0 /tmp/stats1

# Latency split of the buffered events: IRQ latency (top half ran - timer
# due) and bottom-half latency (work started - top half queued it).
bh=$(cat /sys/module/fake_events/parameters/bottom_half 2>/dev/null || echo workqueue)
cat /proc/fake_events >/tmp/events
echo "== latency of the buffered events, ns (bottom half: $bh)"
printf '%-9s %7s  %10s %10s %10s  %10s %10s %10s\n' source events \
	irq_p50 irq_p99 irq_max bh_p50 bh_p99 bh_max
for s in NETWORK KEYBOARD SENSOR; do
	line="$s"
	n=0
	for col in 4 5; do
		awk -v s="$s" -v c="$col" '$3 == s && NF == 9 { print $c }' /tmp/events |
			sort -n >/tmp/lat
		n=$(wc -l </tmp/lat)
		[ "$n" -gt 0 ] || continue
		line="$line $(awk -v n="$n" '
			{ v[NR] = $1 }
			END {
				i50 = int((n * 50 + 99) / 100); i99 = int((n * 99 + 99) / 100)
				printf "%d %d %d", v[i50], v[i99], v[n]
			}' /tmp/lat)"
	done
	# shellcheck disable=SC2086
	set -- $line
	[ $# -eq 7 ] && printf '%-9s %7d  %10d %10d %10d  %10d %10d %10d\n' \
		"$1" "$n" "$2" "$3" "$4" "$5" "$6" "$7"
done

# /dev/fake_events: the same lines, as the bottom halves store them. A new
# reader starts at the oldest buffered event; those are skipped here, so
# what is printed came in while watching.
if [ -c /dev/fake_events ]; then
	held=$(grep -c ' Event from ' /proc/fake_events)
	echo "== cat /dev/fake_events for 3 s: events printed as they come"
	timeout -s INT 3 cat /dev/fake_events | awk -v skip="$held" '
		NR <= skip { next }
		{ n++ }
		n <= 20 { printf "   live +%.2fs  %s\n", uptime() - t0, $0; fflush() }
		function uptime(  l, f) { getline l <"/proc/uptime"; close("/proc/uptime"); split(l, f, " "); return f[1] }
		BEGIN { t0 = uptime() }
		END { if (n > 20) printf "   ... %d more\n", n - 20; printf "   %d events streamed in 3 s\n", n }'
fi

if [ $BUILTIN -eq 0 ]; then
	echo "== rmmod fake_events"
	rmmod fake_events && [ ! -e /proc/fake_events ] &&
		echo "== unloaded, /proc/fake_events is gone"
fi
