import { isMsme } from '@aeo/contracts';
import { sizeClassOf, SizeLimits } from './size-class';

const eu: SizeLimits = {
  micro: { maxEmployees: 9, maxTurnover: 2_000_000 },
  small: { maxEmployees: 49, maxTurnover: 10_000_000 },
  medium: { maxEmployees: 249, maxTurnover: 50_000_000 },
};

describe('size class', () => {
  it('takes the first class whose both limits hold', () => {
    expect(sizeClassOf(5, 1_000_000, eu)).toBe('micro');
    expect(sizeClassOf(5, 3_000_000, eu)).toBe('small');
    expect(sizeClassOf(60, 1_000_000, eu)).toBe('medium');
    expect(sizeClassOf(249, 50_000_000, eu)).toBe('medium');
    expect(sizeClassOf(250, 1, eu)).toBe('large');
    expect(sizeClassOf(10, 60_000_000, eu)).toBe('large');
  });

  it('sends micro, small and medium operators down the MSME route', () => {
    expect(['micro', 'small', 'medium', 'large'].map((s) => isMsme(s as never))).toEqual([true, true, true, false]);
  });
});
