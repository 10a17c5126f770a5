/** The roles of DOMAIN.md's users. */
export const ROLES = ['trader', 'officer', 'supervisor', 'partner', 'agency', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, read from a verified token. */
export interface Principal {
  subject: string;
  roles: Role[];
  /** ISO 3166 alpha-2 code of the caller's administration. */
  administration: string;
}

/** Claims of the registry's access tokens beyond the registered ones (sub, iss, aud, exp). */
export interface AccessTokenClaims {
  roles: Role[];
  adm: string;
}

/**
 * The administration's own staff: they see every operator of their administration (the guard
 * has checked the token's administration); a trader sees only the operators it registered.
 */
export const STAFF_ROLES: readonly Role[] = ['officer', 'supervisor', 'auditor'];

export function isStaff(by: Pick<Principal, 'roles'>): boolean {
  return by.roles.some((r) => STAFF_ROLES.includes(r));
}
