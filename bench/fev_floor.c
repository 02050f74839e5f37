// SPDX-License-Identifier: GPL-2.0
/*
 * fev_floor - the cost floor of the fake_events benchmarks
 *
 * A benchmark module, not part of the driver series: three periodic
 * hrtimers, as many as fake_events' seed sources and the baseline's, whose
 * callbacks only count the expiry and forward themselves. What a periodic
 * source costs before anything is done per event: the timer interrupt and
 * the callback. The cost benchmark (scripts/guest/bench.sh) compares the
 * CPU time per event of fake_events and of the literal design with it.
 *
 * /sys/kernel/debug/fev_floor/expiries counts the callbacks, .../missed
 * the periods that passed without one (hrtimer_forward_now() > 1).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/module.h>

#define FEVF_NR_TIMERS 3

static unsigned int period_us = 1000;
module_param(period_us, uint, 0444);
MODULE_PARM_DESC(period_us, "Period of every timer in microseconds (10 to 60000000)");

static struct hrtimer fevf_timers[FEVF_NR_TIMERS];
static ktime_t fevf_period;
static atomic64_t fevf_expiries, fevf_missed;
static struct dentry *fevf_debugfs;

static enum hrtimer_restart fevf_timer_fn(struct hrtimer *timer)
{
	u64 overruns;

	atomic64_inc(&fevf_expiries);
	overruns = hrtimer_forward_now(timer, fevf_period);
	if (overruns > 1)
		atomic64_add(overruns - 1, &fevf_missed);
	return HRTIMER_RESTART;
}

static int fevf_count_get(void *data, u64 *val)
{
	*val = atomic64_read(data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(fevf_count_fops, fevf_count_get, NULL, "%llu\n");

static int __init fevf_init(void)
{
	int i;

	if (period_us < 10 || period_us > 60 * USEC_PER_SEC) {
		pr_err("period_us: 10 to 60000000\n");
		return -EINVAL;
	}
	fevf_period = us_to_ktime(period_us);
	fevf_debugfs = debugfs_create_dir("fev_floor", NULL);
	debugfs_create_file_unsafe("expiries", 0400, fevf_debugfs,
				   &fevf_expiries, &fevf_count_fops);
	debugfs_create_file_unsafe("missed", 0400, fevf_debugfs,
				   &fevf_missed, &fevf_count_fops);
	for (i = 0; i < FEVF_NR_TIMERS; i++) {
		hrtimer_setup(&fevf_timers[i], fevf_timer_fn, CLOCK_MONOTONIC,
			      HRTIMER_MODE_REL_HARD);
		hrtimer_start(&fevf_timers[i], fevf_period,
			      HRTIMER_MODE_REL_HARD);
	}
	return 0;
}

static void __exit fevf_exit(void)
{
	int i;

	for (i = 0; i < FEVF_NR_TIMERS; i++)
		hrtimer_cancel(&fevf_timers[i]);
	debugfs_remove_recursive(fevf_debugfs);
}

module_init(fevf_init);
module_exit(fevf_exit);
MODULE_DESCRIPTION("fake_events benchmark floor: periodic hrtimers that do nothing");
MODULE_LICENSE("GPL");
