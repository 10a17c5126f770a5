import { execFileSync } from 'node:child_process';
import { DEFAULT_NODE_FLAGS, nodeFlagsOf, SERVICE_PROCESS_ENV, serviceProcessEnv } from './service-host';

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

/** A node process with this environment makes large buffers and drops them while small ones stay, then says how much is resident (MiB). */
function residentAfterLargeBuffers(env: Record<string, string>): number {
  const script = `
    const small = [];
    for (let round = 0; round < 30; round++) {
      let big = [];
      for (let i = 0; i < 16; i++) { big.push(Buffer.allocUnsafeSlow(512 * 1024).fill(round)); small.push(Buffer.allocUnsafeSlow(4096).fill(1)); }
      big = null;
      global.gc();
    }
    setTimeout(() => process.stdout.write(String(process.memoryUsage().rss / 1048576)), 50);`;
  const { MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_, ...rest } = process.env;
  void MALLOC_ARENA_MAX;
  void MALLOC_MMAP_THRESHOLD_;
  return Number(execFileSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', env: { ...rest, ...env } }));
}

describe("a service process's allocator settings", () => {
  it('return freed large buffers to the system, where glibc by default keeps them resident among small ones', () => {
    const settled = residentAfterLargeBuffers(SERVICE_PROCESS_ENV);
    const defaults = residentAfterLargeBuffers({});
    expect(defaults - settled).toBeGreaterThanOrEqual(4);
  });

  it('give way to the same variables set in the environment', () => {
    expect(serviceProcessEnv({ PATH: '/bin', UNSET: undefined })).toEqual({ ...SERVICE_PROCESS_ENV, PATH: '/bin' });
    expect(serviceProcessEnv({ MALLOC_ARENA_MAX: '8' }).MALLOC_ARENA_MAX).toBe('8');
    expect(serviceProcessEnv({ MALLOC_MMAP_THRESHOLD_: '' }).MALLOC_MMAP_THRESHOLD_).toBe(SERVICE_PROCESS_ENV.MALLOC_MMAP_THRESHOLD_);
  });
});
