import type { Role } from '@aeo/platform';
import type { AeoTypeCode } from '../applications/application.entity';
import { addDays, addMs, addYears, WorkflowRules } from './rules';

/**
 * The accreditation life cycle of DOMAIN.md, as one explicit state machine: every state, every
 * transition, who may take it, what must hold first and which clocks it starts, stops or moves.
 * Two subjects live here: the application (draft to decision and appeal) and the authorisation
 * the grant creates (valid, hearing, suspended, revoked, withdrawn, expired, reassessment).
 *
 * The functions are pure: the service loads a case, applies a command with the time of its clock
 * and stores what comes out, with the history line and the event, in one transaction. The
 * property tests drive the same functions with random commands, roles and clock moves.
 */

/** Roles that may take transitions; `system` is the scheduler and the compliance rules. */
export type WorkflowRole = Role | 'system';

export interface Actor {
  subject: string;
  roles: readonly WorkflowRole[];
}

export interface Command<A extends string> {
  action: A;
  actor: Actor;
  now: Date;
  reason?: string;
  /** For a partial revocation: the type the holder keeps (C or S of an AEO-F). */
  keepType?: AeoTypeCode;
  /** Facts the service gathered that decide whether the transition may go ahead. */
  facts?: {
    /** SAQ sections (and what each lacks) that stop a submission. */
    missing?: string[];
    /** Why the operator may not be granted now (e.g. no accepted Code of Conduct). */
    grantBlockedBecause?: string[];
    /** The end of the bar on reapplying after a revocation, when the operator's was revoked. */
    reapplicationBarredUntil?: Date;
  };
}

/** Why a step is refused: its kind (how a transport answers it), a stable code (`workflow.<what>`) and words. */
export type Refusal = { kind: 'forbidden' | 'conflict' | 'invalid'; code: string; message: string };
export type Outcome<C> = { ok: true; from: string; to: string; next: C } | ({ ok: false } & Refusal);

interface Transition<S extends string, C, A extends string> {
  from: readonly S[];
  /** Where the transition leads; a function where it depends on the case (e.g. back where it was). */
  to: S | ((c: C) => S);
  roles: readonly WorkflowRole[];
  reasonRequired?: boolean;
  /** What must hold first; a refusal says why not. */
  guard?: (c: C, cmd: Command<A>, rules: WorkflowRules) => Refusal | undefined;
  /** The case after the transition (clocks started, stopped or moved). */
  effect?: (c: C, cmd: Command<A>, rules: WorkflowRules) => Partial<C>;
}

const conflict = (what: string, message: string): Refusal => ({ kind: 'conflict', code: `workflow.${what}`, message });
const forbidden = (what: string, message: string): Refusal => ({ kind: 'forbidden', code: `workflow.${what}`, message });
const invalid = (what: string, message: string): Refusal => ({ kind: 'invalid', code: `workflow.${what}`, message });

// ---------------------------------------------------------------------------------------------
// Applications
// ---------------------------------------------------------------------------------------------

export const APPLICATION_STAGES = [
  'draft',
  'submitted',
  'returned',
  'accepted',
  'under_review',
  'information_requested',
  'visit_planned',
  'visit_recorded',
  'decision_proposed',
  'hearing',
  'granted',
  'rejected',
  'appealed',
  'withdrawn',
] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

/** Stages in which the trader may still edit the SAQ and the evidence. */
export const EDITABLE_STAGES: readonly ApplicationStage[] = ['draft', 'returned', 'information_requested'];
/** Stages after acceptance and before a decision: the decision clock runs (or is paused). */
export const DECISION_CLOCK_STAGES: readonly ApplicationStage[] = [
  'accepted',
  'under_review',
  'information_requested',
  'visit_planned',
  'visit_recorded',
  'decision_proposed',
  'hearing',
];

/** The part of an application the life cycle reads and writes. */
export interface ApplicationCase {
  stage: ApplicationStage;
  submittedAt: Date | null;
  completenessDue: Date | null;
  acceptedAt: Date | null;
  decisionDue: Date | null;
  decisionExtended: boolean;
  informationRequested: boolean;
  informationExtended: boolean;
  /** Set while the trader is asked for information: the decision clock is paused. */
  pausedSince: Date | null;
  /** Time paused so far, in milliseconds; the decision deadline moved by as much. */
  pausedMs: number;
  resumeStage: ApplicationStage | null;
  visitRecordedBy: string | null;
  proposal: 'grant' | 'reject' | null;
  proposedBy: string | null;
  hearingOpenedAt: Date | null;
  hearingDue: Date | null;
  hearingAnsweredAt: Date | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  appealDue: Date | null;
}

