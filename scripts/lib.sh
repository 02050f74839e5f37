# SPDX-License-Identifier: GPL-2.0
# Common helpers for the fake_events scripts. Source it; do not run it.

set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${FAKE_EVENTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fake-events}
# The Debian package that provides the default base tree.
BASE_PKG=${BASE_PKG:-linux-source-7.3}
BASE_SUITE=${BASE_SUITE:-trixie-backports}
BRANCH=${BRANCH:-fake-events}
JOBS=${JOBS:-$(nproc)}
mkdir -p "$CACHE"

# Debian's python3 first: checkpatch (ply), sphinx and kunit.py use the
# packages apt installs, which a python3 from pyenv or a venv cannot see.
export PATH=/usr/bin:/bin:/usr/sbin:/sbin:$PATH

# The machine's kernel-build lock: the same for every cache, so that a run
# with another FAKE_EVENTS_CACHE (say, a fresh-machine rehearsal) still
# takes turns with the other kernel builds on these 2 cores.
BUILD_LOCK=${FAKE_EVENTS_BUILD_LOCK:-${XDG_CACHE_HOME:-$HOME/.cache}/fake-events/build.lock}
mkdir -p "$(dirname "$BUILD_LOCK")"

# kbuild CMD...: run a kernel build; never two at once on this machine.
kbuild() { flock "$BUILD_LOCK" "$@"; }

log() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

APT_UPDATED=
# need_pkgs PKG...: install the Debian packages that are missing.
need_pkgs() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" -eq 0 ] || die "missing packages (run as root or install): ${missing[*]}"
	log "installing ${missing[*]}"
	if [ -z "$APT_UPDATED" ]; then
		apt-get update -qq >&2
		APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >&2
}

# The mirror this machine's apt already uses (never hard-coded).
apt_mirror() {
	local uri
	uri=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null |
	      tr ' ' '\n' | grep -v security | head -n1 || true)
	if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
		uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
		      /etc/apt/sources.list)
	fi
	[ -n "$uri" ] || die "cannot find a Debian mirror in the apt configuration"
	echo "${uri%/}"
}

# private_apt DIR SUITE [deb-src]: run apt-get against a private list with
# only SUITE, leaving the machine's own apt state untouched.
private_apt_setup() {
	local dir=$1 suite=$2 types=${3:-deb}
	mkdir -p "$dir/lists/partial"
	echo "$types $(apt_mirror) $suite main" >"$dir/sources.list"
}
private_apt() {
	local dir=$1 cmd=$2; shift 2
	"$cmd" -q -o Dir::Etc::SourceList="$dir/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$dir/lists" \
		-o Debug::NoLocking=1 -o APT::Sandbox::User=root "$@"
}

# kernel_dir: the tree the series is applied to.
kernel_dir() {
	if [ -n "${KERNEL_DIR:-}" ]; then
		echo "$KERNEL_DIR"
	else
		echo "$CACHE/linux"
	fi
}

# base_ref: the commit the series is based on in kernel_dir.
base_ref() {
	if [ -n "${KERNEL_BASE:-}" ]; then
		echo "$KERNEL_BASE"
	elif [ -n "${KERNEL_DIR:-}" ]; then
		# scripts/apply tags the commit it first applied onto.
		if git -C "$KERNEL_DIR" rev-parse -q --verify fake-events-base >/dev/null 2>&1; then
			echo fake-events-base
		else
			echo HEAD
		fi
	else
		echo base
	fi
}
