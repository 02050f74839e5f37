// SPDX-License-Identifier: GPL-2.0
/*
 * fev_ringbench - cost of the fake_events ring against kfifo
 *
 * A benchmark module of the fake_events project, not part of the driver
 * series. On load it times, with ktime_get_ns() around loops of @ops
 * operations:
 *
 *   push  one event record (struct fev_event, 64 bytes) stored by
 *         1 writer and by 2 writers at once (kthreads bound to CPU 0 and 1);
 *   read  one record read back by a single reader, from a full buffer.
 *
 * for three implementations of the same buffer of @size records, each
 * taking one spinlock_t with bottom halves disabled around one operation:
 *
 *   ring      fev_ring_push() / fev_ring_read() of fake_events.ko itself
 *             (it numbers and time-stamps every record, overwrites the
 *             oldest when full, and reads without consuming);
 *   kfifo     kfifo_in() / kfifo_out() of a kfifo of struct fev_event
 *             under a spinlock; when full, kfifo_skip() drops the oldest
 *             element first, as the ring does;
 *   kfifo_ts  the same plus the ktime_get_ns() stamp the ring takes
 *             under its lock, i.e. the same work as the ring.
 *
 * Each measurement is repeated @rounds times; one line per round goes to
 * the kernel log:
 *
 *   fev_ringbench: impl=ring op=push writers=2 round=0 size=4096 ops=200000 ns_x100=...
 *
 * (ns_x100: the mean time of one operation of one writer, in ns x 100).
 *
 * It also times what the bottom half adds per event for /dev/fake_events
 * when nobody reads it: wq_has_sleeper() on a wait queue without waiters,
 * @ops times, against the same loop without it:
 *
 *   fev_ringbench: wake_check round=0 ops=200000 loop_ns_x100=... check_ns_x100=...
 *
 * The module then stays loaded, doing nothing, until removed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/kfifo.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "ring.h"

MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");

static unsigned int ops = 200000;
module_param(ops, uint, 0444);
MODULE_PARM_DESC(ops, "Operations per writer per round (1000 to 100000000)");

static unsigned int rounds = 5;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "Rounds of each measurement (1 to 100)");

static unsigned int size = 4096;
module_param(size, uint, 0444);
MODULE_PARM_DESC(size, "Records in each buffer (a power of two, 2 to 65536)");

enum fevrb_impl { FEVRB_RING, FEVRB_KFIFO, FEVRB_KFIFO_TS, FEVRB_NR_IMPL };
static const char * const fevrb_impl_names[FEVRB_NR_IMPL] = {
	"ring", "kfifo", "kfifo_ts",
};

static struct fev_ring *fevrb_ring;
static DECLARE_KFIFO_PTR(fevrb_fifo, struct fev_event);
static DEFINE_SPINLOCK(fevrb_fifo_lock);	/* protects fevrb_fifo */

static void fevrb_push(enum fevrb_impl impl, struct fev_event *ev)
{
	if (impl == FEVRB_RING) {
		fev_ring_push(fevrb_ring, ev, NULL);
		return;
	}
	spin_lock_bh(&fevrb_fifo_lock);
	if (impl == FEVRB_KFIFO_TS)
		ev->stored_ns = ktime_get_ns();
	if (kfifo_is_full(&fevrb_fifo))
		kfifo_skip(&fevrb_fifo);
	kfifo_in(&fevrb_fifo, ev, 1);
	spin_unlock_bh(&fevrb_fifo_lock);
}

struct fevrb_writer {
	enum fevrb_impl impl;
	atomic_t *ready;
	int nr;
	u64 ns;
	struct completion done;
};

static int fevrb_writer_fn(void *data)
{
	struct fevrb_writer *w = data;
	struct fev_event ev = { .source = 1 };
	unsigned int i;
	u64 t0;

	/* Start together: the last writer to arrive lets everyone go. */
	atomic_inc(w->ready);
	while (atomic_read(w->ready) < w->nr)
		cpu_relax();
	t0 = ktime_get_ns();
	for (i = 0; i < ops; i++) {
		ev.src_seq = i;
		fevrb_push(w->impl, &ev);
	}
	w->ns = ktime_get_ns() - t0;
	/* Signals and exits without returning into module code. */
	kthread_complete_and_exit(&w->done, 0);
}

/* Empty both buffers: a fresh ring, an emptied kfifo. */
static int fevrb_reset(void)
{
	int err = 0;

	fev_ring_destroy(fevrb_ring);
	fevrb_ring = fev_ring_create(size);
	if (IS_ERR(fevrb_ring)) {
		err = PTR_ERR(fevrb_ring);
		fevrb_ring = NULL;
	}
	kfifo_reset(&fevrb_fifo);
	return err;
}

