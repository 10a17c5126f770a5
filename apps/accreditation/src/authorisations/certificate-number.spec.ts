import { certificateNumber } from './certificate-number';

it('numbers certificates EU style', () => {
  expect(certificateNumber('ZA', 'F', 123)).toBe('ZAAEOF0000123');
  expect(certificateNumber('BW', 'C', 1)).toBe('BWAEOC0000001');
});
