import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface DemoMail {
  /** Where the services hand their mail (SMTP_URL). */
  smtpUrl: string;
  /** The web inbox where the demo's users read it. */
  webUrl: string;
  close(): Promise<void>;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/**
 * The demo's mail server: MailDev (an SMTP server that keeps every mail, with a web inbox to
 * read them), on this machine only. Nothing the demo sends leaves it.
 */
export async function startDemoMail(webPort: number, smtpPort: number): Promise<DemoMail> {
  // A port already answering is another program's (a demo left running): using it would send the
  // demo's mail to a server it does not control, and stopping would not stop it.
  for (const port of [smtpPort, webPort]) {
    if (await listening(port)) throw new Error(`the demo's mail server cannot start: port ${port} is already in use on 127.0.0.1 (another demo still running?)`);
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js'), '--smtp', String(smtpPort), '--ip', '127.0.0.1', '--web', String(webPort), '--web-ip', '127.0.0.1', '--silent'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // It ends with the demo, however the demo ends.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 20_000;
  while (!((await listening(smtpPort)) && (await listening(webPort)))) {
    if (child.exitCode !== null) throw new Error(`the demo's mail server (MailDev) stopped: ${stderr.trim() || `exit ${child.exitCode}`}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the demo's mail server (MailDev) did not listen on ${smtpPort} and ${webPort} within 20 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    webUrl: `http://127.0.0.1:${webPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
