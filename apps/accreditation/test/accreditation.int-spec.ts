import { DescMessage, fromBinary, MessageShape } from '@bufbuild/protobuf';
import {
  AeoStatus,
  AeoType,
  ApplicationStage,
  EnvelopeSchema,
  SizeClass,
  EventDefinition,
  Events,
  Headers,
} from '@aeo/contracts';
import { DeliveredMessage } from '@aeo/messaging';
import { publishEvent, readDeadLetters, startTestService, TestService, registeredOperator } from '@aeo/messaging/testing';
import { ManualClock, serviceDataSourceOptions } from '@aeo/platform';
import { DataSource } from 'typeorm';
import { call, eventually, tokenFor } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { ACCREDITATION, criteriaFor } from '../src';
import { ACCREDITATION_DATABASE } from '../src/database';
import { appendAuthorisationHistory, appendHistory, verifyHistory } from '../src/history/history-chain';
import { AccreditationClient } from '../src/testing';
import { DeadlineScheduler } from '../src/deadlines/deadline-scheduler';

const DAY = 86_400_000;

describe('accreditation on real PostgreSQL and Kafka', () => {
  let t: TestService;
  let api: AccreditationClient;
  let seen: DeliveredMessage[];
  let closeReader: () => Promise<void>;
  const clock = new ManualClock(new Date('2027-02-01T08:00:00Z'));
  const trader = tokenFor('ZA', ['trader'], 'trader-acc');
  const officer = tokenFor('ZA', ['officer'], 'officer-1');
  const officer2 = tokenFor('ZA', ['officer'], 'officer-2');
  const supervisor = tokenFor('ZA', ['supervisor'], 'supervisor-1');
  const supervisor2 = tokenFor('ZA', ['supervisor'], 'supervisor-2');
  const tokens = { trader, officer, supervisor };

  beforeAll(async () => {
    t = await startTestService(ACCREDITATION, { EVIDENCE_MAX_BYTES: '4096', SCHEDULER_INTERVAL_MS: '3600000' }, { clock });
    api = new AccreditationClient(t.url);
    seen = [];
    const subscription = await t.kafka.subscribe({
      groupId: `${t.topics.namespace}.reader`,
      topics: [Events.authorisationStatusChanged, Events.applicationStageChanged, Events.deadlineNotice, Events.applicationSubmitted].map((e) => t.topics.of(e)),
      handle: async (m) => void seen.push(m),
    });
    closeReader = () => subscription.close();
  });
  afterAll(async () => {
    await closeReader?.();
    await t?.close();
  });

  function payloads<S extends DescMessage>(def: EventDefinition<S>, key: string): MessageShape<S>[] {
    return seen
      .filter((m) => m.topic === t.topics.of(def) && m.key === key)
      .map((m) => fromBinary(def.schema, fromBinary(EnvelopeSchema, m.value).payload));
  }

  async function knownOperator(sizeClass = 'small', complianceBlocked: string[] | null = []): Promise<string> {
    const operatorId = randomUUID();
    await publishEvent(t.kafka, t.topics, Events.operatorRegistered, registeredOperator({ operatorId, legalName: 'Maluti Traders', registeredBy: 'trader-acc', sizeClass }), { aggregateId: operatorId });
    if (complianceBlocked) await compliance(operatorId, { grantBlockedBecause: complianceBlocked, version: 1n });
    await eventually(async () => {
      const r = await call('GET', `${t.url}/operators/${operatorId}/history`, { token: trader });
      expect(r.status).toBe(200);
    });
    return operatorId;
  }

  async function compliance(operatorId: string, status: { grantBlockedBecause?: string[]; version: bigint; suspensionProposed?: boolean; suspensionGrounds?: string }) {
    await publishEvent(
      t.kafka,
      t.topics,
      Events.complianceStatusChanged,
      { operatorId, status: status.grantBlockedBecause?.length ? 'blocking' : 'compliant', grantBlockedBecause: [], ...status },
      { aggregateId: operatorId, sequence: Number(status.version) },
    );
  }

  async function granted(aeoType: 'C' | 'S' | 'F' = 'F') {
    const operatorId = await knownOperator();
    const application = await api.applyToGrant(tokens, operatorId, aeoType);
    return { operatorId, application, authorisationId: application.authorisationId as string };
  }

  const stages = (history: { action: string; toState: string }[]) => history.map((h) => `${h.action}:${h.toState}`);

  it('keeps a partial draft, says per section what is missing, and checks evidence (type, bytes, size, item)', async () => {
    const operatorId = await knownOperator('large');
    const draft = await api.expect(api.createDraft(trader, operatorId, 'S'), 201, 'draft');
    expect(draft).toMatchObject({ stage: 'draft', aeoType: 'S', sizeClass: 'large', msme: false, actionsOpen: ['submit', 'withdraw'] });
    const again = await api.createDraft(trader, operatorId, 'S');
    expect(again.status).toBe(409);
    // The operator's applications, as its trader and staff see them; another trader is refused.
    const ofOperator = await api.expect(api.get(trader, `/operators/${operatorId}/applications`), 200, 'applications of the operator');
    expect(ofOperator).toEqual([expect.objectContaining({ id: draft.id, stage: 'draft', actionsOpen: ['submit', 'withdraw'] })]);
    expect((await api.get(officer, `/operators/${operatorId}/applications`)).body).toEqual([expect.objectContaining({ id: draft.id, stage: 'draft' })]);
    expect((await api.get(tokenFor('ZA', ['trader'], 'another-trader'), `/operators/${operatorId}/applications`)).status).toBe(403);

    const partial = await api.expect(api.saveSection(trader, draft.id, 'premises-security', { answers: { premises: 'Fenced yard, CCTV' } }), 200, 'save');
    expect(partial.sections.map((s: { criterion: string }) => s.criterion)).toEqual(criteriaFor('S').map((c) => c.code));
    expect(partial.sections.find((s: { criterion: string }) => s.criterion === 'premises-security')).toMatchObject({
      complete: false,
      missing: ['evidence "site-plan" (Site plan with security measures)'],
    });
    expect(partial.sections.some((s: { criterion: string }) => s.criterion === 'financial-viability')).toBe(false); // AEO-S: not the C group

    const refused = await api.act(trader, draft.id, { action: 'submit' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/incomplete: .*premises-security: evidence "site-plan"/);
    expect(refused.body.message).toMatch(/code-of-conduct: answer to "code"/);

    expect((await api.saveSection(trader, draft.id, 'premises-security', { evidenceRoute: 'msme' })).body.message).toEqual([
      'evidenceRoute msme is for micro, small and medium operators; this operator\'s size class is large',
    ]);
    // The holder notifies a smaller headcount: the draft follows, and the MSME route opens.
    // The size class as the enum (operator-registry now writes both; knownOperator() above sends only the word, as before).
    await publishEvent(t.kafka, t.topics, Events.operatorChanged, { operatorId, changed: ['employees'], significant: false, legalName: 'Maluti Traders', address: {}, size: SizeClass.MEDIUM }, { aggregateId: operatorId, sequence: 2 });
    await eventually(async () => expect((await api.get(trader, `/applications/${draft.id}`)).body).toMatchObject({ sizeClass: 'medium', msme: true }));
    await api.expect(api.saveSection(trader, draft.id, 'premises-security', { evidenceRoute: 'msme' }), 200, 'msme route');
    await api.expect(api.saveSection(trader, draft.id, 'premises-security', { evidenceRoute: 'standard' }), 200, 'back to standard');
    expect((await api.saveSection(trader, draft.id, 'premises-security', { answers: { nope: 'x' } })).status).toBe(400);
    expect((await api.saveSection(trader, draft.id, 'financial-viability', { answers: {} })).status).toBe(404);
    expect((await api.saveSection(tokenFor('ZA', ['trader'], 'intruder'), draft.id, 'premises-security', {})).status).toBe(403);

    const pdf = new TextEncoder().encode('%PDF-1.7\nsite plan\n%%EOF');
    const field = { criterion: 'premises-security', evidenceItem: 'site-plan' };
    const exe = await api.upload(trader, draft.id, field, { name: 'plan.pdf', type: 'application/pdf', bytes: new Uint8Array([0x4d, 0x5a, 0x90]) });
    expect(exe).toMatchObject({ status: 400, body: { message: expect.stringMatching(/first bytes do not match its declared type \(application\/pdf\)/) } });
    const zip = await api.upload(trader, draft.id, field, { name: 'plan.zip', type: 'application/zip', bytes: pdf });
    expect(zip).toMatchObject({ status: 400, body: { message: expect.stringMatching(/application\/zip is not accepted/) } });
    const big = await api.upload(trader, draft.id, field, { name: 'plan.pdf', type: 'application/pdf', bytes: new Uint8Array(5000).fill(0x25) });
    expect(big.status).toBe(413);
    const wrongItem = await api.upload(trader, draft.id, { criterion: 'premises-security', evidenceItem: 'premises-photos' }, { name: 'p.pdf', type: 'application/pdf', bytes: pdf });
    expect(wrongItem).toMatchObject({ status: 400, body: { message: expect.stringMatching(/not evidence of premises-security on the standard route; expected one of: site-plan/) } });
    const noFile = await call('POST', `${t.url}/applications/${draft.id}/evidence`, { token: trader, body: field });
    expect(noFile.status).toBe(400);

    const stored = await api.expect(api.upload(trader, draft.id, field, { name: 'plan.pdf', type: 'application/pdf', bytes: pdf }), 201, 'upload');
    expect(stored).toMatchObject({ size: pdf.length, contentType: 'application/pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const download = await fetch(`${t.url}/applications/${draft.id}/evidence/${stored.id}/content`, { headers: { authorization: `Bearer ${officer}` } });
    expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from(pdf));
    expect(download.headers.get('digest')).toBe(`sha-256=${Buffer.from(stored.sha256, 'hex').toString('base64')}`);

    await api.completeSaq(trader, draft.id);
    const submitted = await api.expect(api.act(trader, draft.id, { action: 'submit' }), 201, 'submit');
    expect(submitted.stage).toBe('submitted');
    expect(new Date(submitted.completenessDue).getTime() - new Date(submitted.submittedAt).getTime()).toBe(30 * DAY);
    expect((await api.saveSection(trader, draft.id, 'premises-security', { answers: { premises: 'changed' } })).status).toBe(409);
    expect((await api.upload(trader, draft.id, field, { name: 'plan.pdf', type: 'application/pdf', bytes: pdf })).status).toBe(409);
    const listed = await api.expect(api.get(officer, `/applications/${draft.id}/evidence`), 200, 'list');
    expect(Object.keys(listed.byCriterion).sort()).toEqual(criteriaFor('S').map((c) => c.code).sort());
  });

  it('takes an MSME application through return, acceptance, a paused information request, the visit with four eyes, and the grant', async () => {
    const operatorId = await knownOperator('micro', null); // conduct-compliance has said nothing yet
    const draft = await api.expect(api.createDraft(trader, operatorId, 'F'), 201, 'draft');
    expect(draft.msme).toBe(true);
    await api.completeSaq(trader, draft.id, 'msme');
    await api.expect(api.act(trader, draft.id, { action: 'submit' }), 201, 'submit');

    expect((await api.act(officer, draft.id, { action: 'return_incomplete' })).status).toBe(400); // a reason is required
    expect((await api.act(trader, draft.id, { action: 'accept' })).status).toBe(403);
    const returned = await api.expect(api.act(officer, draft.id, { action: 'return_incomplete', reason: 'bank letter unsigned' }), 201, 'return');
    expect(returned.stage).toBe('returned');
    await api.expect(api.act(trader, draft.id, { action: 'submit' }), 201, 'resubmit');

    clock.advanceDays(3);
    const accepted = await api.expect(api.act(officer, draft.id, { action: 'accept' }), 201, 'accept');
    const acceptedAt = new Date(accepted.acceptedAt).getTime();
    expect(new Date(accepted.decisionDue).getTime() - acceptedAt).toBe(120 * DAY);
    await api.expect(api.act(officer, draft.id, { action: 'start_review' }), 201, 'review');
    const asked = await api.expect(api.act(officer, draft.id, { action: 'request_information', reason: 'send the signed bank letter' }), 201, 'request');
    expect(asked).toMatchObject({ stage: 'information_requested', actionsOpen: [] });
    expect((await api.saveSection(trader, draft.id, 'financial-viability', { answers: { solvency: 'Signed letter attached.' } })).status).toBe(200);
    clock.advanceDays(10);
    const answered = await api.expect(api.act(trader, draft.id, { action: 'answer_information', reason: 'signed letter uploaded' }), 201, 'answer');
    expect(answered.stage).toBe('under_review');
    expect(answered.pausedDays).toBe(10);
    expect(new Date(answered.decisionDue).getTime() - acceptedAt).toBe(130 * DAY);
    const extended = await api.expect(api.act(supervisor, draft.id, { action: 'extend_for_information', reason: 'letter to be checked with the bank' }), 201, 'extend');
    expect(new Date(extended.decisionDue).getTime() - acceptedAt).toBe(160 * DAY);
    expect((await api.act(supervisor, draft.id, { action: 'extend_for_information', reason: 'again' })).status).toBe(409);

    expect((await api.act(officer, draft.id, { action: 'plan_visit' })).body.message).toMatch(/plannedFor is required/);
    await api.expect(api.act(officer, draft.id, { action: 'plan_visit', plannedFor: '2027-02-20T09:00:00Z' }), 201, 'plan');
    const partialFindings = await api.act(officer, draft.id, { action: 'record_visit', findings: AccreditationClient.findingsAllMet('C') });
    expect(partialFindings).toMatchObject({ status: 400, body: { message: expect.stringMatching(/findings are required for every criterion; missing: information-security/) } });
    const twice = await api.act(officer, draft.id, { action: 'record_visit', findings: [...AccreditationClient.findingsAllMet('F'), AccreditationClient.findingsAllMet('F')[0]] });
    expect(twice).toMatchObject({ status: 400, body: { message: expect.stringMatching(/one finding per criterion; twice: customs-compliance/) } });
    const findings = AccreditationClient.findingsAllMet('F').map((f) =>
      f.criterion === 'premises-security' ? { ...f, result: 'met-with-actions', actions: [{ action: 'second lock on the store', dueBy: '2027-04-01' }] } : f,
    );
    const visited = await api.expect(api.act(officer, draft.id, { action: 'record_visit', findings }), 201, 'visit');
    expect(visited.visitFindings.find((f: { criterion: string }) => f.criterion === 'premises-security').actions).toHaveLength(1);
    await api.expect(api.act(officer, draft.id, { action: 'propose_grant', reason: 'criteria met; one action' }), 201, 'propose');

    const byVisitor = await api.act(tokenFor('ZA', ['supervisor'], 'officer-1'), draft.id, { action: 'grant' });
    expect(byVisitor).toMatchObject({ status: 403, body: { message: expect.stringMatching(/four eyes/) } });
    expect((await api.act(officer2, draft.id, { action: 'grant' })).status).toBe(403);
    const noCode = await api.act(supervisor, draft.id, { action: 'grant' });
    expect(noCode).toMatchObject({ status: 409, body: { message: expect.stringMatching(/conduct-compliance has not reported/) } });
    await compliance(operatorId, { grantBlockedBecause: ['no accepted Code of Conduct'], version: 1n });
    await eventually(async () => {
      const r = await api.act(supervisor, draft.id, { action: 'grant' });
      expect(r.body.message).toMatch(/cannot be granted now: no accepted Code of Conduct/);
    });
    await compliance(operatorId, { grantBlockedBecause: [], version: 2n });
    const grant = await eventually(async () => api.expect(api.act(supervisor, draft.id, { action: 'grant', reason: 'all criteria met' }), 201, 'grant'));
    expect(grant).toMatchObject({ stage: 'granted', certificateNumber: expect.stringMatching(/^ZAAEOF\d{7}$/) });

    const authorisation = await api.expect(api.get(trader, `/authorisations/${grant.authorisationId}`), 200, 'authorisation');
    expect(new Date(authorisation.validTo).getUTCFullYear() - new Date(authorisation.authorisedOn).getUTCFullYear()).toBe(5);
    const history = await api.expect(api.get(tokenFor('ZA', ['auditor'], 'auditor-1'), `/applications/${draft.id}/history`), 200, 'history');
    expect(stages(history)).toEqual([
      'create_draft:draft', 'submit:submitted', 'return_incomplete:returned', 'submit:submitted', 'accept:accepted', 'start_review:under_review',
      'request_information:information_requested', 'answer_information:under_review', 'extend_for_information:under_review',
      'plan_visit:visit_planned', 'record_visit:visit_recorded', 'propose_grant:decision_proposed', 'grant:granted', 'grant:valid',
    ]);
    expect(history.find((h: { action: string }) => h.action === 'record_visit')).toMatchObject({ actor: 'officer-1', roles: ['officer'], details: { findings: expect.any(Array) } });

    await eventually(() => expect(payloads(Events.authorisationStatusChanged, grant.authorisationId)).toHaveLength(1));
    expect(payloads(Events.authorisationStatusChanged, grant.authorisationId)[0]).toMatchObject({ status: AeoStatus.VALID, aeoType: AeoType.F, decidedBy: 'supervisor-1' });
    await eventually(() => expect(payloads(Events.applicationStageChanged, draft.id)).toHaveLength(12));
    expect(payloads(Events.applicationStageChanged, draft.id).map((e) => e.toStage).slice(-2)).toEqual(['decision_proposed', 'granted']);
    expect(payloads(Events.applicationStageChanged, draft.id)[0]).toMatchObject({
      action: 'submit',
      sizeClass: 'micro',
      size: SizeClass.MICRO,
      fromStage: 'draft',
      from: ApplicationStage.DRAFT,
      to: ApplicationStage.SUBMITTED,
    });
    expect(payloads(Events.applicationSubmitted, draft.id)).toHaveLength(2);
  });

  it('gives the holder and staff the certificate as a PDF in their language, and anyone holding it its status', async () => {
    const { authorisationId, application } = await granted('F');
    const pdf = await fetch(`${t.url}/authorisations/${authorisationId}/certificate?lang=fr`, { headers: { authorization: `Bearer ${trader}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="${application.certificateNumber}.pdf"`);
    const document = await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()));
    expect(document.getTitle()).toBe(`Opérateur économique agréé: ${application.certificateNumber}`);
    expect(document.getSubject()).toBe('Maluti Traders (ZA)');
    expect((await fetch(`${t.url}/authorisations/${authorisationId}/certificate`, { headers: { authorization: `Bearer ${officer}` } })).status).toBe(200);
    expect((await call('GET', `${t.url}/authorisations/${authorisationId}/certificate`, { token: tokenFor('ZA', ['trader'], 'another') })).status).toBe(403);
    const bad = await call('GET', `${t.url}/authorisations/${authorisationId}/certificate?lang=de`, { token: trader });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/lang must be en or fr/);

    const verified = await call('GET', `${t.url}/verify/${authorisationId}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ certificateNumber: application.certificateNumber, holder: 'Maluti Traders', aeoType: 'AEO-F', status: 'valid', administration: 'ZA' });
    expect((await call('GET', `${t.url}/verify/${randomUUID()}`)).status).toBe(404);
    expect((await call('GET', `${t.url}/verify/ZAAEOF0000001`)).status).toBe(400);
  });

  it('hears the holder before a suspension, runs the cure period, reinstates, revokes in part, revokes, and bars reapplication for 3 years', async () => {
    const { operatorId, authorisationId, application } = await granted('F');
    const act = (token: string, body: Record<string, unknown>) => api.actOnAuthorisation(token, authorisationId, body);

    expect((await act(supervisor, { action: 'suspend', reason: 'x' })).status).toBe(409); // no hearing yet
    const proposed = await api.expect(act(officer, { action: 'propose_suspension', reason: 'seal found broken at the Durban store' }), 201, 'propose');
    expect(proposed).toMatchObject({ status: 'hearing', partnerStatus: 'valid', proposal: 'suspend' });
    expect(new Date(proposed.hearingDue).getTime() - new Date(proposed.hearingOpenedAt).getTime()).toBe(30 * DAY);
    expect((await act(supervisor, { action: 'suspend', reason: 'x' })).body.message).toMatch(/the trader has until .* to answer/);
    expect((await act(tokenFor('ZA', ['trader'], 'intruder'), { action: 'answer_hearing', reason: 'x' })).status).toBe(403);
    await api.expect(act(trader, { action: 'answer_hearing', reason: 'the seal was replaced by the carrier; report attached' }), 201, 'answer');
    const suspended = await api.expect(act(supervisor, { action: 'suspend', reason: 'the answer does not explain the broken seal' }), 201, 'suspend');
    expect(suspended).toMatchObject({ status: 'suspended', partnerStatus: 'suspended' });
    // The answer's history, read by the statement that appended the step, is the authorisation's as read afterwards, the step last.
    expect(suspended.history.map((h: { action: string }) => h.action)).toEqual(['grant', 'propose_suspension', 'answer_hearing', 'suspend']);
    expect(suspended.history.at(-1)).toMatchObject({ action: 'suspend', actor: 'supervisor-1', reason: 'the answer does not explain the broken seal' });
    expect((await api.expect(api.get(supervisor, `/authorisations/${authorisationId}`), 200, 'read')).history).toEqual(suspended.history);
    // A suspended authorisation is not in force: no certificate; its verify page says suspended.
    const refused = await call('GET', `${t.url}/authorisations/${authorisationId}/certificate`, { token: trader });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'authorisation.not_in_force' });
    expect((await call('GET', `${t.url}/verify/${authorisationId}`)).body).toMatchObject({ status: 'suspended' });
    const since = new Date(suspended.statusSince).getTime();
    expect(new Date(suspended.cureDue).getTime() - since).toBe(30 * DAY);
    const extended = await api.expect(act(supervisor, { action: 'extend_cure', reason: 'new seals on order' }), 201, 'extend');
    expect(new Date(extended.cureDue).getTime() - since).toBe(60 * DAY);
    expect((await act(supervisor, { action: 'extend_cure', reason: 'again' })).status).toBe(409);
    clock.advanceDays(20);
    await api.expect(act(supervisor, { action: 'reinstate', reason: 'new seals fitted and checked' }), 201, 'reinstate');

    expect((await act(officer, { action: 'propose_partial_revocation', reason: 'security lapses', keepType: 'F' })).status).toBe(400);
    await api.expect(act(officer, { action: 'propose_partial_revocation', reason: 'security criteria no longer met', keepType: 'C' }), 201, 'propose partial');
    clock.advanceDays(31); // no answer: the hearing period ends
    const partial = await api.expect(act(supervisor, { action: 'revoke_partially', reason: 'security part revoked' }), 201, 'partial');
    expect(partial).toMatchObject({ status: 'valid', aeoType: 'C', certificateNumber: application.certificateNumber.replace('AEOF', 'AEOC') });
    expect((await act(officer, { action: 'propose_partial_revocation', reason: 'x', keepType: 'C' })).body.message).toMatch(/only an AEO-F/);

    await api.expect(act(officer, { action: 'propose_revocation', reason: 'customs offences' }), 201, 'propose revocation');
    await api.expect(act(trader, { action: 'answer_hearing', reason: 'we disagree' }), 201, 'answer');
    const revoked = await api.expect(act(supervisor, { action: 'revoke', reason: 'offences confirmed' }), 201, 'revoke');
    expect(revoked).toMatchObject({ status: 'revoked', actionsOpen: [], lastDecision: 'revoke' });
    expect(new Date(revoked.appealDue).getTime() - new Date(revoked.revokedAt).getTime()).toBe(30 * DAY);
    expect((await act(supervisor, { action: 'reinstate', reason: 'x' })).status).toBe(409);

    const barred = await api.createDraft(trader, operatorId, 'C');
    expect(barred).toMatchObject({ status: 409, body: { message: expect.stringMatching(/refused until/) } });

    // The holder appeals; the supervisor who revoked may not decide the appeal; another dismisses it.
    await api.expect(act(trader, { action: 'appeal', reason: 'the offences were a broker\'s, not ours' }), 201, 'appeal');
    expect((await api.get(supervisor2, `/authorisations/${authorisationId}`)).body.actionsOpen).toEqual(['uphold_appeal', 'dismiss_appeal']);
    expect((await api.get(supervisor, `/authorisations/${authorisationId}`)).body.actionsOpen).toEqual([]); // took the decision
    expect((await act(trader, { action: 'appeal', reason: 'again' })).status).toBe(409);
    expect((await act(supervisor, { action: 'uphold_appeal', reason: 'x' })).status).toBe(403);
    const dismissed = await api.expect(act(supervisor2, { action: 'dismiss_appeal', reason: 'the broker acted for the holder' }), 201, 'dismiss');
    expect(dismissed).toMatchObject({ status: 'revoked', appealPending: false, appealDue: null, actionsOpen: [] });

    await eventually(() => expect(payloads(Events.authorisationStatusChanged, authorisationId)).toHaveLength(5));
    expect(payloads(Events.authorisationStatusChanged, authorisationId).map((e) => [AeoStatus[e.status], AeoType[e.aeoType]])).toEqual([
      ['VALID', 'F'], ['SUSPENDED', 'F'], ['VALID', 'F'], ['VALID', 'C'], ['REVOKED', 'C'],
    ]);
    const history = await api.expect(api.get(supervisor, `/operators/${operatorId}/history`), 200, 'operator history');
    const steps = stages(history);
    expect(steps.slice(steps.indexOf('grant:valid'))).toEqual([
      'grant:valid', 'propose_suspension:hearing', 'answer_hearing:hearing', 'suspend:suspended', 'extend_cure:suspended', 'reinstate:valid',
      'propose_partial_revocation:hearing', 'revoke_partially:valid', 'propose_revocation:hearing', 'answer_hearing:hearing', 'revoke:revoked',
      'appeal:revoked', 'dismiss_appeal:revoked',
    ]);
  });

  it('rejects only after the hearing, takes an appeal within 30 days and lets another supervisor decide it', async () => {
    const operatorId = await knownOperator();
    const draft = await api.expect(api.createDraft(trader, operatorId, 'C'), 201, 'draft');
    await api.completeSaq(trader, draft.id);
    await api.expect(api.act(trader, draft.id, { action: 'submit' }), 201, 'submit');
    for (const action of ['accept', 'start_review']) await api.expect(api.act(officer, draft.id, { action }), 201, action);
    const hearing = await api.expect(api.act(officer, draft.id, { action: 'propose_rejection', reason: 'accounts show arrears' }), 201, 'propose');
    expect(hearing.stage).toBe('hearing');
    expect((await api.act(supervisor, draft.id, { action: 'reject', reason: 'arrears' })).status).toBe(409);
    clock.advanceDays(31);
    expect((await api.act(trader, draft.id, { action: 'answer_hearing', reason: 'late' })).body).toMatchObject({
      status: 409,
      code: 'workflow.hearing_period_ended',
      detail: expect.stringMatching(/hearing period ended/),
    });
    const rejected = await api.expect(api.act(supervisor, draft.id, { action: 'reject', reason: 'arrears not explained' }), 201, 'reject');
    expect(new Date(rejected.appealDue).getTime() - new Date(rejected.decidedAt).getTime()).toBe(30 * DAY);
    // The appeal deadline is the one that runs now, for the work queue and for the figures alike.
    const queued = await api.expect(api.get(officer, `/applications?stage=rejected&operatorId=${operatorId}`), 200, 'queue');
    expect(queued.items.map((i: { nextDeadline: string }) => i.nextDeadline)).toEqual([rejected.appealDue]);
    clock.advanceDays(25);
    const figures = await api.expect(api.get(supervisor, '/figures'), 200, 'figures');
    expect(figures.deadlinesAtRisk.items).toContainEqual(expect.objectContaining({ id: draft.id, kind: 'appeal', stage: 'rejected' }));
    await api.expect(api.act(trader, draft.id, { action: 'appeal', reason: 'the arrears were paid before the decision' }), 201, 'appeal');
    expect((await api.act(supervisor, draft.id, { action: 'uphold_appeal', reason: 'x' })).body.code).toBe('workflow.four_eyes_appeal');
    const upheld = await api.expect(api.act(supervisor2, draft.id, { action: 'uphold_appeal', reason: 'proof of payment accepted' }), 201, 'uphold');
    expect(upheld).toMatchObject({ stage: 'under_review', appealDue: null });
    expect(new Date(upheld.decisionDue).getTime() - new Date(upheld.acceptedAt).getTime()).toBe(120 * DAY);
  });

  it('sends deadline notices once, reminds before the end of validity and expires the authorisation', async () => {
    const operatorId = await knownOperator();
    const draft = await api.expect(api.createDraft(trader, operatorId, 'S'), 201, 'draft');
    await api.completeSaq(trader, draft.id);
    await api.expect(api.act(trader, draft.id, { action: 'submit' }), 201, 'submit');
    const scheduler = t.service.app.get(DeadlineScheduler);
    clock.advanceDays(24);
    await scheduler.tick();
    await scheduler.tick();
    clock.advanceDays(7);
    await scheduler.tick();
    await eventually(() =>
      expect(payloads(Events.deadlineNotice, draft.id).map((n) => `${n.deadline}:${n.notice}`)).toEqual(['completeness:approaching', 'completeness:missed']),
    );
    const risky = await api.expect(api.get(supervisor, `/applications?stage=submitted&deadlineBefore=${clock.now().toISOString()}`), 200, 'queue');
    expect(risky.items.map((i: { id: string }) => i.id)).toContain(draft.id);

    const { authorisationId } = await granted('C');
    const renewing = await granted('S');
    const a = await api.expect(api.get(officer, `/authorisations/${authorisationId}`), 200, 'a');
    const tooEarly = await api.actOnAuthorisation(supervisor, renewing.authorisationId, { action: 'renew', reason: 'reassessed' });
    expect(tooEarly).toMatchObject({ status: 409, body: { message: expect.stringMatching(/in the 180 days before the end of validity/) } });
    clock.set(new Date(new Date(a.validTo).getTime() - 89 * DAY));
    await scheduler.tick();
    const renewed = await api.expect(api.actOnAuthorisation(supervisor, renewing.authorisationId, { action: 'renew', reason: 'reassessment found every criterion met' }), 201, 'renew');
    expect(new Date(renewed.validTo).getUTCFullYear() - new Date(a.validTo).getUTCFullYear()).toBe(5);
    clock.set(new Date(new Date(a.validTo).getTime() + 1000));
    const { expired } = await scheduler.tick();
    expect(expired).toBeGreaterThanOrEqual(1);
    const after = await api.expect(api.get(officer, `/authorisations/${authorisationId}`), 200, 'a');
    expect(after).toMatchObject({ status: 'expired', actionsOpen: [] });
    expect((await api.expect(api.get(officer, `/authorisations/${renewing.authorisationId}`), 200, 'r')).status).toBe('valid');
    await eventually(() =>
      expect(payloads(Events.authorisationStatusChanged, renewing.authorisationId).map((e) => new Date(Number(e.validTo!.seconds) * 1000).getUTCFullYear())).toEqual([
        new Date(a.validTo).getUTCFullYear(),
        new Date(renewed.validTo).getUTCFullYear(),
      ]),
    );
    await eventually(() => expect(payloads(Events.authorisationStatusChanged, authorisationId).map((e) => AeoStatus[e.status])).toEqual(['VALID', 'EXPIRED']));
    expect(payloads(Events.deadlineNotice, authorisationId).map((n) => `${n.deadline}:${n.notice}`)).toContain('validity:reminder');
    clock.set(new Date('2027-02-01T08:00:00Z'));
  });

  it('gives officers a work queue with assignment by a supervisor, and the administration its figures', async () => {
    const operatorId = await knownOperator('medium');
    const draft = await api.expect(api.createDraft(trader, operatorId, 'C'), 201, 'draft');
    await api.completeSaq(trader, draft.id);
    await api.expect(api.act(trader, draft.id, { action: 'submit' }), 201, 'submit');
    expect((await api.get(officer, `/applications?stage=nope`)).status).toBe(400);
    expect((await call('POST', `${t.url}/applications/${draft.id}/assign`, { token: officer, body: { assignee: 'officer-2' } })).status).toBe(403);
    await api.expect(
      Promise.resolve(call('POST', `${t.url}/applications/${draft.id}/assign`, { token: supervisor, body: { assignee: 'officer-2' } })),
      201,
      'assign',
    );
    const mine = await api.expect(api.get(officer2, `/applications?assignee=officer-2&sizeClass=medium&stage=submitted`), 200, 'queue');
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([draft.id]);
    expect(mine.items[0]).toMatchObject({ legalName: 'Maluti Traders', sizeClass: 'medium', msme: true, assignee: 'officer-2' });
    const open = await api.expect(api.get(officer, `/applications?limit=500`), 200, 'queue');
    expect(open.items.map((i: { id: string }) => i.id)).toContain(draft.id);
    expect(open.items.filter((i: { stage: string }) => ['draft', 'granted', 'withdrawn'].includes(i.stage))).toEqual([]);
    expect(open.items.find((i: { id: string }) => i.id === draft.id).nextDeadline).toBe(mine.items[0].nextDeadline);
    expect(new Date(mine.items[0].nextDeadline).getTime() - new Date(mine.items[0].submittedAt).getTime()).toBe(30 * DAY);
    const unassigned = await api.expect(api.get(officer, `/applications?assignee=none&stage=submitted`), 200, 'queue');
    expect(unassigned.items.map((i: { id: string }) => i.id)).not.toContain(draft.id);

    const figures = await api.expect(api.get(supervisor, '/figures'), 200, 'figures');
    expect(figures.applications.received).toBeGreaterThanOrEqual(5);
    expect(figures.applications.perStage.submitted).toBeGreaterThanOrEqual(1);
    expect(figures.backlog.total).toBeGreaterThanOrEqual(1);
    expect(figures.acceptanceToDecisionDays.decided).toBeGreaterThanOrEqual(2);
    expect(figures.acceptanceToDecisionDays.averagePaused).toBeGreaterThan(0); // the MSME case paused 10 days
    expect(figures.msmeShare.applicants).toBeGreaterThan(0);
    expect(figures.decisions.grant).toBeGreaterThanOrEqual(2);
    expect((await api.get(trader, '/figures')).status).toBe(403);
    expect((await api.get(tokenFor('ZA', ['partner'], 'BW'), `/applications/${draft.id}`)).status).toBe(403);
    expect((await api.get(tokenFor('ZA', ['auditor'], 'auditor-1'), `/applications/${draft.id}/history`)).status).toBe(200);
    expect((await api.act(tokenFor('ZA', ['auditor'], 'auditor-1'), draft.id, { action: 'accept' })).status).toBe(403);
    expect((await api.get(tokenFor('ZA', ['trader'], 'intruder'), `/applications/${draft.id}`)).status).toBe(403);
  });

  it('opens a hearing when conduct-compliance proposes a suspension, and flags reassessment on a significant change', async () => {
    const { operatorId, authorisationId } = await granted('S');
    await compliance(operatorId, { version: 5n, suspensionProposed: true, suspensionGrounds: 'critical insider incident without accepted measures' });
    const heard = await eventually(async () => {
      const r = await api.expect(api.get(officer, `/authorisations/${authorisationId}`), 200, 'a');
      expect(r.status).toBe('hearing');
      return r;
    });
    expect(heard).toMatchObject({ proposal: 'suspend', proposedBy: 'system', partnerStatus: 'valid' });
    expect(heard.history.at(-1)).toMatchObject({ action: 'propose_suspension', actor: 'system', details: { source: 'conduct-compliance' } });
    // A second proposal while the hearing runs goes on record; it opens nothing new.
    await compliance(operatorId, { version: 6n, suspensionProposed: true, suspensionGrounds: 'a second critical incident' });
    const noted = await eventually(async () => {
      const r = await api.expect(api.get(officer, `/authorisations/${authorisationId}`), 200, 'a');
      expect(r.history.at(-1).action).toBe('note_suspension_proposal');
      return r;
    });
    expect(noted).toMatchObject({ status: 'hearing', proposal: 'suspend' });
    expect(noted.history.at(-1).reason).toMatch(/a second critical incident/);

    await publishEvent(t.kafka, t.topics, Events.operatorChanged, { operatorId, changed: ['address', 'sites'], significant: true, legalName: 'x', address: {} }, { aggregateId: operatorId, sequence: 2 });
    const flagged = await eventually(async () => {
      const r = await api.expect(api.get(officer, `/authorisations/${authorisationId}`), 200, 'a');
      expect(r.reassessmentFlaggedAt).not.toBeNull();
      return r;
    });
    expect(flagged.reassessmentReason).toBe('the holder notified a significant change: address, sites');
    await api.expect(api.actOnAuthorisation(officer, authorisationId, { action: 'start_reassessment' }), 201, 'start');
    const done = await api.expect(api.actOnAuthorisation(officer, authorisationId, { action: 'complete_reassessment', reason: 'new site visited, criteria met' }), 201, 'done');
    expect(done).toMatchObject({ reassessmentFlaggedAt: null, reassessmentStartedAt: null, status: 'hearing' });
  });

  it('answers bad input with a 4xx and a message, never a 500', async () => {
    const operatorId = await knownOperator();
    const draft = await api.expect(api.createDraft(trader, operatorId, 'F'), 201, 'draft');
    const id = draft.id;
    const cases: [string, string, string, unknown][] = [
      ['PUT', `/applications/${id}/saq/premises-security`, trader, { answers: { premises: 123 } }],
      ['PUT', `/applications/${id}/saq/premises-security`, trader, { answers: ['x'] }],
      ['PUT', `/applications/${id}/saq/premises-security`, trader, { evidenceRoute: 'cheap' }],
      ['PUT', `/applications/${id}/saq/premises-security`, trader, { answers: { premises: 'x'.repeat(8001) } }],
      ['PUT', `/applications/${id}/saq/no-such-criterion`, trader, { answers: {} }],
      ['POST', `/applications/${id}/transitions`, trader, { action: 'launch' }],
      ['POST', `/applications/${id}/transitions`, trader, {}],
      ['POST', `/applications/${id}/transitions`, trader, { action: 'submit', evidenceIds: ['not-a-uuid'] }],
      ['POST', `/applications/${id}/transitions`, trader, { action: 'submit', evidenceIds: [randomUUID()] }],
      ['POST', `/applications/${id}/transitions`, officer, { action: 'plan_visit', plannedFor: '2027-13-01' }],
      ['POST', `/applications/${id}/transitions`, officer, { action: 'record_visit', findings: [{ criterion: 'x', result: 'great', note: 1 }] }],
      ['POST', `/applications/${id}/transitions`, officer, { action: 'record_visit', findings: 'all fine' }],
      ['POST', `/applications/${id}/transitions`, trader, { action: 'submit', reason: 42 }],
      ['POST', `/applications/${id}/transitions`, trader, { action: 'submit', extra: true }],
      ['POST', `/applications/not-a-uuid/transitions`, trader, { action: 'submit' }],
      ['POST', `/applications/${randomUUID()}/transitions`, trader, { action: 'submit' }],
      ['POST', `/applications/${id}/assign`, supervisor, { assignee: '' }],
      ['POST', `/applications`, trader, { operatorId, aeoType: 'F', sizeClass: 'tiny' }],
      ['GET', `/applications?limit=abc`, officer, undefined],
      ['GET', `/applications?offset=-1`, officer, undefined],
      ['GET', `/applications?deadlineBefore=soon`, officer, undefined],
      ['GET', `/applications?sizeClass=huge`, officer, undefined],
      ['GET', `/saq/criteria?aeoType=Z`, officer, undefined],
      ['POST', `/authorisations/${randomUUID()}/transitions`, supervisor, { action: 'suspend', reason: 'x' }],
      ['POST', `/authorisations/${randomUUID()}/transitions`, supervisor, { action: 'expire' }],
      ['POST', `/authorisations/${randomUUID()}/transitions`, supervisor, { action: 'propose_partial_revocation', reason: 'x', keepType: 'Q' }],
      ['GET', `/history/verification?operatorId=x`, supervisor, undefined],
    ];
    for (const [method, path, token, body] of cases) {
      const r = await call(method as 'GET', `${t.url}${path}`, { token, body });
      expect({ path, body, status: r.status < 500 && r.status >= 400 }).toEqual({ path, body, status: true });
      expect(r.body.message).toBeDefined();
    }
    const raw = await call('POST', `${t.url}/applications/${id}/transitions`, { token: trader, rawBody: '{"action": "submit"' });
    expect(raw.status).toBe(400);
  });

  it('documents its API in OpenAPI', async () => {
    const docs = await call('GET', `${t.url}/docs-json`);
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/applications', '/applications/{id}/saq/{criterion}', '/applications/{id}/evidence', '/applications/{id}/transitions',
        '/applications/{id}/assign', '/applications/{id}/history', '/authorisations/{id}/transitions', '/operators/{operatorId}/history',
        '/saq/criteria', '/figures',
      ]),
    );
    expect(docs.body.components.schemas.ApplicationTransitionDto.properties.action.enum).toContain('record_visit');
    expect(docs.body.components.schemas.ApplicationView.properties.stage.enum).toContain('information_requested');
    expect(docs.body.components.schemas.AuthorisationView.properties.partnerStatus.enum).toEqual(['valid', 'suspended', 'revoked', 'withdrawn', 'expired']);
    expect(docs.body.paths['/applications/{id}/transitions'].post.responses['201'].content['application/json'].schema.$ref).toMatch(/ApplicationView$/);
  });

  it('refuses to edit the history in place, and shows an edit made around the refusal', async () => {
    const { operatorId } = await granted('C');
    const { Client } = await import('pg');
    const db = new Client({ connectionString: t.db.url });
    await db.connect();
    try {
      await expect(db.query(`UPDATE accreditation.transition SET reason = 'edited' WHERE operator_id = $1`, [operatorId])).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM accreditation.transition WHERE operator_id = $1`, [operatorId])).rejects.toThrow(/append-only/);

      const auditor = tokenFor('ZA', ['auditor'], 'auditor-1');
      const intact = await api.expect(api.get(auditor, '/history/verification'), 200, 'verify');
      expect(intact).toMatchObject({ intact: true, brokenAt: null, beforeChain: 0 });
      expect(intact.operators).toBeGreaterThan(5);
      expect(intact.verified).toBeGreaterThan(50);
      expect((await api.get(trader, '/history/verification')).status).toBe(403);

      // Someone with the owner's rights goes around the trigger: the chain shows where.
      const [victim] = (await db.query(`SELECT id, position FROM accreditation.transition WHERE operator_id = $1 AND action = 'record_visit'`, [operatorId])).rows;
      await db.query(`ALTER TABLE accreditation.transition DISABLE TRIGGER transition_append_only`);
      await db.query(`UPDATE accreditation.transition SET reason = 'nothing to see' WHERE id = $1`, [victim.id]);
      await db.query(`ALTER TABLE accreditation.transition ENABLE TRIGGER transition_append_only`);
      const edited = await api.expect(api.get(auditor, '/history/verification'), 200, 'verify');
      expect(edited).toMatchObject({ intact: false, brokenAt: { operatorId, id: victim.id, position: victim.position, reason: expect.stringMatching(/edited/) } });
      const own = await api.expect(api.get(auditor, `/history/verification?operatorId=${operatorId}`), 200, 'verify one');
      expect(own).toMatchObject({ operators: 1, intact: false, brokenAt: { id: victim.id } });
      const other = (await db.query(`SELECT operator_id FROM accreditation.transition WHERE operator_id <> $1 LIMIT 1`, [operatorId])).rows[0].operator_id;
      expect(await api.expect(api.get(auditor, `/history/verification?operatorId=${other}`), 200, 'verify other')).toMatchObject({ intact: true, operators: 1 });
      expect((await api.get(auditor, '/history/verification?operatorId=nope')).status).toBe(400);
    } finally {
      await db.end();
    }
  });

  it('chains an operator\'s lines one at a time however many come at once, and shows a line removed from its end', async () => {
    const dataSource = await new DataSource(serviceDataSourceOptions({ url: t.db.url, ...ACCREDITATION_DATABASE })).initialize();
    try {
      const operatorId = randomUUID();
      const authorisationId = randomUUID();
      const line = (n: number) => ({
        operatorId, applicationId: null, authorisationId, action: 'request_suspension', fromState: 'valid', toState: 'suspended',
        by: { subject: `someone-${n}`, roles: ['trader'] }, reason: `line ${n}`, at: new Date(), details: { n },
      });
      // Twelve transactions append at the same moment: each waits for the operator's chain head.
      await Promise.all(Array.from({ length: 12 }, (_, n) => dataSource.transaction((m) => appendHistory(m, line(n)))));
      expect(await verifyHistory(dataSource.manager, operatorId)).toMatchObject({ operators: 1, verified: 12, intact: true });
      expect(await verifyHistory(dataSource.manager, operatorId, 5)).toMatchObject({ operators: 1, verified: 12, intact: true }); // pages of 5

      // The step's answer: the authorisation's whole history, the new line last, from the statement that appends it.
      const history = await dataSource.transaction((m) => appendAuthorisationHistory(m, line(12)));
      expect(history).toHaveLength(13);
      expect(history[12]).toMatchObject({ reason: 'line 12', actor: 'someone-12', roles: ['trader'], details: { n: 12 } });
      expect(history.map((h) => BigInt(h.position))).toEqual([...history.map((h) => BigInt(h.position))].sort((a, b) => (a < b ? -1 : 1)));
      expect(history[12].prevHash).toBe(history[11].hash);

      // The last line removed around the trigger: the chain no longer ends at its head, at once; the
      // next line chains to the removed one, and the verification says where.
      await dataSource.query(`ALTER TABLE accreditation.transition DISABLE TRIGGER transition_append_only`);
      await dataSource.query(`DELETE FROM accreditation.transition WHERE id = $1`, [history[12].id]);
      await dataSource.query(`ALTER TABLE accreditation.transition ENABLE TRIGGER transition_append_only`);
      expect(await verifyHistory(dataSource.manager, operatorId)).toMatchObject({ intact: false, brokenAt: { id: history[11].id, reason: expect.stringMatching(/removed from its end/) } });
      expect(await verifyHistory(dataSource.manager, operatorId, 5)).toMatchObject({ brokenAt: { id: history[11].id } });
      const after = await dataSource.transaction((m) => appendHistory(m, line(13)));
      expect(after.prevHash).toBe(history[12].hash);
      expect(await verifyHistory(dataSource.manager, operatorId)).toMatchObject({ intact: false, brokenAt: { id: after.id, reason: expect.stringMatching(/does not follow/) } });
    } finally {
      await dataSource.destroy();
    }
  });

  it('sends a message that fails validation to the dead letter with the reason, and goes on', async () => {
    const dead = await readDeadLetters(t.kafka, t.topics);
    try {
      const bad = randomUUID();
      await publishEvent(t.kafka, t.topics, Events.operatorRegistered, { operatorId: 'not-a-uuid', legalName: '', registeredBy: 'x' }, { aggregateId: bad });
      const badStatus = randomUUID();
      await publishEvent(t.kafka, t.topics, Events.complianceStatusChanged, { operatorId: badStatus, status: 'fine' }, { aggregateId: badStatus });
      const operatorId = await knownOperator();
      await eventually(() => expect(dead.messages.map((m) => m.key)).toEqual(expect.arrayContaining([bad, badStatus])));
      const reason = dead.messages.find((m) => m.key === bad)!.headers[Headers.deadLetterReason];
      expect(reason).toMatch(/operator_id: must be a valid UUID/);
      expect(reason).toMatch(/legal_name: must be at least 1 characters/);
      expect(dead.messages.find((m) => m.key === badStatus)!.headers[Headers.deadLetterReason]).toMatch(/state \(or status, from a producer of before\) must be compliant, warning or blocking/);
      expect((await api.createDraft(trader, operatorId, 'F')).status).toBe(201);
    } finally {
      await dead.subscription.close();
    }
  });
});
