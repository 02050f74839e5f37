# SPDX-License-Identifier: GPL-2.0
# Booting the QEMU guests of scripts/demo and scripts/runtime. Source it
# after lib.sh.
#
# QEMU runs under TCG only: KVM does not work on the machines this project
# runs on (no vmx/svm), so -enable-kvm / -accel kvm are never passed.

GUEST_MEM=${GUEST_MEM:-1024}
GUEST_CPUS=${GUEST_CPUS:-2}

guest_qemu() {
	need_pkgs qemu-system-x86
	QEMU=(qemu-system-x86_64 -machine pc -accel tcg -smp "$GUEST_CPUS"
	      -m "$GUEST_MEM" -no-reboot)
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
	# Progress: the guest's own status lines, as they come.
	tail -n +1 -F "$log" 2>/dev/null | tr -d '\r' |
		awk '/fev-runtime:|fev-guest:|Kernel panic|BUG:|WARNING:/ {
			print "    [guest] " $0; fflush() }' >&2 &
	local tailpid=$!
	wait "$pid" || rc=$?
	sleep 0.5
	kill "$tailpid" 2>/dev/null || true
	wait "$tailpid" 2>/dev/null || true
	tr -d '\r' <"$out" >"$out.tmp" && mv "$out.tmp" "$out"
	tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"
	[ -s "$log.qemu" ] && sed 's/^/    [qemu] /' "$log.qemu" >&2
	return $rc
}

# guest_run_console KERNEL INITRD APPEND: boot with the console on this
# terminal (interactive when stdin is one). Ctrl-A X quits QEMU.
guest_run_console() {
	local kernel=$1 initrd=$2 append=$3
	guest_qemu
	"${QEMU[@]}" -nographic -kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 $append"
}

# guest_log_problems LOG...: the kernel reports that mean a bug (lockdep,
# KASAN, debugobjects, sleeping in atomic context, warnings, oopses, leaks,
# hangs), with the lines that follow each; empty when there are none.
GUEST_PROBLEMS='BUG:|WARNING:|INFO: (possible|inconsistent|task .* blocked|rcu_.* detected stall)|possible recursive locking|possible circular locking|inconsistent lock state|lockdep|LOCKDEP|DEBUG_LOCKS_WARN_ON|KASAN|ODEBUG|sleeping function called|Oops|general protection fault|Kernel panic|kernel BUG|Call Trace:|suspected memory leak|unreferenced object|hung_task|UBSAN'
GUEST_BENIGN='^\[ *[0-9.]+\] (\.\.\. *MAX_LOCKDEP|\.\.\. *MAX_LOCK_DEPTH|\.\.\. *MAXIMUM LOCKDEP|\.\.\. *CHAINHASH|\.\.\. *CLASSHASH|Lock dependency validator|per task-struct memory footprint|kasan: KernelAddressSanitizer initialized|kmemleak: Kernel memory leak detector initialized|kmemleak: Automatic memory scanning thread)'
guest_log_problems() {
	BAD=$GUEST_PROBLEMS BENIGN=$GUEST_BENIGN awk '
		$0 ~ ENVIRON["BAD"] && $0 !~ ENVIRON["BENIGN"] { ctx = 12 }
		ctx > 0 { print; ctx--; if (++shown >= 80) exit }' "$@" 2>/dev/null || true
}
