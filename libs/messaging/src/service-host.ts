import {
  Clock,
  createLogger,
  createServiceApp,
  ensureSchema,
  loadConfig,
  maskSecrets,
  RunningService,
  ServiceConfig,
} from '@aeo/platform';
import { DynamicModule } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { Logger } from 'pino';
import { startEventConsumers } from './messaging.module';

export interface ServiceDefinition<C extends ServiceConfig> {
  name: string;
  title: string;
  description: string;
  schema: string;
  configClass: new () => C;
  /** The service's root module; `clock` replaces the system clock (tests move time with it). */
  module(config: C, logger: Logger, clock?: Clock): DynamicModule;
  /** V8 flags its process is started with (`node <flags> main.js`); DEFAULT_NODE_FLAGS when not given. */
  nodeFlags?: string[];
}

/**
 * How a service's process sizes its heap, unless its definition says otherwise. V8's defaults let
 * the young generation grow to two 16 MiB semi-spaces (start-up alone grew it there: 28-32 MiB
 * resident in an idle service) and the old generation grow up to several times what is live
 * between two full collections, so an idle service held 135-148 MiB and a busy one 165-211 MiB
 * (`BENCH_QUICK=1 npm run bench`, compiled, 2026-11-30) for 40-57 MiB of live objects. With 4 MiB
 * semi-spaces and the old generation grown by 30% at a time: 115-117 MiB idle, 115-155 MiB busy,
 * for about the same CPU per status change and per partner question (README, Benchmark).
 */
export const DEFAULT_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=30'];

/**
 * The C library's allocator settings every service process starts with (glibc reads them from
 * the environment when the process starts, so they go in its environment, not in code). By
 * default glibc serves an allocation of 128 KiB or more by its own mapping, returned when freed,
 * but raises that threshold to the size of each such block freed: after the first large buffers
 * (a fetch from Kafka, a file imported, a query's rows), later ones came from the heap, where
 * freed memory stayed resident among live small blocks; and a busy process got an arena per thread
 * (up to 8 a core). A fixed threshold and two arenas: ZA's operator-registry, accreditation and
 * conduct-compliance peaked at 146, 146 and 152 MiB during the bench's import of 10,000
 * operators, against 162-164 without (same code, same hour), and went back to 106 MiB idle
 * afterwards where they had stayed at 128.
 */
export const SERVICE_PROCESS_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' };

/** A service process's environment: SERVICE_PROCESS_ENV, unless the environment given sets them otherwise (an empty value, which glibc would read as 0, does not). */
export const serviceProcessEnv = (env: Record<string, string | undefined>): Record<string, string> => {
  const given = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && !(e[0] in SERVICE_PROCESS_ENV && e[1] === '')));
  return { ...SERVICE_PROCESS_ENV, ...given };
};

export function nodeFlagsOf(definition: Pick<ServiceDefinition<any>, 'nodeFlags'>): readonly string[] {
  return definition.nodeFlags ?? DEFAULT_NODE_FLAGS;
}

export interface StartOptions {
  /** The time the service reads; the system clock when not given. */
  clock?: Clock;
}

/**
 * Starts one service: validated configuration (fails naming the bad variable), its schema and
 * migrations, its HTTP API and its event consumers. Used by each service's main.ts and by the launcher.
 */
export async function startService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  env: Record<string, string | undefined>,
  options: StartOptions = {},
): Promise<RunningService> {
  const config = loadConfig(definition.configClass, env);
  const logger = createLogger({ service: definition.name, administration: config.ADMINISTRATION, level: config.LOG_LEVEL });
  logger.debug({ config: maskSecrets(config) }, 'configuration');
  await ensureSchema(config.DATABASE_URL, definition.schema);
  const app = await createServiceApp(definition.module(config, logger, options.clock), {
    logger,
    title: `${definition.title} (${config.ADMINISTRATION})`,
    description: definition.description,
  });
  try {
    const consumers = await startEventConsumers(app);
    await app.listen(config.HTTP_PORT, config.HTTP_HOST);
    const { port } = app.getHttpServer().address() as AddressInfo;
    const url = `http://${config.HTTP_HOST}:${port}`;
    logger.info({ url }, `${definition.name} started`);
    return {
      name: definition.name,
      url,
      app,
      close: async () => {
        await consumers.close();
        await app.close();
      },
    };
  } catch (e) {
    await app.close().catch(() => undefined);
    throw e;
  }
}

/** A service's main.ts: start from the environment, stop on SIGINT/SIGTERM, exit with a message on bad config. */
export function runServiceMain<C extends ServiceConfig>(definition: ServiceDefinition<C>): void {
  startService(definition, process.env).then(
    (service) => {
      const stop = () => void service.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (e) => {
      process.stderr.write(`${definition.name} did not start: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
