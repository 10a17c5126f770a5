import { AccreditationClient } from '@aeo/accreditation/testing';
import { RunningAdministration } from '@aeo/launcher';
import { call, eventually, tokenFor } from '@aeo/testing';
import { Client } from 'pg';

/** Registers an operator as a trader of the administration; returns its id. */
export async function registerOperator(
  admin: RunningAdministration,
  trader: string,
  options: { legalName: string; tin: string; shareWithPartners?: boolean; employees?: number; annualTurnover?: number },
): Promise<string> {
  const response = await call('POST', `${admin.urls.operatorRegistry}/operators`, {
    token: tokenFor(admin.administration, ['trader'], trader),
    body: {
      legalName: options.legalName,
      address: { street: '1 Harbour Road', city: 'Durban', postalCode: '4001', country: admin.administration },
      identifiers: [{ scheme: 'TIN', value: options.tin, issuer: admin.administration }],
      consent: { shareWithPartners: options.shareWithPartners ?? true, publishInDirectory: true },
      ...(options.employees !== undefined ? { employees: options.employees, annualTurnover: options.annualTurnover } : {}),
    },
  });
  if (response.status !== 201) throw new Error(`register: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** The trader records its Code of Conduct in conduct-compliance and an officer accepts it. */
export async function acceptCodeOfConduct(admin: RunningAdministration, trader: string, operatorId: string) {
  const code = await eventually(async () => {
    const r = await call('POST', `${admin.urls.conductCompliance}/operators/${operatorId}/codes-of-conduct`, {
      token: tokenFor(admin.administration, ['trader'], trader),
      body: {
        text: 'We refuse bribes, report insider threats and keep every customs record true.',
        adoptedOn: '2026-01-15',
        approvedBy: { name: 'Managing Director', function: 'managing director' },
      },
    });
    if (r.status !== 201) throw new Error(`code of conduct: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  });
  const review = await call('POST', `${admin.urls.conductCompliance}/codes-of-conduct/${code.id}/review`, {
    token: tokenFor(admin.administration, ['officer'], 'officer-conduct'),
    body: { decision: 'accept' },
  });
  if (review.status !== 201) throw new Error(`code review: ${review.status} ${JSON.stringify(review.body)}`);
}

export function staffTokens(admin: RunningAdministration, trader: string) {
  return {
    trader: tokenFor(admin.administration, ['trader'], trader),
    officer: tokenFor(admin.administration, ['officer'], `officer-${admin.administration.toLowerCase()}`),
    supervisor: tokenFor(admin.administration, ['supervisor'], `supervisor-${admin.administration.toLowerCase()}`),
  };
}

/**
 * The whole accreditation path of DOMAIN.md, as the trader and customs walk it: the code of
 * conduct accepted, the SAQ and its evidence, submission, acceptance, review, visit, proposal,
 * grant. Returns the authorisation.
 */
export async function applyAndGrant(
  admin: RunningAdministration,
  trader: string,
  operatorId: string,
  aeoType: 'C' | 'S' | 'F' = 'F',
): Promise<{ id: string; certificateNumber: string; statusSince: string; aeoType: string }> {
  await acceptCodeOfConduct(admin, trader, operatorId);
  const api = new AccreditationClient(admin.urls.accreditation);
  const tokens = staffTokens(admin, trader);
  // Accreditation learns the operator from operator-registry's event.
  await eventually(async () => {
    const r = await api.get(tokens.trader, `/operators/${operatorId}/history`);
    if (r.status !== 200) throw new Error(`accreditation does not know the operator yet: ${r.status}`);
  });
  const granted = await api.applyToGrant(tokens, operatorId, aeoType);
  return api.expect(api.get(tokens.supervisor, `/authorisations/${granted.authorisationId}`), 200, 'authorisation');
}

/** The partner's question, asked of `asker`'s mra-exchange with a partner token. */
export async function askRecognition(
  asker: RunningAdministration,
  query: { issuer: string; scheme?: string; identifier: string; asOf?: string },
) {
  const params = new URLSearchParams({ issuer: query.issuer, scheme: query.scheme ?? 'TIN', identifier: query.identifier });
  if (query.asOf) params.set('asOf', query.asOf);
  const r = await call('GET', `${asker.urls.mraExchange}/recognitions?${params}`, {
    token: tokenFor(asker.administration, ['partner']),
  });
  if (r.status !== 200) throw new Error(`recognitions: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The holder gives or withdraws its consent to share with MRA partners. */
export async function setConsent(admin: RunningAdministration, trader: string, operatorId: string, shareWithPartners: boolean) {
  const r = await call('PUT', `${admin.urls.operatorRegistry}/operators/${operatorId}/consent`, {
    token: tokenFor(admin.administration, ['trader'], trader),
    body: { shareWithPartners, publishInDirectory: false },
  });
  if (r.status !== 200) throw new Error(`consent: ${r.status} ${JSON.stringify(r.body)}`);
}

/** One step on an authorisation; throws unless it is taken. */
export async function authorisationStep(admin: RunningAdministration, token: string, authorisationId: string, body: Record<string, unknown>) {
  const api = new AccreditationClient(admin.urls.accreditation);
  return api.expect(api.actOnAuthorisation(token, authorisationId, body), 201, String(body.action));
}

/** The right to be heard before a negative decision: an officer proposes, the holder answers. */
export async function proposeAndHear(
  admin: RunningAdministration,
  trader: string,
  authorisationId: string,
  proposal: 'propose_suspension' | 'propose_revocation' | 'propose_partial_revocation',
  extra: Record<string, unknown> = {},
) {
  const tokens = staffTokens(admin, trader);
  await authorisationStep(admin, tokens.officer, authorisationId, { action: proposal, reason: `${proposal.replace(/_/g, ' ')}: grounds of the e2e journey`, ...extra });
  return authorisationStep(admin, tokens.trader, authorisationId, { action: 'answer_hearing', reason: 'our answer to the grounds' });
}

/** A supervisor suspends (after the hearing), reinstates or revokes (after the hearing). */
export async function changeStatus(admin: RunningAdministration, trader: string, authorisationId: string, action: 'suspend' | 'reinstate' | 'revoke') {
  const { supervisor } = staffTokens(admin, trader);
  if (action === 'suspend') await proposeAndHear(admin, trader, authorisationId, 'propose_suspension');
  if (action === 'revoke') await proposeAndHear(admin, trader, authorisationId, 'propose_revocation');
  return authorisationStep(admin, supervisor, authorisationId, { action, reason: `${action} in the e2e journey` });
}

/** Rows of a test's database, read directly (to check what a service stored). */
export async function sqlRows<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The statuses a partner holds of each of `issuer`'s operators named, in the issuer's sequence. */
export async function statusesAtPartner(partnerDatabaseUrl: string, issuer: string, operators: Record<string, string>): Promise<Record<string, string[]>> {
  const rows = await sqlRows<{ operator_id: string; status: string }>(
    partnerDatabaseUrl,
    `SELECT operator_id, status FROM mra_exchange.received_record WHERE issuer = '${issuer}' ORDER BY sequence`,
  );
  return Object.fromEntries(Object.entries(operators).map(([name, id]) => [name, rows.filter((r) => r.operator_id === id).map((r) => r.status)]));
}
