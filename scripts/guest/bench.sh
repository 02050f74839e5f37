#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest mode "bench" (scripts/bench): the four benchmarks of the project in
# one boot of the non-debug bench guest. Figures only; nothing here passes
# or fails on speed. Everything the host parses goes to $FEV_OUT:
#
#   @@BENCH INFO ...                      the guest
#   @@BENCH RING <fev_ringbench line>     benchmark 1, one line per round
#   @@BENCH WAKE <fev_ringbench line>     benchmark 1, the wake check per round
#   @@BENCH LOSSLESS impl=... period_us=... raised=... stored=... ...
#   @@BENCH READER impl=... fn=... calls=... max_us=... p99_us=...
#   @@BENCH CAT impl=... run=... ms=...
#   @@BENCH LAT mode=... then "<irq_ns> <bh_ns>" lines, @@BENCH LATEND
#   @@BENCH CYCLIC ... the output of cyclictest ... @@BENCH CYCLICEND
#   @@BENCH STREAM mode=... shown=... lost=... rate=... ms=... raised=... stored=...
#   @@BENCH MATRIX top_half=... bottom_half=... work_ns=... period_us=...
#         burst=... rep=... offered=... events=... lost=... (and the stages)
#   @@BENCH COST impl=... rep=... period_us=... secs=... busy_ns=... irq_hz=... events=...
#   @@BENCH TLAT what=... n=... p50=... p90=... p99=... p999=... max=...
#   @@BENCH ERROR <what>                  a step that did not run
#   @@BENCH DONE
#
# FEV_PARTS selects benchmarks (default: ring lossless reader latency
# stream matrix cost timerlat);
# FEV_QUICK=1 shortens every step (scripts/bench --quick, the test run).

PARTS=${FEV_PARTS:-ring lossless reader latency stream matrix cost timerlat}
READERS=/kselftest/drivers/misc/fake_events/readers
MOD=/sys/module/fake_events/parameters
DBG=/sys/kernel/debug
TR=/sys/kernel/tracing
SOURCES="network keyboard sensor"

out() { echo "$*" >>"$FEV_OUT"; }
say() { echo "fev-runtime: bench: $*" >/dev/console; }
err() { out "@@BENCH ERROR $*"; say "ERROR $*"; }
want() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }

if [ "${FEV_QUICK:-0}" = 1 ]; then
	RING_OPS=20000 RING_ROUNDS=2 STEP=1 PERIODS="1000 200" REPS=1
	LAT_SECS=2 CATS=2 MX_LOADS="1000:1 100:8" MX_SECS=1 MX_REPS=1
	COST_SECS=2 COST_REPS=1
else
	RING_OPS=200000 RING_ROUNDS=5 STEP=3
	PERIODS="2000 1000 500 300 200 100" REPS=3 LAT_SECS=10 CATS=5
	MX_LOADS="1000:1 200:1 100:1 100:2 100:4 100:8 100:16 100:32 100:64"
	MX_SECS=2 MX_REPS=3 COST_SECS=10 COST_REPS=3
fi

# Kernel messages on the console: warnings and worse only (the baseline
# raises the level itself for its "printk to console" run).
echo 4 >/proc/sys/kernel/printk
# The kernel moves from tsc-early to tsc once the TSC is calibrated, a
# few seconds after boot: start measuring on the final clocksource.
CSF=/sys/devices/system/clocksource/clocksource0/current_clocksource
i=0
while [ "$(cat $CSF)" = tsc-early ] && [ $i -lt 20 ]; do
	sleep 0.5
	i=$((i + 1))
done
CS=$(cat $CSF)
out "@@BENCH INFO kernel=$(uname -r) cpus=$(nproc) clocksource=$CS quick=${FEV_QUICK:-0} lat_secs=$LAT_SECS"

