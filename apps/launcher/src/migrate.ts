import 'reflect-metadata';
import { ACCREDITATION_DATABASE } from '@aeo/accreditation';
import { CONDUCT_COMPLIANCE_DATABASE } from '@aeo/conduct-compliance';
import { MRA_EXCHANGE_DATABASE } from '@aeo/mra-exchange';
import { NOTIFICATIONS_DATABASE } from '@aeo/notifications';
import { OPERATOR_REGISTRY_DATABASE } from '@aeo/operator-registry';
import { ensureSchema, serviceDataSourceOptions } from '@aeo/platform';
import { DataSource } from 'typeorm';

/** Each service's schema, tables and migrations, by service, in the order the services start (scripts/migrations.ts reads it too). */
export const DATABASES_BY_SERVICE = {
  'operator-registry': OPERATOR_REGISTRY_DATABASE,
  accreditation: ACCREDITATION_DATABASE,
  'conduct-compliance': CONDUCT_COMPLIANCE_DATABASE,
  'mra-exchange': MRA_EXCHANGE_DATABASE,
  notifications: NOTIFICATIONS_DATABASE,
} as const;
export const SERVICE_DATABASES = Object.values(DATABASES_BY_SERVICE);

/**
 * Runs every service's pending migrations against one administration's database and stops: the
 * Kubernetes migrations Job (deploy/k8s/base/migrations-job.yaml) before the services roll out.
 * A service still runs its migrations at start (nothing is left to run after the Job).
 *
 *   DATABASE_URL=postgres://... node -r @swc-node/register apps/launcher/src/migrate.ts
 */
export async function migrateAll(url: string, log: (line: string) => void = () => undefined): Promise<void> {
  for (const database of SERVICE_DATABASES) {
    await ensureSchema(url, database.schema);
    const dataSource = new DataSource({ ...serviceDataSourceOptions({ url, poolSize: 1, ...database }), migrationsRun: false });
    await dataSource.initialize();
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      log(`${database.schema}: ${ran.length ? ran.map((m) => m.name).join(', ') : 'nothing to run'}`);
    } finally {
      await dataSource.destroy();
    }
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('migrate: DATABASE_URL is required\n');
    process.exit(2);
  }
  migrateAll(url, (line) => process.stdout.write(`migrate: ${line}\n`)).then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`migrate: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
