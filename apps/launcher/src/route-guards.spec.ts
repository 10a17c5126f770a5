import 'reflect-metadata';
import { ServiceDefinition } from '@aeo/messaging';
import { generateSigningKeyPair } from '@aeo/mra-exchange';
import { IS_PUBLIC, loadConfig, REQUIRED_ROLES, ServiceConfig } from '@aeo/platform';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
/** Where @ApiResponse and its kin keep what a route answers (@nestjs/swagger's API_RESPONSE). */
const API_RESPONSE = 'swagger/apiResponse';
import pino from 'pino';
import { controllersOf } from './module-graph';
import { SERVICE_DEFINITIONS } from './services';

const env = {
  ADMINISTRATION: 'ZA',
  DATABASE_URL: 'postgres://unused/unused',
  JWT_SECRET: 'x'.repeat(32),
  MRA_SIGNING_KEY: generateSigningKeyPair().privateKeyPem,
};

/** Every HTTP route of every service, with what it says about who may call it. */
function routes(definition: ServiceDefinition<ServiceConfig>) {
  const module = definition.module(loadConfig(definition.configClass, env), pino({ level: 'silent' }));
  return controllersOf(module).flatMap((controller) => {
    const prototype = (controller as Function).prototype;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor' && Reflect.getMetadata(METHOD_METADATA, prototype[name]) !== undefined)
      .filter((name) => Reflect.getMetadata(PATH_METADATA, prototype[name]) !== undefined)
      .map((name) => ({
        route: `${definition.name} ${(controller as Function).name}.${name}`,
        public: Reflect.getMetadata(IS_PUBLIC, prototype[name]) ?? Reflect.getMetadata(IS_PUBLIC, controller),
        guards: [...(Reflect.getMetadata(GUARDS_METADATA, controller) ?? []), ...(Reflect.getMetadata(GUARDS_METADATA, prototype[name]) ?? [])].map((g: Function) => g.name),
        roles: Reflect.getMetadata(REQUIRED_ROLES, prototype[name]) ?? Reflect.getMetadata(REQUIRED_ROLES, controller),
        responses: (Reflect.getMetadata(API_RESPONSE, prototype[name]) ?? {}) as Record<string, { type?: unknown; schema?: unknown }>,
      }));
  });
}

describe('authentication by construction', () => {
  const all = SERVICE_DEFINITIONS.flatMap((d) =>
    routes(d as unknown as ServiceDefinition<ServiceConfig>),
  );

  it('finds the routes', () => {
    expect(all.length).toBeGreaterThan(15);
    expect(all.map((r) => r.route)).toContain('accreditation AuthorisationsController.act');
    expect(all.map((r) => r.route)).toContain('conduct-compliance IncidentsController.review');
  });

  it('gives partner and agency tokens none of accreditation and conduct-compliance', () => {
    const open = all
      .filter((r) => /^(accreditation|conduct-compliance) /.test(r.route) && !r.public)
      .filter((r) => (r.roles ?? []).some((role: string) => role === 'partner' || role === 'agency'))
      .map((r) => r.route);
    expect(open).toEqual([]);
  });

  it('every route names the roles that may call it, or is marked public', () => {
    const unguarded = all.filter((r) => !r.public && !(Array.isArray(r.roles) && r.roles.length > 0)).map((r) => r.route);
    expect(unguarded).toEqual([]);
  });

  it('only health, the signing key, the public directory, the metrics, a certificate\'s verify page and the credentials\' verifier, keys, status lists and context are public', () => {
    // The partner feed is not a user's route: a partner's system signs in with its MRA key instead.
    const partnerFeed = all.filter((r) => r.route.includes(' PartnerFeedController.'));
    expect(partnerFeed.length).toBeGreaterThan(0);
    for (const r of partnerFeed) expect(r.guards).toContain('PartnerAssertionGuard');
    const publicRoutes = [...new Set(all.filter((r) => r.public && !r.guards.includes('PartnerAssertionGuard')).map((r) => r.route.split(' ')[1]))].sort();
    expect(publicRoutes).toEqual([
      'ArrangementsController.signingKey',
      'AuthorisationsController.verify',
      'CredentialsController.context',
      'CredentialsController.jwks',
      'CredentialsController.statusList',
      'CredentialsController.verify',
      'DirectoryController.search',
      'HealthController.live',
      'HealthController.ready',
      'MetricsController.scrape',
    ]);
  });
});

describe('OpenAPI documents by construction', () => {
  const all = SERVICE_DEFINITIONS.flatMap((d) =>
    routes(d as unknown as ServiceDefinition<ServiceConfig>),
  );

  it('every route documents what it answers on success (the console\'s clients are generated from it)', () => {
    const undocumented = all
      .filter((r) => !Object.entries(r.responses).some(([status, response]) => /^2/.test(status) && (response.type || response.schema)))
      .map((r) => r.route);
    expect(undocumented).toEqual([]);
  });
});
