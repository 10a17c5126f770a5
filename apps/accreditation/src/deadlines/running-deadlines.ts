import { DECISION_CLOCK_STAGES, inForceSql } from '../workflow/state-machine';

export type DeadlineKind = 'completeness' | 'decision' | 'hearing' | 'appeal' | 'cure' | 'validity';

interface RunningDeadline {
  subject: 'application' | 'authorisation';
  deadline: DeadlineKind;
  /** The column that holds the due date. */
  column: string;
  /** When it runs, over the row aliased `{t}`. */
  runs: string;
}

const list = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;

/**
 * Which deadline runs in which stage: the one place that says so. The scheduler's notices, the
 * work queue's next deadline and the figures' deadlines at risk are all written from it. A
 * decision clock paused while the trader answers an information request has no deadline.
 */
export const RUNNING_DEADLINES: readonly RunningDeadline[] = [
  { subject: 'application', deadline: 'completeness', column: 'completeness_due', runs: `{t}.stage = 'submitted'` },
  {
    subject: 'application',
    deadline: 'decision',
    column: 'decision_due',
    runs: `{t}.stage = ANY(${list(DECISION_CLOCK_STAGES)}) AND {t}.paused_since IS NULL`,
  },
  { subject: 'application', deadline: 'hearing', column: 'hearing_due', runs: `{t}.stage = 'hearing' AND {t}.hearing_answered_at IS NULL` },
  { subject: 'application', deadline: 'appeal', column: 'appeal_due', runs: `{t}.stage = 'rejected'` },
  { subject: 'authorisation', deadline: 'hearing', column: 'hearing_due', runs: `{t}.status = 'hearing' AND {t}.hearing_answered_at IS NULL` },
  { subject: 'authorisation', deadline: 'cure', column: 'cure_due', runs: `{t}.status = 'suspended'` },
  { subject: 'authorisation', deadline: 'validity', column: 'valid_to', runs: inForceSql('{t}.status') },
];

const on = (d: RunningDeadline, alias: string) => d.runs.replaceAll('{t}', alias);

/**
 * Every deadline running now for these subjects, due on or before the parameter `$<dueBefore>`:
 * rows of subject_type, subject_id, operator_id, deadline, due, assignee, stage.
 */
export function runningDeadlinesSql(subjects: RunningDeadline['subject'][], dueBefore: number): string {
  return RUNNING_DEADLINES.filter((d) => subjects.includes(d.subject))
    .map(
      (d) =>
        `SELECT '${d.subject}' AS subject_type, t.id AS subject_id, t.operator_id, '${d.deadline}' AS deadline, t.${d.column} AS due,
                ${d.subject === 'application' ? 't.assignee, t.stage' : 'NULL::text AS assignee, t.status AS stage'}
           FROM ${d.subject} t WHERE ${on(d, 't')} AND t.${d.column} <= $${dueBefore}`,
    )
    .join('\nUNION ALL\n');
}

/** The nearest deadline running for the application row aliased `alias`; NULL when none runs. */
export function nextApplicationDeadlineSql(alias: string): string {
  const cases = RUNNING_DEADLINES.filter((d) => d.subject === 'application').map(
    (d) => `CASE WHEN ${on(d, alias)} THEN ${alias}.${d.column} END`,
  );
  return `LEAST(${cases.join(', ')})`;
}
