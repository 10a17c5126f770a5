import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system) of processes, from /proc/<pid>/stat: stable on a noisy machine where
 * wall-clock figures are not, since it counts what the work cost, not how long it waited.
 */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds a process has used so far (0 if it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** Which group a process of this machine belongs to: PostgreSQL (every postgres process), the Kafka broker, or none. */
function groupOf(pid: string): 'postgresql' | 'kafka broker' | undefined {
  if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') return 'postgresql';
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka') ? 'kafka broker' : undefined;
}

export type CpuSample = Map<string, number>;

/**
 * One reading of every group: each named process, PostgreSQL (every postgres process: the
 * backends come and go with the pools, so they are found again at each reading) and the broker.
 */
export function sampleCpu(named: { name: string; pid: number }[]): CpuSample {
  const sample: CpuSample = new Map();
  for (const p of named) sample.set(p.name, cpuSeconds(p.pid));
  sample.set('postgresql', 0);
  sample.set('kafka broker', 0);
  // One pass over /proc: PostgreSQL's backends come and go with the pools, so they are found again at each reading.
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const group = groupOf(entry);
      if (group) sample.set(group, sample.get(group)! + cpuSeconds(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return sample;
}

/** CPU seconds each group used per second between two readings `seconds` apart: what it costs idle. */
export function cpuRate(before: CpuSample, after: CpuSample, seconds: number): Map<string, number> {
  return new Map([...after].map(([name, end]) => [name, Math.max(0, end - (before.get(name) ?? 0)) / seconds]));
}

/**
 * CPU milliseconds per unit of work between two readings `seconds` apart, by group and in all,
 * largest first; with `idle` (cpuRate of the same processes doing nothing), what they would have
 * used idle over that time is taken off first, so the figure is the work's own cost.
 */
export function cpuPer(before: CpuSample, after: CpuSample, units: number, idle?: { rate: Map<string, number>; seconds: number }): { totalMs: number; byGroupMs: Record<string, number> } {
  const byGroup: [string, number][] = [];
  for (const [name, end] of after) {
    // A PostgreSQL backend that ended between the readings takes its time away: never below zero.
    const used = Math.max(0, end - (before.get(name) ?? 0) - (idle ? (idle.rate.get(name) ?? 0) * idle.seconds : 0));
    if (used > 0) byGroup.push([name, (used * 1000) / units]);
  }
  byGroup.sort((a, b) => b[1] - a[1]);
  const round = (n: number) => Number(n.toFixed(2));
  return { totalMs: round(byGroup.reduce((s, [, v]) => s + v, 0)), byGroupMs: Object.fromEntries(byGroup.map(([k, v]) => [k, round(v)])) };
}
