import { EntityManager } from 'typeorm';
import { ArrangementCache } from './arrangement-cache';
import { Arrangement } from './arrangement.entity';

/** A manager whose reads of the arrangements are counted and released by the test. */
function manager(inTransaction = false) {
  const reads: ((rows: Arrangement[]) => void)[] = [];
  const m = {
    queryRunner: inTransaction ? { isTransactionActive: true } : undefined,
    find: jest.fn(() => new Promise<Arrangement[]>((resolve) => reads.push(resolve))),
  };
  const release = (name: string) => reads.splice(0).forEach((r) => r([{ name, parties: [], activatedAt: null } as unknown as Arrangement]));
  return { m: m as unknown as EntityManager, find: m.find, release };
}

describe('ArrangementCache', () => {
  it('reads the arrangements once for many questions waiting at the same moment', async () => {
    const cache = new ArrangementCache();
    const { m, find, release } = manager();
    const asked = Array.from({ length: 32 }, () => cache.arrangements(m));
    release('MRA');
    const answers = await Promise.all(asked);
    expect(find).toHaveBeenCalledTimes(1);
    expect(answers.every((a) => a[0].name === 'MRA')).toBe(true);
    await cache.arrangements(m); // kept
    expect(find).toHaveBeenCalledTimes(1);
  });

  it('does not keep what a read begun before clear() returned', async () => {
    const cache = new ArrangementCache();
    const { m, find, release } = manager();
    const before = cache.arrangements(m);
    cache.clear(); // this instance changed an arrangement meanwhile
    const after = cache.arrangements(m);
    expect(find).toHaveBeenCalledTimes(2);
    release('new');
    await Promise.all([before, after]);
    const again = cache.arrangements(m);
    release('newer');
    expect((await again)[0].name).toBe('new'); // the read begun after clear() is kept
    expect(find).toHaveBeenCalledTimes(2);
  });

  it("reads inside a transaction with that transaction's manager, not another caller's read", async () => {
    const cache = new ArrangementCache();
    const outside = manager();
    const inside = manager(true);
    const shared = cache.arrangements(outside.m);
    const own = cache.arrangements(inside.m);
    expect(inside.find).toHaveBeenCalledTimes(1);
    outside.release('outside');
    inside.release('inside');
    expect((await own)[0].name).toBe('inside');
    expect((await shared)[0].name).toBe('outside');
  });
});
