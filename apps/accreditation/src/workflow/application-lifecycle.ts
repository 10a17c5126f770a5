import { addDays, addMs, WorkflowRules } from './rules';
import { Actor, Command, conflict, forbidden, Outcome, run, STAFF, Transition } from './engine';
import { answerHearing, heard, notHeardYet } from './hearing';

/**
 * The life cycle of an application (DOMAIN.md), from the draft to the decision and its appeal:
 * every stage, every transition, who may take it, what must hold first and which clocks it
 * starts, stops or moves (completeness, decision and its pause, hearing, appeal).
 */

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

/** Applies a command to an application; the case comes back whole, with its other fields as they were. */
export function applyToApplication<C extends ApplicationCase>(c: C, cmd: Command<ApplicationAction>, rules: WorkflowRules): Outcome<C> {
  return run<ApplicationStage, ApplicationCase, ApplicationAction>(
    APPLICATION_TRANSITIONS,
    { name: 'an application', state: (x) => x.stage, setState: (stage) => ({ stage }) },
    c,
    cmd,
    rules,
  ) as Outcome<C>;
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
