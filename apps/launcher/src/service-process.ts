import { serviceProcessEnv } from '@aeo/messaging';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** A service run as its own process (its main.ts), as it is deployed: it can be killed for real. */
export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after 5 s. */
  close(): Promise<void>;
  /** kill -9. */
  kill(): Promise<void>;
}

const root = join(__dirname, '..', '..', '..');

/** Resolves when the child process has exited (at once if it has). */
export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** `node`'s arguments for a service: its V8 flags, then its compiled main.js or its main.ts through @swc-node/register. */
export function serviceArgs(name: string, options: { compiled?: boolean; nodeFlags: readonly string[] }): string[] {
  const main = options.compiled ? [join(root, 'dist', 'node', 'apps', name, 'src', 'main.js')] : ['-r', '@swc-node/register', join(root, 'apps', name, 'src', 'main.ts')];
  return [...options.nodeFlags, ...main];
}

export async function spawnService(
  name: string,
  env: Record<string, string | undefined>,
  logDir = join(root, 'tmp', 'services'),
  /**
   * `compiled`: run the JavaScript of `npm run build` (dist/node) instead of compiling the TypeScript at start.
   * `nodeFlags`: the V8 flags of its definition (`nodeFlagsOf`), as the Kubernetes manifests start it.
   */
  options: { compiled?: boolean; nodeFlags: readonly string[] },
): Promise<ServiceProcess> {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${env.TOPIC_NAMESPACE ?? env.ADMINISTRATION}-${name}.log`), { flags: 'a' });
  const args = serviceArgs(name, options);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: serviceProcessEnv({ ...process.env, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://${env.HTTP_HOST ?? '127.0.0.1'}:${env.HTTP_PORT}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited at start (code ${child.exitCode}); see ${logDir}`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} not ready within 120 s; see ${logDir}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    url,
    child,
    close: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(timer);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
