#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest mode "runtime" (scripts/runtime): the kselftests, fault injection,
# the KUnit module, a kmemleak scan, and a dmesg dump for the host's log
# scan. Everything the host parses goes to $FEV_OUT:
#
#   @@FEV BEGIN <part> ... @@FEV END <part> rc=<n> secs=<s>
#                                                    raw output of a part
#   @@FEV RESULT <name> PASS|FAIL|SKIP <detail>      one check
#   @@FEV DONE                                       the end was reached
#
# FEV_PARTS (fevparts= on the command line) selects the parts; default all.

PARTS=${FEV_PARTS:-kselftest sources hotplug readers churn fuzz allocfail faultinj kunit kmemleak}
STATS=/sys/kernel/debug/fake_events/stats
KMEMLEAK=/sys/kernel/debug/kmemleak
SELFTEST=/kselftest/drivers/misc/fake_events/fake_events.sh
READERS=/kselftest/drivers/misc/fake_events/readers
SOURCES_TEST=/kselftest/drivers/misc/fake_events/sources.sh
HOTPLUG_TEST=/kselftest/drivers/misc/fake_events/hotplug.sh
CHURN_TEST=/kselftest/drivers/misc/fake_events/churn.sh
FUZZ_TEST=/kselftest/drivers/misc/fake_events/fuzz

out() { echo "$*" >>"$FEV_OUT"; }
# Progress on the console, between the kernel's messages.
say() { echo "fev-runtime: $*" >/dev/console; }
result() { out "@@FEV RESULT $*"; say "$*"; }
uptime_s() { cut -d' ' -f1 /proc/uptime; }
begin() { PART_T0=$(uptime_s); out "@@FEV BEGIN $1"; say "begin $1"; }
end() {
	secs=$(awk -v a="$PART_T0" -v b="$(uptime_s)" 'BEGIN { printf "%.0f", b - a }')
	out "@@FEV END $1 rc=$2 secs=$secs"
	say "end $1 (rc=$2, $secs s)"
}
want() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }

is_builtin() { [ -d /sys/module/fake_events ] && [ ! -e /sys/module/fake_events/initstate ]; }
BUILTIN=0
is_builtin && BUILTIN=1
CS=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)
out "@@FEV INFO kernel=$(uname -r) cpus=$(nproc) clocksource=$CS builtin=$BUILTIN parts=$PARTS params=$FEV_PARAMS"

# The checks below mean something only with two CPUs (timer and kworker in
# parallel) and a clocksource good enough for high-resolution timers.
if [ "$(nproc)" -ge 2 ]; then
	result guest_has_2_cpus PASS "$(nproc) CPUs"
else
	result guest_has_2_cpus FAIL "$(nproc) CPU"
fi
case "$CS" in
jiffies|refined-jiffies|"") result guest_highres_clocksource FAIL "clocksource $CS" ;;
*) result guest_highres_clocksource PASS "clocksource $CS" ;;
esac

# Leaks from before the tests (boot) are not the driver's: scan, then mark
# everything reported so far as seen.
if want kmemleak && [ -e $KMEMLEAK ]; then
	say "kmemleak baseline scan"
	echo scan >$KMEMLEAK
	echo clear >$KMEMLEAK
fi

# kselftest PART PROGRAM: run a kselftest as one part; its KTAP goes to
# the results channel, its results to the console.
kselftest() {
	begin "$1"
	$2 >/tmp/"$1".out 2>&1
	rc=$?
	cat /tmp/"$1".out >>"$FEV_OUT"
	grep -E '^(not )?ok ' /tmp/"$1".out >/dev/console
	end "$1" $rc
}

# The shell test of the seed sources, the sources test (interrupts,
# configfs, every bottom half at once) and the CPU hotplug test.
want kselftest && kselftest kselftest $SELFTEST
want sources && kselftest sources $SOURCES_TEST
want hotplug && kselftest hotplug $HOTPLUG_TEST

# The readers kselftest (C, kselftest_harness.h): /proc/fake_events and
# /dev/fake_events, with each bottom half; the built-in driver once, in the
# mode it was booted with.
readers() {
	kselftest "readers-$1" $READERS
}

if want readers; then
	if [ $BUILTIN -eq 1 ]; then
		readers "$(cat /sys/module/fake_events/parameters/bottom_half)"
	else
		for mode in workqueue batch bh threaded; do
			if modprobe fake_events bottom_half=$mode; then
				readers $mode
				rmmod fake_events ||
					result "readers_${mode}_unload" FAIL "rmmod failed"
			else
				result "readers_${mode}_load" FAIL "modprobe bottom_half=$mode failed"
			fi
		done
	fi
fi

# The soak: sources made, reconfigured and removed under readers, module
# cycles; kmemleak below scans after it. A minute: two rounds or more of
# the same kinds of change (the CI's time is counted).
export FEV_CHURN_SECONDS=${FEV_CHURN_SECONDS:-60}
want churn && kselftest churn $CHURN_TEST

