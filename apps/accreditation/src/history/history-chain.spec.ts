import { canonicalJson, ChainVerifier, transitionHash } from './history-chain';
import { Transition } from './transition.entity';

const row = {
  id: '6f1c1a52-0f1e-4c1b-9d0e-3f2a1b4c5d6e',
  operatorId: '0b1c2d3e-4f50-4a1b-8c2d-3e4f5a6b7c8d',
  applicationId: null,
  authorisationId: '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d',
  action: 'suspend',
  fromState: 'hearing',
  toState: 'suspended',
  actor: 'supervisor-za',
  roles: ['supervisor'],
  reason: 'seal integrity',
  details: { cureDue: new Date('2027-03-01T00:00:00Z'), source: 'x' },
  at: new Date('2027-01-30T10:00:00Z'),
  prevHash: null,
};

describe('the history hash chain', () => {
  it('reads the same whatever order the keys come back in from jsonb', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
    const fromDatabase = { ...row, details: { source: 'x', cureDue: '2027-03-01T00:00:00.000Z' } };
    expect(transitionHash(fromDatabase)).toBe(transitionHash(row));
  });

  it('changes with any edit of the content or of the link to the row before', () => {
    const h = transitionHash(row);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(transitionHash({ ...row, reason: 'seal integrity.' })).not.toBe(h);
    expect(transitionHash({ ...row, at: new Date('2027-01-30T10:00:00.001Z') })).not.toBe(h);
    expect(transitionHash({ ...row, details: { ...row.details, source: 'y' } })).not.toBe(h);
    expect(transitionHash({ ...row, prevHash: 'a'.repeat(64) })).not.toBe(h);
  });
});

describe('canonical JSON', () => {
  it('writes dates as ISO text, keys in order at every level, and nothing for undefined', () => {
    expect(canonicalJson(new Date('2027-01-30T10:00:00Z'))).toBe('"2027-01-30T10:00:00.000Z"');
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
    expect(canonicalJson({ a: 2, c: 3, b: 1 })).toBe('{"a":2,"b":1,"c":3}');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('verifying the chains', () => {
  /** An operator's history as appendHistory writes it: each row's hash covers it and the row before. */
  function chain(operatorId: string, count: number, unhashedFirst = 0): Transition[] {
    const rows: Transition[] = [];
    let prevHash: string | null = null;
    for (let i = 0; i < count; i++) {
      const base = { ...row, id: `${operatorId.slice(0, 8)}-${i}`, operatorId, reason: `step ${i}`, position: String(i + 1) };
      if (i < unhashedFirst) {
        rows.push({ ...base, prevHash: null, hash: null } as unknown as Transition);
        continue;
      }
      const hashed = { ...base, prevHash, hash: '' } as unknown as Transition;
      hashed.hash = transitionHash(hashed);
      prevHash = hashed.hash;
      rows.push(hashed);
    }
    return rows;
  }
  const verify = (rows: Transition[]) => {
    const v = new ChainVerifier();
    for (const r of rows) {
      const broken = v.check(r);
      if (broken) return v.report(broken);
    }
    return v.report();
  };

  it('counts operators, verified rows and the rows written before the chains began, when every chain holds', () => {
    expect(verify([...chain('aaaaaaaa', 3, 1), ...chain('bbbbbbbb', 2)])).toEqual({
      operators: 2,
      verified: 4,
      beforeChain: 1,
      intact: true,
      brokenAt: null,
    });
  });

  it('names the first row edited', () => {
    const rows = chain('aaaaaaaa', 4);
    rows[2] = { ...rows[2], reason: 'edited afterwards' };
    expect(verify(rows)).toMatchObject({ intact: false, verified: 2, brokenAt: { id: rows[2].id, position: '3', reason: expect.stringMatching(/was edited/) } });
  });

  it('names the row after one removed, and a row inserted without a hash after the chain began', () => {
    const removed = chain('aaaaaaaa', 4);
    removed.splice(1, 1);
    expect(verify(removed).brokenAt).toMatchObject({ id: removed[1].id, reason: expect.stringMatching(/removed or inserted/) });
    const inserted = chain('aaaaaaaa', 3);
    inserted.splice(2, 0, { ...inserted[1], id: 'forged', hash: null } as unknown as Transition);
    expect(verify(inserted).brokenAt).toMatchObject({ id: 'forged', reason: 'a row without a hash after the chain began' });
  });

  it('checks that each chain ends at its head, when heads are given: a row removed from the end shows at once', () => {
    const withHeads = (rows: Transition[], heads: Record<string, string | null>) => {
      const v = new ChainVerifier();
      for (const r of rows) {
        const broken = v.check(r, heads[r.operatorId]);
        if (broken) return v.report(broken);
      }
      return v.report(v.end() ?? null);
    };
    const a = chain('aaaaaaaa', 4, 1);
    const b = chain('bbbbbbbb', 2);
    const heads = { [a[0].operatorId]: a[3].hash, [b[0].operatorId]: b[1].hash };
    expect(withHeads([...a, ...b], heads)).toMatchObject({ intact: true, operators: 2, verified: 5 });
    // The first operator's last row gone: found when the second operator's rows begin, on the row now last.
    expect(withHeads([...a.slice(0, 3), ...b], heads).brokenAt).toMatchObject({ id: a[2].id, reason: expect.stringMatching(/removed from its end/) });
    // The last operator's: found at the end.
    expect(withHeads([...a, b[0]], heads).brokenAt).toMatchObject({ id: b[0].id, reason: expect.stringMatching(/removed from its end/) });
    // Rows before the chain began only: no head. Chained rows under no head: not how they were written.
    const before = chain('cccccccc', 2, 2);
    expect(withHeads(before, { [before[0].operatorId]: null })).toMatchObject({ intact: true, beforeChain: 2 });
    expect(withHeads(b, { [b[0].operatorId]: null }).brokenAt).toMatchObject({ id: b[1].id });
  });

  it('starts each operator\'s chain afresh: the second operator\'s first row follows nothing', () => {
    const second = chain('bbbbbbbb', 2);
    second[0] = { ...second[0], prevHash: chain('aaaaaaaa', 1)[0].hash };
    expect(verify([...chain('aaaaaaaa', 1), ...second]).brokenAt).toMatchObject({ id: second[0].id, reason: expect.stringMatching(/does not follow/) });
  });
});
