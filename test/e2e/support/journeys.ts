import { call, eventually, tokenFor } from '@aeo/testing';
import { RunningAdministration } from '@aeo/launcher';

/** Registers an operator as a trader of the administration; returns its id. */
export async function registerOperator(
  admin: RunningAdministration,
  trader: string,
  options: { legalName: string; tin: string; shareWithPartners?: boolean },
): Promise<string> {
  const response = await call('POST', `${admin.urls.operatorRegistry}/operators`, {
    token: tokenFor(admin.administration, ['trader'], trader),
    body: {
      legalName: options.legalName,
      address: { street: '1 Harbour Road', city: 'Durban', postalCode: '4001', country: admin.administration },
      identifiers: [{ scheme: 'TIN', value: options.tin, issuer: admin.administration }],
      consent: { shareWithPartners: options.shareWithPartners ?? true, publishInDirectory: true },
    },
  });
  if (response.status !== 201) throw new Error(`register: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** Applies (once accreditation knows the operator) and grants; returns the authorisation. */
export async function applyAndGrant(
  admin: RunningAdministration,
  trader: string,
  operatorId: string,
  aeoType: 'C' | 'S' | 'F' = 'F',
): Promise<{ id: string; certificateNumber: string; statusSince: string }> {
  const application = await eventually(async () => {
    const r = await call('POST', `${admin.urls.accreditation}/applications`, {
      token: tokenFor(admin.administration, ['trader'], trader),
      body: { operatorId, aeoType },
    });
    if (r.status !== 201) throw new Error(`apply: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  });
  const granted = await call('POST', `${admin.urls.accreditation}/applications/${application.id}/grant`, {
    token: tokenFor(admin.administration, ['officer']),
    body: { reason: 'all criteria met at the validation visit' },
  });
  if (granted.status !== 201) throw new Error(`grant: ${granted.status} ${JSON.stringify(granted.body)}`);
  return granted.body;
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

/** A supervisor changes an authorisation's status (suspend, reinstate, revoke). */
export async function changeStatus(admin: RunningAdministration, authorisationId: string, action: 'suspend' | 'reinstate' | 'revoke') {
  const r = await call('POST', `${admin.urls.accreditation}/authorisations/${authorisationId}/${action}`, {
    token: tokenFor(admin.administration, ['supervisor']),
    body: { reason: `${action} in the e2e journey` },
  });
  if (r.status !== 201) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
}
