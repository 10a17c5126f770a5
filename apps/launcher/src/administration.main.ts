/**
 * Several services of one administration in one process, as the demo hosts them (the bench's
 * BENCH_TOPOLOGY=administration): each its own Nest application, schema, consumers and port;
 * they share the process, not memory of each other. Environment: every service's settings (the
 * same for all, as `startAdministration` gives them), SERVICES (names, comma-separated; all
 * without it) and BASE_PORT (the first service's port, the next ones after it, in that order).
 */
import 'reflect-metadata';
import { RunningService } from '@aeo/platform';
import { startService } from '@aeo/messaging';
import { SERVICE_DEFINITIONS } from './services';

const names = process.env.SERVICES ? process.env.SERVICES.split(',') : SERVICE_DEFINITIONS.map((d) => d.name);
const base = Number(process.env.BASE_PORT ?? 0);

async function main(): Promise<RunningService[]> {
  const running: RunningService[] = [];
  for (const [i, name] of names.entries()) {
    const definition = SERVICE_DEFINITIONS.find((d) => d.name === name);
    if (!definition) throw new Error(`no service named ${name}`);
    running.push(await startService(definition, { ...process.env, HTTP_PORT: String(base ? base + i : 0) }));
  }
  return running;
}

main().then(
  (running) => {
    const stop = () => void Promise.all(running.map((s) => s.close())).finally(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (e) => {
    process.stderr.write(`the administration did not start: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
