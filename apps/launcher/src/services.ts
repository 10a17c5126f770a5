import { ACCREDITATION } from '@aeo/accreditation';
import { CONDUCT_COMPLIANCE } from '@aeo/conduct-compliance';
import { ServiceDefinition } from '@aeo/messaging';
import { generateSigningKeyPair, MRA_EXCHANGE } from '@aeo/mra-exchange';
import { NOTIFICATIONS } from '@aeo/notifications';
import { OPERATOR_REGISTRY } from '@aeo/operator-registry';
import { loadConfig, ServiceConfig } from '@aeo/platform';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';

/** The services of one administration's registry, in the order they start: the one list of them. */
export const SERVICE_DEFINITIONS = [OPERATOR_REGISTRY, ACCREDITATION, CONDUCT_COMPLIANCE, MRA_EXCHANGE, NOTIFICATIONS] as unknown as ServiceDefinition<ServiceConfig>[];

export type ServiceName = 'operator-registry' | 'accreditation' | 'conduct-compliance' | 'mra-exchange' | 'notifications';

/** An environment every service accepts, for the module graph without a database or a broker. */
const PREVIEW_ENV = {
  ADMINISTRATION: 'ZA',
  DATABASE_URL: 'postgres://unused/unused',
  JWT_SECRET: 'x'.repeat(32),
  MRA_SIGNING_KEY: generateSigningKeyPair().privateKeyPem,
};

/**
 * A service's root module and its Nest application in preview mode: every module scanned and every
 * dependency looked up in the module that declares it, nothing constructed (no database, no
 * transport), no lifecycle hook run. Built once per service and process (TypeORM warns when a data
 * source name is registered twice). The OpenAPI documents and the module-graph tests read it.
 */
const built = new Map<string, Promise<{ root: DynamicModule; app: INestApplication }>>();
export function previewApp(definition: ServiceDefinition<any>): Promise<{ root: DynamicModule; app: INestApplication }> {
  if (!built.has(definition.name)) {
    const root = (definition as ServiceDefinition<ServiceConfig>).module(loadConfig(definition.configClass, PREVIEW_ENV), pino({ level: 'silent' }));
    built.set(definition.name, NestFactory.create(root, { preview: true, logger: false, abortOnError: false }).then((app) => ({ root, app })));
  }
  return built.get(definition.name)!;
}
