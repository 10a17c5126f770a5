import { canonicalJson, transitionHash } from './history-chain';

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
