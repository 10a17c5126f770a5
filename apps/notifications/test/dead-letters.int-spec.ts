import { Events } from '@aeo/contracts';
import { Retention } from '@aeo/messaging';
import { publishEvent, registeredOperator, startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NOTIFICATIONS } from '../src';

/**
 * Dead letters kept by a service (here notifications; the messaging library gives every service
 * the same), listed to supervisors and auditors, re-driven once their cause is mended or set
 * aside; and the retention pass, on real PostgreSQL and Kafka.
 */
describe('dead letters and retention', () => {
  let t: TestService;
  let data: DataSource;
  const supervisor = tokenFor('ZA', ['supervisor']);
  const open = async () => (await call('GET', `${t.url}/dead-letters`, { token: supervisor })).body as { total: number; items: { id: string; kind: string; reason: string; topic: string }[] };

  beforeAll(async () => {
    t = await startTestService(NOTIFICATIONS);
    data = t.service.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps what the consumer could not take, re-drives it once mended, and sets aside what never will be', async () => {
    // A fault of the service's own: its table refuses this operator (a constraint it should not have).
    await data.query(`ALTER TABLE known_operator ADD CONSTRAINT no_blocked CHECK (legal_name <> 'Blocked Ltd')`);
    const operatorId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({ operatorId, legalName: 'Blocked Ltd', registeredBy: 'trader-x' }), { aggregateId: operatorId });
    await t.kafka.publish([{ topic: t.topics.of(Events.operatorRegistered), key: 'garbage', value: Buffer.from('not a protobuf envelope'), headers: {} }]);

    const listed = await eventually(async () => {
      const page = await open();
      expect(page.total).toBe(2);
      return page;
    }, { timeoutMs: 30_000 });
    const failed = listed.items.find((d) => d.kind === 'handler_failed')!;
    const garbage = listed.items.find((d) => d.kind === 'invalid_message')!;
    expect(failed.reason).toMatch(/^handler failed 5 times: .*no_blocked/);
    expect(garbage.reason).toMatch(/^undecodable envelope/);
    expect(failed.topic).toBe(t.topics.of(Events.operatorRegistered));
    expect((await call('GET', `${t.url}/dead-letters`, { token: tokenFor('ZA', ['auditor']) })).status).toBe(200);
    expect((await call('GET', `${t.url}/dead-letters`, { token: tokenFor('ZA', ['officer']) })).status).toBe(403);
    expect((await call('POST', `${t.url}/dead-letters/${failed.id}/redrive`, { token: tokenFor('ZA', ['auditor']) })).status).toBe(403);

    // What cannot be read fails again: a new dead letter, and the answer says why.
    const again = await call('POST', `${t.url}/dead-letters/${garbage.id}/redrive`, { token: supervisor });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'failed_again', reason: expect.stringMatching(/^undecodable envelope/), deadLetterId: expect.any(String) });
    expect((await call('POST', `${t.url}/dead-letters/${garbage.id}/redrive`, { token: supervisor })).body.code).toBe('dead_letter.not_open');
    expect((await call('POST', `${t.url}/dead-letters/${randomUUID()}/redrive`, { token: supervisor })).status).toBe(404);

    // Mended, the other takes effect.
    await data.query(`ALTER TABLE known_operator DROP CONSTRAINT no_blocked`);
    const redriven = await call('POST', `${t.url}/dead-letters/${failed.id}/redrive`, { token: supervisor });
    expect(redriven.body).toEqual({ outcome: 'handled' });
    expect(await data.query(`SELECT legal_name FROM known_operator WHERE operator_id = $1`, [operatorId])).toEqual([{ legal_name: 'Blocked Ltd' }]);

    const bad = await call('POST', `${t.url}/dead-letters/${again.body.deadLetterId}/discard`, { token: supervisor, body: { note: '' } });
    expect(bad.status).toBe(400);
    const discarded = await call('POST', `${t.url}/dead-letters/${again.body.deadLetterId}/discard`, { token: supervisor, body: { note: 'a test sent garbage; nothing to recover' } });
    expect(discarded.body).toMatchObject({ outcome: 'discarded', handledBy: 'supervisor-za', note: 'a test sent garbage; nothing to recover' });
    expect((await call('POST', `${t.url}/dead-letters/${again.body.deadLetterId}/discard`, { token: supervisor, body: { note: 'again' } })).status).toBe(409);
    expect((await call('POST', `${t.url}/dead-letters/${randomUUID()}/discard`, { token: supervisor, body: { note: 'x' } })).status).toBe(404);
    expect((await open()).total).toBe(0);
    const handled = await call('GET', `${t.url}/dead-letters?state=handled`, { token: supervisor });
    expect(handled.body.items.map((d: { outcome: string }) => d.outcome).sort()).toEqual(['discarded', 'redriven', 'redriven']);
  });

  it('prunes handled dead letters and old inbox rows after their periods, and keeps open dead letters', async () => {
    await t.kafka.publish([{ topic: t.topics.of(Events.operatorRegistered), key: 'garbage-2', value: Buffer.from('still not protobuf'), headers: {} }]);
    await eventually(async () => expect((await open()).total).toBe(1), { timeoutMs: 30_000 });
    const count = async (table: string) => (await data.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
    const inboxBefore = await count('inbox');
    expect(inboxBefore).toBeGreaterThan(0);
    const retention = t.service.app.get(Retention);

    expect(await retention.prune(new Date())).toEqual({ outbox: 0, inbox: 0, deadLetters: 0 }); // nothing old enough yet
    // A hundred days on: past the inbox's 30 days and the handled dead letters' 90.
    const pruned = await retention.prune(new Date(Date.now() + 100 * 86_400_000));
    expect(pruned).toEqual({ outbox: 0, inbox: inboxBefore, deadLetters: 3 });
    expect((await open()).total).toBe(1);
    expect(await count('dead_letter')).toBe(1);
  });
});
