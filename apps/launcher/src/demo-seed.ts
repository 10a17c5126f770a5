import { Role } from '@aeo/platform';
import { RunningAdministration } from './administration';

type Token = (administration: string, roles: Role[], subject: string) => string;

async function call(method: string, url: string, token: string, body?: unknown): Promise<any> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
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

const OPERATORS = [
  { name: 'Ubuntu Freight (Pty) Ltd', type: 'F', share: true, outcome: 'granted', employees: 420, turnover: 180_000_000, roles: ['freight-forwarder', 'carrier'] },
  { name: 'Kalahari Logistics', type: 'S', share: true, outcome: 'suspended', employees: 38, turnover: 7_500_000, roles: ['carrier'] },
  { name: 'Karoo Traders', type: 'F', share: false, outcome: 'granted', employees: 6, turnover: 1_200_000, roles: ['importer', 'exporter'] },
  { name: 'Drakensberg Foods', type: 'C', share: true, outcome: 'submitted', employees: 120, turnover: 30_000_000, roles: ['manufacturer', 'exporter'] },
] as const;

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
  for (const admin of admins) {
    const a = admin.administration;
    for (const [i, operator] of OPERATORS.entries()) {
      const trader = `trader-${a.toLowerCase()}-${i + 1}`;
      const traderToken = token(a, ['trader'], trader);
      const registered = await call('POST', `${admin.urls.operatorRegistry}/operators`, traderToken, {
        legalName: `${operator.name} ${a}`,
        address: { street: `${i + 1} Main Road`, city: 'Capital', postalCode: `${1000 + i}`, country: a },
        identifiers: [{ scheme: 'TIN', value: tin(a, i + 1), issuer: a }],
        consent: { shareWithPartners: operator.share, publishInDirectory: operator.share },
        roles: operator.roles,
        employees: operator.employees,
        annualTurnover: operator.turnover,
      });
      const application = await retry(() =>
        call('POST', `${admin.urls.accreditation}/applications`, traderToken, { operatorId: registered.id, aeoType: operator.type }),
      );
      if (operator.outcome === 'submitted') continue;
      const authorisation = await call('POST', `${admin.urls.accreditation}/applications/${application.id}/grant`, token(a, ['officer'], `officer-${a.toLowerCase()}`), {
        reason: 'validation visit: all criteria met',
      });
      if (operator.outcome === 'suspended') {
        await call('POST', `${admin.urls.accreditation}/authorisations/${authorisation.id}/suspend`, token(a, ['supervisor'], `supervisor-${a.toLowerCase()}`), {
          reason: 'seal integrity findings under review',
        });
      }
    }
  }
  return { recognisedTin: tin(admins[0].administration, 1) };
}
