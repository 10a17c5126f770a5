import { AeoStatus, AeoType, ApplicationStage, ComplianceState, Events } from '@aeo/contracts';
import { publishEvent, registeredOperator, startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { simpleParser, ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { BounceReceiver, MailDispatcher, NOTIFICATIONS } from '../src';

/** A real SMTP server in the test process: keeps what it receives, refuses unknown@ for good. */
class TestSmtp {
  readonly mails: ParsedMail[] = [];
  readonly envelopes: { from: string; to: string[] }[] = [];
  private server?: SMTPServer;
  port = 0;

  async start(port = 0) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address, _s, cb) => (address.address.startsWith('unknown@') ? cb(Object.assign(new Error('5.1.1 no such user here'), { responseCode: 550 })) : cb()),
      onData: (stream, session, cb) => {
        simpleParser(stream).then(async (mail) => {
          const hold = this.hold;
          if (hold && session.envelope.rcptTo.some((r) => r.address === hold.address)) {
            this.hold = undefined;
            hold.arrived(mail);
            await hold.released;
          }
          this.mails.push(mail);
          this.envelopes.push({ from: (session.envelope.mailFrom as { address: string }).address, to: session.envelope.rcptTo.map((r) => r.address) });
          cb();
        }, cb);
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async stop() {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  to(address: string) {
    return this.mails.filter((m) => [m.to].flat().some((a) => a?.text.includes(address)));
  }

  private hold?: { address: string; arrived: (mail: ParsedMail) => void; released: Promise<void> };

  /** The next mail to `address` is kept waiting, unanswered, until `release`: a sender mid-send. */
  holdNext(address: string) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const arrived = new Promise<ParsedMail>((resolve) => (this.hold = { address, arrived: resolve, released }));
    return { arrived, release };
  }
}

const ADM = 'ZA';
const trader = { subject: `trader-${randomUUID().slice(0, 8)}`, email: 'thandi@maluti.example', locale: 'fr' };
const supervisor = { subject: 'supervisor-za', email: 'sipho@sars.example' };
const officer = { subject: 'officer-za', email: 'naledi@sars.example' };
const tokens = {
  trader: tokenFor(ADM, ['trader'], trader.subject, undefined, { email: trader.email, locale: trader.locale, name: 'Thandi M.' }),
  supervisor: tokenFor(ADM, ['supervisor'], supervisor.subject, undefined, { email: supervisor.email }),
  officer: tokenFor(ADM, ['officer'], officer.subject, undefined, { email: officer.email }),
  auditor: tokenFor(ADM, ['auditor']),
};

describe('notifications on real PostgreSQL, Kafka and SMTP', () => {
  const smtp = new TestSmtp();
  let t: TestService;
  let data: DataSource;

  const get = (path: string, token: string) => call('GET', `${t.url}${path}`, { token });
  const notices = async (subject: string) =>
    (await data.query(`SELECT id, kind, mail_status, mail_attempts, mail_error, mail_to FROM notice WHERE recipient = $1 ORDER BY created_at, kind`, [subject])) as {
      id: string; kind: string; mail_status: string; mail_attempts: number; mail_error: string | null; mail_to: string | null;
    }[];

  async function operator(): Promise<string> {
    const operatorId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({ operatorId, legalName: 'Maluti Traders', registeredBy: trader.subject }), { aggregateId: operatorId });
    await eventually(async () => expect(await data.query('SELECT 1 FROM known_operator WHERE operator_id = $1', [operatorId])).toHaveLength(1));
    return operatorId;
  }

  const step = (operatorId: string, applicationId: string, action: string, to: ApplicationStage, extra: Record<string, unknown> = {}) => ({
    applicationId,
    operatorId,
    aeoType: AeoType.S,
    action,
    to,
    actor: 'someone-else',
    at: timestampFromDate(new Date()),
    decisionDue: timestampFromDate(new Date('2027-03-01T00:00:00Z')),
    ...extra,
  });

  beforeAll(async () => {
    await smtp.start();
    t = await startTestService(NOTIFICATIONS, {
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'aeo@sars.example',
      MAIL_FROM_NAME: 'SARS AEO programme',
      PUBLIC_CONSOLE_URL: 'https://aeo.sars.example',
      MAIL_INTERVAL_MS: '200',
      MAIL_RETRY_MS: '200',
      BOUNCE_SMTP_PORT: '0',
    });
    data = t.service.app.get(DataSource);
    // People become known to notifications when their console first calls it.
    for (const token of [tokens.trader, tokens.supervisor, tokens.officer]) expect((await get('/notices', token)).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('tells the trader (in French) and the supervisors (in English) of a submission, by e-mail and in the inbox', async () => {
    const operatorId = await operator();
    const applicationId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.applicationStageChanged, step(operatorId, applicationId, 'submit', ApplicationStage.SUBMITTED, { actor: trader.subject }), { aggregateId: applicationId });

    const [toTrader] = await eventually(async () => {
      const m = smtp.to(trader.email).filter((x) => x.text?.includes(applicationId));
      expect(m).toHaveLength(1);
      return m;
    });
    expect(toTrader.subject).toBe('Demande reçue : Maluti Traders');
    expect(toTrader.from?.text).toBe('"SARS AEO programme" <aeo@sars.example>');
    expect(toTrader.text).toContain('Votre demande de statut OEA-S a été reçue.');
    expect(toTrader.text).toContain(`Ouvrir dans la console: https://aeo.sars.example/applications/${applicationId}`);
    expect(toTrader.html).toContain(`href="https://aeo.sars.example/applications/${applicationId}"`);
    expect(toTrader.headers.get('auto-submitted')).toBe('auto-generated');

    const toSupervisor = await eventually(async () => {
      const m = smtp.to(supervisor.email).filter((x) => x.text?.includes(applicationId));
      expect(m).toHaveLength(1);
      return m[0];
    });
    expect(toSupervisor.subject).toBe('New application to check: Maluti Traders');
    expect(toSupervisor.text).toContain('Assign it to an officer for the completeness check.');
    // The trader who submitted is told of the receipt, not asked to check its own application.
    expect((await notices(trader.subject)).filter((n) => n.kind === 'application_to_check')).toHaveLength(0);
    // The return path names the notice (VERP), so a bounce can be traced to it.
    const sent = (await notices(supervisor.subject)).find((n) => n.kind === 'application_to_check')!;
    expect(smtp.envelopes.some((e) => e.from === `bounces+${sent.id}@sars.example` && e.to[0] === supervisor.email)).toBe(true);

    const inbox = await get('/notices?unread=true', tokens.trader);
    expect(inbox.status).toBe(200);
    const item = inbox.body.items.find((n: { subjectId: string }) => n.subjectId === applicationId);
    expect(item).toMatchObject({ kind: 'application_received', language: 'fr', title: 'Demande reçue : Maluti Traders', link: `/applications/${applicationId}`, readAt: null });
    expect(item.mailError).toBeUndefined(); // the trader does not see staff's delivery details
    const read = await call('POST', `${t.url}/notices/${item.id}/read`, { token: tokens.trader });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    // Someone else's notice is not theirs to read.
    expect((await call('POST', `${t.url}/notices/${sent.id}/read`, { token: tokens.trader })).body.code).toBe('notice.not_found');
  });

  it('sends one mail for an event delivered twice', async () => {
    const operatorId = await operator();
    const applicationId = randomUUID();
    await publishEvent(
      t.kafka, t.topics, Events.applicationStageChanged,
      step(operatorId, applicationId, 'request_information', ApplicationStage.INFORMATION_REQUESTED, { reason: 'the lease of the Maseru warehouse' }),
      { aggregateId: applicationId, copies: 3 },
    );
    await eventually(async () => expect(smtp.to(trader.email).filter((m) => m.text?.includes(applicationId))).toHaveLength(1));
    // A later event of the same application (same key, same partition) comes after the copies: once
    // its notice exists, every copy has been taken; a dispatcher run then sends whatever is due.
    await publishEvent(t.kafka, t.topics, Events.applicationStageChanged, step(operatorId, applicationId, 'accept', ApplicationStage.ACCEPTED), { aggregateId: applicationId, sequence: 2 });
    await eventually(async () => expect(await data.query(`SELECT 1 FROM notice WHERE subject_id = $1 AND kind = 'application_accepted'`, [applicationId])).toHaveLength(1));
    await t.service.app.get(MailDispatcher).tick();
    const mails = smtp.to(trader.email).filter((m) => m.text?.includes(applicationId) && m.subject?.startsWith('Informations demandées'));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('Demandé : the lease of the Maseru warehouse');
    const rows = await data.query(`SELECT count(*)::int AS n FROM notice WHERE subject_id = $1 AND kind = 'information_requested'`, [applicationId]);
    expect(rows[0].n).toBe(1);
  });

  it('keeps a mail through an SMTP outage and sends it when the server is back', async () => {
    const operatorId = await operator();
    const applicationId = randomUUID();
    const port = smtp.port;
    await smtp.stop();
    await publishEvent(t.kafka, t.topics, Events.applicationStageChanged, step(operatorId, applicationId, 'return_incomplete', ApplicationStage.RETURNED, { reason: 'no financial statements' }), { aggregateId: applicationId });
    const failing = await eventually(async () => {
      const [n] = (await notices(trader.subject)).filter((x) => x.kind === 'application_returned');
      expect(n?.mail_attempts).toBeGreaterThanOrEqual(2);
      return n;
    });
    expect(failing.mail_status).toBe('pending');
    expect(failing.mail_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);

    await smtp.start(port);
    await eventually(async () => expect(smtp.to(trader.email).filter((m) => m.text?.includes(applicationId))).toHaveLength(1), { timeoutMs: 20_000 });
    // The dispatcher records the send after the server took the mail: wait for that, not only for the mail.
    await eventually(async () => {
      const [done] = (await notices(trader.subject)).filter((x) => x.kind === 'application_returned');
      expect(done.mail_status).toBe('sent');
    });
  });

  it('records a permanent refusal and a bounce on the notice, shows them to staff, and a supervisor sends again', async () => {
    const stranger = { subject: `trader-${randomUUID().slice(0, 8)}`, email: 'unknown@maluti.example' };
    const strangerToken = tokenFor(ADM, ['trader'], stranger.subject, undefined, { email: stranger.email });
    expect((await get('/notices', strangerToken)).status).toBe(200);
    const operatorId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({ operatorId, legalName: 'Lesotho Wool Exports', registeredBy: stranger.subject }), { aggregateId: operatorId });
    const authorisationId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.authorisationStatusChanged, {
      authorisationId, operatorId, certificateNumber: 'ZA-AEO-2026-000042', aeoType: AeoType.C, status: AeoStatus.VALID,
      statusSince: timestampFromDate(new Date()), authorisedOn: timestampFromDate(new Date()), validTo: timestampFromDate(new Date('2029-11-29T00:00:00Z')), decidedBy: officer.subject,
    }, { aggregateId: authorisationId });

    const refused = await eventually(async () => {
      const [n] = await notices(stranger.subject);
      expect(n?.mail_status).toBe('refused');
      return n;
    });
    expect(refused.kind).toBe('authorisation_granted');
    expect(refused.mail_error).toContain('no such user');
    expect(refused.mail_attempts).toBe(1);

    const forStaff = await get('/deliveries', tokens.auditor);
    expect(forStaff.status).toBe(200);
    expect(forStaff.body.items.find((d: { id: string }) => d.id === refused.id)).toMatchObject({ mailStatus: 'refused', mailTo: 'unknown@maluti.example', error: expect.stringContaining('no such user') });
    expect((await get('/deliveries', tokens.trader)).status).toBe(403);

    // The person mends their address (their next sign-in carries it); a supervisor sends again.
    const mended = tokenFor(ADM, ['trader'], stranger.subject, undefined, { email: 'exports@lesothowool.example' });
    expect((await get('/notices', mended)).body.items[0]).toMatchObject({ kind: 'authorisation_granted', mailStatus: 'refused', title: 'AEO status granted: Lesotho Wool Exports' });
    expect((await call('POST', `${t.url}/deliveries/${refused.id}/retry`, { token: tokens.officer })).status).toBe(403);
    const again = await call('POST', `${t.url}/deliveries/${refused.id}/retry`, { token: tokens.supervisor });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ mailStatus: 'pending', mailTo: 'exports@lesothowool.example' });
    const granted = await eventually(async () => {
      const m = smtp.to('exports@lesothowool.example');
      expect(m).toHaveLength(1);
      return m[0];
    });
    expect(granted.text).toContain('Lesotho Wool Exports is an Authorised Economic Operator (AEO-C), certificate ZA-AEO-2026-000042, valid until 29 November 2029.');
    // A mail that went out needs no second sending.
    const twice = await call('POST', `${t.url}/deliveries/${refused.id}/retry`, { token: tokens.supervisor });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('notice.not_deliverable');

    // Later the receiving side returns it: a delivery status notification to the return path.
    const bounces = t.service.app.get(BounceReceiver).address!;
    const dsn = nodemailer.createTransport({ host: bounces.host, port: bounces.port, secure: false, ignoreTLS: true });
    await dsn.sendMail({
      envelope: { from: '', to: `bounces+${refused.id}@sars.example` },
      from: 'MAILER-DAEMON@lesothowool.example',
      to: `bounces+${refused.id}@sars.example`,
      subject: 'Undelivered Mail Returned to Sender',
      text: 'Reporting-MTA: dns; mx.lesothowool.example\n\nFinal-Recipient: rfc822; exports@lesothowool.example\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 mailbox full\n',
    });
    await expect(dsn.sendMail({ envelope: { from: '', to: 'postmaster@sars.example' }, from: 'x@y.example', to: 'postmaster@sars.example', text: 'hello' })).rejects.toMatchObject({ responseCode: 550 });
    dsn.close();
    const bounced = await get('/deliveries?status=bounced', tokens.supervisor);
    expect(bounced.body.items.find((d: { id: string }) => d.id === refused.id)).toMatchObject({ mailStatus: 'bounced', error: '552 5.2.2 mailbox full' });
  });

  it('holds an event about an operator not known yet, and tells it once the operator arrives', async () => {
    const operatorId = randomUUID();
    const applicationId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.applicationStageChanged, step(operatorId, applicationId, 'accept', ApplicationStage.ACCEPTED), { aggregateId: applicationId });
    await eventually(async () => expect(await data.query(`SELECT 1 FROM held_message WHERE hold_key = $1`, [`operator:${operatorId}`])).toHaveLength(1));
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({ operatorId, legalName: 'Late Arrivals Ltd', registeredBy: trader.subject }), { aggregateId: operatorId });
    const mail = await eventually(async () => {
      const m = smtp.to(trader.email).filter((x) => x.text?.includes(applicationId));
      expect(m).toHaveLength(1);
      return m[0];
    });
    expect(mail.subject).toBe('Demande acceptée : Late Arrivals Ltd');
    expect(mail.text).toContain('La décision est attendue au plus tard le 1 mars 2027.');
  });

  it('follows preferences: a category not wanted by e-mail stays in the inbox; bad preferences are refused', async () => {
    const bad = await call('PUT', `${t.url}/preferences`, { body: { emailOff: ['newsletters'], language: 'de' }, token: tokens.officer });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/emailOff must be one of application, deadline, authorisation, compliance, work/);
    expect(bad.body.detail).toMatch(/language must be one of en, fr/);
    const set = await call('PUT', `${t.url}/preferences`, { body: { emailOff: ['deadline'], language: 'fr' }, token: tokens.officer });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ email: officer.email, language: 'fr', effectiveLanguage: 'fr', emailOff: ['deadline'], emailEnabled: true });
    expect(set.body.categories).toContain('work');
    expect((await get('/preferences', tokens.trader)).body.categories).toEqual(['application', 'deadline', 'authorisation', 'compliance']);

    const operatorId = await operator();
    const applicationId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.applicationStageChanged, step(operatorId, applicationId, 'assign', ApplicationStage.ACCEPTED, { assignee: officer.subject, actor: supervisor.subject }), { aggregateId: applicationId });
    await publishEvent(t.kafka, t.topics, Events.deadlineNotice, {
      subjectType: 'application', subjectId: applicationId, operatorId, deadline: 'decision', notice: 'approaching',
      due: timestampFromDate(new Date('2027-03-01T00:00:00Z')), at: timestampFromDate(new Date()), assignee: officer.subject,
    }, { aggregateId: applicationId });
    const assigned = await eventually(async () => {
      const m = smtp.to(officer.email).filter((x) => x.text?.includes(applicationId));
      expect(m).toHaveLength(1);
      return m[0];
    });
    expect(assigned.subject).toBe('Demande qui vous est attribuée : Maluti Traders');
    const deadline = await eventually(async () => {
      const [n] = (await notices(officer.subject)).filter((x) => x.kind === 'deadline_approaching');
      expect(n).toBeDefined();
      return n;
    });
    expect(deadline.mail_status).toBe('not_wanted');
    const inbox = await get('/notices', tokens.officer);
    expect(inbox.body.items.find((n: { id: string }) => n.id === deadline.id)).toMatchObject({ title: 'Échéance proche : décision (Maluti Traders)', due: '2027-03-01T00:00:00.000Z' });
    // The supervisor who assigned the case is not told of their own act.
    expect((await notices(supervisor.subject)).filter((n) => n.kind === 'application_assigned')).toHaveLength(0);
  });

  it('tells the trader of a blocking compliance state once, and the supervisors of a proposed suspension', async () => {
    const operatorId = await operator();
    const incidentId = randomUUID();
    const blocking = { operatorId, state: ComplianceState.BLOCKING, grantBlockedBecause: ['no accepted Code of Conduct'], reasons: [{ rule: 'no-accepted-code', effect: 'block' }], changedAt: timestampFromDate(new Date()) };
    await publishEvent(t.kafka, t.topics, Events.complianceStatusChanged, { ...blocking, version: 1n }, { aggregateId: operatorId, sequence: 1 });
    await publishEvent(t.kafka, t.topics, Events.complianceStatusChanged, { ...blocking, version: 2n, suspensionProposed: true, suspensionGrounds: 'cargo theft at the Durban site', incidentId }, { aggregateId: operatorId, sequence: 2 });
    await eventually(async () => expect(smtp.to(supervisor.email).filter((m) => m.subject === 'Suspension proposed: Maluti Traders' && m.text?.includes('cargo theft'))).toHaveLength(1));
    const forTrader = await eventually(async () => {
      const m = smtp.to(trader.email).filter((x) => x.text?.includes(`/companies/${operatorId}/conduct`));
      expect(m).toHaveLength(1);
      return m[0];
    });
    expect(forTrader.subject).toBe('Octroi bloqué : Maluti Traders');
    // In the trader's language, by the rule the event names, not the English words beside it.
    expect(forTrader.text).toContain("Le statut OEA ne peut être accordé tant que : aucun code de conduite n'est accepté");
    expect(forTrader.text).not.toContain('no accepted Code of Conduct');
  });

  it('leaves no earlier compliance notice current beside a later state: read, marked no longer current, its unsent mail not sent', async () => {
    const operatorId = await operator();
    // A warning whose mail waits for a retry an hour away when the next state comes.
    const waiting = randomUUID();
    await data.query(
      `INSERT INTO notice (id, recipient, kind, category, operator_id, subject_type, subject_id, facts, link, source_event, created_at, mail_status, mail_to, mail_language, mail_next_at)
       VALUES ($1, $2, 'compliance_warning', 'compliance', $3, 'operator', $3, '{"legalName": "Maluti Traders"}', '/', $1, now() - interval '1 minute', 'pending', $4, 'fr', now() + interval '1 hour')`,
      [waiting, trader.subject, operatorId, trader.email],
    );
    const state = (version: bigint, s: ComplianceState, reasons: { rule: string; effect: string }[]) =>
      publishEvent(t.kafka, t.topics, Events.complianceStatusChanged, { operatorId, state: s, grantBlockedBecause: reasons.length ? ['no accepted Code of Conduct'] : [], reasons, version, changedAt: timestampFromDate(new Date()) }, { aggregateId: operatorId, sequence: Number(version) });
    const mine = async () =>
      (await data.query(`SELECT id, kind, mail_status, read_at IS NOT NULL AS read, superseded_at IS NOT NULL AS superseded FROM notice WHERE recipient = $1 AND operator_id = $2 ORDER BY created_at`, [trader.subject, operatorId])) as {
        id: string; kind: string; mail_status: string; read: boolean; superseded: boolean;
      }[];
    await state(1n, ComplianceState.BLOCKING, [{ rule: 'no-accepted-code', effect: 'block' }]);
    await eventually(async () => expect((await mine()).map((n) => n.kind)).toEqual(['compliance_warning', 'compliance_blocking']));
    expect((await mine())[0]).toMatchObject({ id: waiting, mail_status: 'superseded', read: true, superseded: true });
    expect((await mine())[1]).toMatchObject({ read: false, superseded: false });
    await eventually(async () => expect((await mine())[1].mail_status).toBe('sent'));
    // No longer current, it is not mailed again by a supervisor either, nor listed among the mails to mend.
    await data.query(`UPDATE notice SET mail_status = 'failed', mail_error = 'timed out' WHERE id = $1`, [waiting]);
    const stale = await call('POST', `${t.url}/deliveries/${waiting}/retry`, { token: tokens.supervisor });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/no longer current/);
    expect((await get('/deliveries?status=failed', tokens.supervisor)).body.items.map((d: { id: string }) => d.id)).not.toContain(waiting);

    // In order again: the blocking notice is no longer current (its mail went: it stays sent); the trader sees why in the inbox.
    await state(2n, ComplianceState.COMPLIANT, []);
    await eventually(async () => expect((await mine()).map((n) => [n.kind, n.read, n.superseded])).toEqual([['compliance_warning', true, true], ['compliance_blocking', true, true], ['compliance_restored', false, false]]));
    expect((await mine())[1].mail_status).toBe('sent');
    const inbox = await get('/notices', tokens.trader);
    const shown = inbox.body.items.filter((n: { subjectId: string }) => n.subjectId === operatorId);
    expect(shown.map((n: { kind: string; supersededAt: string | null; readAt: string | null }) => [n.kind, !!n.supersededAt, !!n.readAt])).toEqual([
      ['compliance_restored', false, false],
      ['compliance_blocking', true, true],
      ['compliance_warning', true, true],
    ]);
  });

  it('records what became of a mail that was being sent when a later state made its notice no longer current', async () => {
    const operatorId = await operator();
    const state = (version: bigint, s: ComplianceState, reasons: { rule: string; effect: string }[]) =>
      publishEvent(t.kafka, t.topics, Events.complianceStatusChanged, { operatorId, state: s, grantBlockedBecause: reasons.length ? ['no accepted Code of Conduct'] : [], reasons, version, changedAt: timestampFromDate(new Date()) }, { aggregateId: operatorId, sequence: Number(version) });
    const mine = async () =>
      (await data.query(`SELECT kind, mail_status, superseded_at IS NOT NULL AS superseded FROM notice WHERE recipient = $1 AND operator_id = $2 ORDER BY created_at`, [trader.subject, operatorId])) as {
        kind: string; mail_status: string; superseded: boolean;
      }[];
    // The blocking notice's mail reaches the server, which does not answer yet.
    const held = smtp.holdNext(trader.email);
    await state(1n, ComplianceState.BLOCKING, [{ rule: 'no-accepted-code', effect: 'block' }]);
    expect((await held.arrived).subject).toBe('Octroi bloqué : Maluti Traders');
    // Meanwhile the operator is compliant again: the blocking notice is no longer current, its mail still pending.
    await state(2n, ComplianceState.COMPLIANT, []);
    await eventually(async () => expect(await mine()).toEqual([
      { kind: 'compliance_blocking', mail_status: 'superseded', superseded: true },
      { kind: 'compliance_restored', mail_status: 'pending', superseded: false },
    ]));
    // The server accepts it: the record says it went (the trader has it), and the later notice follows.
    held.release();
    await eventually(async () => expect(await mine()).toEqual([
      { kind: 'compliance_blocking', mail_status: 'sent', superseded: true },
      { kind: 'compliance_restored', mail_status: 'sent', superseded: false },
    ]));
    expect(smtp.to(trader.email).filter((m) => m.text?.includes(`/companies/${operatorId}/conduct`)).map((m) => m.subject)).toEqual(['Octroi bloqué : Maluti Traders', 'Conformité en ordre : Maluti Traders']);
  });

  it('tells nothing of events older than a week (a service started on a registry with a history), but keeps their state', async () => {
    const operatorId = await operator();
    const authorisationId = randomUUID();
    const long = new Date(Date.now() - 30 * 86_400_000);
    await publishEvent(t.kafka, t.topics, Events.authorisationStatusChanged, {
      authorisationId, operatorId, certificateNumber: 'ZA-AEO-2026-000099', aeoType: AeoType.S, status: AeoStatus.VALID,
      statusSince: timestampFromDate(long), authorisedOn: timestampFromDate(long), validTo: timestampFromDate(new Date('2029-01-01T00:00:00Z')),
    }, { aggregateId: authorisationId, occurredAt: long });
    await eventually(async () => expect(await data.query(`SELECT status FROM known_authorisation WHERE authorisation_id = $1`, [authorisationId])).toEqual([{ status: 'valid' }]));
    expect(await data.query(`SELECT id FROM notice WHERE subject_id = $1`, [authorisationId])).toEqual([]);
    // What happens now is told, as a change from the state kept.
    await publishEvent(t.kafka, t.topics, Events.authorisationStatusChanged, {
      authorisationId, operatorId, certificateNumber: 'ZA-AEO-2026-000099', aeoType: AeoType.S, status: AeoStatus.SUSPENDED,
      statusSince: timestampFromDate(new Date()), authorisedOn: timestampFromDate(long), validTo: timestampFromDate(new Date('2029-01-01T00:00:00Z')),
    }, { aggregateId: authorisationId, sequence: 2 });
    await eventually(async () => expect((await data.query(`SELECT kind FROM notice WHERE subject_id = $1`, [authorisationId])).map((r: { kind: string }) => r.kind)).toEqual(['authorisation_suspended']));
  });

  it('sends each due mail once when dispatchers run side by side (as replicas would)', async () => {
    const ids = Array.from({ length: 12 }, () => randomUUID());
    for (const id of ids) {
      await data.query(
        `INSERT INTO notice (id, recipient, kind, category, operator_id, subject_type, subject_id, facts, link, source_event, created_at, mail_status, mail_to, mail_language, mail_next_at)
         VALUES ($1, $2, 'compliance_restored', 'compliance', NULL, 'operator', $1, '{"legalName": "Side By Side Ltd"}', '/', $1, now(), 'pending', $3, 'en', now())`,
        [id, trader.subject, 'parallel@maluti.example'],
      );
    }
    const dispatcher = t.service.app.get(MailDispatcher);
    await Promise.all([dispatcher.tick(), dispatcher.tick(), dispatcher.tick()]);
    await eventually(async () => expect(smtp.to('parallel@maluti.example')).toHaveLength(12));
    // Each was handed to the server once: one attempt recorded on each, none left to send.
    expect(await data.query(`SELECT DISTINCT mail_status, mail_attempts FROM notice WHERE id = ANY($1::uuid[])`, [ids])).toEqual([{ mail_status: 'sent', mail_attempts: 1 }]);
    const perNotice = smtp.to('parallel@maluti.example').map((m) => m.headers.get('x-aeo-notice'));
    expect(new Set(perNotice).size).toBe(12);
    expect(perNotice).toHaveLength(12);
  });

  it('runs its start-up hooks once (each commit subscriber registered once)', async () => {
    // The event consumers' microservice shares the application's providers; it used to call their
    // hooks a second time: two timers per scheduler (the first never stopped), two SMTP listeners.
    const subscribers = t.service.app.get(DataSource).subscribers.map((s) => s.constructor.name);
    expect(subscribers.filter((n) => n === 'OutboxCommitSubscriber')).toHaveLength(1);
    expect(subscribers.filter((n) => n === 'MailDispatcher')).toHaveLength(1);
    expect(subscribers.filter((n) => n === 'HeldEvents')).toHaveLength(1);
  });
});
