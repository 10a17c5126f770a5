import type { AeoTypeCode } from '../applications/application.entity';
import { addDays, addYears, WorkflowRules } from './rules';
import { Actor, Command, conflict, forbidden, invalid, Outcome, Refusal, run, STAFF, Transition } from './engine';
import { answerHearing, heard, notHeardYet } from './hearing';

/**
 * The life cycle of the authorisation a grant creates (DOMAIN.md): valid, hearing, suspended
 * (cure period), revoked (in whole or, for an AEO-F, in part), withdrawn, expired, with its
 * reassessment, renewal and appeals; and what partners see of it (`partnerStatus`).
 */

export const AUTHORISATION_STATES = ['valid', 'hearing', 'suspended', 'revoked', 'withdrawn', 'expired'] as const;
export type AuthorisationState = (typeof AUTHORISATION_STATES)[number];
export type PartnerStatus = 'valid' | 'suspended' | 'revoked' | 'withdrawn' | 'expired';
export type AuthorisationProposal = 'suspend' | 'revoke' | 'revoke_partially';

export interface AuthorisationCase {
  status: AuthorisationState;
  aeoType: AeoTypeCode;
  validTo: Date;
  proposal: AuthorisationProposal | null;
  proposedBy: string | null;
  /** A partial revocation leaves the holder this type. */
  keepType: AeoTypeCode | null;
  /** Where a hearing returns when the proposal is dropped (valid, or suspended). */
  returnTo: 'valid' | 'suspended' | null;
  hearingOpenedAt: Date | null;
  hearingDue: Date | null;
  hearingAnsweredAt: Date | null;
  cureDue: Date | null;
  cureExtended: boolean;
  reassessmentFlaggedAt: Date | null;
  reassessmentStartedAt: Date | null;
  revokedAt: Date | null;
  /** The last negative decision, who took it, and until when it may be appealed. */
  lastDecision: AuthorisationProposal | null;
  lastDecisionBy: string | null;
  appealDue: Date | null;
  appealPending: boolean;
  /** The type before a partial revocation, restored when an appeal against it is upheld. */
  typeBeforePartial: AeoTypeCode | null;
}

/** A freshly granted authorisation, valid until `validTo`. */
export function newAuthorisationCase(aeoType: AeoTypeCode, validTo: Date): AuthorisationCase {
  return {
    status: 'valid',
    aeoType,
    validTo,
    proposal: null,
    proposedBy: null,
    keepType: null,
    returnTo: null,
    hearingOpenedAt: null,
    hearingDue: null,
    hearingAnsweredAt: null,
    cureDue: null,
    cureExtended: false,
    reassessmentFlaggedAt: null,
    reassessmentStartedAt: null,
    revokedAt: null,
    lastDecision: null,
    lastDecisionBy: null,
    appealDue: null,
    appealPending: false,
    typeBeforePartial: null,
  };
}

export type AuthorisationAction =
  | 'propose_suspension'
  | 'propose_revocation'
  | 'propose_partial_revocation'
  | 'answer_hearing'
  | 'drop_proposal'
  | 'suspend'
  | 'request_suspension'
  | 'extend_cure'
  | 'reinstate'
  | 'revoke'
  | 'revoke_partially'
  | 'withdraw'
  | 'expire'
  | 'start_reassessment'
  | 'complete_reassessment'
  | 'appeal'
  | 'uphold_appeal'
  | 'dismiss_appeal'
  | 'renew';

/** What partners and the other services see: a hearing changes nothing until the decision. */
export function partnerStatus(c: Pick<AuthorisationCase, 'status' | 'returnTo'>): PartnerStatus {
  return c.status === 'hearing' ? (c.returnTo ?? 'valid') : c.status;
}

/** An authorisation in force: valid, suspended (cure period running) or in a hearing. */
export const IN_FORCE: readonly AuthorisationState[] = ['valid', 'suspended', 'hearing'];

/** The same, as a SQL condition on a status column (the one list, for queries). */
export const inForceSql = (column = 'status') => `${column} IN (${IN_FORCE.map((s) => `'${s}'`).join(', ')})`;

function openHearing(proposal: AuthorisationProposal) {
  return (c: AuthorisationCase, cmd: Command<AuthorisationAction>, r: WorkflowRules): Partial<AuthorisationCase> => ({
    proposal,
    proposedBy: cmd.actor.subject,
    returnTo: c.status === 'suspended' ? 'suspended' : 'valid',
    keepType: proposal === 'revoke_partially' ? cmd.keepType! : null,
    hearingOpenedAt: cmd.now,
    hearingDue: addDays(cmd.now, r.hearingDays),
    hearingAnsweredAt: null,
  });
}

