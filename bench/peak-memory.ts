import { readFileSync, writeFileSync } from 'node:fs';

/** A process's peak resident memory so far (VmHWM), MiB; 0 when it is gone. */
export function peakMiB(pid: number): number {
  try {
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** Starts a process's peak afresh from what it holds now (Linux: 5 written to clear_refs); false when refused. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Peak memory per phase of the run: each `end(phase)` reads every process's peak since the last
 * one, then starts it afresh, so a service's peak is pinned to the phase that made it; `overall`
 * keeps the highest of all. Where the peak cannot be reset, a phase's figure includes the earlier ones'.
 */
export class PhasePeaks {
  readonly byPhase: Record<string, Record<string, number>> = {};
  readonly overall: Record<string, number> = {};

  constructor(
    private readonly processes: () => { name: string; pid: number }[],
    private readonly read: (pid: number) => number = peakMiB,
    private readonly reset: (pid: number) => boolean = resetPeak,
  ) {}

  end(phase: string): Record<string, number> {
    const peaks: Record<string, number> = {};
    for (const { name, pid } of this.processes()) {
      peaks[name] = this.read(pid);
      this.overall[name] = Math.max(this.overall[name] ?? 0, peaks[name]);
      this.reset(pid);
    }
    this.byPhase[phase] = peaks;
    return peaks;
  }
}
