import { fromBinary } from '@bufbuild/protobuf';
import { AeoStatus, AuthorisationStatusChangedSchema, EnvelopeSchema, Events, Headers } from '@aeo/contracts';
import { DeliveredMessage } from '@aeo/messaging';
import { publishEvent, readDeadLetters, startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { ACCREDITATION } from '../src';

describe('accreditation on real PostgreSQL and Kafka', () => {
  let t: TestService;
  const trader = tokenFor('ZA', ['trader'], 'trader-acc');
  const supervisor = tokenFor('ZA', ['supervisor']);

  beforeAll(async () => {
    t = await startTestService(ACCREDITATION);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function knownOperator(): Promise<string> {
    const operatorId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, { operatorId, legalName: 'Maluti Traders', registeredBy: 'trader-acc' }, { aggregateId: operatorId });
    return operatorId;
  }

  it('takes an application once the operator registration arrives, grants, suspends and tells the other services', async () => {
    const operatorId = await knownOperator();
    const application = await eventually(async () => {
      const r = await call('POST', `${t.url}/applications`, { token: trader, body: { operatorId, aeoType: 'S' } });
      expect(r.status).toBe(201);
      return r.body;
    });
    expect(application).toMatchObject({ status: 'submitted', aeoType: 'S' });

    const events: DeliveredMessage[] = [];
    const subscription = await t.kafka.subscribe({
      groupId: `${t.topics.namespace}.reader`,
      topics: [t.topics.of(Events.authorisationStatusChanged), t.topics.of(Events.applicationSubmitted)],
      handle: async (m) => void events.push(m),
    });
    try {
      const granted = await call('POST', `${t.url}/applications/${application.id}/grant`, { token: tokenFor('ZA', ['officer']), body: {} });
      expect(granted.status).toBe(201);
      expect(granted.body).toMatchObject({ status: 'valid', aeoType: 'S', certificateNumber: expect.stringMatching(/^ZAAEOS\d{7}$/) });
      expect(new Date(granted.body.validTo).getUTCFullYear() - new Date(granted.body.authorisedOn).getUTCFullYear()).toBe(5);

      const again = await call('POST', `${t.url}/applications/${application.id}/grant`, { token: tokenFor('ZA', ['officer']), body: {} });
      expect(again.status).toBe(409);

      const byOfficer = await call('POST', `${t.url}/authorisations/${granted.body.id}/suspend`, { token: tokenFor('ZA', ['officer']), body: { reason: 'x' } });
      expect(byOfficer.status).toBe(403);
      const noReason = await call('POST', `${t.url}/authorisations/${granted.body.id}/suspend`, { token: supervisor, body: {} });
      expect(noReason.status).toBe(400);
      const suspended = await call('POST', `${t.url}/authorisations/${granted.body.id}/suspend`, { token: supervisor, body: { reason: 'audit findings' } });
      expect(suspended.status).toBe(201);
      expect(suspended.body.history.map((h: { to: string }) => h.to)).toEqual(['valid', 'suspended']);
      const twice = await call('POST', `${t.url}/authorisations/${granted.body.id}/suspend`, { token: supervisor, body: { reason: 'again' } });
      expect(twice.status).toBe(409);

      await eventually(() => expect(events.filter((e) => e.key === granted.body.id)).toHaveLength(2));
      expect(events.filter((e) => e.key === application.id).map((e) => e.headers['message-type'])).toEqual([
        'aeo.accreditation.v1.ApplicationSubmitted',
      ]);
      const statuses = events
        .filter((e) => e.key === granted.body.id)
        .map((e) => fromBinary(AuthorisationStatusChangedSchema, fromBinary(EnvelopeSchema, e.value).payload).status);
      expect(statuses).toEqual([AeoStatus.VALID, AeoStatus.SUSPENDED]);
    } finally {
      await subscription.close();
    }
  });

  it('flags an authorisation for reassessment when the holder notifies a significant change', async () => {
    const operatorId = await knownOperator();
    const application = await eventually(async () => {
      const r = await call('POST', `${t.url}/applications`, { token: trader, body: { operatorId, aeoType: 'F' } });
      expect(r.status).toBe(201);
      return r.body;
    });
    const granted = await call('POST', `${t.url}/applications/${application.id}/grant`, { token: tokenFor('ZA', ['officer']), body: {} });
    await publishEvent(t.kafka, t.topics, Events.operatorChanged, { operatorId, changed: ['contacts'], significant: false, legalName: 'x', address: {} }, { aggregateId: operatorId, sequence: 2 });
    await publishEvent(t.kafka, t.topics, Events.operatorChanged, { operatorId, changed: ['address', 'sites'], significant: true, legalName: 'x', address: {} }, { aggregateId: operatorId, sequence: 3 });
    const flagged = await eventually(async () => {
      const r = await call('GET', `${t.url}/authorisations/${granted.body.id}`, { token: tokenFor('ZA', ['officer']) });
      expect(r.body.reassessmentFlaggedAt).not.toBeNull();
      return r.body;
    });
    expect(flagged.reassessmentReason).toBe('the holder notified a significant change: address, sites');
    expect(flagged.status).toBe('valid');
    expect(flagged.history.map((h: { reason: string }) => h.reason)).toEqual([
      'granted',
      'reassessment flagged: the holder notified a significant change: address, sites',
    ]);
  });

  it('keeps a trader to its own operator', async () => {
    const operatorId = await knownOperator();
    await eventually(async () => {
      const r = await call('POST', `${t.url}/applications`, { token: tokenFor('ZA', ['trader'], 'intruder'), body: { operatorId, aeoType: 'C' } });
      expect(r.status).toBe(403);
    });
    const unknown = await call('POST', `${t.url}/applications`, { token: trader, body: { operatorId: randomUUID(), aeoType: 'C' } });
    expect(unknown.status).toBe(404);
    const badType = await call('POST', `${t.url}/applications`, { token: trader, body: { operatorId, aeoType: 'X' } });
    expect(badType.status).toBe(400);
    expect(JSON.stringify(badType.body.message)).toMatch(/aeoType must be one of/);
  });

  it('sends a message that fails validation to the dead letter with the reason, and goes on', async () => {
    const dead = await readDeadLetters(t.kafka, t.topics);
    try {
      const bad = randomUUID();
      await publishEvent(t.kafka, t.topics, Events.operatorRegistered, { operatorId: 'not-a-uuid', legalName: '', registeredBy: 'x' }, { aggregateId: bad });
      const operatorId = await knownOperator();
      await eventually(() => expect(dead.messages.map((m) => m.key)).toContain(bad));
      const reason = dead.messages.find((m) => m.key === bad)!.headers[Headers.deadLetterReason];
      expect(reason).toMatch(/operatorId must be a UUID/);
      expect(reason).toMatch(/legalName should not be empty/);
      await eventually(async () => {
        const r = await call('POST', `${t.url}/applications`, { token: trader, body: { operatorId, aeoType: 'F' } });
        expect(r.status).toBe(201);
      });
    } finally {
      await dead.subscription.close();
    }
  });
});