fev_load() {
	modprobe fake_events "$@" || { err "modprobe fake_events $*"; return 1; }
}
fev_unload() { rmmod fake_events || err "rmmod fake_events"; }
fev_sources() {	# fev_sources 0|1
	for s in $SOURCES; do echo "$1" >/sys/kernel/config/fake_events/$s/enabled; done
}

# ---- 1. ring cost: fake_events' ring against kfifo (fev_ringbench.ko)
if want ring; then
	say "ring: push/read, ring vs kfifo, $RING_ROUNDS rounds of $RING_OPS"
	if fev_load network_enabled=0 keyboard_enabled=0 sensor_enabled=0; then
		dmesg -c >/dev/null
		if insmod /bench/fev_ringbench.ko ops=$RING_OPS rounds=$RING_ROUNDS; then
			dmesg | sed -n 's/.*fev_ringbench: \(impl=.*\)/@@BENCH RING \1/p' >>"$FEV_OUT"
			dmesg | sed -n 's/.*fev_ringbench: wake_check \(.*\)/@@BENCH WAKE \1/p' >>"$FEV_OUT"
			rmmod fev_ringbench
		else
			err "ring: insmod fev_ringbench: $(dmesg | grep fev_ringbench | tail -n 2)"
		fi
		fev_unload
	fi
fi

# ---- 2. highest lossless event rate, fake_events vs the literal design
lossless_fev() {	# period impl [params]
	p=$1 impl=$2
	shift 2
	fev_load "$@" buffer_size=4096 network_period_us=$p keyboard_period_us=$p \
		sensor_period_us=$p || return
	sleep $STEP
	fev_sources 0
	sleep 1
	awk -F= -v p="$p" -v s="$STEP" -v i="$impl" -v r="$rep" '
		{ v[$1] += $2 }
		$1 == "bh_lat_max_ns" && $2 > bhmax { bhmax = $2 }
		END { printf "@@BENCH LOSSLESS impl=%s period_us=%d rep=%d secs=%d raised=%.0f stored=%.0f dropped=%.0f missed=%.0f bh_max_ns=%.0f\n",
			i, p, r, s, v["events"], v["stored"], v["dropped_no_work"], v["missed"], bhmax }' \
		$DBG/fake_events/network/stats $DBG/fake_events/keyboard/stats \
		$DBG/fake_events/sensor/stats >>"$FEV_OUT"
	fev_unload
}
lossless_base() {	# period impl
	level=4 q=1 u=0 ma=1
	[ "$2" = baseline_printk ] && level=8 q=0
	[ "$2" = baseline_unbound ] && u=1 ma=0
	echo $level >/proc/sys/kernel/printk
	insmod /bench/fev_baseline.ko period_us=$1 buffer_size=4096 quiet=$q unbound=$u max_active=$ma || {
		echo 4 >/proc/sys/kernel/printk
		err "insmod fev_baseline period_us=$1"
		return
	}
	sleep $STEP
	echo 1 >$DBG/fev_baseline/stop
	echo 4 >/proc/sys/kernel/printk
	awk -F= -v p="$1" -v s="$STEP" -v i="$2" -v r="$rep" '
		{ v[$1] = $2 }
		END { printf "@@BENCH LOSSLESS impl=%s period_us=%d rep=%d secs=%d raised=%.0f stored=%.0f dropped=%.0f missed=%.0f bh_max_ns=%.0f peak_inflight=%.0f\n",
			i, p, r, s, v["raised"], v["stored"], v["alloc_failed"], v["missed"], v["max_bh_ns"], v["peak_inflight"] }' \
		$DBG/fev_baseline/stats >>"$FEV_OUT"
	rmmod fev_baseline || err "rmmod fev_baseline"
}
# Each step runs every implementation REPS times, interleaved, so that a
# slow spell of the emulator hits them alike.
if want lossless; then
	for p in $PERIODS; do
		rep=1
		while [ $rep -le $REPS ]; do
			say "lossless: period $p us (3 sources), round $rep of $REPS, $STEP s per implementation"
			lossless_fev "$p" fake_events
			lossless_fev "$p" fake_events_bh bottom_half=bh
			lossless_base "$p" baseline
			lossless_base "$p" baseline_unbound
			lossless_base "$p" baseline_printk
			rep=$((rep + 1))
		done
	done
