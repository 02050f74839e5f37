// SPDX-License-Identifier: GPL-2.0
/*
 * fev_baseline - the original fake_events design, taken literally
 *
 * A benchmark baseline, not part of the driver series. It does what the
 * design diagram says and nothing more:
 *
 *   - three periodic hrtimers (NETWORK, KEYBOARD, SENSOR);
 *   - the timer callback allocates an event work item with
 *     kmalloc_obj(GFP_ATOMIC), INIT_WORK()s it, queue_work()s it on event_wq
 *     and re-arms with hrtimer_forward_now();
 *   - event_wq is what create_workqueue() made (per-CPU, WQ_MEM_RECLAIM,
 *     max_active 1 per CPU): events run in parallel on the CPUs;
 *   - the work handler takes the spinlock, writes the event into the
 *     circular buffer, advances buffer_head = (buffer_head + 1) % N, drops
 *     the lock, prints the event with pr_info() and frees the work item;
 *   - /proc/fev_baseline prints the whole buffer with the spinlock held
 *     for the whole dump (single_open(); seq_file calls the show function
 *     again with a bigger buffer when the dump did not fit).
 *
 * Measurement only, not in the design: the "quiet", "unbound" and
 * "max_active" variants (parameters: no pr_info(); an unbound event_wq
 * with the default max_active, the control for fake_events' choice of a
 * per-CPU workqueue), and counters of raised, stored and
 * failed-allocation events, of timer overruns (hrtimer_forward_now() > 1:
 * periods without a callback), of the work items in flight (peak) and of
 * the largest bottom-half start latency, in /sys/kernel/debug/fev_baseline/
 * stats; writing 1 to .../stop stops the sources and waits for the queued
 * events, so that the counters are final before they are read.
 * The buffer writer (fevb_store()) and the dump (fevb_show()) are
 * separate, never-inlined functions so that the function-graph tracer can
 * time them from outside, as it times fev_ring_push() and fev_ring_read()
 * of fake_events.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/hrtimer.h>
#include <linux/kstrtox.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sprintf.h>
#include <linux/workqueue.h>

enum { FEVB_NETWORK, FEVB_KEYBOARD, FEVB_SENSOR, FEVB_NR_SOURCES };

static const char * const fevb_names[FEVB_NR_SOURCES] = {
	"NETWORK", "KEYBOARD", "SENSOR",
};

static unsigned int period_us = 100000;
module_param(period_us, uint, 0444);
MODULE_PARM_DESC(period_us, "Period of every source in microseconds (10 to 60000000)");

static unsigned int buffer_size = 256;
module_param(buffer_size, uint, 0444);
MODULE_PARM_DESC(buffer_size, "Event buffer entries (1 to 65536)");

static bool quiet;
module_param(quiet, bool, 0444);
MODULE_PARM_DESC(quiet, "Leave out the pr_info() per event (default: print, as designed)");

static bool unbound;
module_param(unbound, bool, 0444);
MODULE_PARM_DESC(unbound,
		 "Measurement variant: event_wq unbound, without WQ_MEM_RECLAIM (default: per-CPU, as designed)");

static unsigned int max_active = 1;
module_param(max_active, uint, 0444);
MODULE_PARM_DESC(max_active,
		 "Measurement variant: event_wq's max_active (default 1, as designed; 0: the workqueue default)");

struct fevb_event {
	u64 timestamp;
	int source;
	char msg[32];
};

struct fevb_work {
	struct work_struct work;
	int source;
	u64 queued_ns;
};

static struct fevb_event *event_buffer;
static unsigned int buffer_head;
static DEFINE_SPINLOCK(buffer_lock);	/* protects event_buffer, buffer_head */
static struct hrtimer fevb_timers[FEVB_NR_SOURCES];
static ktime_t fevb_period;
static struct workqueue_struct *event_wq;
static struct proc_dir_entry *fevb_proc;
static struct dentry *fevb_debugfs;

/* Measurement counters (not part of the design). */
static atomic64_t fevb_raised, fevb_stored, fevb_alloc_failed, fevb_missed;
static atomic64_t fevb_peak_inflight, fevb_max_bh_ns;

static void fevb_atomic_max(atomic64_t *v, s64 x)
{
	s64 old = atomic64_read(v);

	while (x > old && !atomic64_try_cmpxchg(v, &old, x))
		;
}

static noinline void fevb_store(int source, u64 ts)
{
	struct fevb_event *e;

	spin_lock(&buffer_lock);
	e = &event_buffer[buffer_head];
	e->timestamp = ts;
	e->source = source;
	snprintf(e->msg, sizeof(e->msg), "Event from source %s",
		 fevb_names[source]);
	buffer_head = (buffer_head + 1) % buffer_size;
	spin_unlock(&buffer_lock);
}

static void process_event(struct work_struct *work)
{
	struct fevb_work *ew = container_of(work, struct fevb_work, work);
	u64 now = ktime_get_ns();

	fevb_atomic_max(&fevb_max_bh_ns, now - ew->queued_ns);
	fevb_store(ew->source, now);
	if (!quiet)
		pr_info("Event from source %s at %llu\n",
			fevb_names[ew->source], now);
	atomic64_inc(&fevb_stored);
	kfree(ew);
}

