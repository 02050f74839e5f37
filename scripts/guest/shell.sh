#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest mode "shell": load fake_events (unless built in) and give a shell
# on the console. Leaving the shell powers the guest off.

if [ ! -e /proc/fake_events ]; then
	# shellcheck disable=SC2086
	modprobe fake_events $FEV_PARAMS
fi
cat <<EOF

fake_events guest shell. Try:
  cat /proc/fake_events
  cat /sys/kernel/debug/fake_events/stats
  rmmod fake_events; modprobe fake_events network_period_us=20000
  /kselftest/drivers/misc/fake_events/fake_events.sh
Leave with 'exit' (or Ctrl-D): the guest powers off.

EOF
setsid cttyhack sh -l
