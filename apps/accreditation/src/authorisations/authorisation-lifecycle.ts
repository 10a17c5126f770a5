import { Role } from '@aeo/platform';

/**
 * The statuses of an authorisation and who may move it between them (DOMAIN.md, "The
 * accreditation life cycle"). This is the minimal path of the foundation; the full workflow,
 * with hearings, cure periods and partial revocation, extends this table.
 */
export const AUTHORISATION_STATUSES = ['valid', 'suspended', 'revoked', 'withdrawn', 'expired'] as const;
export type AuthorisationStatus = (typeof AUTHORISATION_STATUSES)[number];

export type AuthorisationAction = 'suspend' | 'reinstate' | 'revoke';

interface Transition {
  from: AuthorisationStatus[];
  to: AuthorisationStatus;
  roles: Role[];
  reasonRequired: boolean;
}

export const AUTHORISATION_TRANSITIONS: Record<AuthorisationAction, Transition> = {
  suspend: { from: ['valid'], to: 'suspended', roles: ['supervisor'], reasonRequired: true },
  reinstate: { from: ['suspended'], to: 'valid', roles: ['supervisor'], reasonRequired: true },
  revoke: { from: ['valid', 'suspended'], to: 'revoked', roles: ['supervisor'], reasonRequired: true },
};

/** Says why an action may not be taken now, or nothing when it may. */
export function transitionProblem(
  action: AuthorisationAction,
  current: AuthorisationStatus,
  roles: Role[],
): string | undefined {
  const t = AUTHORISATION_TRANSITIONS[action];
  if (!t.roles.some((r) => roles.includes(r))) return `${action} needs one of the roles: ${t.roles.join(', ')}`;
  if (!t.from.includes(current)) return `cannot ${action} an authorisation that is ${current}`;
  return undefined;
}
