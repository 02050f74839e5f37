#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest mode "demo": load fake_events (unless built in), show
# /proc/fake_events filling for a few seconds, print a per-source summary
# from the debugfs stats, unload.

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
t1=$(cut -d' ' -f1 /proc/uptime)

echo "== $STATS"
cat $STATS
echo "== summary over the $SECS s shown (rates since load)"
# Since load for a module; since boot for the built-in instance.
[ $BUILTIN -eq 1 ] && t0=0
awk -v t0="$t0" -v t1="$t1" '
	$2 ~ /^events=/ {
		split($2, e, "="); split($3, d, "="); split($4, m, "="); split($5, p, "=")
		printf "%-9s events %6d  rate %7.1f/s (period %d us: %.1f/s)  dropped %d  missed %d\n",
		       $1, e[2], e[2] / (t1 - t0), p[2], 1e6 / p[2], d[2], m[2]
	}
	$1 == "buffer" { print "buffer   ", $2, $3, $4 }' $STATS

if [ $BUILTIN -eq 0 ]; then
	echo "== rmmod fake_events"
	rmmod fake_events && [ ! -e /proc/fake_events ] &&
		echo "== unloaded, /proc/fake_events is gone"
fi
