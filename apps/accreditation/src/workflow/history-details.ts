import type { Application } from '../applications/application.entity';
import type { Authorisation } from '../authorisations/authorisation.entity';
import type { ApplicationAction } from './application-lifecycle';
import type { AuthorisationAction } from './authorisation-lifecycle';

/**
 * What a history line records of a step beyond its action, states, actor and reason: the input
 * the step carried and the clocks it started or moved. Pure: the workflows pass the case after
 * the step (and before it, for an authorisation).
 */

const DECISION_CLOCK_MOVES: readonly ApplicationAction[] = ['accept', 'answer_information', 'extend_decision', 'extend_for_information'];

/** The details of an application step; `application` is the case after it. */
export function applicationStepDetails(action: ApplicationAction, application: Application, input: { evidenceIds?: string[] }): Record<string, unknown> {
  return {
    ...(input.evidenceIds?.length ? { evidenceIds: input.evidenceIds } : {}),
    ...(action === 'plan_visit' ? { plannedFor: application.visitPlannedFor } : {}),
    ...(action === 'record_visit' ? { findings: application.visitFindings } : {}),
    ...(action === 'submit' ? { completenessDue: application.completenessDue } : {}),
    ...(DECISION_CLOCK_MOVES.includes(action) ? { decisionDue: application.decisionDue, pausedMs: application.pausedMs } : {}),
    ...(action === 'propose_rejection' ? { hearingDue: application.hearingDue } : {}),
    ...(action === 'reject' ? { appealDue: application.appealDue } : {}),
  };
}

/** The details of an authorisation step, from the case before and after it; `extra` is what the caller adds (e.g. the compliance grounds). */
export function authorisationStepDetails(
  action: AuthorisationAction,
  before: Authorisation,
  next: Authorisation,
  input: { keepType?: 'C' | 'S' },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ...extra,
    ...(input.keepType ? { keepType: input.keepType } : {}),
    ...(next.hearingDue && action.startsWith('propose') ? { hearingDue: next.hearingDue } : {}),
    ...(next.cureDue && next.cureDue !== before.cureDue ? { cureDue: next.cureDue } : {}),
    ...(renewed(before, next) ? { validTo: { from: before.validTo, to: next.validTo } } : {}),
    ...(next.certificateNumber !== before.certificateNumber ? { certificateNumber: { from: before.certificateNumber, to: next.certificateNumber } } : {}),
  };
}

/** The details of the grant of an authorisation: its certificate and validity. */
export function grantDetails(a: Pick<Authorisation, 'certificateNumber' | 'validTo'>): Record<string, unknown> {
  return { certificateNumber: a.certificateNumber, validTo: a.validTo };
}

/** The step moved the end of validity (a renewal). */
function renewed(before: Pick<Authorisation, 'validTo'>, next: Pick<Authorisation, 'validTo'>): boolean {
  return next.validTo.getTime() !== before.validTo.getTime();
}