fi

# ---- 3. reader impact: a full 4096-entry buffer, cat while writers run
# The function-graph tracer times the writer's store (lock wait + copy) and
# the reader's locked section from outside, in both modules; trace markers
# around each cat give its wall time. Only the two functions are traced,
# and their call sites are set up when the module loads: ftrace never
# rewrites code that is running (under TCG, live patching of hot code can
# leave a vCPU on a stale int3). ksys_sync, which nothing calls meanwhile,
# keeps the filter non-empty before the module is there (an empty filter
# means "trace everything").
graph_start() {	# module functions...
	mod=$1
	shift
	echo 0 >$TR/tracing_on
	echo nop >$TR/current_tracer
	echo ksys_sync >$TR/set_ftrace_filter
	for f in "$@"; do echo "$f:mod:$mod" >>$TR/set_ftrace_filter; done
	echo 1 >$TR/max_graph_depth
	echo 16384 >$TR/buffer_size_kb
	echo function_graph >$TR/current_tracer
	# function_graph options: they exist once that tracer is current.
	# funcgraph-tail names the function on the "}" line of a call that
	# was interrupted by another traced event (printed as "f() { ... }").
	echo funcgraph-abstime >$TR/trace_options
	echo funcgraph-tail >$TR/trace_options
	echo >$TR/trace
	echo 1 >$TR/tracing_on
}
# graph_report IMPL: max and p99 duration of each traced function while
# a cat ran (between its two markers), and the wall time of each cat.
graph_report() {
	echo 0 >$TR/tracing_on
	grep -v '^#' $TR/trace | head -n 4 | sed 's/^/@@BENCH TRACE /' >>"$FEV_OUT"
	awk -v impl="$1" '
		/\/\* cat [0-9]+ (start|end) \*\// {
			for (i = 1; i <= NF; i++) if ($i == "cat") n = $(i + 1)
			t = $1 + 0
			if ($0 ~ / start /) { t0[n] = t; inside = 1 }
			else { if (n in t0) ms[n] = (t - t0[n]) * 1000; inside = 0 }
			next
		}
		inside && / us +\|/ {
			d = ""; f = ""
			for (i = 1; i <= NF; i++) {
				if ($i == "us") d = $(i - 1)
				if ($i ~ /^fev/) { f = $i; sub(/\(.*$/, "", f) }
			}
			if (f != "" && d != "") print f, d >"/tmp/durations"
		}
		END { for (n in ms) printf "@@BENCH CAT impl=%s run=%d ms=%.3f\n", impl, n, ms[n] }' \
		$TR/trace >>"$FEV_OUT"
	touch /tmp/durations
	for f in $(cut -d' ' -f1 /tmp/durations | sort -u); do
		grep "^$f " /tmp/durations | cut -d' ' -f2 | sort -n | awk -v impl="$1" -v f="$f" '
			{ d[NR] = $1 }
			END { p = int(NR * 0.99); if (p < NR * 0.99) p++; if (p < 1) p = 1
			      printf "@@BENCH READER impl=%s fn=%s calls=%d p50_us=%s p99_us=%s max_us=%s\n",
				impl, f, NR, d[int((NR + 1) / 2)], d[p], d[NR] }' >>"$FEV_OUT"
	done
	rm -f /tmp/durations
}
# graph_stop: after the module is gone (nothing traced runs any more).
graph_stop() {
	echo nop >$TR/current_tracer
	echo >$TR/set_ftrace_filter
}
cat_runs() {	# file
	i=1
	while [ $i -le $CATS ]; do
		echo "cat $i start" >$TR/trace_marker
		cat "$1" >/dev/null
		echo "cat $i end" >$TR/trace_marker
		sleep 0.2
		i=$((i + 1))
	done
}
if want reader; then
	mount -t tracefs nodev $TR 2>/dev/null
	if [ ! -e $TR/set_graph_function ]; then
		err "reader: no function-graph tracer in this kernel"
	else
		say "reader: fake_events, 4096 entries, writers at 3000 events/s"
		graph_start fake_events fev_ring_push fev_ring_read
		if fev_load buffer_size=4096 network_period_us=1000 \
		   keyboard_period_us=1000 sensor_period_us=1000; then
			sleep 2
			out "@@BENCH FILL impl=fake_events lines=$(grep -vc '^#' /proc/fake_events)"
			echo >$TR/trace
			cat_runs /proc/fake_events
			echo 0 >$TR/tracing_on
			fev_sources 0
			sleep 1
			graph_report fake_events
			fev_unload
		fi
		graph_stop
		say "reader: baseline, 4096 entries, writers at 3000 events/s"
		graph_start fev_baseline fevb_store fevb_show
		if insmod /bench/fev_baseline.ko period_us=1000 buffer_size=4096 quiet=1; then
			sleep 2
			out "@@BENCH FILL impl=baseline lines=$(wc -l </proc/fev_baseline)"
			echo >$TR/trace
			cat_runs /proc/fev_baseline
			echo 0 >$TR/tracing_on
			echo 1 >$DBG/fev_baseline/stop
			graph_report baseline
			rmmod fev_baseline
		else
			err "reader: insmod fev_baseline"
		fi
		graph_stop
	fi
