import 'reflect-metadata';
import { ACCREDITATION } from '@aeo/accreditation';
import { CONDUCT_COMPLIANCE } from '@aeo/conduct-compliance';
import { ServiceDefinition } from '@aeo/messaging';
import { MRA_EXCHANGE } from '@aeo/mra-exchange';
import { NOTIFICATIONS } from '@aeo/notifications';
import { OPERATOR_REGISTRY } from '@aeo/operator-registry';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { MULTER_MODULE_OPTIONS } from '@nestjs/platform-express/multer/files.constants';
import { controllersOf } from './module-graph';
import { previewApp, SERVICE_DEFINITIONS } from './services';

/** What each service registers: its controllers and event handlers, and its own class providers. */
const EXPECTED: { definition: ServiceDefinition<any>; controllers: string[]; providers: string[] }[] = [
  {
    definition: OPERATOR_REGISTRY,
    controllers: ['HealthController', 'MetricsController', 'DeadLettersController', 'RepresentativesController', 'OperatorsController', 'OperatorImportsController'],
    providers: ['RepresentativesService', 'OperatorsService', 'OperatorImportsService'],
  },
  {
    definition: ACCREDITATION,
    controllers: [
      'HealthController', 'MetricsController', 'DeadLettersController', 'ApplicationsController', 'EvidenceController', 'AuthorisationsController', 'SaqController',
      'FiguresController', 'HistoryController', 'AuthorisationImportsController', 'OperatorEventsHandler', 'CredentialsController',
    ],
    providers: [
      'WorkflowEvents', 'CertificateNumbering', 'AuthorisationWorkflow', 'ApplicationWorkflow', 'ApplicationsService',
      'EvidenceService', 'AuthorisationsService', 'FiguresService', 'HistoryService', 'AuthorisationImportsService', 'DeadlineScheduler', 'CredentialsService',
    ],
  },
  {
    definition: CONDUCT_COMPLIANCE,
    controllers: [
      'HealthController', 'MetricsController', 'DeadLettersController', 'OperatorEventsHandler', 'CodesOfConductController', 'PersonnelController', 'DeclarationsController',
      'IncidentsController', 'ComplianceController', 'FiguresController', 'PersonnelImportsController',
    ],
    providers: [
      'CodesOfConductService', 'ComplianceService', 'ComplianceScheduler', 'PersonnelService', 'DeclarationsService',
      'IncidentsService', 'FiguresService', 'PersonnelImportsService',
    ],
  },
  {
    definition: MRA_EXCHANGE,
    controllers: [
      'HealthController', 'MetricsController', 'DeadLettersController', 'ArrangementsController', 'RecognitionController', 'HolderEventsHandler', 'PartnerRecordsHandler',
      'ExchangeRequestsHandler', 'DirectoryController', 'SupplierChecksController', 'AgencyFeedController', 'RegionalFiguresController', 'RegionalFiguresHandler', 'ExchangeFiguresController', 'PartnerFeedController', 'PartnerBatchesController', 'CosignaturesHandler',
    ],
    providers: [
      'ArrangementsService', 'ArrangementCache', 'RecordPublisher', 'ExchangeSigner', 'RecognitionService', 'DirectoryService', 'SupplierChecksService', 'AgencyFeed', 'RegionalFiguresService', 'ExchangeFiguresService',
      'ExchangeRequester', 'PartnerFeedService', 'PartnerAssertionGuard', 'IssuerLogWriter', 'PartnerLogVerifier', 'Cosigner', 'LogProofs',
    ],
  },
  {
    definition: NOTIFICATIONS,
    controllers: ['HealthController', 'MetricsController', 'DeadLettersController', 'OperatorEventsHandler', 'PreferencesController', 'NoticesController', 'NoticeEventsHandler'],
    providers: ['HeldEvents', 'RecipientsService', 'NoticesService', 'MailDispatcher', 'BounceReceiver'],
  },
];

it('names every service of the registry', () => {
  expect(EXPECTED.map((e) => e.definition.name)).toEqual(SERVICE_DEFINITIONS.map((d) => d.name));
});

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
    ({ root, app } = await previewApp(definition));
  });

  it('resolves every dependency in the module that declares it', async () => {
    // Nest's preview rejects when a provider, controller or guard has a dependency it cannot find.
    await expect(previewApp(definition)).resolves.toMatchObject({ app: expect.anything() });
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
    const { app } = await previewApp(ACCREDITATION);
    const host = [...app.get(ModulesContainer).values()].find((m) => [...m.controllers.keys()].some((c) => (c as Function).name === 'EvidenceController'));
    const visible = host!.providers.has(MULTER_MODULE_OPTIONS) || [...host!.imports].some((m) => m.exports.has(MULTER_MODULE_OPTIONS));
    expect(visible).toBe(true);
  });
});
