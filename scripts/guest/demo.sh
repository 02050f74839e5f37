#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest mode "demo": load fake_events (unless built in), show
# /proc/fake_events filling for a few seconds, print a per-source summary
# from the debugfs stats, run one source per bottom half side by side and
# print where each half ran and the latency of each stage, follow
# /dev/fake_events live for a few seconds, unload.

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

# Every bottom half side by side: one source per mechanism, the same load,
# made in configfs. Per source: the events, where each half ran (from the
# event lines), and p50/p99 of each stage: timer latency and bottom-half
# latency exactly from every event line (read from /dev/fake_events
# meanwhile), the dispatch time (timer callback to interrupt handler) from
# the log2 histogram, as the upper bound of the bucket that holds the
# percentile.
CFG=/sys/kernel/config/fake_events
DBG=/sys/kernel/debug/fake_events
MODES="workqueue batch bh threaded"
if [ -d $CFG ]; then
	echo "== one source per bottom half, 5 ms each, for 3 s:"
	cat /dev/fake_events >/tmp/events &
	reader=$!
	for m in $MODES; do
		echo "   mkdir $CFG/$m; echo 5000 > $m/period_us; echo $m > $m/bottom_half; echo 1 > $m/enabled"
		mkdir $CFG/$m && echo 5000 >$CFG/$m/period_us &&
			echo $m >$CFG/$m/bottom_half && echo 1 >$CFG/$m/enabled
	done
	sleep 3
	echo "== grep fake_events /proc/interrupts"
	grep fake_events /proc/interrupts
	for m in $MODES; do echo 0 >$CFG/$m/enabled; done
	sleep 0.5
	kill $reader
	echo "== per source (dispatch percentiles: histogram bucket bound), ns"
	printf '%-9s %6s %6s  %-16s %-24s %9s %9s %9s %9s %9s %9s\n' source events \
		listed top_half bottom_half timer_p50 timer_p99 disp_p50 disp_p99 bh_p50 bh_p99
	for m in $MODES; do
		S=$(echo "$m" | tr '[:lower:]' '[:upper:]')
		awk -v s="$S" '$3 == s && $6 == "Event"' /tmp/events >/tmp/ev.$m
		# Percentiles of one column of the event lines.
		pct() {
			cut -d' ' -f"$1" /tmp/ev.$m | sort -n | awk '
				{ v[NR] = $1 }
				END {
					if (!NR) { print "- -"; exit }
					i50 = int((NR * 50 + 99) / 100); i99 = int((NR * 99 + 99) / 100)
					print v[i50], v[i99]
				}'
		}
		# The most frequent CPU:context:task of a column, with its share.
		where() {
			cut -d' ' -f"$1" /tmp/ev.$m | cut -c4- |
				sed 's/^\([0-9]*\):\([a-z]*\):\(irq\/[0-9]*-\|kworker\|ksoftirqd\).*/\1:\2:\3/' |
				sort | uniq -c | sort -rn | awk -v n="$(wc -l </tmp/ev.$m)" '
					NR == 1 { printf "%s(%d%%)", $2, $1 * 100 / n }'
		}
		disp=$(awk 'NR > 1 { n += $4; c[NR] = $4; hi[NR] = $2 }
			END {
				for (i = 2; i <= NR && n; i++) {
					s += c[i]
					if (!a && s * 100 >= n * 50) a = hi[i]
					if (!b && s * 100 >= n * 99) b = hi[i]
				}
				print (n ? a : "-"), (n ? b : "-")
			}' $DBG/$m/histogram)
		# shellcheck disable=SC2046
		printf '%-9s %6s %6s  %-16s %-24s %9s %9s %9s %9s %9s %9s\n' "$m" \
			"$(sed -n 's/^events=//p' $DBG/$m/stats)" "$(wc -l </tmp/ev.$m)" \
			"$(where 10)" "$(where 11)" $(pct 4) $disp $(pct 5)
	done
	echo "   (top_half/bottom_half: CPU:context:task of most events; the threaded"
	echo "   bottom half is the interrupt's thread, irq/<N>-fake_events-<source>)"
	for m in $MODES; do rmdir $CFG/$m; done
fi

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
