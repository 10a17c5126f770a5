import { coveringArrangement, partnersCovering, recordInScope } from './arrangement-coverage';
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
