import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_QUESTIONNAIRE, loadQuestionnaire, parseQuestionnaire, Questionnaire, QuestionnaireError } from './questionnaire';

const copy = () => JSON.parse(JSON.stringify(DEFAULT_QUESTIONNAIRE.file));
const problemsOf = (content: unknown): string[] => {
  try {
    parseQuestionnaire(content, 'test.json');
  } catch (e) {
    if (e instanceof QuestionnaireError) return e.problems;
    throw e;
  }
  return [];
};

describe('the questionnaire file', () => {
  it('ships the SAFE FoS 2025 default, checked, in English and French', () => {
    expect(DEFAULT_QUESTIONNAIRE.version).toBe('safe-fos-2025.1');
    expect(DEFAULT_QUESTIONNAIRE.languages).toEqual(['en', 'fr']);
    expect(DEFAULT_QUESTIONNAIRE.criteriaFor('C')).toHaveLength(6);
    expect(DEFAULT_QUESTIONNAIRE.criteriaFor('S')).toHaveLength(10);
    expect(DEFAULT_QUESTIONNAIRE.criteriaFor('F')).toHaveLength(14);
    expect(DEFAULT_QUESTIONNAIRE.criterionFor('C', 'premises-security')).toBeUndefined();
    expect(DEFAULT_QUESTIONNAIRE.criterionFor('S', 'premises-security')?.title.fr).toBe('Sûreté des locaux');
  });

  it('names every problem with its place in the file', () => {
    const file = copy();
    delete file.criteria[2].questions[0].text.fr;
    file.criteria[3].title.de = 'Beratung';
    file.criteria[4].code = 'customs-compliance';
    file.criteria[5].group = 'environment';
    file.criteria[6].questions.push({ ...file.criteria[6].questions[0] });
    file.criteria[7].evidence.msme[0].description.fr = '  ';
    expect(problemsOf(file)).toEqual([
      'criteria: code customs-compliance appears twice',
      'criteria[2].questions[0].text: no fr text',
      'criteria[3].title: de is not one of the file\'s languages (en, fr)',
      'criteria[5].group: environment is covered by no AEO type (typeGroups)',
      'criteria[6].questions: id cargo-integrity appears twice',
      'criteria[7].evidence.msme[0].description: no fr text',
    ]);
  });

  it('refuses a file of the wrong shape before looking at its meaning', () => {
    const file = copy();
    file.version = 'has spaces';
    delete file.typeGroups.F;
    file.criteria[0].questions = [];
    file.criteria[1].code = 'Not A Code';
    file.criteria[2].evidence.standard[0].extra = 1;
    expect(problemsOf(file)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^version: must be letters, digits/),
        expect.stringMatching(/^typeGroups\.F: /),
        expect.stringMatching(/^criteria\[0\]\.questions: .*not be empty/),
        expect.stringMatching(/^criteria\[1\]\.code: must be lower-case letters/),
        expect.stringMatching(/^criteria\[2\]\.evidence\.standard\[0\]\.extra: .*should not exist/),
      ]),
    );
    expect(problemsOf([])).toEqual(['the file must hold one JSON object']);
  });

  it('asks for English, a group every type leaves empty is named, and a type naming an empty group too', () => {
    const file = copy();
    file.languages = ['fr'];
    file.typeGroups.C = ['compliance', 'all', 'customs-only'];
    expect(problemsOf(file)).toEqual(expect.arrayContaining([
      'languages: must include en (the language every other falls back to)',
      'typeGroups.C: no criterion is in the group customs-only',
    ]));
  });

  it('reads a file, saying when it cannot be read or is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'saq-spec-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(copy(), null, 4));
    expect(loadQuestionnaire(good).sha256).toBe(DEFAULT_QUESTIONNAIRE.sha256);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "version": ');
    expect(() => loadQuestionnaire(bad)).toThrow(/the SAQ file .*bad\.json cannot be used \(1 problem\):\n {2}is not JSON/);
    expect(() => loadQuestionnaire(join(dir, 'absent.json'))).toThrow(/absent\.json cannot be used \(1 problem\):\n {2}cannot be read: ENOENT/);
  });

  it('keeps one SHA-256 for one content, whatever the key order, and another for any change', () => {
    const reordered = Object.fromEntries(Object.entries(copy()).reverse());
    expect(new Questionnaire(reordered as never).sha256).toBe(DEFAULT_QUESTIONNAIRE.sha256);
    const changed = copy();
    changed.criteria[0].questions[0].text.en += ' ';
    expect(parseQuestionnaire(changed, 'x').sha256).not.toBe(DEFAULT_QUESTIONNAIRE.sha256);
  });

  it('answers in the first language asked that it has, by tag or primary subtag, English otherwise', () => {
    expect(DEFAULT_QUESTIONNAIRE.languageFor(['fr-CA', 'en'])).toBe('fr');
    expect(DEFAULT_QUESTIONNAIRE.languageFor(['de', 'fr'])).toBe('fr');
    expect(DEFAULT_QUESTIONNAIRE.languageFor(['de'])).toBe('en');
    expect(DEFAULT_QUESTIONNAIRE.languageFor([])).toBe('en');
  });
});
