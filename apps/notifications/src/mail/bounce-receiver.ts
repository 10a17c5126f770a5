import { Clock, SERVICE_CONFIG, SERVICE_LOGGER } from '@aeo/platform';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { NotificationsConfig } from '../config/notifications.config';
import { Notice } from '../notices/notice.entity';

const BOUNCE_ADDRESS = /^bounces\+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@/i;

/**
 * What a delivery status notification (RFC 3464) says of the failed recipient: its status
 * (5.x.x failed for good, 4.x.x delayed) and the remote server's diagnostic.
 */
export function readBounce(raw: string): { permanent: boolean; diagnostic: string } {
  const status = raw.match(/^Status:\s*([245])\.\d{1,3}\.\d{1,3}/im)?.[1];
  const diagnostic = raw.match(/^Diagnostic-Code:\s*(?:smtp;\s*)?(.+(?:\r?\n[ \t].+)*)/im)?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
  const action = raw.match(/^Action:\s*(\w+)/im)?.[1]?.toLowerCase();
  return {
    permanent: status ? status === '5' : action ? action === 'failed' : true,
    diagnostic: (diagnostic ?? raw.match(/^Subject:\s*(.+)$/im)?.[1] ?? 'returned undelivered').slice(0, 1000),
  };
}

/**
 * Receives the bounces of the notices' e-mails (BOUNCE_SMTP_PORT): each mail leaves with the
 * return path bounces+<notice id>@<bounce domain> (VERP), so a returned mail names its notice
 * by the address it comes to; its notice is marked bounced with the diagnostic, for staff. A
 * delay notice (4.x.x) changes nothing; mail to any other address is refused.
 */
@Injectable()
export class BounceReceiver implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server?: SMTPServer;
  private port?: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Where bounces are received, while the listener runs. */
  get address(): { host: string; port: number } | undefined {
    return this.port === undefined ? undefined : { host: this.config.HTTP_HOST, port: this.port };
  }

  async onApplicationBootstrap() {
    if (this.config.BOUNCE_SMTP_PORT === undefined) return;
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: 1_000_000,
      logger: false,
      banner: 'AEO registry bounce receiver',
      onRcptTo: (address, _session, callback) => {
        if (BOUNCE_ADDRESS.test(address.address)) return callback();
        const refused = Object.assign(new Error(`no such mailbox: ${address.address}`), { responseCode: 550 });
        callback(refused);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const ids = session.envelope.rcptTo.map((r) => BOUNCE_ADDRESS.exec(r.address)![1].toLowerCase());
          this.record(ids, raw).then(
            () => callback(),
            (e) => {
              this.logger.warn({ err: e }, 'a bounce could not be recorded; the sender will try again');
              callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
            },
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.BOUNCE_SMTP_PORT, this.config.HTTP_HOST, () => resolve());
    });
    this.server.on('error', (e) => this.logger.warn({ err: e }, 'bounce receiver error'));
    this.port = (this.server.server.address() as AddressInfo).port;
    this.logger.info({ port: this.port }, 'receiving bounces');
  }

  async beforeApplicationShutdown() {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async record(noticeIds: string[], raw: string): Promise<void> {
    const bounce = readBounce(raw);
    if (!bounce.permanent) return;
    for (const id of noticeIds) {
      // Only a mail that went out can bounce (a late bounce does not undo a supervisor's retry under way).
      const result = await this.dataSource.manager.update(Notice, { id, mailStatus: 'sent' }, { mailStatus: 'bounced', mailError: bounce.diagnostic, mailNextAt: null });
      if (result.affected) this.logger.warn({ notice: id, diagnostic: bounce.diagnostic }, "a notice's e-mail bounced");
    }
  }
}
