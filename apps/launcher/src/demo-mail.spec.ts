import { createServer, Server } from 'node:net';
import { startDemoMail } from './demo-mail';

describe("the demo's mail server", () => {
  let taken: Server;
  let port = 0;

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((r) => taken.close(r));
  });

  it('refuses to start on a port something else already answers on, naming it', async () => {
    await expect(startDemoMail(port, port)).rejects.toThrow(`port ${port} is already in use on 127.0.0.1 (another demo still running?)`);
  });
});
