import 'reflect-metadata';
import { ACCREDITATION } from '@aeo/accreditation';
import { CONDUCT_COMPLIANCE } from '@aeo/conduct-compliance';
import { ServiceDefinition } from '@aeo/messaging';
import { generateSigningKeyPair, MRA_EXCHANGE } from '@aeo/mra-exchange';
import { OPERATOR_REGISTRY } from '@aeo/operator-registry';
import { loadConfig, ServiceConfig } from '@aeo/platform';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { MULTER_MODULE_OPTIONS } from '@nestjs/platform-express/multer/files.constants';
import pino from 'pino';
import { controllersOf } from './module-graph';

const env = {
  ADMINISTRATION: 'ZA',
  DATABASE_URL: 'postgres://unused/unused',
  JWT_SECRET: 'x'.repeat(32),
  MRA_SIGNING_KEY: generateSigningKeyPair().privateKeyPem,
};

/** What each service registers: its controllers and event handlers, and its own class providers. */
const EXPECTED: { definition: ServiceDefinition<any>; controllers: string[]; providers: string[] }[] = [
  {
    definition: OPERATOR_REGISTRY,
    controllers: ['HealthController', 'OperatorsController'],
    providers: ['OperatorsService'],
  },
  {
    definition: ACCREDITATION,
    controllers: [
      'HealthController', 'ApplicationsController', 'EvidenceController', 'AuthorisationsController', 'SaqController',
      'FiguresController', 'HistoryController', 'OperatorEventsHandler',
    ],
    providers: [
      'WorkflowEvents', 'CertificateNumbering', 'AuthorisationWorkflow', 'ApplicationWorkflow', 'ApplicationsService',
      'EvidenceService', 'AuthorisationsService', 'FiguresService', 'HistoryService', 'DeadlineScheduler',
    ],
  },
  {
    definition: CONDUCT_COMPLIANCE,
    controllers: [
      'HealthController', 'OperatorEventsHandler', 'CodesOfConductController', 'PersonnelController', 'DeclarationsController',
      'IncidentsController', 'ComplianceController', 'FiguresController',
    ],
    providers: [
      'CodesOfConductService', 'ComplianceService', 'ComplianceScheduler', 'PersonnelService', 'DeclarationsService',
      'IncidentsService', 'FiguresService',
    ],
  },
  {
    definition: MRA_EXCHANGE,
    controllers: [
      'HealthController', 'ArrangementsController', 'RecognitionController', 'HolderEventsHandler', 'PartnerRecordsHandler',
      'ExchangeRequestsHandler', 'DirectoryController', 'ExchangeFiguresController',
    ],
    providers: [
      'ArrangementsService', 'ArrangementCache', 'RecordPublisher', 'ExchangeSigner', 'RecognitionService', 'DirectoryService', 'ExchangeFiguresService',
      'ExchangeRequester',
    ],
  },
];

/**
 * The service's root module, and its Nest application in preview mode: every module scanned and every
 * dependency of every provider, controller, guard and interceptor looked up in the module that declares
 * it, nothing constructed (no database, no transport). Never initialised, so no lifecycle hook runs.
 * Built once per service (TypeORM warns when a data source name is registered twice in a process).
 */
const built = new Map<string, Promise<{ root: DynamicModule; app: INestApplication }>>();
function preview(definition: ServiceDefinition<any>): Promise<{ root: DynamicModule; app: INestApplication }> {
  if (!built.has(definition.name)) {
    const root = (definition as ServiceDefinition<ServiceConfig>).module(loadConfig(definition.configClass, env), pino({ level: 'silent' }));
    built.set(definition.name, NestFactory.create(root, { preview: true, logger: false, abortOnError: false }).then((app) => ({ root, app })));
  }
  return built.get(definition.name)!;
}

/** Class name → in how many modules of the application it is registered. */
function registrations(app: INestApplication, of: 'controllers' | 'providers'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const token of module[of].keys()) {
      if (typeof token !== 'function' || token === module.metatype) continue;
      counts.set(token.name, (counts.get(token.name) ?? 0) + 1);
    }
  }
  return counts;
}

describe.each(EXPECTED)('the module graph of $definition.name', ({ definition, controllers, providers }) => {
  let root: DynamicModule;
  let app: INestApplication;
  beforeAll(async () => {
    ({ root, app } = await preview(definition));
  });

  it('resolves every dependency in the module that declares it', async () => {
    // Nest's preview rejects when a provider, controller or guard has a dependency it cannot find.
    await expect(preview(definition)).resolves.toMatchObject({ app: expect.anything() });
  });

  it('registers each controller and event handler once, and no other', () => {
    const counts = registrations(app, 'controllers');
    expect([...counts.keys()].sort()).toEqual([...controllers].sort());
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(controllersOf(root).map((c) => c.name).sort()).toEqual(
      [...controllers].sort(),
    );
  });

  it('registers each of its providers in one module only (one instance each)', () => {
    const counts = registrations(app, 'providers');
    expect(Object.fromEntries(providers.map((p) => [p, counts.get(p)]))).toEqual(Object.fromEntries(providers.map((p) => [p, 1])));
  });
});

describe('accreditation evidence uploads', () => {
  it('are read with the multer options of the configuration (the module of EvidenceController imports them)', async () => {
    const { app } = await preview(ACCREDITATION);
    const host = [...app.get(ModulesContainer).values()].find((m) => [...m.controllers.keys()].some((c) => (c as Function).name === 'EvidenceController'));
    const visible = host!.providers.has(MULTER_MODULE_OPTIONS) || [...host!.imports].some((m) => m.exports.has(MULTER_MODULE_OPTIONS));
    expect(visible).toBe(true);
  });
});
