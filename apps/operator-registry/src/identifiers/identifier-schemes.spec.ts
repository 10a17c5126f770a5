import { identifierProblem } from './identifier-schemes';

describe('identifier schemes', () => {
  it('accepts well-formed identifiers', () => {
    expect(identifierProblem('TIN', '9012345678', 'ZA')).toBeUndefined();
    expect(identifierProblem('EORI', 'ZA123456789012345', 'ZA')).toBeUndefined();
    expect(identifierProblem('AEO', 'CN1234567890', 'CN')).toBeUndefined();
  });

  it('refuses malformed ones and says why', () => {
    expect(identifierProblem('TIN', '12', 'ZA')).toMatch(/not well formed/);
    expect(identifierProblem('EORI', 'ZA1234567890123456', 'ZA')).toMatch(/not well formed/);
    expect(identifierProblem('EORI', 'BW12345', 'ZA')).toBe("EORI identifier BW12345 must start with its issuer's country code ZA");
    expect(identifierProblem('AEO', 'CN1234567890', 'ZA')).toBe("AEO identifier CN1234567890 must start with its issuer's country code ZA");
    expect(identifierProblem('TIN', 'CN1234567890', 'ZA')).toBeUndefined(); // a TIN carries no country code
  });
});
