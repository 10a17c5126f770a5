import { transitionProblem } from './authorisation-lifecycle';

describe('authorisation life cycle', () => {
  it('lets a supervisor suspend a valid authorisation and reinstate a suspended one', () => {
    expect(transitionProblem('suspend', 'valid', ['supervisor'])).toBeUndefined();
    expect(transitionProblem('reinstate', 'suspended', ['supervisor'])).toBeUndefined();
  });

  it('refuses the wrong role and the wrong status, saying which', () => {
    expect(transitionProblem('suspend', 'valid', ['officer'])).toBe('suspend needs one of the roles: supervisor');
    expect(transitionProblem('suspend', 'revoked', ['supervisor'])).toBe('cannot suspend an authorisation that is revoked');
    expect(transitionProblem('reinstate', 'valid', ['supervisor'])).toMatch(/cannot reinstate/);
  });
});
