import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { TokenVerifier } from './auth/token-verifier';
import { ServiceConfig } from './config/service-config';
import { HealthCheck } from './health/health.controller';
import { Clock, SystemClock } from './time/clock';
import { MetricsController } from './metrics/metrics.controller';
import { ServiceMetrics } from './metrics/service-metrics';
import { SpanExport } from './tracing/span-export';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');

/** Sends the spans still waiting when the service stops. */
@Injectable()
class SpanExportShutdown implements OnApplicationShutdown {
  constructor(@Inject(SpanExport) private readonly spans: SpanExport) {}
  async onApplicationShutdown(): Promise<void> {
    await this.spans.shutdown();
  }
}

/** What every service module imports: its config, logger, clock and the global JWT guard. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: ServiceConfig, logger: PinoLogger, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: SERVICE_LOGGER, useValue: logger },
        { provide: Clock, useValue: clock },
        { provide: ServiceMetrics, useValue: new ServiceMetrics({ service: String(logger.bindings().service ?? 'service'), administration: config.ADMINISTRATION }) },
        {
          provide: SpanExport,
          useValue: new SpanExport({
            endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
            serviceName: `${config.ADMINISTRATION.toLowerCase()}.${String(logger.bindings().service ?? 'service')}`,
            administration: config.ADMINISTRATION,
          }),
        },
        SpanExportShutdown,
        {
          provide: APP_GUARD,
          useFactory: (reflector: Reflector) => new JwtAuthGuard(reflector, tokenVerifier(config), config.ADMINISTRATION),
          inject: [Reflector],
        },
      ],
      controllers: [MetricsController],
      exports: [SERVICE_CONFIG, SERVICE_LOGGER, Clock, ServiceMetrics, SpanExport],
    };
  }
}

/** Tokens of the configured OpenID provider (JWKS), and HS256 ones where a shared secret is set (tests, demo seeding). */
export function tokenVerifier(config: ServiceConfig): TokenVerifier {
  return new TokenVerifier({
    shared: config.JWT_SECRET ? { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE } : undefined,
    oidc: config.OIDC_ISSUER
      ? {
          issuer: config.OIDC_ISSUER,
          jwksUri: config.OIDC_JWKS_URI,
          audience: config.OIDC_AUDIENCE,
          rolesClaim: config.OIDC_ROLES_CLAIM,
          administrationClaim: config.OIDC_ADMINISTRATION_CLAIM,
        }
      : undefined,
  });
}

export function databaseHealthCheck(dataSource: DataSource): HealthCheck {
  return { name: 'postgresql', check: async () => void (await dataSource.query('SELECT 1')) };
}
