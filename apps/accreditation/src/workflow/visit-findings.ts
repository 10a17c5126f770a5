import type { VisitFinding } from '../applications/application.entity';

/**
 * The findings of a validation visit (record_visit): one per criterion the application covers,
 * none for a criterion it does not, and none missing. Pure: the workflow passes the criteria of
 * the application's AEO type (in the questionnaire version it rests on, saq/questionnaire.ts) and turns a problem into a refusal.
 */

/** A finding as the step carries it; its actions may be left out. */
export type FindingInput = Omit<VisitFinding, 'actions'> & { actions?: VisitFinding['actions'] };

/** Why these findings cannot be recorded for a visit that covers `criteria`; undefined when they can. */
export function findingsProblem(criteria: readonly string[], findings: readonly FindingInput[]): string | undefined {
  const twice = findings.map((f) => f.criterion).filter((c, i, all) => all.indexOf(c) !== i);
  if (twice.length) return `one finding per criterion; twice: ${[...new Set(twice)].join(', ')}`;
  const unknown = findings.filter((f) => !criteria.includes(f.criterion)).map((f) => f.criterion);
  if (unknown.length) return `findings for criteria this application does not cover: ${unknown.join(', ')}`;
  const missing = criteria.filter((c) => !findings.some((f) => f.criterion === c));
  if (missing.length) return `findings are required for every criterion; missing: ${missing.join(', ')}`;
  return undefined;
}

/** The findings as the application keeps them: only their fields, with an empty list of actions where none was given. */
export function recordedFindings(findings: readonly FindingInput[]): VisitFinding[] {
  return findings.map((f) => ({ criterion: f.criterion, result: f.result, note: f.note, actions: f.actions ?? [] }));
}
