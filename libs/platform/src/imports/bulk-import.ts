import { DataSource, EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors/domain-error';
import { CsvRow, ImportColumn, readCsv, RowProblem, sha256Hex } from './csv-file';
import { ImportReportView, ImportRunView } from './import.dto';
import { ImportRun } from './import-run.entity';

/**
 * What a kind of import makes of a file's rows, inside the import's transaction, a chunk of rows
 * at a time: the file is checked whole before anything is written, then read again and written,
 * so that only a chunk's rows, what the planner carries from row to row (keys and lines) and
 * what the check found for each row to create are ever held.
 */
export interface ImportPlanner<R, F> {
  /** One row as the kind's value, with every problem of its own (nothing stored asked). */
  row(row: CsvRow): { value?: R; problems: RowProblem[] };
  /**
   * A chunk of valid rows, in file order, against what is stored (nothing of this run written
   * yet) and the rows before it: their problems, how many are already there as the file says, and
   * the rows to create by line, each with what the check found for it (an operator's id, say).
   */
  check(rows: R[]): Promise<{ problems: RowProblem[]; unchanged: number; create: [line: number, found: F][] }>;
  /** Writes a chunk of the rows to create (on a real run without problems, after the run is recorded). */
  write(rows: { row: R; found: F }[], run: ImportRun): Promise<void>;
  /** What is done once every row is written (what depends on all of them). */
  finish?(run: ImportRun): Promise<void>;
}

export interface ImportRequest {
  kind: string;
  fileName: string;
  text: string;
  dryRun: boolean;
  by: string;
  at: Date;
  columns: readonly ImportColumn[];
  maxRows: number;
}

const runView = (r: ImportRun): ImportRunView => ({
  id: r.id,
  kind: r.kind,
  fileName: r.fileName,
  sha256: r.sha256,
  rows: r.rows,
  created: r.created,
  unchanged: r.unchanged,
  importedBy: r.importedBy,
  importedAt: r.importedAt.toISOString(),
});

/**
 * A bulk import, all or nothing per file: the file is read, every row checked (the kind's
 * planner, against what is stored), and either the report comes back (a dry run), or the file is
 * refused with every problem (422, the report in the answer), or everything is written in one
 * transaction with the run recorded. Imports of one kind take turns (an advisory lock), so two
 * runs of the same file cannot both create its rows; a row already present as the file says is
 * counted unchanged, which is what makes running a file twice change nothing. The file is read a
 * chunk of rows at a time, twice on a real run (checked, then written).
 */
export async function runImport<R, F>(
  dataSource: DataSource,
  request: ImportRequest,
  plannerOf: (manager: EntityManager) => ImportPlanner<R, F>,
): Promise<ImportReportView> {
  const sha256 = sha256Hex(request.text);
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.import.' || $1))`, [request.kind]);
    const earlierRuns = (await manager.find(ImportRun, { where: { kind: request.kind, sha256 }, order: { importedAt: 'ASC' } })).map(runView);
    const planner = plannerOf(manager);
    const rowProblems: RowProblem[] = [];
    const create = new Map<number, F>();
    let unchanged = 0;
    const read = await readCsv(request.text, request.columns, request.maxRows, async (rows) => {
      const valid: R[] = [];
      for (const row of rows) {
        const r = planner.row(row);
        rowProblems.push(...r.problems);
        if (r.value) valid.push(r.value);
      }
      const checked = await planner.check(valid);
      rowProblems.push(...checked.problems);
      unchanged += checked.unchanged;
      for (const [line, found] of checked.create) create.set(line, found);
    });
    // A file not read whole (its header, its length, or unreadable) is reported by what is wrong with it alone.
    const problems = (read.whole ? [...read.problems, ...rowProblems] : read.problems).sort((a, b) => a.line - b.line);
    const created = read.whole ? create.size : 0;
    const unchangedRows = read.whole ? unchanged : 0;
    const report: ImportReportView = { kind: request.kind, fileName: request.fileName, sha256, dryRun: request.dryRun, rows: read.rows, created, unchanged: unchangedRows, problems, run: null, earlierRuns };
    if (request.dryRun) return report;
    if (problems.length) {
      throw new DomainError(
        'import.invalid_rows',
        'unprocessable',
        `the file was not imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} (first: line ${problems[0].line}${problems[0].column ? `, ${problems[0].column}` : ''}: ${problems[0].message})`,
        problems.slice(0, 100).map((p) => `line ${p.line}${p.column ? `, ${p.column}` : ''}: ${p.message}`),
        { report },
      );
    }
    const run: ImportRun = {
      id: randomUUID(),
      kind: request.kind,
      fileName: request.fileName,
      sha256,
      rows: read.rows,
      created,
      unchanged: unchangedRows,
      importedBy: request.by,
      importedAt: request.at,
    };
    await manager.insert(ImportRun, run);
    await readCsv(request.text, request.columns, request.maxRows, async (rows) => {
      const chunk: { row: R; found: F }[] = [];
      for (const row of rows) {
        if (!create.has(row.line)) continue;
        const r = planner.row(row);
        if (!r.value) throw new Error(`import: line ${row.line} was checked valid and is not on reading it again`);
        chunk.push({ row: r.value, found: create.get(row.line)! });
      }
      if (chunk.length) await planner.write(chunk, run);
    });
    await planner.finish?.(run);
    return { ...report, run: runView(run) };
  });
}

