import { IsInt, IsString, Length, Min } from 'class-validator';
import { identifierOf, listOf, readCsv, rowOf, yesNo } from './csv-file';

const COLUMNS = [
  { name: 'name', required: true, description: 'a name', example: 'A' },
  { name: 'note', description: 'a note', example: 'B' },
];

class Row {
  @IsString() @Length(1, 5) name: string;
  @IsInt() @Min(1) count: number;
}

describe('import files', () => {
  it('numbers rows by the line they start on, quoted line breaks, blank lines, a BOM and CRLF included', () => {
    const { rows, problems } = readCsv('\uFEFFName,note\r\nfirst,"two\r\nlines"\r\n\r\nsecond,\r\nthird,x', COLUMNS, 10);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, cells: { name: 'first', note: 'two\nlines' } },
      { line: 5, cells: { name: 'second' } },
      { line: 6, cells: { name: 'third', note: 'x' } },
    ]);
  });

  it('takes ";" and tab separated files as spreadsheets write them', () => {
    expect(readCsv('name;note\na;b', COLUMNS, 10).rows[0].cells).toEqual({ name: 'a', note: 'b' });
    expect(readCsv('name\tnote\na\tb', COLUMNS, 10).rows[0].cells).toEqual({ name: 'a', note: 'b' });
  });

  it('says what is wrong with the header, the row count and ragged rows', () => {
    expect(readCsv('note,extra\nx,y', COLUMNS, 10).problems.map((p) => [p.line, p.column])).toEqual([[1, 'extra'], [1, 'name']]);
    expect(readCsv('name', COLUMNS, 10).problems[0].message).toBe('the file has a header but no row');
    expect(readCsv('name\na\nb\nc', COLUMNS, 2).problems[0].message).toBe('the file has 3 rows; at most 2 are taken in one file');
    expect(readCsv('name,note\na,b,c', COLUMNS, 10).problems).toEqual([expect.objectContaining({ line: 2, column: null })]);
    expect(readCsv('name,note\na,b\nc\nd,e', COLUMNS, 10).problems.map((p) => p.line)).toEqual([3]);
    expect(readCsv('name,note\n"a,b', COLUMNS, 10).problems[0].message).toMatch(/^the file cannot be read as CSV/);
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
