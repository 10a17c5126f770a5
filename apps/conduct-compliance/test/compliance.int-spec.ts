import { fromBinary } from '@bufbuild/protobuf';
import { ComplianceState, ComplianceStatusChangedSchema, EnvelopeSchema, Events } from '@aeo/contracts';
import { DeliveredMessage } from '@aeo/messaging';
import { publishEvent, readDeadLetters, startTestService, TestService, registeredOperator } from '@aeo/messaging/testing';
import { ManualClock } from '@aeo/platform';
import { call, eventually, tokenFor } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { CONDUCT_COMPLIANCE } from '../src';
import { DataSource } from 'typeorm';
import { ComplianceScheduler } from '../src/compliance/compliance-scheduler';
import { ComplianceService } from '../src/compliance/compliance.service';

const TEXT = 'We refuse bribes, report insider threats and keep every customs record true.';

describe('conduct-compliance: personnel, training, declarations, incidents and the compliance status', () => {
  let t: TestService;
  let seen: DeliveredMessage[];
  let closeReader: () => Promise<void>;
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  const trader = tokenFor('ZA', ['trader'], 'trader-cc');
  const officer = tokenFor('ZA', ['officer'], 'officer-cc');
  const supervisor = tokenFor('ZA', ['supervisor'], 'supervisor-cc');
  const auditor = tokenFor('ZA', ['auditor'], 'auditor-cc');

  beforeAll(async () => {
    t = await startTestService(CONDUCT_COMPLIANCE, { SCHEDULER_INTERVAL_MS: '3600000' }, { clock });
    seen = [];
    const sub = await t.kafka.subscribe({
      groupId: `${t.topics.namespace}.reader`,
      topics: [t.topics.of(Events.complianceStatusChanged)],
      handle: async (m) => void seen.push(m),
    });
    closeReader = () => sub.close();
  });
  afterAll(async () => {
    await closeReader?.();
    await t?.close();
  });

  const statuses = (operatorId: string) =>
    seen.filter((m) => m.key === operatorId).map((m) => fromBinary(ComplianceStatusChangedSchema, fromBinary(EnvelopeSchema, m.value).payload));

  async function operator(): Promise<string> {
    const operatorId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({
      operatorId,
      legalName: 'Senqu Carriers',
      registeredBy: 'trader-cc',
      registeredAt: { seconds: BigInt(Math.floor(clock.now().getTime() / 1000)), nanos: 0 },
    }), { aggregateId: operatorId });
    await eventually(async () => expect((await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: trader })).status).toBe(200));
    return operatorId;
  }

  it('carries the trace on: the status its handler writes is a child of the registration that caused it', async () => {
    const operatorId = randomUUID();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({ operatorId, registeredBy: 'trader-cc' }), {
      aggregateId: operatorId,
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    await eventually(() => expect(seen.filter((m) => m.key === operatorId)).toHaveLength(1));
    const header = seen.find((m) => m.key === operatorId)!.headers.traceparent;
    expect(header).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(header).not.toContain('00f067aa0ba902b7'); // the handler's own span, a child of the registration's
  });

  async function acceptedCode(operatorId: string) {
    const code = await call('POST', `${t.url}/operators/${operatorId}/codes-of-conduct`, {
      token: trader,
      body: { text: TEXT, adoptedOn: '2027-01-10', approvedBy: { name: 'Naledi Mokoena', function: 'managing director' } },
    });
    expect(code.status).toBe(201);
    const review = await call('POST', `${t.url}/codes-of-conduct/${code.body.id}/review`, { token: officer, body: { decision: 'accept' } });
    expect(review.status).toBe(201);
  }

  async function person(operatorId: string, sensitiveAccess: string[], name = 'Lerato Mofokeng') {
    const r = await call('POST', `${t.url}/operators/${operatorId}/personnel`, {
      token: trader,
      body: { name, role: sensitiveAccess.length ? 'warehouse clerk' : 'receptionist', sensitiveAccess, startedOn: '2025-01-06' },
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  }

  const train = (personId: string, validUntil = '2028-02-01', token = trader) =>
    call('POST', `${t.url}/personnel/${personId}/trainings`, { token, body: { course: 'Insider threats (WCO)', completedOn: '2027-02-01', validUntil } });

  it('blocks a grant until a code is accepted, and tells accreditation each change once', async () => {
    const operatorId = await operator();
    const first = await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: trader });
    expect(first.body).toMatchObject({ status: 'blocking', grantBlockedBecause: ['no accepted Code of Conduct'], version: 1, reasons: [{ rule: 'no-accepted-code', effect: 'block' }] });
    await acceptedCode(operatorId);
    await eventually(() => expect(statuses(operatorId).map((s) => [s.status, Number(s.version)])).toEqual([['blocking', 1], ['compliant', 2]]));
    expect(statuses(operatorId)[1]).toMatchObject({ grantBlockedBecause: [], warnings: [], suspensionProposed: false, reasons: [] });
    expect(statuses(operatorId)[0].reasons.map((r) => [r.rule, r.effect])).toEqual([['no-accepted-code', 'block']]); // the rule beside the English words
    expect(statuses(operatorId).map((s) => s.state)).toEqual([ComplianceState.BLOCKING, ComplianceState.COMPLIANT]); // the enum, beside the word
    expect(await t.service.app.get(ComplianceScheduler).tick()).toBe(0); // nothing changed: nothing told
    // The next change is told as version 3, right after version 2: nothing was told in between.
    await person(operatorId, ['cargo']);
    await eventually(() => expect(statuses(operatorId).map((s) => [s.status, Number(s.version)])).toEqual([['blocking', 1], ['compliant', 2], ['warning', 3]]));
  });

  it('fills in the reasons of a status stored before they were kept, telling nothing new', async () => {
    const operatorId = await operator();
    // Untrained in a sensitive position: a reason with figures beside one without.
    await person(operatorId, ['cargo']);
    await eventually(() => expect(statuses(operatorId)).toHaveLength(2));
    const data = t.service.app.get(DataSource);
    await data.query(`UPDATE compliance_status SET reasons = '[]' WHERE operator_id = $1`, [operatorId]);
    expect((await t.service.app.get(ComplianceService).recomputeNow(operatorId))?.changed).toBe(false);
    // Version 2 still: no new status derived, none told.
    expect(await data.query(`SELECT reasons, version FROM compliance_status WHERE operator_id = $1`, [operatorId])).toEqual([
      { reasons: [{ rule: 'no-accepted-code', effect: 'block' }, { rule: 'low-coverage', effect: 'warn', coverage: 0, threshold: 90 }], version: '2' },
    ]);
    // Filled in once: recomputed again, the row is not written (jsonb keeps its own key order, so only the count is compared).
    const rowVersion = async () => (await data.query(`SELECT xmin::text AS x FROM compliance_status WHERE operator_id = $1`, [operatorId]))[0].x;
    const before = await rowVersion();
    await t.service.app.get(ComplianceService).recomputeNow(operatorId);
    expect(await rowVersion()).toBe(before);
  });

  it('keeps a register of sensitive positions and warns when valid training covers less than 90% of them', async () => {
    const operatorId = await operator();
    await acceptedCode(operatorId);
    const people: string[] = [];
    for (let i = 0; i < 10; i++) people.push(await person(operatorId, ['cargo'], `clerk ${i}`));
    await person(operatorId, []); // not sensitive: not counted
    for (const id of people.slice(0, 9)) expect((await train(id)).status).toBe(201);
    expect((await train(people[9], '2027-03-15')).status).toBe(201); // lapses in two weeks

    const register = await call('GET', `${t.url}/operators/${operatorId}/personnel`, { token: auditor });
    expect(register.body.coverage).toEqual({ sensitivePositions: 10, trained: 10, percent: 100 });
    expect(register.body.people).toHaveLength(11);
    expect((await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: trader })).body.status).toBe('compliant');

    clock.advanceDays(20); // one training lapsed: 90% is not below 90%
    await t.service.app.get(ComplianceScheduler).tick();
    expect((await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: trader })).body).toMatchObject({ status: 'compliant', facts: { coverage: 90 } });
    // A tenth person in a sensitive position, untrained: 9 of 11 = 81.8%.
    await person(operatorId, ['data', 'premises'], 'new IT clerk');
    const low = await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: trader });
    expect(low.body).toMatchObject({ status: 'warning', grantBlockedBecause: [], warnings: ['insider-threat training covers 81.8% of sensitive positions (below 90%)'], reasons: [{ rule: 'low-coverage', effect: 'warn', coverage: 81.8, threshold: 90 }] });
    await eventually(() => expect(statuses(operatorId).at(-1)).toMatchObject({ status: 'warning' }));

    // One of them leaves: 9 of 10 again.
    const left = await call('PATCH', `${t.url}/personnel/${people[9]}`, { token: trader, body: { leftOn: clock.now().toISOString().slice(0, 10) } });
    expect(left.status).toBe(200);
    expect((await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: trader })).body).toMatchObject({ status: 'compliant', facts: { coverage: 90 } });

    expect((await call('POST', `${t.url}/operators/${operatorId}/personnel`, { token: tokenFor('ZA', ['trader'], 'other'), body: { name: 'x', role: 'x', sensitiveAccess: [], startedOn: '2025-01-01' } })).status).toBe(403);
    expect((await train(people[0], '2028-01-01', tokenFor('ZA', ['trader'], 'other'))).status).toBe(403);
    expect((await call('POST', `${t.url}/operators/${operatorId}/personnel`, { token: trader, body: { name: 'x', role: 'x', sensitiveAccess: ['vault'], startedOn: '2025-13-01' } })).status).toBe(400);
    expect((await train(people[0], '2020-01-01')).body.message).toEqual(['validUntil must not be before completedOn']);
    clock.set(new Date('2027-03-01T09:00:00Z'));
  });

  it('keeps customs staff on the same footing, and counts them in the figures', async () => {
    const add = (name: string, sensitiveAccess: string[]) =>
      call('POST', `${t.url}/customs-staff`, { token: supervisor, body: { name, role: 'accreditation officer', sensitiveAccess, startedOn: '2020-01-01' } });
    const a = await add('Officer Dlamini', ['data']);
    const b = await add('Officer Khumalo', ['premises']);
    expect(a.status).toBe(201);
    expect((await call('POST', `${t.url}/customs-staff`, { token: officer, body: { name: 'x', role: 'x', sensitiveAccess: [], startedOn: '2020-01-01' } })).status).toBe(403);
    expect((await train(a.body.id, '2028-01-01', supervisor)).status).toBe(201);
    expect((await train(b.body.id, '2028-01-01', trader)).status).toBe(403);
    const staff = await call('GET', `${t.url}/customs-staff`, { token: auditor });
    expect(staff.body.coverage).toEqual({ sensitivePositions: 2, trained: 1, percent: 50 });
    const figures = await call('GET', `${t.url}/figures`, { token: auditor });
    expect(figures.body.coverage.customsStaff).toEqual({ sensitivePositions: 2, trained: 1, percent: 50 });
    expect(figures.body.coverage.operators.sensitivePositions).toBeGreaterThanOrEqual(11);
    expect((await call('GET', `${t.url}/figures`, { token: trader })).status).toBe(403);
  });

  it('tracks the yearly declaration against the clock', async () => {
    const operatorId = await operator();
    const declaration = { statement: 'We complied with our Code of Conduct this year.', declaredBy: { name: 'Naledi Mokoena', function: 'managing director' } };
    expect((await call('POST', `${t.url}/operators/${operatorId}/declarations`, { token: trader, body: declaration })).status).toBe(409); // no accepted code
    await acceptedCode(operatorId);
    const due = await call('GET', `${t.url}/operators/${operatorId}/declarations`, { token: trader });
    expect(due.body).toMatchObject({ nextDue: '2028-03-01T09:00:00.000Z', overdue: false, declarations: [] });

    clock.set(new Date('2028-03-02T09:00:00Z'));
    await t.service.app.get(ComplianceScheduler).tick();
    const overdue = await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: officer });
    expect(overdue.body).toMatchObject({ status: 'warning', warnings: ['the periodic declaration was due on 2028-03-01'] });
    const figures = await call('GET', `${t.url}/figures`, { token: officer });
    expect(figures.body.declarationsOverdue).toBeGreaterThanOrEqual(1);

    const made = await call('POST', `${t.url}/operators/${operatorId}/declarations`, { token: trader, body: declaration });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ codeVersion: 1, nextDue: '2029-03-02T09:00:00.000Z' });
    expect((await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: officer })).body.status).toBe('compliant');
    expect((await call('POST', `${t.url}/operators/${operatorId}/declarations`, { token: trader, body: { statement: '' } })).status).toBe(400);
    clock.set(new Date('2027-03-01T09:00:00Z'));
  });

  it('proposes a suspension once for a critical incident without accepted measures, and lifts it when customs accepts the measures', async () => {
    const operatorId = await operator();
    await acceptedCode(operatorId);
    const low = await call('POST', `${t.url}/operators/${operatorId}/incidents`, {
      token: trader,
      body: { severity: 'low', occurredOn: '2027-02-20', description: 'visitor badge not returned', measuresTaken: 'badge deactivated' },
    });
    expect(low.body).toMatchObject({ reportedAs: 'operator', decision: null });
    const critical = await call('POST', `${t.url}/operators/${operatorId}/incidents`, {
      token: officer,
      body: { severity: 'critical', occurredOn: '2027-02-25', description: 'a clerk passed seal numbers to an outsider', measuresTaken: 'clerk suspended' },
    });
    expect(critical.body).toMatchObject({ reportedAs: 'customs', severity: 'critical' });
    await eventually(() => expect(statuses(operatorId).some((s) => s.suspensionProposed)).toBe(true));
    const proposal = statuses(operatorId).find((s) => s.suspensionProposed)!;
    expect(proposal).toMatchObject({ incidentId: critical.body.id, suspensionGrounds: 'critical incident without accepted measures: a clerk passed seal numbers to an outsider' });

    // A later change does not propose it again.
    await person(operatorId, ['cargo']);
    await eventually(() => expect(statuses(operatorId).length).toBeGreaterThanOrEqual(4));
    expect(statuses(operatorId).filter((s) => s.suspensionProposed)).toHaveLength(1);

    const open = await call('GET', `${t.url}/incidents?state=open&severity=critical`, { token: auditor });
    expect(open.body.map((i: { id: string }) => i.id)).toContain(critical.body.id);
    expect((await call('POST', `${t.url}/incidents/${critical.body.id}/review`, { token: trader, body: { decision: 'measures-accepted', reason: 'x' } })).status).toBe(403);
    expect((await call('POST', `${t.url}/incidents/${critical.body.id}/review`, { token: officer, body: { decision: 'fine' } })).status).toBe(400);
    const insufficient = await call('POST', `${t.url}/incidents/${critical.body.id}/review`, { token: officer, body: { decision: 'measures-insufficient', reason: 'seals not yet changed' } });
    expect(insufficient.body.decision).toBe('measures-insufficient');
    const accepted = await call('POST', `${t.url}/incidents/${critical.body.id}/review`, { token: officer, body: { decision: 'measures-accepted', reason: 'seals changed, staff retrained' } });
    expect(accepted.body.reviews.map((r: { decision: string }) => r.decision)).toEqual(['measures-insufficient', 'measures-accepted']);
    const status = await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: officer });
    expect(status.body.warnings.filter((w: string) => /critical incident/.test(w))).toEqual([]);
    const figures = await call('GET', `${t.url}/figures`, { token: officer });
    expect(figures.body.openIncidentsBySeverity.low).toBeGreaterThanOrEqual(1);

    const future = await call('POST', `${t.url}/operators/${operatorId}/incidents`, { token: trader, body: { severity: 'high', occurredOn: '2999-01-01', description: 'x', measuresTaken: '' } });
    expect(future.status).toBe(400);
    expect((await call('POST', `${t.url}/operators/${operatorId}/incidents`, { token: auditor, body: { severity: 'high', occurredOn: '2027-01-01', description: 'x', measuresTaken: '' } })).status).toBe(403);
  });

  it('answers bad input with a 4xx and a message, never a 500', async () => {
    const operatorId = await operator();
    const personId = await person(operatorId, ['cargo']);
    const cases: [string, string, string, unknown][] = [
      ['POST', `/operators/${operatorId}/personnel`, trader, { name: 'x', role: 'x', sensitiveAccess: 'cargo', startedOn: '2025-01-01' }],
      ['POST', `/operators/${operatorId}/personnel`, trader, { name: '', role: 'x', sensitiveAccess: [], startedOn: '2025-01-01' }],
      ['POST', `/operators/${operatorId}/personnel`, trader, { name: 'x', role: 'x', sensitiveAccess: ['cargo', 'cargo'], startedOn: '2025-01-01' }],
      ['PATCH', `/personnel/${personId}`, trader, { leftOn: '2020-01-01' }],
      ['PATCH', `/personnel/${personId}`, trader, { leftOn: 'yesterday' }],
      ['PATCH', `/personnel/${randomUUID()}`, trader, { role: 'x' }],
      ['POST', `/personnel/${personId}/trainings`, trader, { course: 'x', completedOn: '2999-01-01', validUntil: '2999-02-01' }],
      ['POST', `/personnel/${personId}/trainings`, trader, { course: 'x' }],
      ['POST', `/operators/${operatorId}/declarations`, trader, { statement: 'x' }],
      ['POST', `/operators/${operatorId}/declarations`, trader, { statement: 'x', declaredBy: { name: 'x', function: 'y' } }],
      ['POST', `/operators/${operatorId}/incidents`, trader, { severity: 'apocalyptic', occurredOn: '2027-01-01', description: 'x', measuresTaken: '' }],
      ['POST', `/incidents/${randomUUID()}/review`, officer, { decision: 'measures-accepted', reason: 'x' }],
      ['POST', `/incidents/not-a-uuid/review`, officer, { decision: 'measures-accepted', reason: 'x' }],
      ['GET', `/incidents?severity=huge`, officer, undefined],
      ['GET', `/incidents?state=closed`, officer, undefined],
      ['GET', `/operators/${randomUUID()}/compliance`, officer, undefined],
      ['GET', `/operators/not-a-uuid/compliance`, officer, undefined],
    ];
    for (const [method, path, token, body] of cases) {
      const r = await call(method as 'GET', `${t.url}${path}`, { token, body });
      expect({ path, body, status: r.status >= 400 && r.status < 500 }).toEqual({ path, body, status: true });
      expect(r.body.message).toBeDefined();
    }
  });

  it('dead-letters an operator registration that fails validation, with the reason', async () => {
    const dead = await readDeadLetters(t.kafka, t.topics);
    try {
      const bad = randomUUID();
      await publishEvent(t.kafka, t.topics, Events.operatorRegistered, { operatorId: 'nope', legalName: 'x', registeredBy: 'y' }, { aggregateId: bad });
      await eventually(() => expect(dead.messages.map((m) => m.key)).toContain(bad));
      expect(dead.messages.find((m) => m.key === bad)!.headers['dead-letter-reason']).toMatch(/operator_id: must be a valid UUID/);
    } finally {
      await dead.subscription.close();
    }
  });
});