/** A negative decision: who took it, and 30 days to appeal. */
function decided(decision: AuthorisationProposal, cmd: Command<AuthorisationAction>, r: WorkflowRules): Partial<AuthorisationCase> {
  return { lastDecision: decision, lastDecisionBy: cmd.actor.subject, appealDue: addDays(cmd.now, r.appealDays), appealPending: false };
}

const noAppeal: Partial<AuthorisationCase> = { lastDecision: null, lastDecisionBy: null, appealDue: null, appealPending: false };

function appealGuard(c: AuthorisationCase, cmd: Command<AuthorisationAction>): Refusal | undefined {
  if (!c.appealPending) return conflict('no_appeal_pending', 'no appeal is pending');
  return c.lastDecisionBy === cmd.actor.subject ? forbidden('four_eyes_appeal', 'the supervisor who took the decision cannot decide its appeal') : undefined;
}

const closeHearing: Partial<AuthorisationCase> = {
  proposal: null,
  proposedBy: null,
  keepType: null,
  returnTo: null,
  hearingOpenedAt: null,
  hearingDue: null,
  hearingAnsweredAt: null,
};

function decideProposal(proposal: AuthorisationProposal) {
  return (c: AuthorisationCase, cmd: Command<AuthorisationAction>): Refusal | undefined => {
    if (c.proposal !== proposal) return conflict('proposal_mismatch', `the hearing is about a proposal to ${c.proposal?.replace('_', ' ')}, not this decision`);
    return heard(c, cmd.now) ? undefined : notHeardYet(c.hearingDue);
  };
}

export const AUTHORISATION_TRANSITIONS: Record<
  AuthorisationAction,
  Transition<AuthorisationState, AuthorisationCase, AuthorisationAction>
