import express, { NextFunction, Request, Response } from 'express';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes, randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import type { Adapter, AdapterPayload, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { join } from 'node:path';
import { Logger } from 'pino';
import { Role } from '@aeo/platform';

/**
 * The demo's OpenID provider: oidc-provider (a certified OpenID Connect implementation) with the
 * demo users, authorization code with PKCE for the consoles (public clients), and access tokens
 * as JWTs signed ES256 for the registry's audience, carrying `roles` and `adm`. In production any
 * OpenID provider takes its place by configuration (README: Sign-in).
 */
export interface DemoUser {
  username: string;
  password: string;
  name: string;
  /** Where the registry's notices reach them (the access token's email claim). */
  email?: string;
  /** Their language (the token's locale claim), e.g. fr. */
  locale?: string;
  roles: Role[];
  administration: string;
}

export interface ConsoleClient {
  clientId: string;
  /** The console's origin, e.g. http://127.0.0.1:4100 (its /callback receives the code). */
  origin: string;
}

export interface IdentityProviderOptions {
  users: DemoUser[];
  /** The consoles that sign users in here (their origins are known before they start). */
  clients: ConsoleClient[];
  audience: string;
  /** Lifetime of access tokens (default an hour; tests shorten it to see them renewed). */
  accessTokenSeconds?: number;
  host?: string;
  port?: number;
  logger: Logger;
}

export interface RunningIdentityProvider {
  issuer: string;
  /** The JWKS the services verify tokens with. */
  jwksUri: string;
  close(): Promise<void>;
}

const TEXT = {
  en: { title: 'Sign in', username: 'User name', password: 'Password', submit: 'Sign in', wrong: 'The user name or the password is wrong.', signedOut: 'You are signed out.', back: 'Back to the console', logout: 'Sign out?', yes: 'Yes, sign me out' },
  fr: { title: 'Connexion', username: "Nom d'utilisateur", password: 'Mot de passe', submit: 'Se connecter', wrong: "Le nom d'utilisateur ou le mot de passe est incorrect.", signedOut: 'Vous êtes déconnecté.', back: 'Retour à la console', logout: 'Se déconnecter ?', yes: 'Oui, me déconnecter' },
};
type Lang = keyof typeof TEXT;
const langOf = (uiLocales: unknown, acceptLanguage?: string): Lang =>
  String(uiLocales ?? acceptLanguage ?? '').trim().toLowerCase().startsWith('fr') ? 'fr' : 'en';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f1f3f5;display:flex;justify-content:center;padding-top:10vh}main{background:#fff;padding:2rem;border-radius:8px;min-width:320px;box-shadow:0 1px 3px #0002}label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;margin-top:.25rem;box-sizing:border-box}button{margin-top:1.5rem;padding:.6rem 1.2rem;background:#228be6;color:#fff;border:0;border-radius:4px;cursor:pointer}.error{color:#c92a2a}</style></head><body><main>${body}</main></body></html>`;
}

/** oidc-provider's storage for the demo: in memory, with expiry (sessions end with the demo). */
class MemoryAdapter implements Adapter {
  private static store = new Map<string, { payload: AdapterPayload; expires?: number }>();
  constructor(private readonly model: string) {}
  private key(id: string) {
    return `${this.model}:${id}`;
  }
  async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
    MemoryAdapter.store.set(this.key(id), { payload, expires: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
    if (payload.grantId) MemoryAdapter.grants(payload.grantId).add(this.key(id));
    if (payload.userCode) MemoryAdapter.store.set(`userCode:${payload.userCode}`, { payload: { id } as AdapterPayload });
    if (payload.uid) MemoryAdapter.store.set(`${this.model}:uid:${payload.uid}`, { payload: { id } as AdapterPayload });
  }
  async find(id: string) {
    const entry = MemoryAdapter.store.get(this.key(id));
    if (!entry) return undefined;
    if (entry.expires && entry.expires < Date.now()) {
      MemoryAdapter.store.delete(this.key(id));
      return undefined;
    }
    return entry.payload;
  }
  async findByUid(uid: string) {
    const ref = MemoryAdapter.store.get(`${this.model}:uid:${uid}`);
    return ref ? this.find(String(ref.payload.id)) : undefined;
  }
  async findByUserCode(userCode: string) {
    const ref = MemoryAdapter.store.get(`userCode:${userCode}`);
    return ref ? this.find(String(ref.payload.id)) : undefined;
  }
  async consume(id: string) {
    const entry = MemoryAdapter.store.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    MemoryAdapter.store.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string) {
    for (const key of MemoryAdapter.grants(grantId)) MemoryAdapter.store.delete(key);
    MemoryAdapter.grantKeys.delete(grantId);
  }
  private static grantKeys = new Map<string, Set<string>>();
  private static grants(grantId: string): Set<string> {
    let keys = MemoryAdapter.grantKeys.get(grantId);
    if (!keys) MemoryAdapter.grantKeys.set(grantId, (keys = new Set()));
    return keys;
  }
}

function signingKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'ES256', use: 'sig' };
}