fi

# ---- 4. latency: workqueue vs WQ_BH bottom half, cyclictest as reference
if want latency; then
	n=$((LAT_SECS * 500))
	for mode in workqueue bh; do
		say "latency: bottom_half=$mode, 3 sources at 2 ms, $LAT_SECS s"
		fev_load bottom_half=$mode buffer_size=65536 network_period_us=2000 \
			keyboard_period_us=2000 sensor_period_us=2000 || continue
		sleep $LAT_SECS
		fev_sources 0
		sleep 1
		out "@@BENCH LAT mode=$mode"
		awk '!/^#/ { print $4, $5 }' /proc/fake_events >>"$FEV_OUT"
		out "@@BENCH LATEND"
		fev_unload
	done
	say "latency: cyclictest, 2 threads (one per CPU), 2 ms interval, $LAT_SECS s"
	# cyclictest keeps its statistics in POSIX shared memory.
	mkdir -p /dev/shm
	mountpoint -q /dev/shm || mount -t tmpfs shm /dev/shm
	out "@@BENCH CYCLIC threads=2 interval_us=2000 loops=$n"
	cyclictest -q -m -t 2 -a -p 80 -i 2000 -l $n -h 20000 >/tmp/cyclic.out 2>&1 ||
		err "cyclictest failed: $(tail -n 3 /tmp/cyclic.out)"
	# Empty histogram buckets left out (the columns are tab-separated).
	grep -Ev '^[0-9]{6}([[:space:]]+0+)+$' /tmp/cyclic.out | grep -v '^$' >>"$FEV_OUT"
	out "@@BENCH CYCLICEND"
fi

# ---- 5. stream: one /dev/fake_events reader while every source runs at
# its shortest period (the readers kselftest's full-rate case, 3 s)
if want stream; then
	for mode in workqueue bh; do
		say "stream: bottom_half=$mode, 3 sources at 100 us, one reader of /dev/fake_events"
		fev_load bottom_half=$mode network_enabled=0 keyboard_enabled=0 \
			sensor_enabled=0 || continue
		$READERS -t dev_stream_accounts_for_every_event >/tmp/stream.out 2>&1 ||
			err "stream: the reader failed ($mode): $(grep -E 'not ok|Expected' /tmp/stream.out | head -n 2)"
		line=$(sed -n 's/.*stream: \([0-9]*\) events shown, \([0-9]*\) lost, \([0-9]*\) events\/s shown over \([0-9]*\) ms.*/shown=\1 lost=\2 rate=\3 ms=\4/p' /tmp/stream.out)
		raised=$(awk '$1 != "buffer" { split($2, kv, "="); s += kv[2] } END { print s + 0 }' \
			$DBG/fake_events/stats)
		stored=$(sed -n 's/^buffer .*stored=\([0-9]*\).*/\1/p' $DBG/fake_events/stats)
		if [ -n "$line" ]; then
			out "@@BENCH STREAM mode=$mode $line raised=$raised stored=$stored"
		else
			err "stream: no figures ($mode)"
		fi
		fev_unload
	done