# Hostile input at every file. With the module not loaded (the parts above
# unload it), the test loads it itself and so may try module parameters.
# On PREEMPT_RT only the tests where locking decides the outcome (a running
# source, concurrent writers) and the read-only files: the parsing of each
# write is the same code on both kernels, and the module guest tries it.
FUZZ_ARGS=
case "$(uname -v)" in
*PREEMPT_RT*) FUZZ_ARGS="-t running_source_busy_or_exact -t concurrent_writers -t readonly_files_refused -t permissions_least_privilege" ;;
esac
if want fuzz; then
	kselftest fuzz "$FUZZ_TEST $FUZZ_ARGS"
	# A test the harness timed out did not run its teardown.
	rmdir /sys/kernel/config/fake_events/fz 2>/dev/null
	[ $BUILTIN -eq 1 ] || ! [ -e /sys/module/fake_events ] ||
		rmmod fake_events
fi

# Allocation failures: failslab and fail_page_alloc, driven by
# /proc/thread-self/fail-nth (scripts/guest/failnth.c), fail the 1st, 2nd,
# ... allocation made while the module loads, a source is made, a source
# starts, and /dev/fake_events opens, until the operation makes no more. A
# stack-trace filter counts only allocations under the driver's code (for
# the load: under do_one_initcall(), the module's init); register_irq_proc()
# is left out: it ignores its own failures and free_irq() then warns, in
# genirq. Each failure must be an error that leaves nothing of the object
# visible, or be tolerated with the object working; kmemleak below scans
# for leaks.
FI_DIRS="/sys/kernel/debug/failslab /sys/kernel/debug/fail_page_alloc"
AF_MAX=400
CFG=/sys/kernel/config/fake_events
DBG=/sys/kernel/debug/fake_events

# text_range AWK-CONDITION: "start end", from the first text symbol of
# kallsyms ($1 address, $2 type, $3 name, $4 module) that matches to the
# next symbol above the last one; of the kernel's own symbols, only those
# of its main text (_stext to _etext: not init, exit or .cold parts). The
# addresses have one width: they sort as strings.
text_range() {
	sort /proc/kallsyms | awk '
		$3 == "_stext" { text = 1 }
		$3 == "_etext" { text = 0 }
		pending && $1 > last { end = $1; pending = 0 }
		($4 != "" || text) && ($2 == "t" || $2 == "T") && $3 !~ /\.cold$/ &&
		('"$1"') {
			if (!start) start = $1
			last = $1; pending = 1
		}
		END { if (start && !pending) print "0x" start, "0x" end }'
}

# af_filter START END [REJECT_START REJECT_END]: the stack-trace filter.
af_filter() {
	for d in $FI_DIRS; do
		echo "$1" >"$d"/require-start
		echo "$2" >"$d"/require-end
		echo "${3:-0}" >"$d"/reject-start
		echo "${4:-0}" >"$d"/reject-end
	done
}

# af_loop NAME SETUP "OP ARGS" CHECK_FAILED CHECK_MADE UNDO: for n = 1, 2,
# ... run SETUP, then OP (scripts/guest/failnth.c) with its n-th filtered
# allocation failing; CHECK_FAILED (when the call failed) or CHECK_MADE
# (when it succeeded) must hold; UNDO puts things back. Ends at the first n
# with nothing left to fail.
af_loop() {
	name=$1 setup=$2 op=$3 check_failed=$4 check_made=$5 undo=$6
	n=1 refused=0 tolerated=0 bad='' errs=''
	while [ $n -le $AF_MAX ]; do
		eval "$setup"
		# shellcheck disable=SC2086
		out=$(/fev/failnth $n $op)
		err=${out#err=}; err=${err%% *}
		injected=${out##*injected=}
		if [ -z "$out" ]; then
			bad="$bad n=$n(failnth failed)"
			break
		elif [ "$err" != 0 ]; then
			eval "$check_failed" || bad="$bad n=$n(errno $err, left:$left)"
			[ "$injected" = 1 ] || bad="$bad n=$n(errno $err, nothing injected)"
			case " $errs " in *" $err "*) ;; *) errs="$errs $err" ;; esac
			refused=$((refused + 1))
		else
			eval "$check_made" || bad="$bad n=$n(made, broken:$left)"
			[ "$injected" = 1 ] && tolerated=$((tolerated + 1))
		fi
		eval "$undo"
		[ "$injected" = 1 ] || break
		n=$((n + 1))
	done
	detail="$((n - 1)) allocations failed in turn: $refused refused (errno$errs), $tolerated tolerated"
	if [ $n -gt $AF_MAX ]; then
		result "allocfail_$name" FAIL "$detail; still failing at n=$AF_MAX"
	elif [ -n "$bad" ]; then
		result "allocfail_$name" FAIL "$detail;$bad"
	elif [ $n -eq 1 ]; then
		result "allocfail_$name" FAIL "no allocation was failed (filter?)"
	else
		result "allocfail_$name" PASS "$detail"
	fi
}