static enum hrtimer_restart fevb_timer_fn(struct hrtimer *timer)
{
	int source = timer - fevb_timers;
	struct fevb_work *ew;
	u64 overruns;
	s64 raised;

	raised = atomic64_inc_return(&fevb_raised);
	ew = kmalloc_obj(*ew, GFP_ATOMIC);
	if (ew) {
		INIT_WORK(&ew->work, process_event);
		ew->source = source;
		ew->queued_ns = ktime_get_ns();
		queue_work(event_wq, &ew->work);
		fevb_atomic_max(&fevb_peak_inflight,
				raised - atomic64_read(&fevb_stored) -
				atomic64_read(&fevb_alloc_failed));
	} else {
		atomic64_inc(&fevb_alloc_failed);
	}
	overruns = hrtimer_forward_now(timer, fevb_period);
	if (overruns > 1)
		atomic64_add(overruns - 1, &fevb_missed);
	return HRTIMER_RESTART;
}

static noinline int fevb_show(struct seq_file *m, void *v)
{
	unsigned int i;

	spin_lock(&buffer_lock);
	for (i = 0; i < buffer_size; i++) {
		struct fevb_event *e =
			&event_buffer[(buffer_head + i) % buffer_size];

		if (e->timestamp)
			seq_printf(m, "%llu %s %s\n", e->timestamp,
				   fevb_names[e->source], e->msg);
	}
	spin_unlock(&buffer_lock);
	return 0;
}

static int fevb_open(struct inode *inode, struct file *file)
{
	return single_open(file, fevb_show, NULL);
}

static const struct proc_ops fevb_proc_ops = {
	.proc_open = fevb_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int fevb_stats_show(struct seq_file *m, void *v)
{
	seq_printf(m, "raised=%lld\n", atomic64_read(&fevb_raised));
	seq_printf(m, "stored=%lld\n", atomic64_read(&fevb_stored));
	seq_printf(m, "alloc_failed=%lld\n", atomic64_read(&fevb_alloc_failed));
	seq_printf(m, "missed=%lld\n", atomic64_read(&fevb_missed));
	seq_printf(m, "peak_inflight=%lld\n", atomic64_read(&fevb_peak_inflight));
	seq_printf(m, "max_bh_ns=%lld\n", atomic64_read(&fevb_max_bh_ns));
	seq_printf(m, "period_us=%u\n", period_us);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(fevb_stats);

static ssize_t fevb_stop_write(struct file *file, const char __user *buf,
			       size_t len, loff_t *ppos)
{
	bool stop;
	int i, err;

	err = kstrtobool_from_user(buf, len, &stop);
	if (err)
		return err;
	if (!stop)
		return -EINVAL;
	for (i = 0; i < FEVB_NR_SOURCES; i++)
		hrtimer_cancel(&fevb_timers[i]);
	flush_workqueue(event_wq);
	return len;
}

static const struct file_operations fevb_stop_fops = {
	.owner = THIS_MODULE,
	.write = fevb_stop_write,
};

static int __init fevb_init(void)
{
	int i;

	if (period_us < 10 || period_us > 60 * USEC_PER_SEC ||
	    !buffer_size || buffer_size > 65536) {
		pr_err("period_us: 10 to 60000000, buffer_size: 1 to 65536\n");
		return -EINVAL;
	}
	fevb_period = us_to_ktime(period_us);
	event_buffer = kcalloc(buffer_size, sizeof(*event_buffer), GFP_KERNEL);
	if (!event_buffer)
		return -ENOMEM;
	event_wq = alloc_workqueue("event_wq",
				   unbound ? WQ_UNBOUND : WQ_PERCPU | WQ_MEM_RECLAIM,
				   max_active);
	if (!event_wq)
		goto err_buffer;
	fevb_proc = proc_create("fev_baseline", 0444, NULL, &fevb_proc_ops);
	if (!fevb_proc)
		goto err_wq;
	for (i = 0; i < FEVB_NR_SOURCES; i++) {
		hrtimer_setup(&fevb_timers[i], fevb_timer_fn, CLOCK_MONOTONIC,
			      HRTIMER_MODE_REL);
		hrtimer_start(&fevb_timers[i], fevb_period, HRTIMER_MODE_REL);
	}
	/* Last: "stop" cancels the timers, which must be set up by then. */
	fevb_debugfs = debugfs_create_dir("fev_baseline", NULL);
	debugfs_create_file("stats", 0400, fevb_debugfs, NULL,
			    &fevb_stats_fops);
	debugfs_create_file("stop", 0200, fevb_debugfs, NULL, &fevb_stop_fops);
	return 0;

err_wq:
	destroy_workqueue(event_wq);
err_buffer:
	kfree(event_buffer);
	return -ENOMEM;
}

static void __exit fevb_exit(void)
{
	int i;

	/* No stop write can race with the timers' and queue's teardown. */
	debugfs_remove_recursive(fevb_debugfs);
	for (i = 0; i < FEVB_NR_SOURCES; i++)
		hrtimer_cancel(&fevb_timers[i]);
	/* Runs every queued event, each of which frees its work item. */
	destroy_workqueue(event_wq);
	proc_remove(fevb_proc);
	kfree(event_buffer);
}

module_init(fevb_init);
module_exit(fevb_exit);
MODULE_DESCRIPTION("fake_events benchmark baseline: the original design, literally");
MODULE_LICENSE("GPL");
