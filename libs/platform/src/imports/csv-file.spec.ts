import { IsInt, IsString, Length, Min } from 'class-validator';
import { CsvRow, identifierOf, ImportColumn, listOf, readCsv, rowOf, yesNo } from './csv-file';

/** The whole file read: every row, in the chunks given. */
async function readAll(text: string, columns: readonly ImportColumn[], maxRows: number, chunkRows?: number) {
  const chunks: CsvRow[][] = [];
  const read = await readCsv(text, columns, maxRows, (rows) => void chunks.push(rows), chunkRows);
  return { ...read, rows: chunks.flat(), count: read.rows, chunks };
}

const COLUMNS = [
  { name: 'name', required: true, description: 'a name', example: 'A' },
  { name: 'note', description: 'a note', example: 'B' },
];

class Row {
  @IsString() @Length(1, 5) name: string;
  @IsInt() @Min(1) count: number;
}

describe('import files', () => {
  it('numbers rows by the line they start on, quoted line breaks, blank lines, a BOM and CRLF included', async () => {
    const { rows, problems, whole } = await readAll('\uFEFFName,note\r\nfirst,"two\r\nlines"\r\n\r\nsecond,\r\nthird,x', COLUMNS, 10);
    expect(problems).toEqual([]);
    expect(whole).toBe(true);
    expect(rows).toEqual([
      { line: 2, cells: { name: 'first', note: 'two\nlines' } },
      { line: 5, cells: { name: 'second' } },
      { line: 6, cells: { name: 'third', note: 'x' } },
    ]);
  });

  it('takes ";" and tab separated files as spreadsheets write them', async () => {
    expect((await readAll('name;note\na;b', COLUMNS, 10)).rows[0].cells).toEqual({ name: 'a', note: 'b' });
    expect((await readAll('name\tnote\na\tb', COLUMNS, 10)).rows[0].cells).toEqual({ name: 'a', note: 'b' });
  });

  it('says what is wrong with the header, the row count and ragged rows', async () => {
    const badHeader = await readAll('note,extra\nx,y', COLUMNS, 10);
    expect(badHeader.problems.map((p) => [p.line, p.column])).toEqual([[1, 'extra'], [1, 'name']]);
    expect([badHeader.whole, badHeader.rows]).toEqual([false, []]);
    expect((await readAll('name', COLUMNS, 10)).problems[0].message).toBe('the file has a header but no row');
    const tooMany = await readAll('name\na\nb\nc', COLUMNS, 2);
    expect(tooMany.problems[0].message).toBe('the file has 3 rows; at most 2 are taken in one file');
    expect([tooMany.whole, tooMany.count]).toEqual([false, 3]);
    expect((await readAll('name,note\na,b,c', COLUMNS, 10)).problems).toEqual([expect.objectContaining({ line: 2, column: null })]);
    expect((await readAll('name,note\na,b\nc\nd,e', COLUMNS, 10)).problems.map((p) => p.line)).toEqual([3]);
    const unreadable = await readAll('name,note\n"a,b', COLUMNS, 10);
    expect(unreadable.problems[0].message).toMatch(/^the file cannot be read as CSV/);
    expect(unreadable.whole).toBe(false);
  });

  it('hands the rows over a chunk at a time, each awaited before the next is read, across the parser\'s pieces', async () => {
    // Rows long enough that the 64 KiB pieces given to the parser end inside quoted cells.
    const text = ['name,note', ...Array.from({ length: 2500 }, (_, i) => `n${i},"${'x'.repeat(40)}\n${i}"`)].join('\r\n');
    const sizes: number[] = [];
    let inside = false;
    const read = await readCsv(text, COLUMNS, 5000, async (rows) => {
      expect(inside).toBe(false);
      inside = true;
      sizes.push(rows.length);
      await new Promise((r) => setTimeout(r, 5));
      expect(rows[0].cells.name).toBe(`n${rows[0].line / 2 - 1}`);
      expect(rows[rows.length - 1].cells.note).toBe(`${'x'.repeat(40)}\n${rows[rows.length - 1].line / 2 - 1}`);
      inside = false;
    }, 1000);
    expect(sizes).toEqual([1000, 1000, 500]);
    expect([read.rows, read.whole, read.problems]).toEqual([2500, true, []]);
  });

  it('keeps a character outside the basic plane whole where a piece given to the parser would end inside it', async () => {
    // The emoji's first half is the 65,536th character of the text: the first piece's last.
    const text = `name,note\n${'a'.repeat(65536 - 11)}😀z,b`;
    const { rows, problems } = await readAll(text, [{ name: 'name', description: '', example: '' }, { name: 'note', description: '', example: '' }], 10);
    expect(problems).toEqual([]);
    expect(rows[0].cells.name.endsWith('a😀z')).toBe(true);
  });

  it('passes on what the caller throws, not as a problem of the file', async () => {
    // Thrown while the parser is still being read (a chunk of one row), and for the last chunk after it.
    await expect(readCsv('name\na\nb', COLUMNS, 10, () => { throw new Error('the database went away'); }, 1)).rejects.toThrow('the database went away');
    await expect(readCsv('name\na\nb', COLUMNS, 10, () => { throw new Error('the database went away'); })).rejects.toThrow('the database went away');
  });

  it('names the column of each validation failure', () => {
    const { problems } = rowOf(Row, { name: 'toolong', count: 0 }, 7, (path) => (path[0] === 'name' ? 'name' : 'count_col'));
    expect(problems.map((p) => [p.line, p.column])).toEqual([[7, 'name'], [7, 'count_col']]);
  });

  it('reads yes/no, list and identifier cells', () => {
    expect([yesNo('Yes'), yesNo('non'), yesNo(undefined), yesNo('maybe')]).toEqual([true, false, undefined, null]);
    expect(listOf(' a; b |c;; ')).toEqual(['a', 'b', 'c']);
    expect(identifierOf('tin:za:9012345678')).toEqual({ scheme: 'TIN', issuer: 'ZA', value: '9012345678' });
    expect(identifierOf('9012345678')).toBeNull();
  });
});
