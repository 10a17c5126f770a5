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