/** A new draft: no clock runs yet. */
export function newApplicationCase(): ApplicationCase {
  return {
    stage: 'draft',
    submittedAt: null,
    completenessDue: null,
    acceptedAt: null,
    decisionDue: null,
    decisionExtended: false,
    informationRequested: false,
    informationExtended: false,
    pausedSince: null,
    pausedMs: 0,
    resumeStage: null,
    visitRecordedBy: null,
    proposal: null,
    proposedBy: null,
    hearingOpenedAt: null,
    hearingDue: null,
    hearingAnsweredAt: null,
    decidedAt: null,
    decidedBy: null,
    appealDue: null,
  };
}

export type ApplicationAction =
  | 'submit'
  | 'return_incomplete'
  | 'accept'
  | 'start_review'
  | 'request_information'
  | 'answer_information'
  | 'plan_visit'
  | 'record_visit'
  | 'propose_grant'
  | 'propose_rejection'
  | 'answer_hearing'
  | 'grant'
  | 'reject'
  | 'appeal'
  | 'uphold_appeal'
  | 'dismiss_appeal'
  | 'withdraw'
  | 'extend_decision'
  | 'extend_for_information';

const STAFF: WorkflowRole[] = ['officer', 'supervisor'];
const heard = (c: { hearingAnsweredAt: Date | null; hearingDue: Date | null }, now: Date) =>
  c.hearingAnsweredAt !== null || (c.hearingDue !== null && now >= c.hearingDue);
const notHeardYet = (due: Date | null) =>
  conflict('hearing_open', `the trader has until ${due?.toISOString()} to answer the grounds; decide after the answer or after that date`);

/** The trader's answer to the grounds, once, within the hearing period. */
function answerGuard(c: { hearingAnsweredAt: Date | null; hearingDue: Date | null }, cmd: { now: Date }) {
  if (c.hearingAnsweredAt) return conflict('grounds_already_answered', 'the grounds were already answered');
  if (c.hearingDue && cmd.now > c.hearingDue) return conflict('hearing_period_ended', `the hearing period ended on ${c.hearingDue.toISOString()}`);
  return undefined;
}

/** The holder answers the grounds of a proposed negative decision: once, within the hearing period. */
function answerHearing<C extends { hearingAnsweredAt: Date | null; hearingDue: Date | null }, A extends string>(): Transition<'hearing', C, A> {
  return {
    from: ['hearing'],
    to: 'hearing',
    roles: ['trader'],
    reasonRequired: true,
    guard: (c, cmd) => answerGuard(c, cmd),
    effect: (_c, cmd) => ({ hearingAnsweredAt: cmd.now }) as Partial<C>,
  };
}

/** Four eyes: whoever recorded the validation visit does not decide. */
function fourEyes(c: ApplicationCase, cmd: Command<ApplicationAction>) {
  return c.visitRecordedBy === cmd.actor.subject
    ? forbidden('four_eyes_visit', 'four eyes: the officer who recorded the validation visit cannot also decide')
    : undefined;
}

/** Closes a pause of the decision clock: the deadline moves by the time paused. */
function resume(c: ApplicationCase, now: Date): Partial<ApplicationCase> {
  if (!c.pausedSince) return {};
  const paused = Math.max(0, now.getTime() - c.pausedSince.getTime());
  return {
    pausedSince: null,
    pausedMs: c.pausedMs + paused,
    decisionDue: c.decisionDue ? addMs(c.decisionDue, paused) : null,
    resumeStage: null,
  };
}

