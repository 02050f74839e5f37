# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Booting the QEMU guests of scripts/demo and scripts/runtime. Source it
# after lib.sh.
#
# QEMU runs under TCG only: KVM does not work on the machines this project
# runs on (no vmx/svm), so -enable-kvm / -accel kvm are never passed.

GUEST_MEM=${GUEST_MEM:-1024}
GUEST_CPUS=${GUEST_CPUS:-2}

guest_qemu() {
	need_pkgs qemu-system-x86
	# No NIC: no iPXE option ROM to wait for.
	QEMU=(qemu-system-x86_64 -machine pc -accel tcg -smp "$GUEST_CPUS"
	      -m "$GUEST_MEM" -no-reboot -net none)
}

# guest_run_batch KERNEL INITRD APPEND TIMEOUT LOG OUT: boot without a
# terminal; the console goes to LOG, the guest's second serial port (its
# results) to OUT. Shows the guest's "fev-runtime:" progress lines while it
# runs. Returns QEMU's status; 124 when TIMEOUT seconds passed and the
# guest was killed.
guest_run_batch() {
	local kernel=$1 initrd=$2 append=$3 timeout=$4 log=$5 out=$6 rc=0 pid
	guest_qemu
	: >"$log"
	: >"$out"
	timeout -k 10 "$timeout" "${QEMU[@]}" -display none -monitor none \
		-kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 log_buf_len=4M $append" \
		-serial "file:$log" -serial "file:$out" </dev/null >"$log.qemu" 2>&1 &
	pid=$!
	# Progress: the guest's own status lines, as they come; tail stops
	# by itself when QEMU has gone.
	tail -n +1 -F --pid="$pid" "$log" 2>/dev/null |
		awk '{ sub(/\r$/, "") }
		     /fev-runtime:|fev-guest:|Kernel panic|BUG:|WARNING:/ {
			print "    [guest] " $0; fflush() }' >&2 &
	local follower=$!
	wait "$pid" || rc=$?
	wait "$follower" 2>/dev/null || true
	tr -d '\r' <"$out" >"$out.tmp" && mv "$out.tmp" "$out"
	tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"
	[ -s "$log.qemu" ] && sed 's/^/    [qemu] /' "$log.qemu" >&2
	return $rc
}

# guest_run_console KERNEL INITRD APPEND [TIMEOUT]: boot with the console on this
# terminal (interactive when stdin is one). Ctrl-A X quits QEMU. This is
# -nographic without its SeaBIOS serial console, which resets the terminal
# (clearing the build's output above) and adds BIOS banners.
# With TIMEOUT (seconds), QEMU is killed after that long.
guest_run_console() {
	local kernel=$1 initrd=$2 append=$3 limit=()
	[ -n "${4:-}" ] && limit=(timeout --foreground -k 5 "$4")
	guest_qemu
	"${limit[@]}" "${QEMU[@]}" -display none -serial mon:stdio \
		-kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 $append"
}

# guest_log_problems LOG...: the kernel reports that mean a bug (lockdep,
# KASAN, debugobjects, sleeping in atomic context, warnings, oopses, leaks,
# hangs), with the lines that follow each; empty when there are none. Only
# kernel messages (time-stamped lines) count, not what user space printed.
GUEST_PROBLEMS='BUG:|WARNING:|INFO: (possible|inconsistent|trying to register|task .* blocked|rcu_.* detected stall)|possible recursive locking|possible circular locking|inconsistent lock state|DEBUG_LOCKS_WARN_ON|turning off the locking correctness validator|KASAN:|ODEBUG:|sleeping function called|Oops|general protection fault|Kernel panic|kernel BUG|Call Trace:|suspected memory leak|unreferenced object|hung_task|UBSAN:|list_add corruption|list_del corruption'
guest_log_problems() {
	BAD=$GUEST_PROBLEMS awk '
		/^\[ *[0-9]+\.[0-9]+\]/ && $0 ~ ENVIRON["BAD"] { ctx = 12 }
		ctx > 0 { print; ctx--; if (++shown >= 80) exit }' "$@" 2>/dev/null || true
}
