import { CsvRow, identifierOf, ImportColumn, RowProblem } from '@aeo/platform';
import { AEO_TYPES, AeoTypeCode } from '../applications/application.entity';

/** The columns of an authorisations file: AEO status granted before this registry, one row each. */
export const AUTHORISATION_COLUMNS: readonly ImportColumn[] = [
  { name: 'operator', required: true, description: 'an identifier of the registered operator, SCHEME:ISSUER:VALUE (import the operators first)', example: 'TIN:ZA:9012345678' },
  { name: 'aeo_type', required: true, description: 'C (customs simplifications), S (security and safety) or F (both); AEO-C, AEO-S, AEO-F are read too', example: 'F' },
  { name: 'certificate_number', required: true, description: 'the number on the certificate, kept as it is', example: 'ZAAEOF0000123' },
  { name: 'authorised_on', required: true, description: 'the day the status was granted (YYYY-MM-DD), not in the future', example: '2010-06-01' },
  { name: 'valid_to', required: true, description: 'the last day of validity (YYYY-MM-DD), after today: only authorisations in force are imported', example: '2028-05-31' },
];

export interface AuthorisationRow {
  line: number;
  operator: { scheme: string; issuer: string; value: string };
  aeoType: AeoTypeCode;
  certificateNumber: string;
  authorisedOn: Date;
  validTo: Date;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (cell: string) => (DATE.test(cell) && !Number.isNaN(Date.parse(`${cell}T00:00:00Z`)) && new Date(`${cell}T00:00:00Z`).toISOString().startsWith(cell) ? new Date(`${cell}T00:00:00Z`) : null);

/** One row as an authorisation to bring in, with every problem of its own; `today` is the administration's day (YYYY-MM-DD). */
export function authorisationRow(row: CsvRow, today: string): { value?: AuthorisationRow; problems: RowProblem[] } {
  const c = row.cells;
  const problems: RowProblem[] = [];
  const at = (column: string, message: string) => problems.push({ line: row.line, column, message });
  const operator = c.operator ? identifierOf(c.operator) : null;
  if (!operator) at('operator', c.operator ? `"${c.operator}" is not SCHEME:ISSUER:VALUE` : 'operator is required');
  const type = (c.aeo_type ?? '').toUpperCase().replace(/^AEO-?/, '');
  if (!(AEO_TYPES as readonly string[]).includes(type)) at('aeo_type', `aeo_type must be C, S or F (was "${c.aeo_type ?? ''}")`);
  const certificate = c.certificate_number ?? '';
  if (!/^[A-Za-z0-9][A-Za-z0-9/.-]{2,39}$/.test(certificate)) at('certificate_number', 'certificate_number must be 3 to 40 letters, digits, "/", "." or "-"');
  const authorisedOn = dayOf(c.authorised_on ?? '');
  const validTo = dayOf(c.valid_to ?? '');
  if (!authorisedOn) at('authorised_on', 'authorised_on must be a date, YYYY-MM-DD');
  else if (c.authorised_on! > today) at('authorised_on', `authorised_on must not be in the future (today is ${today})`);
  if (!validTo) at('valid_to', 'valid_to must be a date, YYYY-MM-DD');
  else if (c.valid_to! < today) at('valid_to', `valid_to is past (${c.valid_to}): only authorisations in force are imported`);
  else if (authorisedOn && validTo <= authorisedOn) at('valid_to', 'valid_to must be after authorised_on');
  if (problems.length) return { problems };
  // Valid through the last day given: the end of that day.
  const end = new Date(validTo!.getTime() + 86_400_000 - 1);
  return { value: { line: row.line, operator: operator!, aeoType: type as AeoTypeCode, certificateNumber: certificate, authorisedOn: authorisedOn!, validTo: end }, problems };
}
