/**
 * A consumer that stops fetching a partition without crashing (seen with kafkajs after the
 * partition's leader died: no error, no batch, the lag stays) is found by comparing, for each
 * partition assigned to it, the group's committed offset with the partition's end: a partition
 * that has messages to read, no handler at work on it, and a committed offset that has not moved
 * for `stallMs`, while the consumer itself had time to spare (no handler at work on any of its
 * partitions for `stallMs / 4` in all), or that has not moved for three times `stallMs` while no
 * other partition of the consumer moved either (a handler that hangs keeps the consumer busy and
 * every partition still), or for ten times `stallMs` whatever else moved, is stalled, and the
 * consumer is replaced (kafka-transport.ts).
 *
 * The time to spare matters: kafkajs hands a consumer's fetched batches to the handlers one after
 * the other, so a partition waits while another's backlog is worked through (a register of 10,000
 * operators imported: 20 s and more, a minute for a partition whose batches came after a large
 * backlog's). That is not a stall; replacing the consumer then only restarted the work.
 */
export interface PartitionProgress {
  /** The committed offset last seen. */
  committed: bigint;
  /** Since when it has not moved while there was something to read. */
  since: number;
  /** The consumer's idle time (StallCheck.idleMs) at `since`. */
  idleAt: number;
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
  /** How long, in all since the consumer joined, no handler was at work on any of its partitions (in stretches of half a second or more). */
  idleMs: number;
  previous: ReadonlyMap<string, PartitionProgress>;
  /** When a committed offset of this consumer last moved (or it joined its group). */
  movedAt: number;
  now: number;
  stallMs: number;
}

export function stalledPartitions(check: StallCheck): { stalled: string[]; progress: Map<string, PartitionProgress>; movedAt: number } {
  const progress = new Map<string, PartitionProgress>();
  const stalled: string[] = [];
  let movedAt = check.movedAt;
  for (const tp of check.assigned) {
    const before = check.previous.get(tp);
    const raw = check.committed.get(tp);
    if (before && raw !== undefined && raw > before.committed) movedAt = check.now;
  }
  for (const tp of check.assigned) {
    const high = check.high.get(tp);
    if (high === undefined) continue;
    const low = check.low.get(tp) ?? 0n;
    const raw = check.committed.get(tp);
    const committed = raw === undefined || raw < low ? low : raw;
    const before = check.previous.get(tp);
    if (committed >= high || check.busy.has(tp) || !before || before.committed !== committed) {
      progress.set(tp, { committed, since: check.now, idleAt: check.idleMs });
      continue;
    }
    progress.set(tp, before);
    const still = check.now - before.since;
    const spare = check.idleMs - before.idleAt >= check.stallMs / 4;
    // Three times the limit with the whole consumer still is a stall however busy it is (a handler that hangs keeps it busy).
    const hung = still >= 3 * check.stallMs && check.now - movedAt >= 3 * check.stallMs;
    // Ten times the limit is one whatever else moves: a partition kafkajs stopped fetching beside
    // others that never leave the consumer half a second to spare.
    if ((still >= check.stallMs && spare) || hung || still >= 10 * check.stallMs) stalled.push(tp);
  }
  return { stalled, progress, movedAt };
}
