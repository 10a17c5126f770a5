import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePortRange } from './infrastructure';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');

/** A broker of its own for one test: clients authenticate with SCRAM-SHA-512 and ACLs decide what they may do. */
export interface SecureBroker {
  brokers: string;
  admin: { user: string; password: string };
  /** Creates the federation's users, topics and ACLs (deploy/kafka/provision.ts); returns its output. */
  provision(federation: { administrations: Record<string, { namespace?: string; user?: string; agencies?: { user: string; name: string }[] }>; arrangements: { name: string; parties: string[] }[] }, options: { federationPrefix?: string; passwords: Record<string, string> }): Promise<string>;
  stop(): Promise<void>;
}

/** Starts a single-node broker with KAFKA_SECURITY=scram through deploy/kafka/kafka.sh, on free ports and a folder of its own. */
export async function startSecureBroker(): Promise<SecureBroker> {
  const runDir = mkdtempSync(join(tmpdir(), 'aeo-secure-kafka-'));
  // The broker's port, then the controller's.
  const port = await freePortRange(2);
  const env = {
    ...process.env,
    KAFKA_SECURITY: 'scram',
    KAFKA_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(port + 1),
    KAFKA_RUN_DIR: runDir,
  };
  const script = join(ROOT, 'deploy/kafka/kafka.sh');
  await run('bash', [script, 'start'], { env, timeout: 120_000 });
  const brokers = `127.0.0.1:${port}`;
  return {
    brokers,
    admin: { user: 'admin', password: env.KAFKA_ADMIN_PASSWORD },
    async provision(federation, options) {
      const file = join(runDir, `federation-${randomBytes(3).toString('hex')}.json`);
      writeFileSync(file, JSON.stringify(federation));
      const passwords = Object.fromEntries(Object.entries(options.passwords).map(([code, p]) => [`KAFKA_PASSWORD_${code}`, p]));
      const args = ['-r', '@swc-node/register', join(ROOT, 'deploy/kafka/provision.ts'), '--federation', file, '--brokers', brokers];
      if (options.federationPrefix) args.push('--federation-prefix', options.federationPrefix);
      const { stdout } = await run('node', args, { cwd: ROOT, env: { ...env, ...passwords }, timeout: 120_000 });
      return stdout;
    },
    async stop() {
      await run('bash', [script, 'reset'], { env, timeout: 60_000 }).catch(() => undefined);
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}
