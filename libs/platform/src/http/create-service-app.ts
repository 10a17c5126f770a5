import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'pino';
import { JsonLogger } from '../logging/logger';
import { configureHttp } from './configure-http';

/** A service's Nest application with the registry's HTTP conventions, not yet listening. */
export async function createServiceApp(
  rootModule: DynamicModule,
  options: { logger: Logger; title: string; description: string },
): Promise<INestApplication> {
  const app = await NestFactory.create(rootModule, { logger: new JsonLogger(options.logger), abortOnError: false });
  configureHttp(app, { title: options.title, description: options.description }, options.logger);
  return app;
}

/** A started service: where it listens and how to stop it. */
export interface RunningService {
  name: string;
  url: string;
  app: INestApplication;
  close(): Promise<void>;
}
