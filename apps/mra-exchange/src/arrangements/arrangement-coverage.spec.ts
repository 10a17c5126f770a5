import { arePartners, coveringArrangement, partnersCovering, recordInScope } from './arrangement-coverage';
import { Arrangement } from './arrangement.entity';

const party = (administration: string, types: ('C' | 'S' | 'F')[]) => ({
  administration,
  recognisedAeoTypes: types,
  publicKeyPem: 'pem',
  keyId: `${administration}-1`,
});

const sacu: Arrangement = {
  id: '1',
  name: 'SACU regional MRA',
  parties: [party('ZA', ['S', 'F']), party('BW', ['S', 'F']), party('NA', ['F'])],
  benefits: ['lower-risk-score'],
  effectiveFrom: '2023-05-31',
  effectiveTo: null,
  activatedAt: new Date('2023-05-01'),
  openedAt: new Date('2023-05-31'),
  createdBy: 'x',
  createdAt: new Date(),
  amendments: [],
};

describe('arrangement coverage', () => {
  it('covers a listed type between two parties while in effect', () => {
    expect(coveringArrangement([sacu], 'ZA', 'BW', 'F', new Date('2026-01-01'))?.arrangement.id).toBe('1');
  });

  it('does not cover an unlisted type, a non-party, or a day before the arrangement took effect', () => {
    expect(coveringArrangement([sacu], 'ZA', 'BW', 'C', new Date('2026-01-01'))).toBeUndefined();
    expect(coveringArrangement([sacu], 'ZA', 'GB', 'F', new Date('2026-01-01'))).toBeUndefined();
    expect(coveringArrangement([sacu], 'ZA', 'BW', 'F', new Date('2023-05-30'))).toBeUndefined();
    expect(coveringArrangement([{ ...sacu, effectiveTo: '2024-01-01' }], 'ZA', 'BW', 'F', new Date('2025-01-01'))).toBeUndefined();
  });

  it('covers nothing until every party has confirmed', () => {
    expect(coveringArrangement([{ ...sacu, activatedAt: null }], 'ZA', 'BW', 'F', new Date('2026-01-01'))).toBeUndefined();
    expect(recordInScope([{ ...sacu, activatedAt: null }], 'ZA', 'BW', 'F', new Date('2026-01-01'))).toBe(false);
  });

  it('lists the partners that recognise an issuer type', () => {
    expect(partnersCovering([sacu], 'ZA', 'S', new Date('2026-01-01')).sort()).toEqual(['BW', 'NA']);
    expect(partnersCovering([sacu], 'NA', 'S', new Date('2026-01-01'))).toEqual([]);
  });
});

describe('record scope', () => {
  it('takes a status that began before the arrangement took effect', () => {
    expect(recordInScope([sacu], 'ZA', 'BW', 'F', new Date('2020-01-01'))).toBe(true);
  });

  it('refuses an uncovered type, a non-party receiver, and a status that began after the arrangement ended', () => {
    expect(recordInScope([sacu], 'ZA', 'BW', 'C', new Date('2026-01-01'))).toBe(false);
    expect(recordInScope([sacu], 'ZA', 'GB', 'F', new Date('2026-01-01'))).toBe(false);
    expect(recordInScope([{ ...sacu, effectiveTo: '2024-01-01' }], 'ZA', 'BW', 'F', new Date('2025-01-01'))).toBe(false);
  });
});

describe('partners', () => {
  it('are two parties of one active arrangement', () => {
    expect(arePartners([sacu], 'ZA', 'NA')).toBe(true);
    expect(arePartners([sacu], 'NA', 'ZA')).toBe(true);
    expect(arePartners([sacu], 'ZA', 'GB')).toBe(false);
    expect(arePartners([sacu], 'GB', 'ZA')).toBe(false);
    expect(arePartners([{ ...sacu, activatedAt: null }], 'ZA', 'NA')).toBe(false);
    expect(arePartners([{ ...sacu, activatedAt: null }, { ...sacu, id: '2', parties: [party('ZA', ['F']), party('GB', ['F'])] }], 'ZA', 'NA')).toBe(false);
    expect(arePartners([], 'ZA', 'NA')).toBe(false);
  });
});

