import { Client } from 'pg';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PreparingClient } from './preparing-client';

export interface ServiceDatabase {
  url: string;
  poolSize?: number;
  /** The service's own PostgreSQL schema; its tables and its migrations table live there. */
  schema: string;
  entities: Function[];
  migrations: Function[];
}

/** TypeORM options of one service: its own schema, its own migrations, never `synchronize`. */
export function serviceDataSourceOptions(db: ServiceDatabase): DataSourceOptions {
  return {
    type: 'postgres',
    url: db.url,
    schema: db.schema,
    entities: db.entities,
    migrations: db.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: true,
    installExtensions: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // Unqualified names (outbox, inbox, raw queries) resolve in the service's own schema.
    // One connection stays open while idle: pg-pool closes idle ones after 10 s by default, and the
    // relay's and schedulers' occasional looks each paid a new connection (a backend forked, auth).
    extra: { Client: PreparingClient, max: db.poolSize ?? 10, min: 1, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5000, options: `-c search_path=${db.schema}` },
  };
}

/**
 * A read on a hot path straight on the pool, without TypeORM's query runner (a runner taken and
 * released per call); the pool's PreparingClient sends it as a prepared statement like every other
 * repeated one. Outside a transaction only: it takes any pooled connection.
 */
export async function poolQuery<T>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as { query(text: string, values: unknown[]): Promise<{ rows: T[] }> };
  return (await pool.query(text, values)).rows;
}

/**
 * Many byte strings for one statement as one binary parameter and their places in it: in SQL,
 * `substring($n::bytea FROM at FOR length)` per row. node-postgres sends a `bytea[]` as text,
 * each element hex-encoded (twice its size, encoded here and decoded by PostgreSQL); a Buffer
 * goes as it is.
 */
export function packedBytes(values: readonly Uint8Array[]): { bytes: Buffer; at: number[]; length: number[] } {
  const at: number[] = [];
  const length: number[] = [];
  let next = 1;
  for (const v of values) {
    at.push(next);
    length.push(v.byteLength);
    next += v.byteLength;
  }
  return { bytes: Buffer.concat(values), at, length };
}

/** Creates the service's schema so that TypeORM can keep its migrations table in it. */
export async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}

/** Creates a database when it does not exist (demo and tests). */
export async function ensureDatabase(serverUrl: string, database: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`bad database name ${database}`);
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** PostgreSQL's error code for a unique violation. */
export const UNIQUE_VIOLATION = '23505';

/**
 * The rows an UPDATE … RETURNING gives back. (TypeORM's `query` returns `[rows, count]` for
 * UPDATE and DELETE but the rows alone for everything else; this reads its structured result.)
 */
export async function updateReturning<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, parameters, true);
    return result.records as T[];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
