import { criteriaFor } from '../saq/questionnaire';
import { FindingInput, findingsProblem, recordedFindings } from './visit-findings';

const met = (criterion: string): FindingInput => ({ criterion, result: 'met', note: 'seen' });

describe('visit findings', () => {
  const criteria = ['a', 'b', 'c'];

  it('are accepted with one finding for each criterion, in any order', () => {
    expect(findingsProblem(criteria, [met('c'), met('a'), met('b')])).toBeUndefined();
  });

  it('allow one finding per criterion', () => {
    expect(findingsProblem(criteria, [met('a'), met('b'), met('a'), met('c'), met('a'), met('b')])).toBe(
      'one finding per criterion; twice: a, b',
    );
  });

  it('refuse criteria the application does not cover', () => {
    expect(findingsProblem(criteria, [met('a'), met('x'), met('b'), met('c'), met('y')])).toBe(
      'findings for criteria this application does not cover: x, y',
    );
  });

  it('cover every criterion', () => {
    expect(findingsProblem(criteria, [met('b')])).toBe('findings are required for every criterion; missing: a, c');
    expect(findingsProblem(criteria, [])).toBe('findings are required for every criterion; missing: a, b, c');
  });

  it('say the first problem: duplicates before unknown criteria before missing ones', () => {
    expect(findingsProblem(criteria, [met('a'), met('a'), met('x')])).toMatch(/^one finding per criterion/);
    expect(findingsProblem(criteria, [met('a'), met('x')])).toMatch(/^findings for criteria this application does not cover/);
  });

  it('follow the criteria of the AEO type', () => {
    const all = (type: 'C' | 'S' | 'F') => criteriaFor(type).map((c) => c.code);
    expect(findingsProblem(all('F'), all('F').map(met))).toBeUndefined();
    // An AEO-C is not checked against security criteria, nor an AEO-F let off them.
    expect(findingsProblem(all('C'), all('F').map(met))).toMatch(/does not cover/);
    expect(findingsProblem(all('F'), all('C').map(met))).toMatch(/missing/);
  });

  it('are kept with their fields only, and an empty list of actions where none was given', () => {
    const input = [
      { ...met('a'), extra: 'dropped' } as FindingInput,
      { criterion: 'b', result: 'met-with-actions', note: 'a door', actions: [{ action: 'fit a lock', dueBy: '2027-01-31' }] } as FindingInput,
    ];
    expect(recordedFindings(input)).toEqual([
      { criterion: 'a', result: 'met', note: 'seen', actions: [] },
      { criterion: 'b', result: 'met-with-actions', note: 'a door', actions: [{ action: 'fit a lock', dueBy: '2027-01-31' }] },
    ]);
  });
});