fi

# ---- 6. the matrix: every mechanism under a rising offered load
# One source at a time (the seeds stopped), made afresh for each step with
# its mechanism, the step's period_us and burst (offered events/s = burst *
# 10^6 / period_us) and a per-event cost (work_ns 0, then MX_WORK_NS). A
# step: reset, start, MX_SECS s, stop (which runs every deferred bottom
# half), then the source's counters and stage percentiles. A mechanism's
# ladder ends at its first step that drops events (raised, but no work
# item or FIFO slot free for them: the bottom half fell behind) or that
# the driver refuses (burst * work_ns above half the period). Missed
# interrupts (a timer expiry late by more than a period, or one that found
# the previous interrupt not yet taken) are counted beside it, not as the
# mechanism's loss: in the emulated guest the hrtimer overruns at the
# lowest step already, whatever runs the bottom half. Within
# a round, each step runs every mechanism still climbing, one after the
# other, so a slow spell of the emulator hits them alike. pool_size=256:
# the pool and FIFO are not what limits a burst of 64.
MX_MECHS="irq:workqueue irq:batch irq:bh irq:threaded timer:workqueue"
MX_WORK_NS=2000
MX=/sys/kernel/config/fake_events/mx
mx_step() {	# top bottom work period burst rep
	mkdir $MX || { err "matrix: mkdir $MX"; return 1; }
	if ! { echo "$1" >$MX/top_half && echo "$2" >$MX/bottom_half &&
	       echo "$3" >$MX/work_ns && echo "$4" >$MX/period_us; } 2>/dev/null; then
		rmdir $MX
		err "matrix: cannot configure $1/$2 work_ns=$3 period_us=$4"
		return 1
	fi
	if ! echo "$5" >$MX/burst 2>/dev/null; then
		rmdir $MX
		out "@@BENCH MATRIX top_half=$1 bottom_half=$2 work_ns=$3 period_us=$4 burst=$5 rep=$6 refused=1"
		return 1
	fi
	echo 1 >$DBG/fake_events/reset
	t0=$(cut -d' ' -f1 /proc/uptime)
	echo 1 >$MX/enabled
	sleep $MX_SECS
	echo 0 >$MX/enabled
	t1=$(cut -d' ' -f1 /proc/uptime)
	awk -F= -v m="top_half=$1 bottom_half=$2 work_ns=$3 period_us=$4 burst=$5 rep=$6" \
	    -v t0="$t0" -v t1="$t1" -v r="$(($5 * 1000000 / $4))" -v b="$5" '
		{ v[$1] = $2 }
		END {
			# A missed expiry is an interrupt not raised: burst events.
			lost = v["dropped_no_work"] + v["dropped_fifo_full"] + v["missed"] * b
			printf "@@BENCH MATRIX %s offered=%d secs=%.2f events=%d stored=%d dropped=%d missed=%d lost=%d", \
				m, r, t1 - t0, v["events"], v["stored"], \
				v["dropped_no_work"] + v["dropped_fifo_full"], v["missed"], lost
			n = split("timer_lat dispatch bh_lat", st, " ")
			for (i = 1; i <= n; i++)
				printf " %s_p50=%d %s_p99=%d", st[i], v[st[i] "_p50_ns"], st[i], v[st[i] "_p99_ns"]
			printf " batch_max=%d\n", v["batch_max"]
			exit (v["dropped_no_work"] + v["dropped_fifo_full"] > 0)
		}' $DBG/fake_events/mx/stats >>"$FEV_OUT"
	lossy=$?
	rmdir $MX
	return $lossy
}
if want matrix; then
	if fev_load network_enabled=0 keyboard_enabled=0 sensor_enabled=0 \
	   pool_size=256 buffer_size=4096; then
		rep=1
		while [ $rep -le $MX_REPS ]; do
			for work in 0 $MX_WORK_NS; do
				climbing=$MX_MECHS
				for load in $MX_LOADS; do
					[ -n "$climbing" ] || break
					say "matrix: round $rep of $MX_REPS, work_ns=$work, period_us:burst $load:" \
						"$climbing"
					still=
					for m in $climbing; do
						mx_step "${m%%:*}" "${m#*:}" "$work" "${load%%:*}" \
							"${load#*:}" $rep && still="$still $m"
					done
					climbing=$still
				done
			done
			rep=$((rep + 1))
		done
		fev_unload
	fi
