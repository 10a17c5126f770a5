/**
 * A consumer that stops fetching a partition without crashing (seen with kafkajs after the
 * partition's leader died: no error, no batch, the lag stays) is found by comparing, for each
 * partition assigned to it, the group's committed offset with the partition's end: a partition
 * that has messages to read, no handler at work on it, and a committed offset that has not moved
 * for `stallMs` is stalled, and the consumer is replaced (kafka-transport.ts).
 */
export interface PartitionProgress {
  /** The committed offset last seen. */
  committed: bigint;
  /** Since when it has not moved while there was something to read. */
  since: number;
}

export interface StallCheck {
  /** Partitions assigned to this consumer, as `topic:partition`. */
  assigned: Iterable<string>;
  /** End of each partition (the offset the next message will get). */
  high: ReadonlyMap<string, bigint>;
  /** First offset still in each partition (retention may have removed older ones). */
  low: ReadonlyMap<string, bigint>;
  /** The group's committed offset per partition; absent or negative when nothing was committed. */
  committed: ReadonlyMap<string, bigint>;
  /** Partitions a handler is working on now (a slow handler is not a stall). */
  busy: ReadonlySet<string>;
  previous: ReadonlyMap<string, PartitionProgress>;
  now: number;
  stallMs: number;
}

export function stalledPartitions(check: StallCheck): { stalled: string[]; progress: Map<string, PartitionProgress> } {
  const progress = new Map<string, PartitionProgress>();
  const stalled: string[] = [];
  for (const tp of check.assigned) {
    const high = check.high.get(tp);
    if (high === undefined) continue;
    const low = check.low.get(tp) ?? 0n;
    const raw = check.committed.get(tp);
    const committed = raw === undefined || raw < low ? low : raw;
    const before = check.previous.get(tp);
    if (committed >= high || check.busy.has(tp) || !before || before.committed !== committed) {
      progress.set(tp, { committed, since: check.now });
      continue;
    }
    progress.set(tp, before);
    if (check.now - before.since >= check.stallMs) stalled.push(tp);
  }
  return { stalled, progress };
}