export const APPLICATION_TRANSITIONS: Record<ApplicationAction, Transition<ApplicationStage, ApplicationCase, ApplicationAction>> = {
  submit: {
    from: ['draft', 'returned'],
    to: 'submitted',
    roles: ['trader'],
    guard: (_c, cmd) =>
      cmd.facts?.reapplicationBarredUntil && cmd.now < cmd.facts.reapplicationBarredUntil
        ? conflict('reapplication_barred', `an authorisation of this operator was revoked: a new application is refused until ${cmd.facts.reapplicationBarredUntil.toISOString()}`)
        : cmd.facts?.missing?.length
          ? conflict('application_incomplete', `the application is incomplete: ${cmd.facts.missing.join('; ')}`)
          : undefined,
    effect: (_c, cmd, r) => ({ submittedAt: cmd.now, completenessDue: addDays(cmd.now, r.completenessDays) }),
  },
  return_incomplete: {
    from: ['submitted'],
    to: 'returned',
    roles: STAFF,
    reasonRequired: true,
    effect: () => ({ completenessDue: null }),
  },
  accept: {
    from: ['submitted'],
    to: 'accepted',
    roles: STAFF,
    effect: (_c, cmd, r) => ({ completenessDue: null, acceptedAt: cmd.now, decisionDue: addDays(cmd.now, r.decisionDays) }),
  },
  start_review: { from: ['accepted'], to: 'under_review', roles: STAFF },
  request_information: {
    from: ['under_review', 'visit_planned', 'visit_recorded', 'decision_proposed'],
    to: 'information_requested',
    roles: STAFF,
    reasonRequired: true,
    effect: (c, cmd) => ({ pausedSince: cmd.now, resumeStage: c.stage, informationRequested: true }),
  },
  answer_information: {
    from: ['information_requested'],
    to: (c) => c.resumeStage ?? 'under_review',
    roles: ['trader'],
    reasonRequired: true,
    effect: (c, cmd) => resume(c, cmd.now),
  },
  plan_visit: { from: ['under_review'], to: 'visit_planned', roles: STAFF },
  record_visit: {
    from: ['visit_planned'],
    to: 'visit_recorded',
    roles: STAFF,
    effect: (_c, cmd) => ({ visitRecordedBy: cmd.actor.subject }),
  },
  propose_grant: {
    from: ['visit_recorded'],
    to: 'decision_proposed',
    roles: STAFF,
    effect: (_c, cmd) => ({ proposal: 'grant', proposedBy: cmd.actor.subject }),
  },
  propose_rejection: {
    from: ['under_review', 'visit_recorded', 'decision_proposed'],
    to: 'hearing',
    roles: STAFF,
    reasonRequired: true,
    effect: (_c, cmd, r) => ({
      proposal: 'reject',
      proposedBy: cmd.actor.subject,
      hearingOpenedAt: cmd.now,
      hearingDue: addDays(cmd.now, r.hearingDays),
      hearingAnsweredAt: null,
    }),
  },
  answer_hearing: answerHearing(),
  grant: {
    from: ['decision_proposed', 'hearing'],
    to: 'granted',
    roles: ['supervisor'],
    guard: (c, cmd) =>
      fourEyes(c, cmd) ??
      (c.visitRecordedBy === null ? conflict('visit_not_recorded', 'every applicant is visited: no validation visit is recorded') : undefined) ??
      (cmd.facts?.grantBlockedBecause?.length
        ? conflict('grant_blocked', `the operator cannot be granted now: ${cmd.facts.grantBlockedBecause.join('; ')}`)
        : undefined),
    effect: (_c, cmd) => ({ decidedAt: cmd.now, decidedBy: cmd.actor.subject }),
  },
  reject: {
    from: ['hearing'],
    to: 'rejected',
    roles: ['supervisor'],
    reasonRequired: true,
    guard: (c, cmd) => fourEyes(c, cmd) ?? (heard(c, cmd.now) ? undefined : notHeardYet(c.hearingDue)),
    effect: (_c, cmd, r) => ({ decidedAt: cmd.now, decidedBy: cmd.actor.subject, appealDue: addDays(cmd.now, r.appealDays) }),
  },
  appeal: {
    from: ['rejected'],
    to: 'appealed',
    roles: ['trader'],
    reasonRequired: true,
    guard: (c, cmd) =>
      c.appealDue === null
        ? conflict('appeal_decided', 'the decision is final: the appeal was decided')
        : cmd.now > c.appealDue
          ? conflict('appeal_period_ended', `the appeal period ended on ${c.appealDue.toISOString()}`)
          : undefined,
  },
  uphold_appeal: {
    from: ['appealed'],
    to: 'under_review',
    roles: ['supervisor'],
    reasonRequired: true,
    guard: (c, cmd) =>
      c.decidedBy === cmd.actor.subject ? forbidden('four_eyes_appeal', 'the supervisor who took the decision cannot decide its appeal') : undefined,
    // The application is reviewed again with a fresh decision clock; its submission and visit stand.
    effect: (c, cmd, r) => ({
      ...newApplicationCase(),
      submittedAt: c.submittedAt,
      visitRecordedBy: c.visitRecordedBy,
      acceptedAt: cmd.now,
      decisionDue: addDays(cmd.now, r.decisionDays),
    }),
  },
  dismiss_appeal: {
    from: ['appealed'],
    to: 'rejected',
    roles: ['supervisor'],
    reasonRequired: true,
    guard: (c, cmd) =>
      c.decidedBy === cmd.actor.subject ? forbidden('four_eyes_appeal', 'the supervisor who took the decision cannot decide its appeal') : undefined,
    effect: () => ({ appealDue: null }),
  },
  withdraw: {
    from: ['draft', 'submitted', 'returned', ...DECISION_CLOCK_STAGES],
    to: 'withdrawn',
    roles: ['trader'],
    effect: (c, cmd) => ({ ...resume(c, cmd.now), completenessDue: null }),
  },
  extend_decision: {
    from: DECISION_CLOCK_STAGES,
    to: (c) => c.stage,
    roles: ['supervisor'],
    reasonRequired: true,
    guard: (c) => (c.decisionExtended ? conflict('decision_already_extended', 'the decision deadline was already extended once') : undefined),
    effect: (c, _cmd, r) => ({ decisionExtended: true, decisionDue: addDays(c.decisionDue!, r.decisionExtensionDays) }),
  },
  extend_for_information: {
    from: DECISION_CLOCK_STAGES,
    to: (c) => c.stage,
    roles: ['supervisor'],
    reasonRequired: true,
    guard: (c) =>
      !c.informationRequested
        ? conflict('no_information_requested', 'this extension is for applications where information was requested, and none was')
        : c.informationExtended
          ? conflict('information_extension_used', 'the extension for requested information was already used')
          : undefined,
    effect: (c, _cmd, r) => ({ informationExtended: true, decisionDue: addDays(c.decisionDue!, r.informationExtensionDays) }),
  },
};