fi

# ---- 7. CPU cost per event: every mechanism, the floor and the design
# Three timers at COST_PERIOD_US each in every implementation (fake_events'
# seed sources; bench/fev_floor.c, whose callbacks only forward; the
# literal design, bench/fev_baseline.c, without its printk), COST_SECS s
# after a second to settle. The CPU time of the guest over that time (all
# CPUs, bench/fev_cputime.c: /proc/stat's busy fields in ns; irq and
# softirq time exact with CONFIG_IRQ_TIME_ACCOUNTING, task time sampled
# by the tick) and the events raised; "idle" runs nothing, for what the
# guest spends without any source. The period is no divisor of the 4 ms
# tick, so the tick's samples sweep the phase of the events' work instead
# of always meeting the same instant of it. Rounds interleave the
# implementations.
COST_PERIOD_US=307
COST_IMPLS="idle floor baseline irq:workqueue irq:batch irq:bh irq:threaded timer:workqueue"
busy_ns() { cat $DBG/fev_cputime/busy_ns; }
# The hard-irq field of /proc/stat's cpu line, in USER_HZ: shows whether
# the kernel measured irq time at all (sched_clock_irqtime can be off).
irq_hz() { awk '$1 == "cpu" { print $7; exit }' /proc/stat; }
cost_events() {
	case $1 in
	idle) echo 0 ;;
	floor) cat $DBG/fev_floor/expiries ;;
	baseline) sed -n 's/^raised=//p' $DBG/fev_baseline/stats ;;
	*) awk '$1 != "buffer" { split($2, kv, "="); s += kv[2] } END { print s + 0 }' \
		$DBG/fake_events/stats ;;
	esac
}
cost_run() {	# impl
	p=$COST_PERIOD_US
	case $1 in
	idle) ;;
	floor) insmod /bench/fev_floor.ko period_us=$p || { err "cost: insmod fev_floor"; return; } ;;
	baseline) insmod /bench/fev_baseline.ko period_us=$p quiet=1 buffer_size=4096 ||
		{ err "cost: insmod fev_baseline"; return; } ;;
	*) fev_load top_half="${1%%:*}" bottom_half="${1#*:}" buffer_size=4096 \
		network_period_us=$p keyboard_period_us=$p sensor_period_us=$p || return ;;
	esac
	sleep 1
	e0=$(cost_events "$1") b0=$(busy_ns) i0=$(irq_hz) t0=$(cut -d' ' -f1 /proc/uptime)
	sleep $COST_SECS
	e1=$(cost_events "$1") b1=$(busy_ns) i1=$(irq_hz) t1=$(cut -d' ' -f1 /proc/uptime)
	case $1 in
	idle) ;;
	floor) rmmod fev_floor || err "cost: rmmod fev_floor" ;;
	baseline) echo 1 >$DBG/fev_baseline/stop; rmmod fev_baseline || err "cost: rmmod fev_baseline" ;;
	*) fev_unload ;;
	esac
	out "@@BENCH COST impl=$1 rep=$rep period_us=$p secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') busy_ns=$((b1 - b0)) irq_hz=$((i1 - i0)) events=$((e1 - e0))"
}
if want cost; then
	if insmod /bench/fev_cputime.ko; then
		rep=1
		while [ $rep -le $COST_REPS ]; do
			for impl in $COST_IMPLS; do
				say "cost: $impl, 3 timers at $COST_PERIOD_US us, $COST_SECS s (round $rep of $COST_REPS)"
				cost_run "$impl"
			done
			rep=$((rep + 1))
		done
		rmmod fev_cputime || err "cost: rmmod fev_cputime"
	else
		err "cost: insmod fev_cputime"
	fi
