import { HttpMethod, jsonRequest, Role } from '@aeo/platform';
import { AccreditationClient } from '@aeo/accreditation/testing';
import { RunningAdministration } from './administration';
import { importRegister, registerFiles } from './demo-register';

type Token = (administration: string, roles: Role[], subject: string) => string;

/** One request of the seed; anything but 2xx stops the seed with the answer. */
async function call(method: HttpMethod, url: string, token: string, body?: unknown): Promise<any> {
  const response = await jsonRequest(method, url, { token, body });
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Asks again until the events have reached the other service (the demo talks only through the API). */
async function retry<T>(fn: () => Promise<T>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * Demo operators, each left at a different point of its life: applications in several stages,
 * authorisations valid, suspended and in a hearing, and every compliance state (compliant,
 * warning, blocking, a critical incident with a suspension proposed). The first four are seeded
 * in every administration, all of them in the first.
 */
type Outcome = 'granted' | 'suspended' | 'incident-hearing' | 'visit-planned' | 'draft' | 'information-requested' | 'rejection-hearing';
interface DemoOperator {
  name: string;
  type: 'C' | 'S' | 'F';
  share: boolean;
  outcome: Outcome;
  employees: number;
  turnover: number;
  roles: string[];
  /** Conduct: an accepted code (all but 'none'), with staff trained (coverage) and a declaration. */
  conduct: 'compliant' | 'low-coverage' | 'none';
}
const OPERATORS: DemoOperator[] = [
  { name: 'Ubuntu Freight (Pty) Ltd', type: 'F', share: true, outcome: 'granted', employees: 420, turnover: 180_000_000, roles: ['freight-forwarder', 'carrier'], conduct: 'compliant' },
  { name: 'Kalahari Logistics', type: 'S', share: true, outcome: 'suspended', employees: 38, turnover: 7_500_000, roles: ['carrier'], conduct: 'low-coverage' },
  { name: 'Karoo Traders', type: 'F', share: false, outcome: 'incident-hearing', employees: 6, turnover: 1_200_000, roles: ['importer', 'exporter'], conduct: 'compliant' },
  { name: 'Drakensberg Foods', type: 'C', share: true, outcome: 'visit-planned', employees: 120, turnover: 30_000_000, roles: ['manufacturer', 'exporter'], conduct: 'compliant' },
  { name: 'Limpopo Citrus Co-operative', type: 'F', share: true, outcome: 'draft', employees: 15, turnover: 4_000_000, roles: ['exporter'], conduct: 'none' },
  { name: 'Orange River Wines', type: 'C', share: true, outcome: 'information-requested', employees: 9, turnover: 1_800_000, roles: ['manufacturer', 'exporter'], conduct: 'compliant' },
  { name: 'Maputo Corridor Transport', type: 'F', share: true, outcome: 'rejection-hearing', employees: 260, turnover: 95_000_000, roles: ['carrier'], conduct: 'compliant' },
];

/** Operators (with authorisations and personnel) imported into the first administration; a quarter of it into the others. */
export const DEMO_REGISTER_SIZE = 40;

export interface DemoArrangement {
  name: string;
  parties: string[];
  aeoTypes: ('C' | 'S' | 'F')[];
  benefits: string[];
  effectiveFrom: string;
}

/** The SACU regional MRA (in effect since 31 May 2023) and one bilateral MRA of SARS. */
export const DEMO_ARRANGEMENTS: DemoArrangement[] = [
  {
    name: 'SACU regional AEO MRA',
    parties: ['ZA', 'BW', 'NA', 'LS', 'SZ'],
    aeoTypes: ['S', 'F'],
    benefits: ['lower-risk-score', 'fewer-examinations', 'priority-clearance', 'business-continuity'],
    effectiveFrom: '2023-05-31',
  },
  {
    name: 'South Africa - United Kingdom AEO MRA',
    parties: ['ZA', 'GB'],
    aeoTypes: ['F'],
    benefits: ['lower-risk-score', 'priority-clearance'],
    effectiveFrom: '2024-01-01',
  },
];

/** The arrangements among the administrations running, each with at least two of them. */
export function demoArrangements(members: string[]): DemoArrangement[] {
  return DEMO_ARRANGEMENTS.map((a) => ({ ...a, parties: a.parties.filter((p) => members.includes(p)) })).filter(
    (a) => a.parties.length >= 2,
  );
}

/**
 * First start only: each MRA recorded by each of its parties, and in each administration
 * operators in several states, all through the public APIs. Returns a TIN to ask about.
 */
export async function seedDemo(
  admins: RunningAdministration[],
  keys: Record<string, { publicKeyPem: string }>,
  token: Token,
): Promise<{ recognisedTin: string }> {
  const tin = (administration: string, n: number) => `${administration.charCodeAt(0)}${administration.charCodeAt(1)}0000${n}`;
  const existing = await call('GET', `${admins[0].urls.mraExchange}/arrangements`, token(admins[0].administration, ['supervisor'], 'seed'));
  if (existing.length > 0) return { recognisedTin: tin(admins[0].administration, 1) };

  for (const arrangement of demoArrangements(admins.map((a) => a.administration))) {
    for (const admin of admins.filter((a) => arrangement.parties.includes(a.administration))) {
      await call('POST', `${admin.urls.mraExchange}/arrangements`, token(admin.administration, ['supervisor'], 'seed-supervisor'), {
        name: arrangement.name,
        parties: arrangement.parties.map((m) => ({
          administration: m,
          recognisedAeoTypes: arrangement.aeoTypes,
          publicKey: keys[m].publicKeyPem,
          keyId: `${m}-1`,
        })),
        benefits: arrangement.benefits,
        effectiveFrom: arrangement.effectiveFrom,
        confirmations: arrangement.parties
          .filter((m) => m !== admin.administration)
          .map((m) => ({ administration: m, confirmedOn: arrangement.effectiveFrom, reference: `${arrangement.name}: signed by ${m}` })),
      });
    }
  }
  // The base population comes in by import, as an administration with AEOs before this registry would bring it.
  for (const [n, admin] of admins.entries()) {
    const a = admin.administration;
    await importRegister(admin.urls, registerFiles(a, n === 0 ? DEMO_REGISTER_SIZE : DEMO_REGISTER_SIZE / 4), token(a, ['supervisor'], `supervisor-${a.toLowerCase()}`), `${a.toLowerCase()}-register-2026`);
  }
  // A few cases walked through the whole workflow.
  for (const [n, admin] of admins.entries()) {
    const a = admin.administration;
    const operators = n === 0 ? OPERATORS : OPERATORS.slice(0, 4);
    for (const [i, operator] of operators.entries()) {
      await seedOperator(admin, i, operator, tin(a, i + 1), token);
    }
    if (n === 0) await seedCustomsStaff(admin, token);
  }
  return { recognisedTin: tin(admins[0].administration, 1) };
}

/** One demo operator, registered and taken to its outcome through the public APIs. */
async function seedOperator(admin: RunningAdministration, i: number, operator: DemoOperator, tinValue: string, token: Token) {
  const a = admin.administration;
  const trader = `trader-${a.toLowerCase()}-${i + 1}`;
  const tokens = {
    trader: token(a, ['trader'], trader),
    officer: token(a, ['officer'], `officer-${a.toLowerCase()}`),
    supervisor: token(a, ['supervisor'], `supervisor-${a.toLowerCase()}`),
  };
  const registered = await call('POST', `${admin.urls.operatorRegistry}/operators`, tokens.trader, {
    legalName: `${operator.name} ${a}`,
    address: { street: `${i + 1} Main Road`, city: 'Capital', postalCode: `${1000 + i}`, country: a },
    identifiers: [{ scheme: 'TIN', value: tinValue, issuer: a }],
    consent: { shareWithPartners: operator.share, publishInDirectory: operator.share },
    roles: operator.roles,
    employees: operator.employees,
    annualTurnover: operator.turnover,
  });
  const operatorId: string = registered.id;
  if (i === 0) {
    // The first company's customs broker prepares, submits and answers for it (Representatives).
    await call('POST', `${admin.urls.operatorRegistry}/operators/${operatorId}/representatives`, tokens.trader, {
      representative: `broker-${a.toLowerCase()}`,
      acts: ['prepare', 'submit', 'respond'],
    });
  }
  await seedConduct(admin, operatorId, operator, tokens);

  const api = new AccreditationClient(admin.urls.accreditation);
  const route = operator.employees < 250 ? 'msme' : 'standard';
  const draft = await retry(() => api.expect(api.createDraft(tokens.trader, operatorId, operator.type), 201, 'draft'));
  if (operator.outcome === 'draft') {
    const first = (await api.expect(api.get(tokens.trader, `/applications/${draft.id}/saq`), 200, 'SAQ')).sections[0];
    await api.expect(api.saveSection(tokens.trader, draft.id, first.criterion, { answers: { [first.questions[0].id]: 'Drafting: our answer is being checked by the accountant.' }, evidenceRoute: route }), 200, 'save');
    return;
  }
  await api.completeSaq(tokens.trader, draft.id, route);
  await api.expect(api.act(tokens.trader, draft.id, { action: 'submit' }), 201, 'submit');
  const officerSteps: Record<string, unknown>[] = [{ action: 'accept' }, { action: 'start_review' }];
  if (operator.outcome === 'information-requested') {
    officerSteps.push({ action: 'request_information', reason: 'send the signed management accounts of the last year' });
  } else {
    officerSteps.push({ action: 'plan_visit', plannedFor: new Date(Date.now() + (i + 3) * 86_400_000).toISOString() });
  }
  if (!['information-requested', 'visit-planned'].includes(operator.outcome)) {
    officerSteps.push({ action: 'record_visit', findings: await api.findingsAllMetFor(tokens.officer, draft.id) });
    officerSteps.push(
      operator.outcome === 'rejection-hearing'
        ? { action: 'propose_rejection', reason: 'night security of the truck yard not demonstrated' }
        : { action: 'propose_grant', reason: 'every criterion met at the validation visit' },
    );
  }
  for (const step of officerSteps) await api.expect(api.act(tokens.officer, draft.id, step), 201, String(step.action));
  if (operator.outcome === 'visit-planned') {
    await call('POST', `${admin.urls.accreditation}/applications/${draft.id}/assign`, tokens.supervisor, { assignee: `officer-${a.toLowerCase()}` });
    return;
  }
  if (['information-requested', 'rejection-hearing'].includes(operator.outcome)) return;

  const granted = await api.grantWhenAllowed(tokens.supervisor, draft.id);
  const authorisationId: string = granted.authorisationId;
  if (operator.outcome === 'suspended') {
    const step = (t: string, body: Record<string, unknown>) => api.expect(api.actOnAuthorisation(t, authorisationId, body), 201, String(body.action));
    await step(tokens.officer, { action: 'propose_suspension', reason: 'seal integrity findings at the depot' });
    await step(tokens.trader, { action: 'answer_hearing', reason: 'new seal procedure from next month' });
    await step(tokens.supervisor, { action: 'suspend', reason: 'seal integrity findings confirmed; cure period to fix the procedure' });
  }
  if (operator.outcome === 'incident-hearing') {
    // A critical incident: conduct-compliance proposes a suspension, accreditation opens the hearing.
    await call('POST', `${admin.urls.conductCompliance}/operators/${operatorId}/incidents`, tokens.trader, {
      severity: 'critical',
      occurredOn: new Date().toISOString().slice(0, 10),
      description: 'a warehouse clerk passed seal numbers to an outsider',
      measuresTaken: 'clerk dismissed; seals replaced',
    });
  }
}

/** Code of conduct accepted, personnel with training (full, or too little) and a declaration; or nothing yet. */
async function seedConduct(admin: RunningAdministration, operatorId: string, operator: DemoOperator, tokens: { trader: string; officer: string }) {
  if (operator.conduct === 'none') return;
  const base = admin.urls.conductCompliance;
  const code = await retry(() =>
    call('POST', `${base}/operators/${operatorId}/codes-of-conduct`, tokens.trader, {
      text: `${operator.name}: we refuse bribes, report insider threats and suspicious approaches, and keep every customs record true.`,
      adoptedOn: '2026-01-15',
      approvedBy: { name: 'Managing Director', function: 'managing director' },
    }),
  );
  await call('POST', `${base}/codes-of-conduct/${code.id}/review`, tokens.officer, { decision: 'accept' });
  const today = new Date().toISOString().slice(0, 10);
  const people = operator.conduct === 'low-coverage' ? 4 : 3;
  for (let p = 0; p < people; p++) {
    const person = await call('POST', `${base}/operators/${operatorId}/personnel`, tokens.trader, {
      name: `Employee ${p + 1}`,
      role: p === 0 ? 'warehouse supervisor' : 'clerk',
      sensitiveAccess: p === 0 ? ['cargo', 'premises'] : ['data'],
      startedOn: '2024-02-01',
    });
    // Low coverage: two of four trained (50%, below 90%).
    if (operator.conduct === 'compliant' || p < 2) {
      await call('POST', `${base}/personnel/${person.id}/trainings`, tokens.trader, { course: 'Insider threats and internal conspiracies', completedOn: today, validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10) });
    }
  }
  await call('POST', `${base}/operators/${operatorId}/declarations`, tokens.trader, {
    statement: 'We complied with our Code of Conduct over the past year.',
    declaredBy: { name: 'Managing Director', function: 'managing director' },
  });
}

/** Customs' own accreditation staff: two in sensitive positions, one trained (coverage 50%). */
async function seedCustomsStaff(admin: RunningAdministration, token: Token) {
  const supervisor = token(admin.administration, ['supervisor'], `supervisor-${admin.administration.toLowerCase()}`);
  for (const [i, name] of ['Accreditation officer Dlamini', 'Accreditation officer Khumalo'].entries()) {
    const person = await call('POST', `${admin.urls.conductCompliance}/customs-staff`, supervisor, {
      name,
      role: 'accreditation officer',
      sensitiveAccess: ['data', 'premises'],
      startedOn: '2022-04-01',
    });
    if (i === 0) {
      await call('POST', `${admin.urls.conductCompliance}/personnel/${person.id}/trainings`, supervisor, {
        course: 'Insider threats and internal conspiracies (customs staff)',
        completedOn: new Date().toISOString().slice(0, 10),
        validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
      });
    }
  }
}
