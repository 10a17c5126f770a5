import { AccreditationClient } from '@aeo/accreditation/testing';
import { call, eventually, tokenFor } from '@aeo/testing';
import {
  acceptCodeOfConduct,
  applyAndGrant,
  askRecognition,
  authorisationStep,
  proposeAndHear,
  recordArrangement,
  registerOperator,
  staffTokens,
  startTestFederation,
  TestFederation,
} from './support';

/**
 * The MSME journey of issue 3 and the conduct journey of issue 4, through the HTTP APIs of a
 * ZA registry, with BW as the MRA partner that must see every change (SACU MRA: AEO-S and AEO-F).
 */
describe('an MSME from registration to certificate, suspension, reinstatement and partial revocation; a critical incident to a suspension', () => {
  let federation: TestFederation;

  beforeAll(async () => {
    federation = await startTestFederation(['ZA', 'BW']);
    await recordArrangement(federation, { name: 'SACU regional AEO MRA' });
  });

  afterAll(async () => {
    await federation?.close();
  });

  it('walks the MSME route to a grant, and partners follow every status change', async () => {
    const { ZA, BW } = federation.admins;
    const trader = 'trader-mohale';
    const tokens = staffTokens(ZA, trader);
    const api = new AccreditationClient(ZA.urls.accreditation);
    const operatorId = await registerOperator(ZA, trader, {
      legalName: 'Mohale Cross-Border Traders',
      tin: '9300000001',
      employees: 12,
      annualTurnover: 1_500_000,
    });
    await acceptCodeOfConduct(ZA, trader, operatorId);

    // Draft: the operator is small, so the MSME evidence route is open.
    const draft = await eventually(() => api.expect(api.createDraft(tokens.trader, operatorId, 'F'), 201, 'draft'));
    expect(draft).toMatchObject({ stage: 'draft', sizeClass: 'small', msme: true });
    await api.expect(
      api.saveSection(tokens.trader, draft.id, 'financial-viability', { answers: { solvency: 'No arrears; bank letter attached.' }, evidenceRoute: 'msme' }),
      200,
      'partial save',
    );
    const incomplete = await api.act(tokens.trader, draft.id, { action: 'submit' });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.message).toMatch(/financial-viability: evidence "bank-letter"/);

    await api.completeSaq(tokens.trader, draft.id, 'msme');
    await api.expect(api.act(tokens.trader, draft.id, { action: 'submit' }), 201, 'submit');
    await api.expect(api.act(tokens.officer, draft.id, { action: 'return_incomplete', reason: 'the bank letter is not signed' }), 201, 'return');
    await api.expect(api.saveSection(tokens.trader, draft.id, 'financial-viability', { answers: { solvency: 'Signed bank letter attached.' } }), 200, 'fix');
    await api.expect(api.act(tokens.trader, draft.id, { action: 'submit' }), 201, 'resubmit');
    for (const step of [
      { action: 'accept' },
      { action: 'start_review' },
      { action: 'plan_visit', plannedFor: new Date(Date.now() + 7 * 86_400_000).toISOString() },
      { action: 'record_visit', findings: AccreditationClient.findingsAllMet('F') },
    ]) {
      await api.expect(api.act(tokens.officer, draft.id, step), 201, step.action);
    }
    // The officer doubts the premises; the trader is heard and convinces the supervisor.
    await api.expect(api.act(tokens.officer, draft.id, { action: 'propose_rejection', reason: 'premises not secured at night' }), 201, 'propose rejection');
    await api.expect(api.act(tokens.trader, draft.id, { action: 'answer_hearing', reason: 'night guard contracted since March; contract attached' }), 201, 'heard');
    const granted = await api.grantWhenAllowed(tokens.supervisor, draft.id);
    expect(granted).toMatchObject({ stage: 'granted', certificateNumber: expect.stringMatching(/^ZAAEOF\d{7}$/) });
    const history = await api.expect(api.get(tokenFor('ZA', ['auditor'], 'auditor-za'), `/applications/${draft.id}/history`), 200, 'history');
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'create_draft', 'submit', 'return_incomplete', 'submit', 'accept', 'start_review', 'plan_visit', 'record_visit',
      'propose_rejection', 'answer_hearing', 'grant', 'grant',
    ]);

    const authorisationId = granted.authorisationId;
    const partner = async (expected: Record<string, unknown>) =>
      eventually(async () => {
        const answer = await askRecognition(BW, { issuer: 'ZA', identifier: '9300000001' });
        expect(answer).toMatchObject(expected);
        return answer;
      });
    await partner({ recognised: true, aeoType: 'AEO-F', status: 'valid', certificateNumber: granted.certificateNumber });

    // Suspension: heard first, a cure period, extended, then reinstated.
    await proposeAndHear(ZA, trader, authorisationId, 'propose_suspension');
    await partner({ status: 'valid' }); // a hearing changes nothing abroad
    const suspended = await authorisationStep(ZA, tokens.supervisor, authorisationId, { action: 'suspend', reason: 'seal register not kept' });
    expect(suspended).toMatchObject({ status: 'suspended', cureDue: expect.any(String) });
    await partner({ recognised: false, status: 'suspended' });
    await authorisationStep(ZA, tokens.supervisor, authorisationId, { action: 'extend_cure', reason: 'new register software on order' });
    await authorisationStep(ZA, tokens.supervisor, authorisationId, { action: 'reinstate', reason: 'register kept since 1 May' });
    await partner({ recognised: true, status: 'valid' });

    // Partial revocation: the AEO-F keeps its customs part. SACU recognises S and F only, so BW's recognition ends.
    await proposeAndHear(ZA, trader, authorisationId, 'propose_partial_revocation', { keepType: 'C' });
    const partial = await authorisationStep(ZA, tokens.supervisor, authorisationId, { action: 'revoke_partially', reason: 'security criteria no longer met' });
    expect(partial).toMatchObject({ status: 'valid', aeoType: 'C', certificateNumber: granted.certificateNumber.replace('AEOF', 'AEOC') });
    const ended = await partner({ recognised: false, status: 'revoked', aeoType: 'AEO-F' });
    expect(ended.evidence.algorithm).toBe('ES256');
    // The day before, BW's answer stays what it was (post-clearance audit asks about that day).
    const before = await askRecognition(BW, { issuer: 'ZA', identifier: '9300000001', asOf: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) });
    expect(before.recognised).toBe(false); // granted today: not an AEO yesterday

    const figures = await api.expect(api.get(tokens.supervisor, '/figures'), 200, 'figures');
    expect(figures.msmeShare.applicants).toBeGreaterThan(0);
    expect(figures.decisions).toMatchObject({ grant: expect.any(Number), suspend: 1, reinstate: 1, revoke_partially: 1 });
  });

  it('a critical insider incident proposes a suspension, the holder is heard, the suspension reaches partners', async () => {
    const { ZA, BW } = federation.admins;
    const trader = 'trader-senqu';
    const tokens = staffTokens(ZA, trader);
    const operatorId = await registerOperator(ZA, trader, { legalName: 'Senqu Carriers', tin: '9300000002' });
    const authorisation = await applyAndGrant(ZA, trader, operatorId, 'S');
    await eventually(async () => expect((await askRecognition(BW, { issuer: 'ZA', identifier: '9300000002' })).status).toBe('valid'));

    const incident = await call('POST', `${ZA.urls.conductCompliance}/operators/${operatorId}/incidents`, {
      token: tokens.trader,
      body: { severity: 'critical', occurredOn: new Date().toISOString().slice(0, 10), description: 'a driver sold seal numbers to a smuggling ring', measuresTaken: 'driver dismissed' },
    });
    expect(incident.status).toBe(201);

    const api = new AccreditationClient(ZA.urls.accreditation);
    const hearing = await eventually(async () => {
      const a = await api.expect(api.get(tokens.officer, `/authorisations/${authorisation.id}`), 200, 'authorisation');
      expect(a.status).toBe('hearing');
      return a;
    });
    expect(hearing).toMatchObject({ proposal: 'suspend', proposedBy: 'system', partnerStatus: 'valid' });
    expect(hearing.history.at(-1)).toMatchObject({ action: 'propose_suspension', details: { source: 'conduct-compliance', incidentId: incident.body.id } });
    expect((await askRecognition(BW, { issuer: 'ZA', identifier: '9300000002' })).status).toBe('valid');

    await authorisationStep(ZA, tokens.trader, authorisation.id, { action: 'answer_hearing', reason: 'the driver was dismissed and all seals replaced' });
    await authorisationStep(ZA, tokens.supervisor, authorisation.id, { action: 'suspend', reason: 'insider conspiracy confirmed; measures not yet accepted' });
    await eventually(async () => {
      const answer = await askRecognition(BW, { issuer: 'ZA', identifier: '9300000002' });
      expect(answer).toMatchObject({ recognised: false, status: 'suspended' });
    });
    const compliance = await call('GET', `${ZA.urls.conductCompliance}/operators/${operatorId}/compliance`, { token: tokens.officer });
    expect(compliance.body.warnings).toContain('critical incident without accepted measures: a driver sold seal numbers to a smuggling ring');
    expect(compliance.body.reasons).toContainEqual({ rule: 'critical-incident', effect: 'warn', incident: 'a driver sold seal numbers to a smuggling ring' });
  });
});
