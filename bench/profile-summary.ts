import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a process spent its CPU, from a V8 CPU profile (`node --cpu-prof`): self time summed by
 * where the code lives (our file under apps/ or libs/, a package under node_modules, a Node.js
 * internal module, or V8's own: garbage collection, the compiler), the largest first.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName || '(anonymous)';
  // The innermost package (a dependency nested in another's node_modules is itself).
  const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((m) => m[1]);
  if (packages.length) return packages[packages.length - 1];
  const ours = /\/((?:apps|libs)\/[^?]+)/.exec(url);
  if (ours) return ours[1];
  return url; // node:internal/..., or another file
}

/** Self time in milliseconds by place, and the total; `fromMs` leaves out the first part of the run (start-up). */
export function summarise(profile: CpuProfile, fromMs = 0): { totalMs: number; byPlace: [string, number][] } {
  const placeById = new Map(profile.nodes.map((n) => [n.id, placeOf(n.callFrame.url, n.callFrame.functionName)]));
  const byPlace = new Map<string, number>();
  let total = 0;
  let at = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    at += ms;
    if (at < fromMs) return;
    const place = placeById.get(id) ?? '?';
    if (place === '(idle)') return;
    total += ms;
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
  });
  return { totalMs: total, byPlace: [...byPlace].sort((a, b) => b[1] - a[1]) };
}

/** node -r @swc-node/register bench/profile-summary.ts <dir> [top] [from seconds] */
if (require.main === module) {
  const dir = process.argv[2] ?? 'tmp/bench/profiles';
  const top = Number(process.argv[3] ?? 12);
  const fromMs = Number(process.argv[4] ?? 0) * 1000;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()) {
    const { totalMs, byPlace } = summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')), fromMs);
    console.log(`\n${file}: ${(totalMs / 1000).toFixed(1)} s of CPU`);
    for (const [place, ms] of byPlace.slice(0, top)) console.log(`  ${((ms / totalMs) * 100).toFixed(1).padStart(5)}%  ${place}`);
  }
}
