import { AeoTypeCode, Arrangement, ArrangementParty } from './arrangement.entity';

/**
 * The arrangement as it stands on a day: its parties and the types each has recognised, after the
 * amendments in effect by then, and whether it is suspended. The one place amendments are read.
 */
export function arrangementOn(arrangement: Arrangement, day: string): { parties: ArrangementParty[]; suspended: boolean } {
  let parties = arrangement.parties;
  let suspended = false;
  for (const a of [...(arrangement.amendments ?? [])].sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0))) {
    if (a.on > day) break;
    if (a.kind === 'drop-party') parties = parties.filter((p) => p.administration !== a.administration);
    if (a.kind === 'drop-type') {
      parties = parties.map((p) => (p.administration === a.administration ? { ...p, recognisedAeoTypes: p.recognisedAeoTypes.filter((t) => t !== a.aeoType) } : p));
    }
    if (a.kind === 'suspend') suspended = true;
    if (a.kind === 'resume') suspended = false;
  }
  return { parties, suspended };
}

/** Whether two administrations are parties to an active arrangement. */
export function arePartners(arrangements: Arrangement[], a: string, b: string): boolean {
  return arrangements.some(
    (m) => !!m.activatedAt && m.parties.some((p) => p.administration === a) && m.parties.some((p) => p.administration === b),
  );
}

/**
 * Which arrangement lets `receiver` recognise an AEO of `issuer` of a given type on a given day:
 * both are parties, the arrangement is in effect that day, and the issuer's side lists the type.
 * The one place that answers "does an MRA cover this?".
 */
export function coveringArrangement(
  arrangements: Arrangement[],
  issuer: string,
  receiver: string,
  aeoType: AeoTypeCode,
  at: Date,
): { arrangement: Arrangement; issuerParty: ArrangementParty } | undefined {
  const day = at.toISOString().slice(0, 10);
  for (const arrangement of arrangements) {
    if (!arrangement.activatedAt) continue;
    if (arrangement.effectiveFrom > day) continue;
    if (arrangement.effectiveTo && arrangement.effectiveTo < day) continue;
    const { parties, suspended } = arrangementOn(arrangement, day);
    if (suspended) continue;
    const issuerParty = parties.find((p) => p.administration === issuer);
    if (!issuerParty || !parties.some((p) => p.administration === receiver)) continue;
    if (issuerParty.recognisedAeoTypes.includes(aeoType)) return { arrangement, issuerParty };
  }
  return undefined;
}

/** The partners an issuer's AEO of this type is shared with on that day. */
export function partnersCovering(arrangements: Arrangement[], issuer: string, aeoType: AeoTypeCode, at: Date): string[] {
  const partners = new Set<string>();
  for (const arrangement of arrangements) {
    for (const party of arrangement.parties) {
      if (party.administration !== issuer && coveringArrangement([arrangement], issuer, party.administration, aeoType, at)) {
        partners.add(party.administration);
      }
    }
  }
  return [...partners];
}

/**
 * Whether a record from `issuer` is in scope for `receiver` at all: some arrangement between
 * them covers its type and had not ended when the status began. (Whether it is recognised on a
 * given day is coveringArrangement's question, asked when a partner asks.)
 */
export function recordInScope(
  arrangements: Arrangement[],
  issuer: string,
  receiver: string,
  aeoType: AeoTypeCode,
  statusSince: Date,
): boolean {
  const day = statusSince.toISOString().slice(0, 10);
  return arrangements.some((a) => {
    if (!a.activatedAt || (a.effectiveTo && a.effectiveTo < day)) return false;
    // As the arrangement stood when the status began (or when the arrangement began, if later).
    const { parties } = arrangementOn(a, day > a.effectiveFrom ? day : a.effectiveFrom);
    return parties.some((p) => p.administration === receiver) && parties.some((p) => p.administration === issuer && p.recognisedAeoTypes.includes(aeoType));
  });
}
