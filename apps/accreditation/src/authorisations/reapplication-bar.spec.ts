import { barEnd } from './reapplication-bar';

describe('the reapplication bar', () => {
  const revoked = new Date('2027-03-01T10:00:00Z');

  it('runs for the years set from the last revocation', () => {
    expect(barEnd(revoked, 3, new Date('2028-01-01T00:00:00Z'))).toEqual(new Date('2030-03-01T10:00:00Z'));
  });

  it('ends at its end', () => {
    expect(barEnd(revoked, 3, new Date('2030-03-01T09:59:59Z'))).toEqual(new Date('2030-03-01T10:00:00Z'));
    expect(barEnd(revoked, 3, new Date('2030-03-01T10:00:00Z'))).toBeUndefined();
  });
});