fi

# ---- 8. timerlat beside the driver: the timerlat tracer (one timer per
# CPU) and fake_events' three sources, all at 1 ms, in the same LAT_SECS s.
# Both measure the time from a hard-irq hrtimer's expiry to its callback
# (timerlat: hrtimer_cb_get_time() minus the absolute period it set;
# fake_events: ktime_get_ns() minus hrtimer_get_expires()). Percentiles by
# nearest rank from every sample: timerlat's irq and thread lines in the
# trace, fake_events' timer_lat_ns column of /proc/fake_events.
pcts() {	# what: sorted values on stdin
	sort -n | awk -v w="$1" '{ v[++n] = $1 }
		function p(q,  k) { k = int(q * n / 1000); if (k < q * n / 1000) k++; if (k < 1) k = 1; return v[k] }
		END { if (n) printf "@@BENCH TLAT what=%s n=%d p50=%d p90=%d p99=%d p999=%d max=%d\n", w, n, p(500), p(900), p(990), p(999), v[n] }'
}
if want timerlat; then
	mount -t tracefs nodev $TR 2>/dev/null
	if ! grep -qw timerlat $TR/available_tracers 2>/dev/null; then
		err "timerlat: no timerlat tracer in this kernel (CONFIG_TIMERLAT_TRACER)"
	else
		say "timerlat: the tracer and 3 fake_events sources at 1 ms, $LAT_SECS s"
		echo 0 >$TR/tracing_on
		echo nop >$TR/current_tracer
		echo 8192 >$TR/buffer_size_kb
		echo 1000 >$TR/osnoise/timerlat_period_us
		echo >$TR/trace
		echo timerlat >$TR/current_tracer
		echo 1 >$TR/tracing_on
		if fev_load buffer_size=65536 network_period_us=1000 \
		   keyboard_period_us=1000 sensor_period_us=1000; then
			sleep $LAT_SECS
			fev_sources 0
			echo 0 >$TR/tracing_on
			# "#<seq> context <irq|thread> timer_latency <ns> ns"
			# (trace_output.c), wherever the line's prefix ends.
			tlat() { awk -v c="$1" '{ for (i = 2; i < NF; i++)
				if ($i == "timer_latency" && $(i - 1) == c) print $(i + 1) }' $TR/trace; }
			tlat irq | pcts timerlat_irq >>"$FEV_OUT"
			tlat thread | pcts timerlat_thread >>"$FEV_OUT"
			grep -v '^#' $TR/trace | head -n 2 | sed 's/^/@@BENCH TLATLINE /' >>"$FEV_OUT"
			awk '!/^#/ && $4 > 0 { print $4 }' /proc/fake_events |
				pcts fake_events_timer_lat >>"$FEV_OUT"
			out "@@BENCH TLATINFO overruns=$(grep -c 'LOST' $TR/trace) entries=$(grep -vc '^#' $TR/trace)"
			fev_unload
		fi
		echo nop >$TR/current_tracer
		echo 1 >$TR/tracing_on
	fi
fi

out "@@BENCH END clocksource=$(cat $CSF)"
out "@@BENCH DONE"
say "done"
