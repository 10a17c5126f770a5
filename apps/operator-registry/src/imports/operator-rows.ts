import { CsvRow, identifierOf, ImportColumn, listOf, rowOf, RowProblem, yesNo } from '@aeo/platform';
import { identifierProblem, IdentifierScheme, IDENTIFIER_SCHEME_NAMES } from '../identifiers/identifier-schemes';
import { RegisterOperatorDto } from '../operators/dto/register-operator.dto';

/** The columns of an operators file: one row per operator, the same facts a registration gives. */
export const OPERATOR_COLUMNS: readonly ImportColumn[] = [
  { name: 'legal_name', required: true, description: 'the registered legal name', example: 'Ubuntu Freight (Pty) Ltd' },
  { name: 'identifiers', required: true, description: `SCHEME:ISSUER:VALUE, several separated by ";" (schemes ${IDENTIFIER_SCHEME_NAMES.join(', ')})`, example: 'TIN:ZA:9012345678; EORI:GB:GB123456789000' },
  { name: 'street', required: true, description: 'street address', example: '1 Harbour Road' },
  { name: 'city', required: true, description: 'city', example: 'Durban' },
  { name: 'postal_code', required: true, description: 'postal code', example: '4001' },
  { name: 'country', required: true, description: 'ISO 3166 alpha-2', example: 'ZA' },
  { name: 'trading_names', description: 'separated by ";"', example: 'Ubuntu Express' },
  { name: 'roles', description: 'supply-chain roles separated by ";"', example: 'importer; exporter' },
  { name: 'employees', description: 'headcount (with the turnover: the size class)', example: '35' },
  { name: 'annual_turnover', description: 'in the administration currency', example: '8500000' },
  { name: 'contact_name', description: 'a contact person', example: 'Thandi Nkosi' },
  { name: 'contact_role', description: "the contact's role", example: 'customs compliance manager' },
  { name: 'contact_email', description: "the contact's e-mail", example: 'thandi@ubuntu-freight.example' },
  { name: 'share_with_partners', description: 'the holder consented to sharing with MRA partners: yes or no (default no)', example: 'yes' },
  { name: 'publish_in_directory', description: 'the holder consented to the public directory: yes or no (default no)', example: 'yes' },
  { name: 'trader', description: "the user (subject) who acts for the operator in the registry; default: whoever runs the import", example: 'trader-za-7' },
];

/** Where each property of a registration comes from in the file. */
const COLUMN_OF: Record<string, string> = {
  legalName: 'legal_name',
  identifiers: 'identifiers',
  street: 'street',
  city: 'city',
  postalCode: 'postal_code',
  country: 'country',
  tradingNames: 'trading_names',
  roles: 'roles',
  employees: 'employees',
  annualTurnover: 'annual_turnover',
  name: 'contact_name',
  role: 'contact_role',
  email: 'contact_email',
  consent: 'share_with_partners',
};

/** The column a validation failure of `path` (legalName, address.city, contacts.0.email...) is about. */
const columnOf = (path: string[]) => COLUMN_OF[path[path.length - 1]] ?? COLUMN_OF[path[0]] ?? null;

export interface OperatorRow {
  line: number;
  registration: RegisterOperatorDto;
  trader: string | null;
}

/** One row of the file as a registration, with every problem of its own (the store is not asked here). */
export function operatorRow(row: CsvRow): { value?: OperatorRow; problems: RowProblem[] } {
  const c = row.cells;
  const problems: RowProblem[] = [];
  const at = (column: string, message: string) => problems.push({ line: row.line, column, message });
  const identifiers = listOf(c.identifiers).map((cell) => {
    const id = identifierOf(cell);
    if (!id) at('identifiers', `"${cell}" is not SCHEME:ISSUER:VALUE`);
    else if (!IDENTIFIER_SCHEME_NAMES.includes(id.scheme as IdentifierScheme)) at('identifiers', `unknown scheme ${id.scheme} (one of ${IDENTIFIER_SCHEME_NAMES.join(', ')})`);
    else {
      const problem = identifierProblem(id.scheme as IdentifierScheme, id.value, id.issuer);
      if (problem) at('identifiers', problem);
    }
    return id;
  });
  const number = (column: string) => {
    if (c[column] === undefined) return undefined;
    const n = Number(c[column].replace(/[\s_]/g, ''));
    if (!Number.isFinite(n)) at(column, `${column} must be a number`);
    return n;
  };
  const consent = { share_with_partners: yesNo(c.share_with_partners), publish_in_directory: yesNo(c.publish_in_directory) };
  for (const [column, v] of Object.entries(consent)) if (v === null) at(column, `${column} must be yes or no`);
  const contact = c.contact_name || c.contact_email || c.contact_role ? [{ name: c.contact_name, role: c.contact_role ?? 'contact', email: c.contact_email }] : undefined;
  const plain = {
    legalName: c.legal_name,
    identifiers: identifiers.filter((i) => i !== null),
    address: { street: c.street, city: c.city, postalCode: c.postal_code, country: c.country?.toUpperCase() },
    tradingNames: c.trading_names ? listOf(c.trading_names) : undefined,
    roles: c.roles ? listOf(c.roles).map((r) => r.toLowerCase()) : undefined,
    employees: number('employees'),
    annualTurnover: number('annual_turnover'),
    contacts: contact,
    consent: { shareWithPartners: consent.share_with_partners ?? false, publishInDirectory: consent.publish_in_directory ?? false },
  };
  const checked = rowOf(RegisterOperatorDto, plain, row.line, columnOf);
  // A malformed identifier or number is said once, in its own words, not again by the DTO's rules.
  const own = new Set(problems.map((p) => p.column));
  problems.push(...checked.problems.filter((p) => !own.has(p.column)));
  const keys = plain.identifiers.map((i) => `${i.scheme}:${i.issuer}:${i.value}`);
  if (new Set(keys).size !== keys.length) at('identifiers', 'an identifier is given twice');
  if (c.trader !== undefined && !/^[\w.@:|-]{1,200}$/.test(c.trader)) at('trader', 'trader must be a user name (letters, digits, . _ - @ : |)');
  return problems.length ? { problems } : { value: { line: row.line, registration: checked.value, trader: c.trader ?? null }, problems };
}