describe('the first and last day of an arrangement', () => {
  const bounded: Arrangement = { ...sacu, effectiveFrom: '2023-05-31', effectiveTo: '2025-05-30' };
  const at = (iso: string) => coveringArrangement([bounded], 'ZA', 'BW', 'F', new Date(iso))?.arrangement.id;

  it('covers from the first moment of its first day to the last moment of its last day, and not a moment outside', () => {
    expect(at('2023-05-30T23:59:59Z')).toBeUndefined();
    expect(at('2023-05-31T00:00:00Z')).toBe('1');
    expect(at('2023-05-31T15:00:00Z')).toBe('1');
    expect(at('2025-05-30T00:00:00Z')).toBe('1');
    expect(at('2025-05-30T23:59:59Z')).toBe('1');
    expect(at('2025-05-31T00:00:00Z')).toBeUndefined();
  });

  it('takes a record whose status began on its last day, not one that began the day after', () => {
    expect(recordInScope([bounded], 'ZA', 'BW', 'F', new Date('2025-05-30T18:00:00Z'))).toBe(true);
    expect(recordInScope([bounded], 'ZA', 'BW', 'F', new Date('2025-05-31T00:00:00Z'))).toBe(false);
  });
});

describe('what an issuer shares and a receiver takes', () => {
  it('goes by the issuer\'s recognised types, not the receiver\'s', () => {
    // NA's side lists only F: an AEO-S of NA is covered nowhere; ZA's AEO-S is covered at NA.
    expect(coveringArrangement([sacu], 'NA', 'ZA', 'S', new Date('2026-01-01'))).toBeUndefined();
    expect(coveringArrangement([sacu], 'ZA', 'NA', 'S', new Date('2026-01-01'))?.issuerParty.administration).toBe('ZA');
    expect(recordInScope([sacu], 'NA', 'ZA', 'S', new Date('2026-01-01'))).toBe(false);
    expect(recordInScope([sacu], 'ZA', 'NA', 'S', new Date('2026-01-01'))).toBe(true);
  });

  it('never counts the issuer among its own partners, and needs the issuer to be a party', () => {
    expect(partnersCovering([sacu], 'ZA', 'F', new Date('2026-01-01'))).not.toContain('ZA');
    expect(recordInScope([sacu], 'GB', 'ZA', 'F', new Date('2026-01-01'))).toBe(false);
    expect(partnersCovering([sacu], 'GB', 'F', new Date('2026-01-01'))).toEqual([]);
  });

  it('finds the covering arrangement among several, each judged on its own', () => {
    const ended = { ...sacu, id: 'old', effectiveTo: '2020-01-01' };
    const bilateral = { ...sacu, id: 'za-gb', parties: [party('ZA', ['F']), party('GB', ['F'])] };
    expect(coveringArrangement([ended, bilateral, sacu], 'ZA', 'BW', 'F', new Date('2026-01-01'))?.arrangement.id).toBe('1');
    expect(partnersCovering([ended, bilateral, sacu], 'ZA', 'F', new Date('2026-01-01')).sort()).toEqual(['BW', 'GB', 'NA']);
  });

  it('applies amendments from their day on and keeps the days before as they were', () => {
    const amended: Arrangement = {
      ...sacu,
      amendments: [
        { id: 'a', kind: 'drop-type', on: '2026-12-01', administration: 'ZA', aeoType: 'S', reason: 'notes', recordedBy: 'x', recordedAt: '' },
        { id: 'b', kind: 'suspend', on: '2027-01-10', reason: 'audit', recordedBy: 'x', recordedAt: '' },
        { id: 'c', kind: 'resume', on: '2027-02-01', reason: 'audit done', recordedBy: 'x', recordedAt: '' },
        { id: 'd', kind: 'drop-party', on: '2027-03-01', administration: 'NA', reason: 'left', recordedBy: 'x', recordedAt: '' },
      ],
    };
    const day = (d: string) => new Date(`${d}T12:00:00Z`);
    expect(coveringArrangement([amended], 'ZA', 'BW', 'S', day('2026-11-30'))).toBeDefined();
    expect(coveringArrangement([amended], 'ZA', 'BW', 'S', day('2026-12-01'))).toBeUndefined();
    expect(coveringArrangement([amended], 'ZA', 'BW', 'F', day('2026-12-01'))).toBeDefined();
    expect(coveringArrangement([amended], 'ZA', 'BW', 'F', day('2027-01-10'))).toBeUndefined();
    expect(coveringArrangement([amended], 'ZA', 'BW', 'F', day('2027-02-01'))).toBeDefined();
    expect(coveringArrangement([amended], 'NA', 'BW', 'F', day('2027-02-28'))).toBeDefined();
    expect(coveringArrangement([amended], 'NA', 'BW', 'F', day('2027-03-01'))).toBeUndefined();
    expect(partnersCovering([amended], 'ZA', 'F', day('2027-03-01'))).toEqual(['BW']);
    // A record whose status began before the type was dropped is still in scope; one after is not.
    expect(recordInScope([amended], 'ZA', 'BW', 'S', day('2026-06-01'))).toBe(true);
    expect(recordInScope([amended], 'ZA', 'BW', 'S', day('2026-12-02'))).toBe(false);
  });
});
