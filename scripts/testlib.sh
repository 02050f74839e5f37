# SPDX-License-Identifier: GPL-2.0
# Result counting shared by the check scripts. Source it after lib.sh.
# Results are appended to $RESULTS (one "PASS name" / "FAIL name" per line)
# so that sub-scripts add to the same count as the script that called them.

if [ -z "${RESULTS:-}" ]; then
	RESULTS=$(mktemp "${TMPDIR:-/tmp}/fake-events-results.XXXXXX")
	export RESULTS
fi

pass() { echo "PASS $*" | tee -a "$RESULTS"; }
fail() { echo "FAIL $*" | tee -a "$RESULTS"; }
skip() { echo "SKIP $*" | tee -a "$RESULTS"; }

# part NAME CMD...: run one part of the tests. A part that exits non-zero
# without having recorded a FAIL (it died half-way) is recorded as a FAIL,
# so that checks it never reached cannot vanish from the count.
part() {
	local name=$1 rc=0 before
	shift
	before=$(grep -c '^FAIL ' "$RESULTS" || true)
	"$@" || rc=$?
	if [ "$rc" -ne 0 ] && [ "$(grep -c '^FAIL ' "$RESULTS" || true)" -eq "$before" ]; then
		fail "$name stopped with exit status $rc before reporting a failure"
	fi
	return 0
}

# summary START_EPOCH: print the closing line; exit 1 on any failure.
summary() {
	local p f s
	p=$(grep -c '^PASS ' "$RESULTS" || true)
	f=$(grep -c '^FAIL ' "$RESULTS" || true)
	s=$(grep -c '^SKIP ' "$RESULTS" || true)
	echo
	grep '^FAIL ' "$RESULTS" || true
	echo "wall time: $(( $(date +%s) - $1 )) s"
	if [ "$s" -gt 0 ]; then
		echo "$p passed, $f failed, $s skipped"
	else
		echo "$p passed, $f failed"
	fi
	[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
}
