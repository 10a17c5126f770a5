import { Events } from '@aeo/contracts';
import { PgEventLogTransport, TopicNames } from '@aeo/messaging';
import { publishEvent, startTestService, TestService, registeredOperator } from '@aeo/messaging/testing';
import { call, createTestDatabase, eventually, TestDatabase } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { CONDUCT_COMPLIANCE } from '../src';

describe('conduct-compliance on the embedded event log', () => {
  let t: TestService;
  let eventLog: TestDatabase;
  let log: PgEventLogTransport;

  beforeAll(async () => {
    eventLog = await createTestDatabase('aeo_eventlog');
    t = await startTestService(CONDUCT_COMPLIANCE, { KAFKA_BROKERS: '', EVENT_LOG_URL: eventLog.url, TOPIC_NAMESPACE: 'cc' });
    log = new PgEventLogTransport({ url: eventLog.url, logger: pino({ level: 'silent' }) });
    await log.connect();
  });
  afterAll(async () => {
    await log?.close();
    await t?.close();
    await eventLog?.drop();
  });

  it('learns operators from operator-registry events', async () => {
    const operatorId = randomUUID();
    await publishEvent(log, new TopicNames('cc'), Events.operatorRegistered, registeredOperator({
      operatorId,
      legalName: 'Senqu Carriers',
      registeredBy: 'trader-ls',
      registeredAt: { seconds: 1767225600n, nanos: 0 },
    }), { aggregateId: operatorId });
    const dataSource = t.service.app.get(DataSource);
    await eventually(async () => {
      const rows = await dataSource.query('SELECT legal_name FROM known_operator WHERE operator_id = $1', [operatorId]);
      expect(rows).toEqual([{ legal_name: 'Senqu Carriers' }]);
    });
  });

  it('is ready while PostgreSQL and the event log answer, and answers 503 naming what is down', async () => {
    const ready = await call('GET', `${t.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.checks.map((c: { name: string }) => c.name).sort()).toEqual(['event-log', 'postgresql']);

    await log.close();
    await eventLog.drop(); // the event log's database goes away
    const down = await eventually(async () => {
      const r = await call('GET', `${t.url}/health/ready`);
      expect(r.status).toBe(503);
      return r;
    });
    expect(down.body.checks.find((c: { name: string }) => c.name === 'event-log').status).toBe('down');
    expect(down.body.checks.find((c: { name: string }) => c.name === 'postgresql').status).toBe('up');
    expect((await call('GET', `${t.url}/health/live`)).status).toBe(200);
  });
});
