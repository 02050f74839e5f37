// SPDX-License-Identifier: GPL-2.0
/*
 * fev_cputime - the CPU time meter of the fake_events cost benchmark
 *
 * A benchmark module, not part of the driver series.
 * /sys/kernel/debug/fev_cputime/busy_ns is the guest's CPU time so far,
 * every online CPU's user, nice, system, irq, softirq and steal time in
 * nanoseconds: what /proc/stat shows, without its rounding to 10 ms.
 *
 * The bench guest has CONFIG_IRQ_TIME_ACCOUNTING, so the irq and softirq
 * parts are measured at every interrupt entry and exit; a periodic source's
 * hard-irq time is invisible to the tick, which cannot interrupt it. Task
 * time (kworkers, irq threads) is still sampled by the tick.
 */
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/kernel_stat.h>
#include <linux/module.h>

static struct dentry *fevc_debugfs;

static int fevc_busy_get(void *data, u64 *val)
{
	static const enum cpu_usage_stat busy[] = {
		CPUTIME_USER, CPUTIME_NICE, CPUTIME_SYSTEM,
		CPUTIME_IRQ, CPUTIME_SOFTIRQ, CPUTIME_STEAL,
	};
	u64 sum = 0;
	int cpu, i;

	for_each_online_cpu(cpu)
		for (i = 0; i < ARRAY_SIZE(busy); i++)
			sum += READ_ONCE(kcpustat_cpu(cpu).cpustat[busy[i]]);
	*val = sum;
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(fevc_busy_fops, fevc_busy_get, NULL, "%llu\n");

static int __init fevc_init(void)
{
	fevc_debugfs = debugfs_create_dir("fev_cputime", NULL);
	debugfs_create_file_unsafe("busy_ns", 0400, fevc_debugfs, NULL,
				   &fevc_busy_fops);
	return 0;
}

static void __exit fevc_exit(void)
{
	debugfs_remove_recursive(fevc_debugfs);
}

module_init(fevc_init);
module_exit(fevc_exit);
MODULE_DESCRIPTION("fake_events benchmark CPU time meter");
MODULE_LICENSE("GPL");