# What a failed load, mkdir or start may leave: nothing.
af_no_module() {
	left=''
	for f in /sys/module/fake_events /proc/fake_events /dev/fake_events $CFG $DBG; do
		[ ! -e $f ] || left="$left $f"
	done
	[ -z "$left" ]
}
# debugfs is left out: its failures are not errors (debugfs.rst).
af_module_works() {
	left=''
	for f in /proc/fake_events /dev/fake_events $CFG/network; do
		[ -e $f ] || left="$left no-$f"
	done
	[ -z "$left" ]
}
af_no_source() {
	left=''
	for f in $CFG/af $DBG/af; do [ ! -e $f ] || left="$left $f"; done
	[ -z "$left" ]
}
af_source_made() {
	left=''
	if echo 1 >$CFG/af/enabled 2>/dev/null; then
		echo 0 >$CFG/af/enabled
	else
		left="does not start"
	fi
	[ -z "$left" ]
}
af_not_running() {
	left=''
	[ "$(cat $CFG/af/enabled)" = 0 ] || left="enabled=$(cat $CFG/af/enabled)"
	sleep 0.05
	grep -q '^events=0$' $DBG/af/stats || left="$left $(grep '^events=' $DBG/af/stats)"
	[ -z "$left" ]
}
af_running() {
	left=''
	sleep 0.05
	! grep -q '^events=0$' $DBG/af/stats || left="no events"
	[ -z "$left" ]
}

if want allocfail; then
	begin allocfail
	for d in $FI_DIRS; do
		echo N >"$d"/ignore-gfp-wait
		echo 0 >"$d"/verbose
		echo 32 >"$d"/stacktrace-depth
	done
	echo N >/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem
	echo 0 >/sys/kernel/debug/fail_page_alloc/min-order
	irqproc=$(text_range '$3 == "register_irq_proc"')
	if [ $BUILTIN -eq 0 ]; then
		ko=$(modinfo -n fake_events)
		# shellcheck disable=SC2046,SC2086
		af_filter $(text_range '$3 == "do_one_initcall"') $irqproc
		af_loop load : "load $ko" af_no_module af_module_works \
			"rmmod fake_events 2>/dev/null; true"
		modprobe fake_events
		drv=$(text_range '$4 == "[fake_events]"')
	else
		result allocfail_load SKIP "built in"
		drv=$(text_range '$3 ~ /^fev_/ && $4 == ""')
	fi
	say "allocfail: driver text $drv, register_irq_proc $irqproc"
	# shellcheck disable=SC2086
	set -- $drv
	if [ $# -ne 2 ] || [ $(($2 - $1)) -gt $((4 << 20)) ]; then
		result allocfail_filter FAIL "driver text '$drv' not found or over 4 MiB"
		drv="0 0"
	fi
	# shellcheck disable=SC2086
	af_filter $drv $irqproc
	af_loop mkdir : "mkdir $CFG/af" af_no_source af_source_made \
		"rmdir $CFG/af 2>/dev/null; true"
	af_loop start "mkdir $CFG/af; echo 1000 >$CFG/af/period_us" \
		"write $CFG/af/enabled 1" af_not_running af_running \
		"echo 0 >$CFG/af/enabled; rmdir $CFG/af"
	af_loop open : "open /dev/fake_events" true true :
	af_filter 0 18446744073709551615
	[ $BUILTIN -eq 1 ] || rmmod fake_events
	end allocfail 0
fi

# stat_sum FILE FIELD: a counter summed over the three sources, from a
# copy of the stats file (one read: the counters keep moving).
stat_sum() {
	awk -v f="$2" '$1 != "buffer" {
		for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) s += kv[2] }
	} END { print s + 0 }' "$1"
}
stat_buf() {
	awk -v f="$2" '$1 == "buffer" {
		for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] }
	}' "$1"
}

# Fault injection: one work item per source and sources at 5 kHz. Events
# must be dropped and counted, nothing may crash, and once every source is
# stopped and the queued bottom halves have run, every event raised must be
# either dropped or stored, exactly. Run with each bottom half; for the
# built-in driver, the host passes the parameters on the kernel command
# line and the bottom half is the one it chose.
FI_PARAMS="pool_size=1 network_period_us=200 keyboard_period_us=200 sensor_period_us=200 buffer_size=64"
PARAMS=/sys/module/fake_events/parameters
CFG=/sys/kernel/config/fake_events

