import { PartitionProgress, stalledPartitions } from './stall-watch';

describe('finding a consumer that stopped fetching a partition', () => {
  const base = {
    assigned: ['t:0', 't:1'],
    high: new Map([['t:0', 10n], ['t:1', 5n]]),
    low: new Map([['t:0', 0n], ['t:1', 0n]]),
    busy: new Set<string>(),
    stallMs: 20_000,
  };
  // The consumer idle the whole time unless a test says otherwise.
  const run = (now: number, committed: Map<string, bigint>, previous: Map<string, PartitionProgress>, extra: Partial<typeof base & { idleMs: number; movedAt: number }> = {}) =>
    stalledPartitions({ idleMs: now, movedAt: 0, ...base, ...extra, committed, previous, now });

  it('names a partition with messages to read whose committed offset has not moved for stallMs', () => {
    const committed = new Map([['t:0', 4n], ['t:1', 5n]]);
    const first = run(0, committed, new Map());
    expect(first.stalled).toEqual([]);
    const second = run(10_000, committed, first.progress);
    expect(second.stalled).toEqual([]);
    const third = run(20_000, committed, second.progress);
    // t:1 is read to its end: never stalled.
    expect(third.stalled).toEqual(['t:0']);
  });

  it('starts the clock again when the committed offset moves, or while a handler works on the partition', () => {
    const first = run(0, new Map([['t:0', 4n], ['t:1', 5n]]), new Map());
    const moved = run(15_000, new Map([['t:0', 6n], ['t:1', 5n]]), first.progress);
    expect(run(30_000, new Map([['t:0', 6n], ['t:1', 5n]]), moved.progress).stalled).toEqual([]);
    const busy = run(40_000, new Map([['t:0', 6n], ['t:1', 5n]]), moved.progress, { busy: new Set(['t:0']) });
    expect(busy.stalled).toEqual([]);
    expect(run(50_000, new Map([['t:0', 6n], ['t:1', 5n]]), busy.progress).stalled).toEqual([]);
    expect(run(60_000, new Map([['t:0', 6n], ['t:1', 5n]]), busy.progress).stalled).toEqual(['t:0']);
  });

  it('does not name a partition that waits while the consumer works through another backlog, until the consumer has had time to spare', () => {
    // t:0 does not move for 60 s while handlers work on t:1 almost without a break (1 s idle in all).
    const at = (t1: bigint) => new Map([['t:0', 4n], ['t:1', t1]]);
    const first = run(0, at(1n), new Map(), { idleMs: 0 });
    const busy = run(30_000, at(3n), first.progress, { idleMs: 500 });
    expect(busy.stalled).toEqual([]);
    const stillBusy = run(50_000, at(5n), busy.progress, { idleMs: 1000 });
    expect(stillBusy.stalled).toEqual([]);
    // The backlog is done; once the consumer has idled 5 s (a quarter of stallMs) in all and t:0 still does not move: stalled.
    expect(run(54_000, at(5n), stillBusy.progress, { idleMs: 4900 }).stalled).toEqual([]);
    expect(run(55_000, at(5n), stillBusy.progress, { idleMs: 6000 }).stalled).toEqual(['t:0']);
    // Busy without a break for three times stallMs, t:1 still moving (at 50 s): a backlog, not a stall.
    expect(stillBusy.movedAt).toBe(50_000);
    const later = run(70_000, at(5n), stillBusy.progress, { idleMs: 1000, movedAt: stillBusy.movedAt });
    expect(later.stalled).toEqual([]);
    // Busy, and nothing of the consumer moves for three times stallMs (a handler that hangs): stalled.
    expect(run(109_000, at(5n), later.progress, { idleMs: 1000, movedAt: later.movedAt }).stalled).toEqual([]);
    expect(run(110_000, at(5n), later.progress, { idleMs: 1000, movedAt: later.movedAt }).stalled).toEqual(['t:0']);
  });

  it('names a partition still for ten times stallMs however busy the consumer and whatever else moves', () => {
    // t:1 moves at every check and the consumer never has half a second to spare: t:0 is named at 200 s, not before.
    let previous = run(0, new Map([['t:0', 4n], ['t:1', 1n]]), new Map(), { idleMs: 0 }).progress;
    let last: ReturnType<typeof run> | undefined;
    for (let t = 10_000; t <= 200_000; t += 10_000) {
      last = run(t, new Map([['t:0', 4n], ['t:1', BigInt(t)]]), previous, { idleMs: 0, movedAt: t, high: new Map([['t:0', 10n], ['t:1', 10n ** 9n]]) });
      previous = last.progress;
      expect(last.stalled).toEqual(t < 200_000 ? [] : ['t:0']);
    }
  });

  it('reads nothing committed, or committed before what retention kept, as the start of the partition', () => {
    const low = new Map([['t:0', 3n], ['t:1', 5n]]);
    const first = run(0, new Map([['t:0', -1n]]), new Map(), { low });
    expect(first.progress.get('t:0')).toEqual({ committed: 3n, since: 0, idleAt: 0 });
    // t:1 has nothing left to read (low = high): not stalled however long it waits.
    expect(run(25_000, new Map([['t:0', 1n]]), first.progress, { low }).stalled).toEqual(['t:0']);
  });

  it('leaves alone partitions assigned to other members of the group, and those whose end is unknown', () => {
    // t:0 lags but is another member's; t:9 is not in the offsets read.
    const committed = new Map([['t:0', 0n], ['t:1', 5n]]);
    const first = run(0, committed, new Map(), { assigned: ['t:1', 't:9'] });
    expect(run(30_000, committed, first.progress, { assigned: ['t:1', 't:9'] }).stalled).toEqual([]);
  });
});
