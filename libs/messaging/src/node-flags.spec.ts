import { execFileSync } from 'node:child_process';
import { DEFAULT_NODE_FLAGS, nodeFlagsOf } from './service-host';

/** A node process with these flags makes short-lived garbage for a while, then says how large its young generation grew (MiB). */
function youngGenerationAfterChurn(flags: readonly string[]): number {
  const script = `
    let keep = [];
    for (let i = 0; i < 400000; i++) { keep.push({ i, s: 'x' + i, a: [i, i] }); if (keep.length > 20000) keep = []; }
    const space = require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(space.physical_space_size / 1048576));`;
  return Number(execFileSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' }));
}

describe("a service process's V8 flags", () => {
  it('are accepted by this node and keep the young generation to two 4 MiB semi-spaces, where the defaults let it grow past that', () => {
    const sized = youngGenerationAfterChurn(DEFAULT_NODE_FLAGS);
    const defaults = youngGenerationAfterChurn([]);
    expect(sized).toBeLessThanOrEqual(8);
    expect(defaults).toBeGreaterThan(8);
  });

  it("are the definition's own when it names them", () => {
    expect(nodeFlagsOf({})).toBe(DEFAULT_NODE_FLAGS);
    expect(nodeFlagsOf({ nodeFlags: ['--heap-growing-percent=30'] })).toEqual(['--heap-growing-percent=30']);
  });
});
