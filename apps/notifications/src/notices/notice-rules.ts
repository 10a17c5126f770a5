/**
 * Who is told what, and what they must do (issue 13, "Notices"): each event a person must know
 * of or act on becomes drafts of notices for an audience. The words are in notice-texts.ts; the
 * people behind an audience are found by the notices service. Pure: tested without a database.
 */

/** Categories of notices: a person chooses per category whether to receive it by e-mail. */
export const CATEGORIES = ['application', 'deadline', 'authorisation', 'compliance', 'work'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The trader acting for the operator; the officer the case is assigned to; the supervisors. */
export type Audience = 'trader' | 'assignee' | 'supervisors';

export const NOTICE_KINDS = {
  application_received: 'application',
  application_returned: 'application',
  application_accepted: 'application',
  information_requested: 'application',
  visit_planned: 'application',
  hearing_opened: 'application',
  application_rejected: 'application',
  appeal_decided: 'application',
  decision_extended: 'application',
  deadline_approaching: 'deadline',
  deadline_missed: 'deadline',
  authorisation_granted: 'authorisation',
  authorisation_suspended: 'authorisation',
  authorisation_reinstated: 'authorisation',
  authorisation_revoked: 'authorisation',
  authorisation_withdrawn: 'authorisation',
  authorisation_expired: 'authorisation',
  authorisation_type_changed: 'authorisation',
  authorisation_renewed: 'authorisation',
  compliance_blocking: 'compliance',
  compliance_warning: 'compliance',
  compliance_restored: 'compliance',
  application_to_check: 'work',
  application_assigned: 'work',
  information_answered: 'work',
  decision_to_take: 'work',
  hearing_answered: 'work',
  application_appealed: 'work',
  application_withdrawn: 'work',
  suspension_proposed: 'work',
} as const satisfies Record<string, Category>;
export type NoticeKind = keyof typeof NOTICE_KINDS;

export type Facts = Record<string, string | string[]>;

/**
 * Notices that each tell the current state of one thing of an operator: a later one of the same
 * state makes the earlier ones to that person no longer current (read, their e-mail not sent if it
 * has not gone yet). "A grant is blocked" is not left unread beside "Compliance in order".
 */
export const STATE_NOTICES: Partial<Record<NoticeKind, string>> = {
  compliance_blocking: 'compliance',
  compliance_warning: 'compliance',
  compliance_restored: 'compliance',
};

/** The kinds of notice a notice of this kind supersedes (none for an event that is not a state). */
export function supersedes(kind: NoticeKind): NoticeKind[] {
  const state = STATE_NOTICES[kind];
  return state ? (Object.keys(STATE_NOTICES) as NoticeKind[]).filter((k) => STATE_NOTICES[k] === state) : [];
}

export interface NoticeDraft {
  kind: NoticeKind;
  to: Audience[];
  subjectType: 'application' | 'authorisation' | 'operator';
  subjectId: string;
  operatorId: string;
  /** By when the person must act, if they must. */
  due: Date | null;
  facts: Facts;
  /** Told to whoever took the step too (a receipt); otherwise no one is told of their own act. */
  toActor?: boolean;
}

export const categoryOf = (kind: NoticeKind): Category => NOTICE_KINDS[kind];

/** The place in the console a notice leads to. */
export function linkOf(draft: Pick<NoticeDraft, 'subjectType' | 'subjectId' | 'kind'>): string {
  if (draft.subjectType === 'application') return `/applications/${draft.subjectId}`;
  if (draft.subjectType === 'authorisation') return `/authorisations/${draft.subjectId}`;
  return `/companies/${draft.subjectId}/conduct`;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : '');

// ---- Application steps (ApplicationStageChanged) ----

export interface ApplicationStep {
  applicationId: string;
  operatorId: string;
  /** C, S or F. */
  aeoType: string;
  action: string;
  to: string;
  reason: string;
  decisionDue: Date | null;
  respondBy: Date | null;
}

/**
 * Each step of the life cycle and who must hear of it. A grant is told by its authorisation
 * (certificate number and validity); steps no one needs to act on (start of review, a visit
 * recorded, an extension for information) make no notice.
 */
const STEP_NOTICES: Record<string, { kind: NoticeKind; to: Audience[]; due?: (s: ApplicationStep) => Date | null } | null> = {
  submit: { kind: 'application_to_check', to: ['supervisors'] },
  assign: { kind: 'application_assigned', to: ['assignee'], due: (s) => s.decisionDue },
  return_incomplete: { kind: 'application_returned', to: ['trader'] },
  accept: { kind: 'application_accepted', to: ['trader'] },
  start_review: null,
  request_information: { kind: 'information_requested', to: ['trader'] },
  answer_information: { kind: 'information_answered', to: ['assignee'], due: (s) => s.decisionDue },
  plan_visit: { kind: 'visit_planned', to: ['trader'] },
  record_visit: null,
  propose_grant: { kind: 'decision_to_take', to: ['supervisors'], due: (s) => s.decisionDue },
  propose_rejection: { kind: 'hearing_opened', to: ['trader'], due: (s) => s.respondBy },
  answer_hearing: { kind: 'hearing_answered', to: ['assignee'], due: (s) => s.decisionDue },
  grant: null,
  reject: { kind: 'application_rejected', to: ['trader'], due: (s) => s.respondBy },
  appeal: { kind: 'application_appealed', to: ['supervisors', 'assignee'] },
  uphold_appeal: { kind: 'appeal_decided', to: ['trader'] },
  dismiss_appeal: { kind: 'appeal_decided', to: ['trader'] },
  withdraw: { kind: 'application_withdrawn', to: ['assignee'] },
  extend_decision: { kind: 'decision_extended', to: ['trader'] },
  extend_for_information: null,
};

export function applicationStepNotices(step: ApplicationStep): NoticeDraft[] {
  const drafts: NoticeDraft[] = [];
  const base = { subjectType: 'application' as const, subjectId: step.applicationId, operatorId: step.operatorId };
  const facts: Facts = { aeoType: step.aeoType, action: step.action, stage: step.to, reason: step.reason, decisionDue: iso(step.decisionDue) };
  // The trader's receipt of a submission: what happens next and by when.
  if (step.action === 'submit') drafts.push({ ...base, kind: 'application_received', to: ['trader'], due: null, facts, toActor: true });
  const rule = STEP_NOTICES[step.action];
  if (rule) drafts.push({ ...base, kind: rule.kind, to: rule.to, due: rule.due?.(step) ?? null, facts });
  return drafts;
}

/** Whether a step is one this service knows (an unknown one is logged: a new action may need a notice). */
export const knownStep = (action: string) => action in STEP_NOTICES;

// ---- Deadlines (DeadlineNotice) ----

export interface Deadline {
  subjectType: 'application' | 'authorisation';
  subjectId: string;
  operatorId: string;
  /** completeness, decision, hearing, appeal, cure or validity. */
  deadline: string;
  /** approaching, missed or reminder. */
  notice: string;
  due: Date;
}

/**
 * Whose deadline it is: the officers' (completeness, decision) go to the assigned officer, and a
 * missed one to the supervisors too; the trader's (a hearing to answer, an appeal to lodge, a
 * suspension's grounds to cure, a validity to renew) go to the trader while there is time, and a
 * missed one to the officers, who decide without the answer. An expiry is told by the
 * authorisation itself.
 */
export function deadlineNotices(d: Deadline): NoticeDraft[] {
  const missed = d.notice === 'missed';
  const traders = ['hearing', 'appeal', 'cure', 'validity'].includes(d.deadline);
  let to: Audience[];
  if (!traders) to = missed ? ['assignee', 'supervisors'] : ['assignee'];
  else if (!missed) to = ['trader'];
  else if (d.deadline === 'hearing' || d.deadline === 'cure') to = ['assignee'];
  else return [];
  return [
    {
      kind: missed ? 'deadline_missed' : 'deadline_approaching',
      to,
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      operatorId: d.operatorId,
      due: missed ? null : d.due,
      facts: { deadline: d.deadline, notice: d.notice, dueDate: iso(d.due), side: traders ? 'trader' : 'officers' },
    },
  ];
}

// ---- Authorisations (AuthorisationStatusChanged) ----

export interface AuthorisationState {
  status: string;
  aeoType: string;
  validTo: Date;
}

export interface AuthorisationChange extends AuthorisationState {
  authorisationId: string;
  operatorId: string;
  certificateNumber: string;
  reason: string;
}

/** What the holder is told of a change of its authorisation, from the state last told (none: new). */
export function authorisationNotices(before: AuthorisationState | null, now: AuthorisationChange): NoticeDraft[] {
  const facts: Facts = {
    certificateNumber: now.certificateNumber,
    aeoType: now.aeoType,
    status: now.status,
    validTo: iso(now.validTo),
    reason: now.reason,
    previousType: before?.aeoType ?? '',
  };
  const draft = (kind: NoticeKind): NoticeDraft => ({
    kind,
    to: ['trader'],
    subjectType: 'authorisation',
    subjectId: now.authorisationId,
    operatorId: now.operatorId,
    due: null,
    facts,
  });
  const ofStatus = (status: string): NoticeDraft[] => {
    const kind = `authorisation_${status}`;
    return kind in NOTICE_KINDS && status !== 'granted' ? [draft(kind as NoticeKind)] : [];
  };
  if (!before) return now.status === 'valid' ? [draft('authorisation_granted')] : ofStatus(now.status);
  if (before.status !== now.status) return now.status === 'valid' ? [draft('authorisation_reinstated')] : ofStatus(now.status);
  const drafts: NoticeDraft[] = [];
  if (before.aeoType !== now.aeoType) drafts.push(draft('authorisation_type_changed'));
  if (before.validTo.getTime() !== now.validTo.getTime()) drafts.push(draft('authorisation_renewed'));
  return drafts;
}

// ---- Compliance (ComplianceStatusChanged) ----

export interface ComplianceChange {
  operatorId: string;
  /** compliant, warning or blocking. */
  state: string;
  grantBlockedBecause: string[];
  warnings: string[];
  suspensionProposed: boolean;
  suspensionGrounds: string;
  /** The incident a proposed suspension is about. */
  incidentId: string;
  /** The same reasons by rule, blocks first (empty from a producer of before): the notice words them in the reader's language. */
  reasons: { rule: string; effect: string; coverage: number; threshold: number; due: string; incident: string }[];
}

/** What was last told of an operator's compliance. */
export interface ComplianceTold {
  state: string | null;
  /** The incident whose proposed suspension the supervisors were told of. */
  suspensionIncident: string | null;
}

/**
 * The trader hears when its compliance state changes (what blocks a grant, what to mend, or that
 * all is in order again); the supervisors when a suspension is proposed.
 */
export function complianceNotices(before: ComplianceTold, now: ComplianceChange): NoticeDraft[] {
  const beforeState = before.state;
  const facts: Facts = { state: now.state, reasons: now.grantBlockedBecause, warnings: now.warnings, grounds: now.suspensionGrounds };
  // The rules behind the English words, one for one, and the figures they name (each rule at most once).
  if (now.reasons.length === now.grantBlockedBecause.length + now.warnings.length && now.reasons.length > 0) {
    facts.blockedBy = now.reasons.filter((r) => r.effect === 'block').map((r) => r.rule);
    facts.warnedBy = now.reasons.filter((r) => r.effect === 'warn').map((r) => r.rule);
    for (const r of now.reasons) {
      if (r.rule === 'low-coverage') Object.assign(facts, { coverage: String(r.coverage), threshold: String(r.threshold) });
      if (r.rule === 'overdue-declaration') facts.declarationDue = r.due;
      if (r.rule === 'critical-incident') facts.incident = r.incident;
    }
  }
  const base = { subjectType: 'operator' as const, subjectId: now.operatorId, operatorId: now.operatorId, due: null, facts };
  const drafts: NoticeDraft[] = [];
  if (beforeState !== now.state) {
    if (now.state === 'blocking') drafts.push({ ...base, kind: 'compliance_blocking', to: ['trader'] });
    else if (now.state === 'warning') drafts.push({ ...base, kind: 'compliance_warning', to: ['trader'] });
    else if (beforeState) drafts.push({ ...base, kind: 'compliance_restored', to: ['trader'] });
  }
  if (now.suspensionProposed && now.incidentId !== before.suspensionIncident) drafts.push({ ...base, kind: 'suspension_proposed', to: ['supervisors'] });
  return drafts;
}