> = {
  propose_suspension: {
    from: ['valid'],
    to: 'hearing',
    roles: [...STAFF, 'system'],
    reasonRequired: true,
    effect: openHearing('suspend'),
  },
  propose_revocation: {
    from: ['valid', 'suspended'],
    to: 'hearing',
    roles: STAFF,
    reasonRequired: true,
    effect: openHearing('revoke'),
  },
  propose_partial_revocation: {
    from: ['valid', 'suspended'],
    to: 'hearing',
    roles: STAFF,
    reasonRequired: true,
    guard: (c, cmd) =>
      c.aeoType !== 'F'
        ? conflict('not_aeo_f', `only an AEO-F can be revoked in part; this is an AEO-${c.aeoType}`)
        : cmd.keepType !== 'C' && cmd.keepType !== 'S'
          ? invalid('keep_type_invalid', 'keepType must be C or S: the part of the AEO-F the holder keeps')
          : undefined,
    effect: openHearing('revoke_partially'),
  },
  answer_hearing: answerHearing(),
  drop_proposal: {
    from: ['hearing'],
    to: (c) => c.returnTo ?? 'valid',
    roles: ['supervisor'],
    reasonRequired: true,
    effect: () => closeHearing,
  },
  suspend: {
    from: ['hearing'],
    to: 'suspended',
    roles: ['supervisor'],
    reasonRequired: true,
    guard: decideProposal('suspend'),
    effect: (_c, cmd, r) => ({ ...closeHearing, ...decided('suspend', cmd, r), cureDue: addDays(cmd.now, r.cureDays), cureExtended: false }),
  },
  request_suspension: {
    from: ['valid'],
    to: 'suspended',
    roles: ['trader'],
    reasonRequired: true,
    effect: (_c, cmd, r) => ({ cureDue: addDays(cmd.now, r.cureDays), cureExtended: false }),
  },
  extend_cure: {
    from: ['suspended'],
    to: 'suspended',
    roles: ['supervisor'],
    reasonRequired: true,
    guard: (c) => (c.cureExtended ? conflict('cure_already_extended', 'the cure period was already extended once') : undefined),
    effect: (c, _cmd, r) => ({ cureExtended: true, cureDue: addDays(c.cureDue!, r.cureExtensionDays) }),
  },
  reinstate: {
    from: ['suspended'],
    to: 'valid',
    roles: ['supervisor'],
    reasonRequired: true,
    // Reinstated: an appeal against the suspension has nothing left to decide.
    effect: (c) => ({ cureDue: null, cureExtended: false, ...(c.lastDecision === 'suspend' ? noAppeal : {}) }),
  },
  revoke: {
    from: ['hearing'],
    to: 'revoked',
    roles: ['supervisor'],
    reasonRequired: true,
    guard: decideProposal('revoke'),
    effect: (_c, cmd, r) => ({ ...closeHearing, ...decided('revoke', cmd, r), revokedAt: cmd.now, cureDue: null }),
  },
  revoke_partially: {
    from: ['hearing'],
    to: (c) => c.returnTo ?? 'valid',
    roles: ['supervisor'],
    reasonRequired: true,
    guard: decideProposal('revoke_partially'),
    effect: (c, cmd, r) => ({ ...closeHearing, ...decided('revoke_partially', cmd, r), typeBeforePartial: c.aeoType, aeoType: c.keepType! }),
  },
  withdraw: {
    from: IN_FORCE,
    to: 'withdrawn',
    roles: ['trader'],
    effect: () => ({ ...closeHearing, cureDue: null }),
  },
  expire: {
    from: IN_FORCE,
    to: 'expired',
    roles: ['system'],
    guard: (c, cmd) => (cmd.now < c.validTo ? conflict('still_valid', `the authorisation is valid until ${c.validTo.toISOString()}`) : undefined),
    effect: () => ({ ...closeHearing, cureDue: null }),
  },
  start_reassessment: {
    from: IN_FORCE,
    to: (c) => c.status,
    roles: STAFF,
    guard: (c) => (c.reassessmentStartedAt ? conflict('reassessment_under_way', 'a reassessment is already under way') : undefined),
    effect: (_c, cmd) => ({ reassessmentStartedAt: cmd.now }),
  },
  complete_reassessment: {
    from: IN_FORCE,
    to: (c) => c.status,
    roles: STAFF,
    reasonRequired: true,
    guard: (c) => (c.reassessmentStartedAt ? undefined : conflict('no_reassessment', 'no reassessment is under way')),
    effect: () => ({ reassessmentStartedAt: null, reassessmentFlaggedAt: null }),
  },
  renew: {
    from: ['valid'],
    to: 'valid',
    roles: ['supervisor'],
    reasonRequired: true,
    guard: (c, cmd, r) =>
      cmd.now < addDays(c.validTo, -r.renewalWindowDays)
        ? conflict('outside_renewal_window', `a renewal is decided in the ${r.renewalWindowDays} days before the end of validity (${c.validTo.toISOString()})`)
        : c.reassessmentFlaggedAt || c.reassessmentStartedAt
          ? conflict('reassessment_open', 'a reassessment is open: complete it before renewing')
          : undefined,
    // Another period of validity, from the end of this one.
    effect: (c, _cmd, r) => ({ validTo: addYears(c.validTo, r.validityYears) }),
  },
  appeal: {
    from: ['valid', 'suspended', 'revoked'],
    to: (c) => c.status,
    roles: ['trader'],
    reasonRequired: true,
    guard: (c, cmd) =>
      c.appealPending
        ? conflict('appeal_pending', 'an appeal is already pending')
        : !c.lastDecision || !c.appealDue
          ? conflict('nothing_to_appeal', 'there is no decision open to appeal')
          : cmd.now > c.appealDue
            ? conflict('appeal_period_ended', `the appeal period ended on ${c.appealDue.toISOString()}`)
            : undefined,
    effect: () => ({ appealPending: true }),
  },
  uphold_appeal: {
    from: ['valid', 'suspended', 'revoked'],
    to: (c) => (c.lastDecision === 'revoke_partially' ? c.status : 'valid'),
    roles: ['supervisor'],
    reasonRequired: true,
    guard: appealGuard,
    // The decision is undone: the status, and the type a partial revocation took away.
    effect: (c) => ({ ...noAppeal, aeoType: c.lastDecision === 'revoke_partially' ? (c.typeBeforePartial ?? c.aeoType) : c.aeoType, typeBeforePartial: null, cureDue: null, cureExtended: false, revokedAt: null }),
  },
  dismiss_appeal: {
    from: ['valid', 'suspended', 'revoked'],
    to: (c) => c.status,
    roles: ['supervisor'],
    reasonRequired: true,
    guard: appealGuard,
    effect: () => ({ appealPending: false, appealDue: null }),
  },
};

/** Applies a command to an authorisation; the case comes back whole, with its other fields as they were. */
export function applyToAuthorisation<C extends AuthorisationCase>(c: C, cmd: Command<AuthorisationAction>, rules: WorkflowRules): Outcome<C> {
  return run<AuthorisationState, AuthorisationCase, AuthorisationAction>(
    AUTHORISATION_TRANSITIONS,
    { name: 'an authorisation', state: (x) => x.status, setState: (status) => ({ status }) },
    c,
    cmd,
    rules,
  ) as Outcome<C>;
}

/** The steps this actor could take now on the authorisation (a partial revocation probed as keeping C). */
export function authorisationActionsOpen(c: AuthorisationCase, actor: Actor, now: Date, rules: WorkflowRules): AuthorisationAction[] {
  return (Object.keys(AUTHORISATION_TRANSITIONS) as AuthorisationAction[]).filter(
    (action) => applyToAuthorisation(c, { action, actor, now, reason: 'why', keepType: c.aeoType === 'F' ? 'C' : undefined }, rules).ok,
  );
}
