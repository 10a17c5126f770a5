import { DynamicModule, Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ServiceDatabase, serviceDataSourceOptions } from './database';

/**
 * A service's TypeORM data source under a name of its own (several services may share one
 * process in the launcher), injectable everywhere in the service as plain `DataSource`.
 */
@Global()
@Module({})
export class ServiceDatabaseModule {
  static forRoot(name: string, database: ServiceDatabase): DynamicModule {
    return {
      module: ServiceDatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...serviceDataSourceOptions(database), name })],
      providers: [{ provide: DataSource, useExisting: getDataSourceToken(name) }],
      exports: [DataSource],
    };
  }
}
