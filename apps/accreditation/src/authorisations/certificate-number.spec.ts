import { certificateNumber, serialIn } from './certificate-number';

describe('certificate numbers', () => {
  it('follow the EU style by default: country, AEO, type, 7-digit serial', () => {
    expect(certificateNumber('ZA', 'F', 123)).toBe('ZAAEOF0000123');
  });

  it('follow the format an administration sets', () => {
    expect(certificateNumber('BW', 'S', 42, 'BW-{type}-{serial:5}')).toBe('BW-S-00042');
    expect(certificateNumber('NA', 'C', 42, 'NA/{type}/{serial:10}')).toBe('NA/C/0000000042'); // a width of two digits
    expect(certificateNumber('LS', 'F', 42, 'LS{type}{serial}')).toBe('LSF42'); // no width: the serial as it is
  });

  it('reads the serial back from a number of the same format (an imported certificate), and nothing from another', () => {
    expect(serialIn('ZAAEOF0000123', 'ZA')).toBe(123);
    expect(serialIn('ZAAEOS0009001', 'ZA')).toBe(9001);
    expect(serialIn('BWAEOF0000123', 'ZA')).toBeNull();
    expect(serialIn('ZA/AEO/S/2019/12', 'ZA')).toBeNull();
    expect(serialIn('NA/C/0000000042', 'NA', 'NA/{type}/{serial:10}')).toBe(42);
    expect(serialIn('NAXC0000000042', 'NA', 'NA/{type}/{serial:10}')).toBeNull(); // the "/" is literal, not any character
  });
});
