import { EVENT_TRANSPORT, EventTransport, MessagingModule, transportHealthCheck } from '@aeo/messaging';
import { Clock, databaseHealthCheck, HEALTH_CHECKS, HealthController, PlatformModule, ServiceDatabaseModule } from '@aeo/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CodesOfConductModule } from './codes-of-conduct/codes-of-conduct.module';
import { ComplianceModule } from './compliance/compliance.module';
import { ConductComplianceConfig } from './config/conduct-compliance.config';
import { CONDUCT_COMPLIANCE_DATABASE } from './database';
import { DeclarationsModule } from './declarations/declarations.module';
import { FiguresModule } from './figures/figures.module';
import { IncidentsModule } from './incidents/incidents.module';
import { OperatorsModule } from './operators/operators.module';
import { PersonnelModule } from './personnel/personnel.module';
import { ImportsModule } from './imports/imports.module';

export const SERVICE_NAME = 'conduct-compliance';

/**
 * The service's root: config, logger, clock and JWT guard (PlatformModule), its data source
 * (ServiceDatabaseModule) and messaging, all three global, then one module per feature.
 */
@Module({})
export class ConductComplianceModule {
  static forRoot(config: ConductComplianceConfig, logger: Logger, clock?: Clock): DynamicModule {
    return {
      module: ConductComplianceModule,
      imports: [
        PlatformModule.forRoot(config, logger, clock),
        ServiceDatabaseModule.forRoot(`${config.topicNamespace}.${SERVICE_NAME}`, { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, ...CONDUCT_COMPLIANCE_DATABASE }),
        MessagingModule.forRoot({ service: SERVICE_NAME }),
        OperatorsModule,
        CodesOfConductModule,
        PersonnelModule,
        ImportsModule,
        DeclarationsModule,
        IncidentsModule,
        ComplianceModule,
        FiguresModule,
      ],
      controllers: [HealthController],
      providers: [
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
