import { CsvRow, identifierOf, ImportColumn, listOf, RowProblem } from '@aeo/platform';
import { SENSITIVE_ACCESS, SensitiveAccess } from '../personnel/person.entity';

/** The columns of a personnel file: one row per person of an AEO's register, with the training last taken. */
export const PERSONNEL_COLUMNS: readonly ImportColumn[] = [
  { name: 'operator', required: true, description: 'an identifier of the registered operator, SCHEME:ISSUER:VALUE', example: 'TIN:ZA:9012345678' },
  { name: 'name', required: true, description: "the person's name", example: 'Thandi Nkosi' },
  { name: 'role', required: true, description: 'the position held', example: 'warehouse supervisor' },
  { name: 'sensitive_access', description: `what the position gives access to, separated by ";" (${SENSITIVE_ACCESS.join(', ')}); empty when not sensitive`, example: 'cargo; premises' },
  { name: 'started_on', required: true, description: 'first day in the position (YYYY-MM-DD)', example: '2021-02-01' },
  { name: 'left_on', description: 'the day the person left (YYYY-MM-DD), if they did', example: '' },
  { name: 'training_course', description: 'insider-threat awareness training taken (with the two dates below)', example: 'Insider threats (WCO e-learning)' },
  { name: 'training_completed_on', description: 'YYYY-MM-DD, not in the future', example: '2026-03-01' },
  { name: 'training_valid_until', description: 'YYYY-MM-DD', example: '2027-03-01' },
];

export interface PersonnelRow {
  line: number;
  operator: { scheme: string; issuer: string; value: string };
  name: string;
  role: string;
  sensitiveAccess: SensitiveAccess[];
  startedOn: string;
  leftOn: string | null;
  training: { course: string; completedOn: string; validUntil: string } | null;
}

const isDay = (v: string | undefined) => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** One row as a person to add to an AEO's register, with every problem of its own. */
export function personnelRow(row: CsvRow, today: string): { value?: PersonnelRow; problems: RowProblem[] } {
  const c = row.cells;
  const problems: RowProblem[] = [];
  const at = (column: string, message: string) => problems.push({ line: row.line, column, message });
  const operator = c.operator ? identifierOf(c.operator) : null;
  if (!operator) at('operator', c.operator ? `"${c.operator}" is not SCHEME:ISSUER:VALUE` : 'operator is required');
  if (!c.name || c.name.length > 300) at('name', 'name is required (at most 300 characters)');
  if (!c.role || c.role.length > 300) at('role', 'role is required (at most 300 characters)');
  const access = listOf(c.sensitive_access).map((a) => a.toLowerCase());
  const unknown = access.filter((a) => !(SENSITIVE_ACCESS as readonly string[]).includes(a));
  if (unknown.length) at('sensitive_access', `unknown access ${unknown.join(', ')} (one of ${SENSITIVE_ACCESS.join(', ')})`);
  if (!isDay(c.started_on)) at('started_on', 'started_on must be a date, YYYY-MM-DD');
  if (c.left_on !== undefined && !isDay(c.left_on)) at('left_on', 'left_on must be a date, YYYY-MM-DD');
  else if (c.left_on && c.started_on && c.left_on < c.started_on) at('left_on', 'left_on must not be before started_on');
  const trainingCells = [c.training_course, c.training_completed_on, c.training_valid_until];
  if (trainingCells.some((v) => v !== undefined) && trainingCells.some((v) => v === undefined)) {
    at('training_course', 'a training needs its course, training_completed_on and training_valid_until together');
  } else if (c.training_course) {
    if (!isDay(c.training_completed_on)) at('training_completed_on', 'training_completed_on must be a date, YYYY-MM-DD');
    else if (c.training_completed_on! > today) at('training_completed_on', `training_completed_on must not be in the future (today is ${today})`);
    if (!isDay(c.training_valid_until)) at('training_valid_until', 'training_valid_until must be a date, YYYY-MM-DD');
    else if (c.training_completed_on && c.training_valid_until! < c.training_completed_on) at('training_valid_until', 'training_valid_until must not be before training_completed_on');
  }
  if (problems.length) return { problems };
  return {
    value: {
      line: row.line,
      operator: operator!,
      name: c.name!,
      role: c.role!,
      sensitiveAccess: [...new Set(access)] as SensitiveAccess[],
      startedOn: c.started_on!,
      leftOn: c.left_on ?? null,
      training: c.training_course ? { course: c.training_course, completedOn: c.training_completed_on!, validUntil: c.training_valid_until! } : null,
    },
    problems,
  };
}