/** The runs of one kind, newest first. */
export async function importRuns(manager: EntityManager, kind: string, limit = 50): Promise<ImportRunView[]> {
  return (await manager.find(ImportRun, { where: { kind }, order: { importedAt: 'DESC' }, take: limit })).map(runView);
}

/** The run a row came from, for its history: file, SHA-256, who, when. */
export async function importRunOf(manager: EntityManager, id: string | null): Promise<ImportRunView | null> {
  if (!id) return null;
  const run = await manager.findOneBy(ImportRun, { id });
  return run ? runView(run) : null;
}

/** Most bytes of an import file. */
export const IMPORT_FILE_LIMIT = '20mb';
/** The media types an import file is taken as (what spreadsheets and browsers send for a .csv). */
export const IMPORT_MEDIA_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];

/** The body of an import request as text; anything else (JSON, a form) is refused with what to send. */
export function importFileText(body: unknown): string {
  if (typeof body === 'string' && body.length > 0) return body;
  throw new DomainError('import.not_csv', 'unsupported_media_type', `send the file itself as the request body, with Content-Type ${IMPORT_MEDIA_TYPES[0]} (UTF-8)`);
}

/** An identifier as one key: SCHEME:ISSUER:VALUE. */
export const identifierKey = (i: { scheme: string; issuer: string; value: string }) => `${i.scheme}:${i.issuer}:${i.value}`;

/**
 * The operators a service knows (its `known_operator` table, identifiers as jsonb), by the
 * identifiers an import file gives: identifierKey -> operator id. Every known identifier is
 * unnested once and hash-joined to the file's (a containment test per pair is quadratic).
 */
export async function knownOperatorsByIdentifier(manager: EntityManager, identifiers: { scheme: string; issuer: string; value: string }[]): Promise<Map<string, string>> {
  const unique = [...new Map(identifiers.map((i) => [identifierKey(i), i])).values()];
  const found = new Map<string, string>();
  for (let n = 0; n < unique.length; n += 5000) {
    const slice = unique.slice(n, n + 5000);
    const rows: { k: string; operator_id: string }[] = await manager.query(
      `SELECT (x->>'scheme') || ':' || (x->>'issuer') || ':' || (x->>'value') AS k, o.operator_id
       FROM known_operator o CROSS JOIN LATERAL jsonb_array_elements(o.identifiers) x
       WHERE (x->>'scheme', x->>'issuer', x->>'value') IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))`,
      [slice.map((x) => x.scheme), slice.map((x) => x.issuer), slice.map((x) => x.value)],
    );
    for (const r of rows) found.set(r.k, r.operator_id);
  }
  return found;
}