/** A console as a public client: authorization code with PKCE, back to its own /callback. */
function clientMetadata(client: ConsoleClient) {
  return {
    client_id: client.clientId,
    token_endpoint_auth_method: 'none' as const,
    application_type: 'web' as const,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code' as const],
    redirect_uris: [`${client.origin}/callback`],
    post_logout_redirect_uris: [`${client.origin}/`],
    id_token_signed_response_alg: 'ES256' as const,
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export async function startIdentityProvider(options: IdentityProviderOptions): Promise<RunningIdentityProvider> {
  const { default: Provider } = await import('oidc-provider');
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  const users = new Map(options.users.map((u) => [u.username, u]));
  const clients: NonNullable<Configuration['clients']> = options.clients.map(clientMetadata);
  const keys = [signingKey()];
  const cookieKeys = [randomBytes(32).toString('hex')];

  const configuration: Configuration = {
    adapter: MemoryAdapter,
    clients,
    jwks: { keys: keys as never },
    cookies: { keys: cookieKeys },
    pkce: { methods: ['S256'], required: () => true },
    claims: { openid: ['sub'], profile: ['name'] },
    scopes: ['openid', 'profile', 'registry'],
    findAccount: async (_ctx, id) => {
      const user = users.get(id);
      return user ? { accountId: id, claims: async () => ({ sub: id, name: user.name }) } : undefined;
    },
    extraTokenClaims: async (_ctx, token) => {
      const user = 'accountId' in token && token.accountId ? users.get(String(token.accountId)) : undefined;
      // The services read who is calling from the access token: roles and administration, and the
      // standard claims notifications needs to reach the person (address, name, language).
      return user ? { roles: user.roles, adm: user.administration, name: user.name, ...(user.email ? { email: user.email } : {}), ...(user.locale ? { locale: user.locale } : {}) } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // The consoles call the token endpoint from their own origin: allowed for a client's own origins only.
    // The consoles renew their tokens with a refresh token (rotated at each use: the default for public clients).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx, origin, client) => (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin),
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => `urn:${options.audience}`,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'registry',
          audience: options.audience,
          accessTokenTTL: options.accessTokenSeconds ?? 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          const lang = langOf(ctx.oidc.params?.ui_locales, ctx.get('accept-language'));
          const t = TEXT[lang];
          ctx.body = page(lang, t.logout, `${form}<h1>${t.logout}</h1><button autofocus type="submit" form="op.logoutForm" name="logout" value="yes">${t.yes}</button>`);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          const lang = langOf(undefined, ctx.get('accept-language'));
          const t = TEXT[lang];
          ctx.body = page(lang, t.signedOut, `<h1>${t.signedOut}</h1>`);
        },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('en', 'Error', `<h1>${escape(String(out.error))}</h1><p>${escape(String(out.error_description ?? ''))}</p>`);
    },
    ttl: { AccessToken: options.accessTokenSeconds ?? 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 3600, Session: 8 * 3600, Grant: 8 * 3600, RefreshToken: 8 * 3600, ClientCredentials: 600, DeviceCode: 600, BackchannelAuthenticationRequest: 600 },
  };

  const provider = new Provider(issuer, configuration);
  const handle = provider.callback();
  const app = express();
  app.disable('x-powered-by');
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  const login = (res: Response, uid: string, lang: Lang, error?: string) => {
    const t = TEXT[lang];
    res.type('html').send(
      page(lang, t.title, `<h1>${t.title}</h1>${error ? `<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
<label>${t.username}<input name="username" required autofocus></label>
<label>${t.password}<input name="password" type="password" required></label>
<button type="submit">${t.submit}</button></form>`),
    );
  };

  app.get('/interaction/:uid', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const lang = langOf(details.params.ui_locales, req.get('accept-language'));
      if (details.prompt.name === 'login') return login(res, details.uid, lang);
      // The consoles are the registry's own clients: what they ask for is granted without a consent screen.
      const { prompt, params, session, grantId } = details;
      const grant = grantId ? await provider.Grant.find(grantId) : new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
      const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant!.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant!.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant!.addResourceScope(indicator, scopes.join(' '));
      await provider.interactionFinished(req, res, { consent: { grantId: await grant!.save() } }, { mergeWithLastSubmission: true });
    } catch (e) {
      next(e);
    }
  });

  app.post('/interaction/:uid/login', form, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const lang = langOf(details.params.ui_locales, req.get('accept-language'));
      const user = users.get(String(req.body?.username ?? ''));
      const given = String(req.body?.password ?? '');
      if (!user || !timingSafeEqual(digest(given), digest(user.password))) {
        options.logger.info({ username: String(req.body?.username ?? '').slice(0, 64) }, 'identity provider: sign-in refused');
        res.status(401);
        return login(res, details.uid, lang, TEXT[lang].wrong);
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
    } catch (e) {
      next(e);
    }
  });

  app.use((req: Request, res: Response) => handle(req, res));
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    options.logger.info({ error: error.message }, 'identity provider: interaction refused');
    res.status(400).type('html').send(page('en', 'Error', `<h1>${escape(error.message)}</h1>`));
  });
  server.on('request', app);

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The provider in a process of its own (oidc-provider is an ES module, which jest's CommonJS
 * runtime cannot load; a separate process is also how a real provider runs). It prints one line,
 * `ready {"issuer":…}`, when it listens.
 */
export async function spawnIdentityProvider(options: Omit<IdentityProviderOptions, 'logger'>): Promise<Pick<RunningIdentityProvider, 'issuer' | 'jwksUri' | 'close'>> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'identity-provider.main.ts')], {
    env: { ...process.env, IDENTITY_PROVIDER_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ issuer: string; jwksUri: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('ready '));
      if (line) resolve(JSON.parse(line.slice('ready '.length)));
    });
    child.once('exit', (code) => reject(new Error(`the identity provider exited (${code}) before it was ready`)));
  });
  return {
    ...ready,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
