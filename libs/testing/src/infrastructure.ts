import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The machine's PostgreSQL server that tests use (trust auth). */
export const TEST_DATABASE_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The Kafka broker that deploy/kafka/kafka.sh starts. */
export const TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:19092';

export interface TestDatabase {
  url: string;
  /** One statement on a connection of its own; the rows it returns. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

/** A new, empty database with a unique name, dropped by `drop()`. */
export async function createTestDatabase(prefix = 'aeo_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    query: async (sql, params) => {
      const c = new Client({ connectionString: url.toString() });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows;
      } finally {
        await c.end();
      }
    },
    drop: async () => {
      const c = new Client({ connectionString: TEST_DATABASE_SERVER });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A prefix that keeps one test's topics and consumer groups apart from every other's. */
export function uniqueNamespace(prefix = 't'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A port free on 127.0.0.1 now (the system chooses it), for a server a test must name before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Whether a port is free on 127.0.0.1 now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * The first of `n` consecutive ports free on 127.0.0.1 now, for a server that starts slowly (a
 * Kafka node): below Linux's ephemeral range (32768-60999), since a port in it, free when checked,
 * may be given to an outgoing connection (a Kafka node's to another's controller among them)
 * before the server binds it, which then fails with "Address already in use".
 */
export async function freePortRange(n: number): Promise<number> {
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * (12000 - n));
    const checks = await Promise.all(Array.from({ length: n }, (_, i) => isFree(base + i)));
    if (checks.every(Boolean)) return base;
  }
}
