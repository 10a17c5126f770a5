import { cpuPer, cpuRate, cpuSeconds } from './cpu-time';
import { peakMiB, PhasePeaks } from './peak-memory';
import { placeOf, summarise } from './profile-summary';

describe("the bench's CPU accounting", () => {
  it('reads this process\'s CPU time from /proc, and it grows with work', () => {
    const before = cpuSeconds(process.pid);
    const end = Date.now() + 200;
    let x = 0;
    while (Date.now() < end) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(cpuSeconds(process.pid)).toBeGreaterThan(before);
    expect(cpuSeconds(999_999_999)).toBe(0);
  });

  it('divides each group\'s CPU between two readings by the units of work, never below zero', () => {
    const before = new Map([['ZA accreditation', 10], ['postgresql', 5], ['gone', 3]]);
    const after = new Map([['ZA accreditation', 12], ['postgresql', 6], ['gone', 1], ['new', 0.5]]);
    expect(cpuPer(before, after, 100)).toEqual({ totalMs: 35, byGroupMs: { 'ZA accreditation': 20, postgresql: 10, new: 5 } });
    // Idle, ZA accreditation uses 0.1 core and PostgreSQL 0.5: over the 10 s window that is taken off.
    const idle = { rate: cpuRate(new Map([['ZA accreditation', 0], ['postgresql', 0]]), new Map([['ZA accreditation', 1], ['postgresql', 5]]), 10), seconds: 2 };
    expect(cpuPer(before, after, 100, idle)).toEqual({ totalMs: 23, byGroupMs: { 'ZA accreditation': 18, new: 5 } });
  });

  it('sums a CPU profile\'s self time by where the code lives, idle left out', () => {
    expect(placeOf('file:///w/node_modules/@bufbuild/protobuf/dist/cjs/wire.js', 'f')).toBe('@bufbuild/protobuf');
    expect(placeOf('file:///w/node_modules/.pnpm/x/node_modules/pg/lib/client.js', 'f')).toBe('pg');
    expect(placeOf('file:///w/libs/messaging/src/outbox/outbox-relay.ts', 'f')).toBe('libs/messaging/src/outbox/outbox-relay.ts');
    expect(placeOf('node:internal/streams/readable', 'f')).toBe('node:internal/streams/readable');
    expect(placeOf('', '(garbage collector)')).toBe('(garbage collector)');
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(idle)', url: '' } },
        { id: 2, callFrame: { functionName: 'query', url: 'file:///w/node_modules/pg/lib/client.js' } },
        { id: 3, callFrame: { functionName: 'handle', url: 'file:///w/apps/mra-exchange/src/x.ts' } },
      ],
      samples: [1, 2, 3, 2],
      timeDeltas: [5000, 1000, 2000, 1000],
    };
    expect(summarise(profile)).toEqual({ totalMs: 4, byPlace: [['pg', 2], ['apps/mra-exchange/src/x.ts', 2]] });
  });

  it("pins each process's peak memory to the phase that made it, and keeps the highest over all", () => {
    expect(peakMiB(process.pid)).toBeGreaterThan(10);
    expect(peakMiB(999_999_999)).toBe(0);
    // Fake readings: ZA accreditation peaks in the second phase, BW's in the first.
    const readings: Record<number, number[]> = { 1: [120, 155, 130], 2: [140, 110, 100] };
    const resets: number[] = [];
    const peaks = new PhasePeaks(
      () => [{ name: 'ZA accreditation', pid: 1 }, { name: 'BW accreditation', pid: 2 }],
      (pid) => readings[pid].shift()!,
      (pid) => resets.push(pid) > 0,
    );
    expect(peaks.end('import')).toEqual({ 'ZA accreditation': 120, 'BW accreditation': 140 });
    peaks.end('propagation');
    peaks.end('question');
    expect(peaks.byPhase.propagation).toEqual({ 'ZA accreditation': 155, 'BW accreditation': 110 });
    expect(peaks.overall).toEqual({ 'ZA accreditation': 155, 'BW accreditation': 140 });
    expect(resets).toEqual([1, 2, 1, 2, 1, 2]);
  });
});