// ---------------------------------------------------------------------------------------------
// Authorisations
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------

function run<S extends string, C extends object, A extends string>(
  table: Record<A, Transition<S, C, A>>,
  subject: string,
  state: (c: C) => S,
  setState: (s: S) => Partial<C>,
  c: C,
  cmd: Command<A>,
  rules: WorkflowRules,
): Outcome<C> {
  const t = table[cmd.action];
  if (!t) return { ok: false, ...invalid('unknown_action', `unknown action ${cmd.action}`) };
  if (!t.roles.some((r) => cmd.actor.roles.includes(r))) {
    return { ok: false, ...forbidden('role_required', `${cmd.action.replace(/_/g, ' ')} needs one of the roles: ${t.roles.join(', ')}`) };
  }
  const from = state(c);
  if (!t.from.includes(from)) {
    return { ok: false, ...conflict('wrong_state', `cannot ${cmd.action.replace(/_/g, ' ')} ${subject} that is ${from.replace(/_/g, ' ')}`) };
  }
  if (t.reasonRequired && !cmd.reason?.trim()) return { ok: false, ...invalid('reason_required', 'reason is required') };
  const refusal = t.guard?.(c, cmd, rules);
  if (refusal) return { ok: false, ...refusal };
  const to = typeof t.to === 'function' ? t.to(c) : t.to;
  const next = { ...c, ...t.effect?.(c, cmd, rules), ...setState(to) };
  return { ok: true, from, to, next };
}

/** Applies a command to an application; the case comes back whole, with its other fields as they were. */
export function applyToApplication<C extends ApplicationCase>(c: C, cmd: Command<ApplicationAction>, rules: WorkflowRules): Outcome<C> {
  return run(APPLICATION_TRANSITIONS, 'an application', (x) => x.stage, (stage) => ({ stage }), c, cmd, rules) as Outcome<C>;
}

export function applyToAuthorisation<C extends AuthorisationCase>(c: C, cmd: Command<AuthorisationAction>, rules: WorkflowRules): Outcome<C> {
  return run(AUTHORISATION_TRANSITIONS, 'an authorisation', (x) => x.status, (status) => ({ status }), c, cmd, rules) as Outcome<C>;
}

/**
 * The steps this actor could take now (for the console and the API's `actionsOpen`): the stage
 * allows them, a role of the actor does, and their guard lets them through. Facts the service
 * gathers at the time (completeness, compliance) are not anticipated.
 */
export function applicationActionsOpen(c: ApplicationCase, actor: Actor, now: Date, rules: WorkflowRules): ApplicationAction[] {
  return (Object.keys(APPLICATION_TRANSITIONS) as ApplicationAction[]).filter(
    (action) => applyToApplication(c, { action, actor, now, reason: 'why' }, rules).ok,
  );
}

export function authorisationActionsOpen(c: AuthorisationCase, actor: Actor, now: Date, rules: WorkflowRules): AuthorisationAction[] {
  return (Object.keys(AUTHORISATION_TRANSITIONS) as AuthorisationAction[]).filter(
    (action) => applyToAuthorisation(c, { action, actor, now, reason: 'why', keepType: c.aeoType === 'F' ? 'C' : undefined }, rules).ok,
  );
}