# faultinj NAME [MODULE PARAMETERS]
faultinj() {
	name=$1
	shift
	ok=1
	if [ $BUILTIN -eq 0 ]; then
		# shellcheck disable=SC2086
		modprobe fake_events $FI_PARAMS "$@" || ok=0
	fi
	if [ $ok -eq 0 ] || [ "$(cat $PARAMS/pool_size)" != 1 ]; then
		result "$name"_drops_counted FAIL "could not load with $FI_PARAMS $*"
		return
	fi
	sleep 1
	t0=$(cut -d' ' -f1 /proc/uptime)
	cat $STATS >/tmp/stats0
	# A reader too, so the ring lock is contended.
	for _ in 1 2 3 4 5 6; do cat /proc/fake_events >/dev/null; sleep 0.5; done
	cat $STATS >/tmp/stats1
	t1=$(cut -d' ' -f1 /proc/uptime)
	# Stop the sources; their last bottom halves run within a second.
	for s in network keyboard sensor; do echo 0 >$CFG/$s/enabled; done
	sleep 1
	cat $STATS >/tmp/stats2
	cat /tmp/stats2 >>"$FEV_OUT"
	e0=$(stat_sum /tmp/stats0 events); s0=$(stat_buf /tmp/stats0 stored)
	e1=$(stat_sum /tmp/stats1 events); s1=$(stat_buf /tmp/stats1 stored)
	e=$(stat_sum /tmp/stats2 events); d=$(stat_sum /tmp/stats2 dropped)
	m=$(stat_sum /tmp/stats2 missed)
	# Stored per source: the buffer's total also counts the events of
	# sources made and removed earlier in a built-in guest's boot.
	s=0
	for src in network keyboard sensor; do
		s=$((s + $(sed -n 's/^stored=//p' "${STATS%/stats}/$src/stats")))
	done
	ow=$(stat_buf /tmp/stats2 overwritten)
	rate=$(awk -v a="$e0" -v b="$e1" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.0f", (b - a) / (t1 - t0) }')
	srate=$(awk -v a="$s0" -v b="$s1" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.0f", (b - a) / (t1 - t0) }')
	detail="bottom_half=$(cat $PARAMS/bottom_half) events=$e dropped=$d missed=$m stored=$s overwritten=$ow raised/s=$rate stored/s=$srate unaccounted=$((e - d - s))"
	if [ "$d" -gt 0 ] && [ $((e - d - s)) -eq 0 ]; then
		result "$name"_drops_counted PASS "$detail"
	else
		result "$name"_drops_counted FAIL "$detail"
	fi
	if [ $BUILTIN -eq 0 ]; then
		if rmmod fake_events && [ ! -e /proc/fake_events ]; then
			result "$name"_unload PASS ""
		else
			result "$name"_unload FAIL "rmmod failed or /proc/fake_events left"
		fi
	else
		for s in network keyboard sensor; do echo 1 >$CFG/$s/enabled; done
	fi
}

if want faultinj; then
	begin faultinj
	if [ $BUILTIN -eq 0 ]; then
		faultinj faultinj bottom_half=workqueue
		faultinj faultinj_batch bottom_half=batch
		faultinj faultinj_bh bottom_half=bh
		faultinj faultinj_threaded bottom_half=threaded
	else
		faultinj faultinj
	fi
	end faultinj 0
fi

# The KUnit modules: their results go to dmesg as KTAP; the host parses
# each module's output on its own.
if want kunit; then
	for ko in $(find /lib/modules/"$(uname -r)" -name 'fake_events*kunit*.ko*' | sort); do
		mod=$(basename "$ko"); mod=${mod%%.ko*}
		begin "kunit-$mod"
		before=$(dmesg | wc -l)
		modprobe "$mod"
		rc=$?
		dmesg | tail -n +$((before + 1)) >>"$FEV_OUT"
		end "kunit-$mod" $rc
		rmmod "$mod"
	done
	[ $BUILTIN -eq 0 ] && rmmod fake_events 2>/dev/null
fi

# Leaks: wait for kmemleak's minimum object age, then scan twice.
if want kmemleak; then
	if [ -e $KMEMLEAK ]; then
		sleep 6
		say "kmemleak scan"
		echo scan >$KMEMLEAK
		sleep 1
		echo scan >$KMEMLEAK
		begin kmemleak
		cat $KMEMLEAK >>"$FEV_OUT"
		n=$(grep -c '^unreferenced object' $KMEMLEAK)
		end kmemleak 0
		if [ "$n" -eq 0 ]; then
			result kmemleak_after_unload PASS "no unreferenced object"
		else
			result kmemleak_after_unload FAIL "$n unreferenced objects"
		fi
	else
		result kmemleak_after_unload SKIP "no $KMEMLEAK (CONFIG_DEBUG_KMEMLEAK)"
	fi
fi

begin dmesg
dmesg >>"$FEV_OUT"
end dmesg 0
out "@@FEV DONE"