/* Time @nr writers of @impl pushing @ops records each, in parallel. */
static int fevrb_push_round(enum fevrb_impl impl, int nr, unsigned int round)
{
	struct task_struct *t[2];
	struct fevrb_writer w[2];
	atomic_t ready = ATOMIC_INIT(0);
	u64 sum = 0;
	int err, i, j;

	if (WARN_ON(nr < 1 || nr > ARRAY_SIZE(t)))
		return -EINVAL;
	err = fevrb_reset();
	if (err)
		return err;
	for (i = 0; i < nr; i++) {
		w[i] = (struct fevrb_writer){
			.impl = impl, .ready = &ready, .nr = nr,
		};
		init_completion(&w[i].done);
		t[i] = kthread_create(fevrb_writer_fn, &w[i], "fev_ringbench/%d", i);
		if (IS_ERR(t[i])) {
			/* Not woken yet: stopped before they run anything. */
			for (j = 0; j < i; j++)
				kthread_stop(t[j]);
			return PTR_ERR(t[i]);
		}
		kthread_bind(t[i], i);
	}
	for (i = 0; i < nr; i++)
		wake_up_process(t[i]);
	for (i = 0; i < nr; i++) {
		wait_for_completion(&w[i].done);
		sum += w[i].ns;
	}
	pr_info("impl=%s op=push writers=%d round=%u size=%u ops=%u ns_x100=%llu\n",
		fevrb_impl_names[impl], nr, round, size, ops,
		div64_u64(sum * 100, (u64)ops * nr));
	return 0;
}

static int fevrb_pop(enum fevrb_impl impl, u64 *pos, struct fev_event *ev)
{
	unsigned int n;
	u64 lost;

	if (impl == FEVRB_RING) {
		if (fev_ring_read(fevrb_ring, pos, ev, &lost))
			return -EIO;
		(*pos)++;
		return 0;
	}
	spin_lock_bh(&fevrb_fifo_lock);
	n = kfifo_out(&fevrb_fifo, ev, 1);
	spin_unlock_bh(&fevrb_fifo_lock);
	return n ? 0 : -EIO;
}

/* Time one reader reading a full buffer, at least @ops records in all. */
static int fevrb_read_round(enum fevrb_impl impl, unsigned int round)
{
	struct fev_event ev = { .source = 1 };
	unsigned int done = 0, i;
	u64 ns = 0, t0, pos;
	int err;

	err = fevrb_reset();
	if (err)
		return err;
	while (done < ops) {
		for (i = 0; i < size; i++)
			fevrb_push(impl, &ev);
		pos = fev_ring_first_seq(fevrb_ring);
		t0 = ktime_get_ns();
		for (i = 0; i < size; i++) {
			err = fevrb_pop(impl, &pos, &ev);
			if (err)
				return err;
		}
		ns += ktime_get_ns() - t0;
		done += size;
	}
	pr_info("impl=%s op=read writers=0 round=%u size=%u ops=%u ns_x100=%llu\n",
		fevrb_impl_names[impl], round, size, done,
		div_u64(ns * 100, done));
	return 0;
}

static DECLARE_WAIT_QUEUE_HEAD(fevrb_wait);

static void fevrb_wake_round(unsigned int round)
{
	unsigned int i, sleepers = 0;
	u64 t0, t1, t2;

	t0 = ktime_get_ns();
	for (i = 0; i < ops; i++)
		barrier();
	t1 = ktime_get_ns();
	for (i = 0; i < ops; i++)
		sleepers += wq_has_sleeper(&fevrb_wait);
	t2 = ktime_get_ns();
	pr_info("wake_check round=%u ops=%u sleepers=%u loop_ns_x100=%llu check_ns_x100=%llu\n",
		round, ops, sleepers, div_u64((t1 - t0) * 100, ops),
		div_u64((t2 - t1) * 100, ops));
}

static int __init fevrb_init(void)
{
	unsigned int round;
	int impl, err = 0;

	if (ops < 1000 || ops > 100000000 || !rounds || rounds > 100 ||
	    size < 2 || size > 65536 || !is_power_of_2(size)) {
		pr_err("ops 1000 to 100000000, rounds 1 to 100, size a power of two 2 to 65536\n");
		return -EINVAL;
	}
	if (num_online_cpus() < 2 || !cpu_online(1)) {
		pr_err("needs CPUs 0 and 1 online\n");
		return -ENODEV;
	}
	if (kfifo_alloc(&fevrb_fifo, size, GFP_KERNEL))
		return -ENOMEM;
	for (round = 0; round < rounds && !err; round++) {
		for (impl = 0; impl < FEVRB_NR_IMPL && !err; impl++) {
			err = fevrb_push_round(impl, 1, round);
			if (!err)
				err = fevrb_push_round(impl, 2, round);
			if (!err)
				err = fevrb_read_round(impl, round);
		}
		if (!err)
			fevrb_wake_round(round);
	}
	if (err)
		pr_err("failed: %d\n", err);
	else
		pr_info("done\n");
	fev_ring_destroy(fevrb_ring);
	fevrb_ring = NULL;
	kfifo_free(&fevrb_fifo);
	return err;
}

static void __exit fevrb_exit(void)
{
}

module_init(fevrb_init);
module_exit(fevrb_exit);
MODULE_DESCRIPTION("fake_events benchmark: ring against kfifo");
MODULE_LICENSE("GPL");
