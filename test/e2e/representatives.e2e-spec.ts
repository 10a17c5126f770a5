import { AccreditationClient } from '@aeo/accreditation/testing';
import { criteriaFor } from '@aeo/accreditation';
import { call, eventually, tokenFor } from '@aeo/testing';
import { registerOperator, startTestFederation, TestFederation } from './support';

type Who = 'holder' | 'reader' | 'preparer' | 'broker' | 'revoked' | 'stranger' | 'officer';
const SUBJECT: Record<Who, string> = {
  holder: 'trader-msme', reader: 'consultant-read', preparer: 'consultant-prep', broker: 'broker-full', revoked: 'broker-revoked', stranger: 'trader-other', officer: 'officer-za',
};
const token = (who: Who) => tokenFor('ZA', [who === 'officer' ? 'officer' : 'trader'], SUBJECT[who]);

/**
 * An MSME's holder authorises representatives for named acts; every route a trader may use is
 * walked by the holder, each representative, a revoked one, a stranger and an officer, and each
 * answer is what the mandate allows: the authorisation matrix.
 */
describe('representatives: what a mandate allows, route by route', () => {
  let federation: TestFederation;
  let operatorId = '';
  let applicationId = '';

  beforeAll(async () => {
    federation = await startTestFederation(['ZA']);
  }, 300_000);
  afterAll(async () => {
    await federation?.close();
  });

  it('the holder gives and revokes mandates; representatives act within them everywhere', async () => {
    const za = federation.admins.ZA;
    operatorId = await registerOperator(za, SUBJECT.holder, { legalName: 'Karoo Craft Exports', tin: '9055500001', employees: 9, annualTurnover: 2_000_000 });
    const mandate = (representative: string, acts: string[], who: Who = 'holder') =>
      call('POST', `${za.urls.operatorRegistry}/operators/${operatorId}/representatives`, { token: token(who), body: { representative, acts } });
    expect((await mandate(SUBJECT.reader, ['read'])).status).toBe(201);
    expect((await mandate(SUBJECT.preparer, ['prepare'])).status).toBe(201);
    const broker = await mandate(SUBJECT.broker, ['prepare', 'submit', 'respond']);
    expect(broker.body).toMatchObject({ representative: SUBJECT.broker, acts: ['read', 'prepare', 'submit', 'respond'], inForce: true, grantedBy: SUBJECT.holder });
    const revoked = await mandate(SUBJECT.revoked, ['prepare', 'submit', 'respond']);
    // Only the holder chooses representatives; a mandate says what it allows.
    expect((await mandate('someone', ['read'], 'broker')).status).toBe(403);
    expect((await mandate(SUBJECT.holder, ['read'])).status).toBe(400);
    expect((await mandate('x', ['sign'])).status).toBe(400);
    const timed = await call('POST', `${za.urls.operatorRegistry}/operators/${operatorId}/representatives`, { token: token('holder'), body: { representative: 'x', acts: ['read'], validTo: '2027-01-01T00:00:00Z' } });
    expect(timed.status).toBe(400);
    expect(timed.body.message).toContain('validTo must be a day, YYYY-MM-DD');
    const revoke = await call('POST', `${za.urls.operatorRegistry}/operators/${operatorId}/representatives/${revoked.body.id}/revoke`, { token: token('holder') });
    expect(revoke.body).toMatchObject({ inForce: false, revokedBy: SUBJECT.holder });
    expect((await call('POST', `${za.urls.operatorRegistry}/operators/${operatorId}/representatives/${revoked.body.id}/revoke`, { token: token('holder') })).status).toBe(409);

    // A representative finds the operator among its own, with the acts it may do.
    const mine = await call('GET', `${za.urls.operatorRegistry}/operators`, { token: token('broker') });
    expect(mine.body.items.map((o: { id: string; representing: string[] }) => [o.id, o.representing])).toEqual([[operatorId, ['read', 'prepare', 'submit', 'respond']]]);
    expect((await call('GET', `${za.urls.operatorRegistry}/operators`, { token: token('revoked') })).body.items).toEqual([]);
    const seen = await call('GET', `${za.urls.operatorRegistry}/operators/${operatorId}/representatives`, { token: token('reader') });
    expect(seen.body.map((m: { representative: string }) => m.representative)).toEqual([SUBJECT.reader]);

    // The other services learn of the mandates through their events.
    const api = new AccreditationClient(za.urls.accreditation);
    await eventually(async () => expect((await call('GET', `${za.urls.accreditation}/operators/${operatorId}/applications`, { token: token('reader') })).status).toBe(200), { timeoutMs: 30_000 });
    await eventually(async () => expect((await call('GET', `${za.urls.conductCompliance}/operators/${operatorId}/personnel`, { token: token('reader') })).status).toBe(200), { timeoutMs: 30_000 });
    await eventually(async () => expect((await call('GET', `${za.urls.accreditation}/operators/${operatorId}/applications`, { token: token('revoked') })).status).toBe(403), { timeoutMs: 30_000 });

    const everyone: Who[] = ['holder', 'reader', 'preparer', 'broker', 'revoked', 'stranger', 'officer'];
    const matrix: Record<string, Record<Who, number>> = {};
    const walk = async (route: string, request: (who: Who) => Promise<{ status: number }>, only: Who[] = everyone) => {
      matrix[route] = {} as Record<Who, number>;
      for (const who of only) matrix[route][who] = (await request(who)).status;
    };
    const first = criteriaFor('F')[0];

    await walk('GET operator', (w) => call('GET', `${za.urls.operatorRegistry}/operators/${operatorId}`, { token: token(w) }));
    await walk('PATCH operator (a change)', (w) => call('PATCH', `${za.urls.operatorRegistry}/operators/${operatorId}`, { token: token(w), body: { employees: 10 + everyone.indexOf(w) } }), ['reader', 'broker', 'stranger', 'holder']);
    await walk('PUT consent', (w) => call('PUT', `${za.urls.operatorRegistry}/operators/${operatorId}/consent`, { token: token(w), body: { shareWithPartners: true, publishInDirectory: true } }), ['broker', 'stranger', 'holder']);
    await walk('POST application (draft)', async (w) => {
      const r = await api.createDraft(token(w), operatorId, 'F');
      if (r.status === 201) applicationId = r.body.id;
      return r;
    }, ['reader', 'revoked', 'stranger', 'preparer']);
    await walk('GET application', (w) => api.get(token(w), `/applications/${applicationId}`));
    await walk('PUT SAQ section', (w) => api.saveSection(token(w), applicationId, first.code, { answers: { [first.questions[0].id]: `drafted by ${w}` }, evidenceRoute: 'msme' }), ['reader', 'revoked', 'stranger', 'officer', 'preparer', 'broker', 'holder']);
    await walk('POST code of conduct', (w) => call('POST', `${za.urls.conductCompliance}/operators/${operatorId}/codes-of-conduct`, {
      token: token(w), body: { text: `Code drafted by ${w}: no bribes, report insider threats.`, adoptedOn: '2026-01-15', approvedBy: { name: 'Director', function: 'director' } },
    }), ['reader', 'revoked', 'stranger', 'preparer']);
    await walk('POST personnel', (w) => call('POST', `${za.urls.conductCompliance}/operators/${operatorId}/personnel`, {
      token: token(w), body: { name: `Person added by ${w}`, role: 'clerk', sensitiveAccess: [], startedOn: '2024-01-01' },
    }), ['reader', 'revoked', 'stranger', 'broker']);
    await walk('GET personnel', (w) => call('GET', `${za.urls.conductCompliance}/operators/${operatorId}/personnel`, { token: token(w) }));
    await api.completeSaq(token('preparer'), applicationId, 'msme');
    await walk('submit', (w) => api.act(token(w), applicationId, { action: 'submit' }), ['reader', 'preparer', 'revoked', 'stranger', 'broker']);
    await walk('withdraw (the holder only)', (w) => api.act(token(w), applicationId, { action: 'withdraw', reason: 'changed our mind' }), ['broker']);
    await walk('GET history', (w) => api.get(token(w), `/operators/${operatorId}/history`));

    expect(matrix).toEqual({
      'GET operator': { holder: 200, reader: 200, preparer: 200, broker: 200, revoked: 403, stranger: 403, officer: 200 },
      'PATCH operator (a change)': { reader: 403, broker: 403, stranger: 403, holder: 200 },
      'PUT consent': { broker: 403, stranger: 403, holder: 200 },
      'POST application (draft)': { reader: 403, revoked: 403, stranger: 403, preparer: 201 },
      'GET application': { holder: 200, reader: 200, preparer: 200, broker: 200, revoked: 403, stranger: 403, officer: 200 },
      'PUT SAQ section': { reader: 403, revoked: 403, stranger: 403, officer: 403, preparer: 200, broker: 200, holder: 200 },
      'POST code of conduct': { reader: 403, revoked: 403, stranger: 403, preparer: 201 },
      'POST personnel': { reader: 403, revoked: 403, stranger: 403, broker: 201 },
      'GET personnel': { holder: 200, reader: 200, preparer: 200, broker: 200, revoked: 403, stranger: 403, officer: 200 },
      submit: { reader: 403, preparer: 403, revoked: 403, stranger: 403, broker: 201 },
      'withdraw (the holder only)': { broker: 403 },
      'GET history': { holder: 200, reader: 200, preparer: 200, broker: 200, revoked: 403, stranger: 403, officer: 200 },
    });

    // Every act records who acted for whom: the submission is the broker's, as representative of this operator.
    const history = await api.get(token('holder'), `/applications/${applicationId}/history`);
    expect(history.body.find((h: { action: string }) => h.action === 'submit')).toMatchObject({ actor: SUBJECT.broker, details: expect.objectContaining({ asRepresentative: true }) });
    // What the broker's view offers it: the steps its mandate covers, not the holder's own.
    const viewed = await api.get(token('broker'), `/applications/${applicationId}`);
    expect(viewed.body.actionsOpen).not.toContain('withdraw');
    expect((await api.get(token('holder'), `/applications/${applicationId}`)).body.actionsOpen).toContain('withdraw');
  });
});
