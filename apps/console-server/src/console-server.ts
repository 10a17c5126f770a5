import express, { NextFunction, Request, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { existsSync } from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Logger } from 'pino';

/** The services a console reaches, by the name in its path: /api/<service>/… */
export const CONSOLE_SERVICES = ['operator-registry', 'accreditation', 'conduct-compliance', 'mra-exchange', 'notifications'] as const;
export type ConsoleService = (typeof CONSOLE_SERVICES)[number];

export interface ConsoleServerOptions {
  /** ISO 3166 alpha-2 code and name of the administration this console serves. */
  administration: string;
  name: string;
  /** Base URL of each of the administration's services. */
  services: Record<ConsoleService, string>;
  /** The OpenID provider users sign in with, and this console's (public) client id there. */
  oidc: { authority: string; clientId: string };
  /** The built console (vite build: dist/apps/console). */
  assets: string;
  host?: string;
  port?: number;
  logger: Logger;
}

export interface RunningConsole {
  url: string;
  close(): Promise<void>;
}

/**
 * One origin per administration: the console's files, its configuration, and `/api/<service>/…`
 * forwarded to that administration's service (so the browser needs no CORS, and the token goes
 * in the Authorization header, never in a URL). The server keeps no state and no token.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<RunningConsole> {
  const index = join(options.assets, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`the console is not built (${index} is missing): run npx nx run console:build`);
  }
  const app = express();
  app.disable('x-powered-by');
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });

  app.get('/config.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ administration: options.administration, name: options.name, authority: options.oidc.authority, clientId: options.oidc.clientId });
  });

  // The services' metrics are for the administration's monitoring, on its internal network: never through the console's origin.
  app.use(/^\/api\/[^/]+\/metrics(\/|$)/, (_req: Request, res: Response) => problem(res, 404, 'console.not_forwarded', 'metrics are not served through the console'));
  for (const service of CONSOLE_SERVICES) {
    app.use(
      `/api/${service}`,
      createProxyMiddleware({
        target: options.services[service],
        changeOrigin: true,
        xfwd: true,
        proxyTimeout: 30_000,
        on: {
          error: (error, _req, res) => {
            options.logger.warn({ service, error: error.message }, 'console: a service did not answer');
            const response = res as Response;
            if (!response.headersSent && typeof response.status === 'function') {
              problem(response, 502, 'console.service_unavailable', `${service} did not answer; try again in a moment`);
            } else {
              // Cut off mid-answer: end it, so the browser does not wait for the rest.
              (res as { destroy?: () => void }).destroy?.();
            }
          },
        },
      }),
    );
  }
  app.use('/api', (req: Request, res: Response) => problem(res, 404, 'console.no_such_service', `no service at ${req.originalUrl.split('?')[0]}; the console reaches ${CONSOLE_SERVICES.join(', ')}`));

  app.use(
    '/assets',
    express.static(join(options.assets, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.use(express.static(options.assets, { index: false, maxAge: 0 }));
  // Every other GET is a page of the console: the browser's router takes it from index.html.
  app.get(/^\/(?!api\/|assets\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  app.use((error: Error & { status?: number; statusCode?: number }, _req: Request, res: Response, _next: NextFunction) => {
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 500) options.logger.error({ error: error.message }, 'console: internal error');
    problem(res, status, status === 404 ? 'console.not_found' : `http.${status}`, status >= 500 ? 'internal error' : error.message);
  });

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  options.logger.info({ url, administration: options.administration }, 'console started');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function problem(res: Response, status: number, code: string, detail: string): void {
  res.status(status).type('application/problem+json').json({ type: `urn:aeo-registry:problem:${code}`, title: status === 404 ? 'Not Found' : 'Error', status, code, detail });
}
