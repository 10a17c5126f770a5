import { EVENT_TRANSPORT, EventTransport, MessagingModule, transportHealthCheck } from '@aeo/messaging';
import { Clock, databaseHealthCheck, HEALTH_CHECKS, HealthController, PlatformModule, ServiceDatabaseModule } from '@aeo/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ConductComplianceConfig } from './config/conduct-compliance.config';
import { CONDUCT_COMPLIANCE_DATABASE } from './database';
import { CodesOfConductController } from './codes-of-conduct/codes-of-conduct.controller';
import { CodesOfConductService } from './codes-of-conduct/codes-of-conduct.service';
import { OperatorEventsHandler } from './operators/operator-events.handler';
import { ComplianceController } from './compliance/compliance.controller';
import { ComplianceScheduler } from './compliance/compliance-scheduler';
import { ComplianceService } from './compliance/compliance.service';
import { DeclarationsController } from './declarations/declarations.controller';
import { DeclarationsService } from './declarations/declarations.service';
import { FiguresController } from './figures/figures.controller';
import { FiguresService } from './figures/figures.service';
import { IncidentsController } from './incidents/incidents.controller';
import { IncidentsService } from './incidents/incidents.service';
import { PersonnelController } from './personnel/personnel.controller';
import { PersonnelService } from './personnel/personnel.service';

export const SERVICE_NAME = 'conduct-compliance';

@Module({})
export class ConductComplianceModule {
  static forRoot(config: ConductComplianceConfig, logger: Logger, clock?: Clock): DynamicModule {
    return {
      module: ConductComplianceModule,
      imports: [
        PlatformModule.forRoot(config, logger, clock),
        ServiceDatabaseModule.forRoot(`${config.topicNamespace}.${SERVICE_NAME}`, { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...CONDUCT_COMPLIANCE_DATABASE }),
        MessagingModule.forRoot({ service: SERVICE_NAME }),
      ],
      controllers: [
        HealthController,
        OperatorEventsHandler,
        CodesOfConductController,
        PersonnelController,
        DeclarationsController,
        IncidentsController,
        ComplianceController,
        FiguresController,
      ],
      providers: [
        CodesOfConductService,
        ComplianceService,
        ComplianceScheduler,
        PersonnelService,
        DeclarationsService,
        IncidentsService,
        FiguresService,
        {
          provide: HEALTH_CHECKS,
          useFactory: (dataSource: DataSource, transport: EventTransport) => [
            databaseHealthCheck(dataSource),
            transportHealthCheck(transport),
          ],
          inject: [DataSource, EVENT_TRANSPORT],
        },
      ],
    };
  }
}