describe('conduct-compliance with rules an administration set otherwise', () => {
  let t: TestService;
  const trader = tokenFor('ZA', ['trader'], 'trader-rules');

  beforeAll(async () => {
    t = await startTestService(CONDUCT_COMPLIANCE, { RULE_NO_ACCEPTED_CODE: 'warn', RULE_CRITICAL_INCIDENT: 'off' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('applies them: no code only warns, a critical incident proposes nothing', async () => {
    const operatorId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({
      operatorId,
      legalName: 'Hlane Transport',
      registeredBy: 'trader-rules',
      registeredAt: { seconds: 1795000000n, nanos: 0 },
    }), { aggregateId: operatorId });
    const status = await eventually(async () => {
      const r = await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: trader });
      expect(r.status).toBe(200);
      return r.body;
    });
    expect(status).toMatchObject({ status: 'warning', grantBlockedBecause: [], warnings: ['no accepted Code of Conduct'], rules: { noAcceptedCode: 'warn', criticalIncident: 'off' } });
    const incident = await call('POST', `${t.url}/operators/${operatorId}/incidents`, {
      token: trader,
      body: { severity: 'critical', occurredOn: '2026-11-01', description: 'stolen seals', measuresTaken: 'reported to police' },
    });
    expect(incident.status).toBe(201);
    const after = await call('GET', `${t.url}/operators/${operatorId}/compliance`, { token: trader });
    expect(after.body.warnings).toEqual(['no accepted Code of Conduct']);
    expect(after.body.facts.criticalIncidentsOpen).toEqual([incident.body.id]);
  });

  it('refuses to start with a rule it does not know, naming the variable', async () => {
    await expect(startTestService(CONDUCT_COMPLIANCE, { RULE_LOW_COVERAGE: 'sometimes' })).rejects.toThrow(/RULE_LOW_COVERAGE/);
  });

  it('documents its API in OpenAPI', async () => {
    const docs = await call('GET', `${t.url}/docs-json`);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/operators/{operatorId}/personnel', '/personnel/{personId}/trainings', '/customs-staff', '/operators/{operatorId}/declarations',
        '/operators/{operatorId}/incidents', '/incidents/{id}/review', '/operators/{operatorId}/compliance', '/figures',
      ]),
    );
    expect(docs.body.components.schemas.IncidentView.properties.severity.enum).toEqual(['low', 'medium', 'high', 'critical']);
    expect(docs.body.components.schemas.RegisterView.properties.people.items.$ref).toMatch(/PersonView$/);
  });
});
