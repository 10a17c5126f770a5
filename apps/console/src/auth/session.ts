import { User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { ConsoleConfig } from '../config';

/** The roles the registry's tokens carry (libs/platform/src/auth/principal.ts). */
export type Role = 'trader' | 'officer' | 'supervisor' | 'partner' | 'agency' | 'auditor';

export interface SignedIn {
  subject: string;
  name: string;
  roles: Role[];
  administration: string;
  accessToken: string;
}

/**
 * Sign-in by OpenID Connect, authorization code with PKCE (oidc-client-ts). The tokens stay in
 * this tab's session storage; they never appear in a URL the registry serves.
 */
export function createUserManager(config: ConsoleConfig): UserManager {
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${window.location.origin}/callback`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    scope: 'openid profile',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    popup_redirect_uri: `${window.location.origin}/callback`,
    // Renewed with the refresh token before the access token expires.
    automaticSilentRenew: true,
    loadUserInfo: false,
  });
}

/** The claims the console needs, read from the access token the services verify. */
export function signedIn(user: User | null): SignedIn | undefined {
  if (!user || user.expired) return undefined;
  const claims = decodeJwt(user.access_token);
  return {
    subject: String(claims.sub ?? user.profile.sub),
    name: String(user.profile.name ?? claims.sub ?? ''),
    roles: Array.isArray(claims.roles) ? (claims.roles as Role[]) : [],
    administration: String(claims.adm ?? ''),
    accessToken: user.access_token,
  };
}

function decodeJwt(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
}

