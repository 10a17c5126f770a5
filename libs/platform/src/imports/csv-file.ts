import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CsvError, parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { validationFailures } from '../errors/validation-failures';

/** A column of an import file: its header, whether every row must fill it, and what it holds. */
export interface ImportColumn {
  name: string;
  required?: boolean;
  description: string;
  example: string;
}

/** What is wrong with a file: the line (1 = the header), the column when one is to blame, and why. */
export interface RowProblem {
  line: number;
  column: string | null;
  message: string;
}

/** One data row: the line it starts on and its cells by header (empty cells left out). */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

export const sha256Hex = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What reading a whole file found: its rows counted, the problems of the file itself, and whether every row was read. */
export interface CsvRead {
  rows: number;
  problems: RowProblem[];
  /**
   * False when the rows cannot be taken as they are: the header is wrong, the file has too many
   * rows, or reading stopped (what was made of the rows before is then void).
   */
  whole: boolean;
}

/** Rows handed to the reader's caller at a time. */
export const CSV_CHUNK_ROWS = 1000;
/** Characters given to the parser at a time: it holds at most the rows of one piece ahead of the caller. */
const PIECE = 64 * 1024;

/**
 * Reads an import file a chunk of rows at a time (`each`, awaited before the next chunk is read,
 * so a file of any length holds one chunk's rows in memory): UTF-8 CSV (a byte-order mark and `;`
 * or tab separators are accepted, as spreadsheets write them), a header line naming the columns in
 * any order. Unknown or missing required columns, a row with too many or too few cells, and a file
 * with no row are problems; a file that cannot be read at all is one problem on the line where
 * reading stopped. A file with header problems gives no row; one with more than `maxRows` rows
 * gives the first `maxRows` and is not whole.
 */
export async function readCsv(
  text: string,
  columns: readonly ImportColumn[],
  maxRows: number,
  each: (rows: CsvRow[]) => Promise<void> | void,
  chunkRows = CSV_CHUNK_ROWS,
): Promise<CsvRead> {
  const problems: RowProblem[] = [];
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0].d;
  const header = firstLine.replace(/^\uFEFF/, '').split(delimiter).map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  const known = new Set(columns.map((c) => c.name));
  for (const h of header) if (h && !known.has(h)) problems.push({ line: 1, column: h, message: `unknown column "${h}"; the columns are: ${columns.map((c) => c.name).join(', ')}` });
  for (const c of columns) if (c.required && !header.includes(c.name)) problems.push({ line: 1, column: c.name, message: `the column "${c.name}" is missing (${c.description})` });
  if (new Set(header).size !== header.length) problems.push({ line: 1, column: null, message: 'a column is named twice in the header' });
  const headerRight = problems.length === 0;
  // Line ends as one: csv-parse counts a CR LF inside a quoted cell as two lines.
  const normalised = text.replace(/\r\n?/g, '\n');
  const parser = parse({
    bom: true,
    delimiter,
    columns: (names: string[]) => names.map((h) => h.trim().toLowerCase()),
    info: true,
    raw: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
  });
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < normalised.length; ) {
        // A piece never ends between the two halves of a character outside the basic plane (each half alone would become U+FFFD).
        const high = normalised.charCodeAt(i + PIECE - 1);
        const end = i + PIECE - (high >= 0xd800 && high <= 0xdbff ? 1 : 0);
        yield normalised.slice(i, end);
        i = end;
      }
    })(),
    { objectMode: false },
  );
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  let count = 0;
  let ragged = 0;
  let chunk: CsvRow[] = [];
  try {
    for await (const { record, raw, info } of parser as AsyncIterable<{ record: Record<string, string>; raw: string; info: { lines: number; invalid_field_length: number } }>) {
      count++;
      // `lines` is where the record ends; its raw text (blank lines skipped before it, its line end) says where it began.
      const line = info.lines - (raw.replace(/^\n+/, '').replace(/\n$/, '').match(/\n/g)?.length ?? 0);
      if (info.invalid_field_length > ragged) {
        ragged = info.invalid_field_length;
        problems.push({ line, column: null, message: `the row does not have the ${header.length} cells the header names (a separator inside a cell needs the cell in double quotes)` });
      }
      if (!headerRight || count > maxRows) continue;
      const cells: Record<string, string> = {};
      for (const [key, value] of Object.entries(record)) if (known.has(key) && value !== '') cells[key] = value;
      chunk.push({ line, cells });
      if (chunk.length >= chunkRows) {
        await each(chunk);
        chunk = [];
      }
    }
  } catch (e) {
    source.destroy();
    // What `each` throws is not the file's fault.
    if (!(e instanceof CsvError)) throw e;
    const err = e as CsvError & { lines?: number };
    return { rows: 0, problems: [{ line: err.lines ?? 1, column: null, message: `the file cannot be read as CSV: ${err.message}` }], whole: false };
  }
  if (chunk.length) await each(chunk);
  if (count === 0) problems.push({ line: 1, column: null, message: 'the file has a header but no row' });
  if (count > maxRows) problems.push({ line: 1, column: null, message: `the file has ${count} rows; at most ${maxRows} are taken in one file` });
  return { rows: count, problems, whole: headerRight && count > 0 && count <= maxRows };
}

/**
 * A row's cells as the import's row class, validated with its class-validator rules; each
 * failure named by the column it came from (`columnOf` maps a property path to its column).
 */
export function rowOf<T extends object>(cls: new () => T, plain: Record<string, unknown>, line: number, columnOf: (path: string[]) => string | null): { value: T; problems: RowProblem[] } {
  const value = plainToInstance(cls, plain);
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: false });
  const problems: RowProblem[] = validationFailures(errors).map((f) => ({ line, column: columnOf(f.path), message: f.message }));
  return { value, problems };
}

/** A yes/no cell: yes, y, true, 1, oui (and their opposites); undefined when empty, null when neither. */
export function yesNo(cell: string | undefined): boolean | undefined | null {
  if (cell === undefined) return undefined;
  const v = cell.trim().toLowerCase();
  if (['yes', 'y', 'true', '1', 'oui', 'o'].includes(v)) return true;
  if (['no', 'n', 'false', '0', 'non'].includes(v)) return false;
  return null;
}

/** A list cell: values separated by `;` or `|`, trimmed, empty ones dropped. */
export const listOf = (cell: string | undefined): string[] => (cell ?? '').split(/[;|]/).map((v) => v.trim()).filter(Boolean);

/** An identifier cell, `SCHEME:ISSUER:VALUE` (TIN:ZA:9012345678); null when it is not one. */
export function identifierOf(cell: string): { scheme: string; issuer: string; value: string } | null {
  const m = /^([A-Za-z]{2,10}):([A-Za-z]{2}):(.+)$/.exec(cell.trim());
  return m ? { scheme: m[1].toUpperCase(), issuer: m[2].toUpperCase(), value: m[3].trim() } : null;
}
