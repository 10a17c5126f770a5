import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { ServiceConfig } from './config/service-config';
import { HealthCheck } from './health/health.controller';
import { Clock, SystemClock } from './time/clock';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');

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
        {
          provide: APP_GUARD,
          useFactory: (reflector: Reflector) =>
            new JwtAuthGuard(
              reflector,
              { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
              config.ADMINISTRATION,
            ),
          inject: [Reflector],
        },
      ],
      exports: [SERVICE_CONFIG, SERVICE_LOGGER, Clock],
    };
  }
}

export function databaseHealthCheck(dataSource: DataSource): HealthCheck {
  return { name: 'postgresql', check: async () => void (await dataSource.query('SELECT 1')) };
}
