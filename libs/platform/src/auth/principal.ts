/** The roles of DOMAIN.md's users. */
export const ROLES = ['trader', 'officer', 'supervisor', 'partner', 'agency', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, read from a verified token. */
export interface Principal {
  subject: string;
  roles: Role[];
  /** ISO 3166 alpha-2 code of the caller's administration. */
  administration: string;
  /** OpenID Connect's standard claims, when the token carries them (notifications reach people by them). */
  email?: string;
  name?: string;
  /** BCP 47 language tag, e.g. fr or en-ZA. */
  locale?: string;
}

/** The standard claims a principal may carry, read from a verified token (anything else ignored). */
export function profileClaims(payload: Record<string, unknown>): Pick<Principal, 'email' | 'name' | 'locale'> {
  const text = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);
  const email = text(payload.email, 254);
  return {
    email: email && /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined,
    name: text(payload.name, 200),
    locale: text(payload.locale, 35),
  };
}

/** Claims of the registry's access tokens beyond the registered ones (sub, iss, aud, exp). */
export interface AccessTokenClaims {
  roles: Role[];
  adm: string;
  email?: string;
  name?: string;
  locale?: string;
}

/**
 * The administration's own staff: they see every operator of their administration (the guard
 * has checked the token's administration); a trader sees only the operators it registered.
 */
export const STAFF_ROLES: readonly Role[] = ['officer', 'supervisor', 'auditor'];

export function isStaff(by: Pick<Principal, 'roles'>): boolean {
  return by.roles.some((r) => STAFF_ROLES.includes(r));
}
