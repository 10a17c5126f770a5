import { conflict, Transition } from './engine';

/**
 * The hearing both life cycles hold before a negative decision: the holder is told the grounds
 * and may answer them once, within the hearing period; the decision waits for the answer or for
 * the end of the period.
 */

/** The part of a case a hearing reads and writes. */
export interface HearingCase {
  hearingAnsweredAt: Date | null;
  hearingDue: Date | null;
}

/** The holder was heard: the grounds were answered, or the hearing period ended. */
export const heard = (c: HearingCase, now: Date) => c.hearingAnsweredAt !== null || (c.hearingDue !== null && now >= c.hearingDue);

export const notHeardYet = (due: Date | null) =>
  conflict('hearing_open', `the trader has until ${due?.toISOString()} to answer the grounds; decide after the answer or after that date`);

/** The trader's answer to the grounds, once, within the hearing period. */
function answerGuard(c: HearingCase, cmd: { now: Date }) {
  if (c.hearingAnsweredAt) return conflict('grounds_already_answered', 'the grounds were already answered');
  if (c.hearingDue && cmd.now > c.hearingDue) return conflict('hearing_period_ended', `the hearing period ended on ${c.hearingDue.toISOString()}`);
  return undefined;
}

/** The holder answers the grounds of a proposed negative decision: once, within the hearing period. */
export function answerHearing<C extends HearingCase, A extends string>(): Transition<'hearing', C, A> {
  return {
    from: ['hearing'],
    to: 'hearing',
    roles: ['trader'],
    reasonRequired: true,
    guard: (c, cmd) => answerGuard(c, cmd),
    effect: (_c, cmd) => ({ hearingAnsweredAt: cmd.now }) as Partial<C>,
  };
}
