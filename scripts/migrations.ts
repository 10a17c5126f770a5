/**
 * Migrations are code, written by this tool from the entities and checked by it in CI.
 *   node -r @swc-node/register scripts/migrations.ts generate <service> <Name>
 *   node -r @swc-node/register scripts/migrations.ts check
 * Both run the service's migrations on an empty database; `generate` writes what the entities
 * still need as a new migration, `check` fails when anything is still needed.
 */
import 'reflect-metadata';
import { ensureSchema, serviceDataSourceOptions } from '@aeo/platform';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DATABASES_BY_SERVICE } from '../apps/launcher/src/migrate';

const SERVICES = DATABASES_BY_SERVICE;
type ServiceName = keyof typeof SERVICES;

const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function pendingQueries(service: ServiceName): Promise<{ up: string[]; down: string[] }> {
  const name = `aeo_migrations_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = SERVICES[service];
  try {
    await ensureSchema(url.toString(), db.schema);
    const dataSource = new DataSource(serviceDataSourceOptions({ url: url.toString(), ...db }));
    await dataSource.initialize();
    try {
      const log = await dataSource.driver.createSchemaBuilder().log();
      return {
        up: log.upQueries.map((q) => q.query),
        down: log.downQueries.map((q) => q.query).reverse(),
      };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

function migrationSource(className: string, up: string[], down: string[]): string {
  const lines = (qs: string[]) => qs.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function generate(service: ServiceName, name: string): Promise<void> {
  const { up, down } = await pendingQueries(service);
  if (up.length === 0) {
    console.log(`${service}: the migrations already match the entities`);
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const dir = join(__dirname, '..', 'apps', service, 'src', 'migrations');
  const file = `${timestamp}-${name}`;
  writeFileSync(join(dir, `${file}.ts`), migrationSource(className, up, down));
  const indexPath = join(dir, 'index.ts');
  const index = readFileSync(indexPath, 'utf8');
  const imports = [...index.matchAll(/^import .*$/gm)].map((m) => m[0]);
  const names = [...index.matchAll(/^import \{ (\w+) \}/gm)].map((m) => m[1]);
  imports.push(`import { ${className} } from './${file}';`);
  names.push(className);
  writeFileSync(
    indexPath,
    `${imports.join('\n')}\n\n/** In the order they run. */\nexport const MIGRATIONS: Function[] = [${names.join(', ')}];\n`,
  );
  console.log(`${service}: wrote migrations/${file}.ts (${up.length} statements)`);
}

async function check(): Promise<void> {
  let failed = false;
  for (const service of Object.keys(SERVICES) as ServiceName[]) {
    const { up } = await pendingQueries(service);
    if (up.length) {
      failed = true;
      console.error(`${service}: the entities need a migration:\n  ${up.join('\n  ')}`);
    } else {
      console.log(`${service}: migrations match the entities`);
    }
  }
  if (failed) {
    console.error('run: node -r @swc-node/register scripts/migrations.ts generate <service> <Name>');
    process.exit(1);
  }
}

const [command, service, name] = process.argv.slice(2);
const run =
  command === 'generate' && service in SERVICES && /^[A-Z][A-Za-z]+$/.test(name ?? '')
    ? generate(service as ServiceName, name)
    : command === 'check'
      ? check()
      : Promise.reject(new Error('usage: migrations.ts generate <service> <Name> | check'));
run.catch((e) => {
  console.error(e.message);
  process.exit(1);
});
