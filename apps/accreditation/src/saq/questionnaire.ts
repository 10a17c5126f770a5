import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsObject,
  IsString,
  Matches,
  ValidateNested,
  validateSync,
  ValidationError,
} from 'class-validator';
import { validationFailures } from '@aeo/platform';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AEO_TYPES, AeoTypeCode } from '../applications/application.entity';
import SAFE_FOS_2025 from './questionnaires/safe-fos-2025.json';

/**
 * The self-assessment questionnaire (DOMAIN.md, "Criteria"): its sections are criteria, each in a
 * group; an AEO type covers some groups (SAFE FoS 2025: AEO-C the compliance group, AEO-S the
 * security group, AEO-F both, and `all` for education and the Code of Conduct). Each criterion has
 * its questions and what counts as evidence on the standard route and on the MSME route
 * (proportionate evidence for the same criterion).
 *
 * It comes from a versioned file per administration (SAQ_FILE; the SAFE Framework of Standards
 * 2025 in questionnaires/safe-fos-2025.json by default), every text in each of the file's
 * languages. An application keeps the version it was started on (saq-catalogue.ts).
 */
export type EvidenceRoute = 'standard' | 'msme';
export const EVIDENCE_ROUTES: readonly EvidenceRoute[] = ['standard', 'msme'];

/** A text in each language of the questionnaire, by language tag. */
export type LocalisedText = Record<string, string>;

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const CODE_MESSAGE = '$property must be lower-case letters, digits and hyphens (at most 63), e.g. premises-security';

class EvidenceItemFile {
  @Matches(CODE, { message: CODE_MESSAGE }) key: string;
  @IsObject() description: LocalisedText;
}

class CriterionEvidenceFile {
  @IsArray() @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => EvidenceItemFile) standard: EvidenceItemFile[];
  @IsArray() @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => EvidenceItemFile) msme: EvidenceItemFile[];
}

class QuestionFile {
  @Matches(CODE, { message: CODE_MESSAGE }) id: string;
  @IsObject() text: LocalisedText;
}

class CriterionFile {
  @Matches(CODE, { message: CODE_MESSAGE }) code: string;
  @Matches(CODE, { message: CODE_MESSAGE }) group: string;
  @IsObject() title: LocalisedText;
  @IsArray() @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => QuestionFile) questions: QuestionFile[];
  @ValidateNested() @Type(() => CriterionEvidenceFile) evidence: CriterionEvidenceFile;
}

class TypeGroupsFile {
  @IsArray() @ArrayNotEmpty() @IsString({ each: true }) C: string[];
  @IsArray() @ArrayNotEmpty() @IsString({ each: true }) S: string[];
  @IsArray() @ArrayNotEmpty() @IsString({ each: true }) F: string[];
}

/** The file as written: what `parseQuestionnaire` checks. */
export class QuestionnaireFile {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'version must be letters, digits, ".", "_" or "-" (at most 64), e.g. safe-fos-2025.1' })
  version: string;
  @IsObject() name: LocalisedText;
  @IsArray() @ArrayNotEmpty() @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, { each: true, message: 'languages must be language tags such as en, fr or pt-BR' })
  languages: string[];
  @ValidateNested() @Type(() => TypeGroupsFile) typeGroups: TypeGroupsFile;
  @IsArray() @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => CriterionFile) criteria: CriterionFile[];
}

export type Criterion = CriterionFile;

/** A questionnaire file that cannot be used, with every problem found (path in the file, why). */
export class QuestionnaireError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`the SAQ file ${source} cannot be used (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
    this.name = 'QuestionnaireError';
  }
}

/** `criteria[0].title: no fr text`: the path as the file reads, the message without class-validator's property prefix. */
function structuralProblems(errors: ValidationError[]): string[] {
  return validationFailures(errors).map((f) => {
    const at = f.path.reduce((p, part) => (/^\d+$/.test(part) ? `${p}[${part}]` : p ? `${p}.${part}` : part), '');
    return `${at}: ${f.message.replace(/^\S+ /, '')}`;
  });
}

/** What class-validator cannot say: every text in every language, codes unique, every group covered by a type. */
function meaningProblems(file: QuestionnaireFile): string[] {
  const problems: string[] = [];
  const languages = file.languages;
  if (!languages.includes('en')) problems.push('languages: must include en (the language every other falls back to)');
  if (new Set(languages).size !== languages.length) problems.push('languages: a language is listed twice');
  const text = (value: LocalisedText, at: string) => {
    for (const lang of languages) {
      const t = value?.[lang];
      if (typeof t !== 'string' || !t.trim()) problems.push(`${at}: no ${lang} text`);
      else if (t.length > 2000) problems.push(`${at}.${lang}: longer than 2000 characters`);
    }
    for (const lang of Object.keys(value ?? {})) {
      if (!languages.includes(lang)) problems.push(`${at}: ${lang} is not one of the file's languages (${languages.join(', ')})`);
    }
  };
  const duplicates = (values: string[], at: string, what: string) => {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) problems.push(`${at}: ${what} ${v} appears twice`);
      seen.add(v);
    }
  };
  text(file.name, 'name');
  duplicates(file.criteria.map((c) => c.code), 'criteria', 'code');
  const covered = new Set(AEO_TYPES.flatMap((t) => file.typeGroups[t]));
  file.criteria.forEach((c, i) => {
    const at = `criteria[${i}]`;
    text(c.title, `${at}.title`);
    if (!covered.has(c.group)) problems.push(`${at}.group: ${c.group} is covered by no AEO type (typeGroups)`);
    duplicates(c.questions.map((q) => q.id), `${at}.questions`, 'id');
    c.questions.forEach((q, j) => text(q.text, `${at}.questions[${j}].text`));
    for (const route of EVIDENCE_ROUTES) {
      duplicates(c.evidence[route].map((e) => e.key), `${at}.evidence.${route}`, 'key');
      c.evidence[route].forEach((e, j) => text(e.description, `${at}.evidence.${route}[${j}].description`));
    }
  });
  const groups = new Set(file.criteria.map((c) => c.group));
  for (const type of AEO_TYPES) {
    for (const g of file.typeGroups[type]) if (!groups.has(g)) problems.push(`typeGroups.${type}: no criterion is in the group ${g}`);
  }
  return problems;
}

/** JSON with the keys of every object sorted: the same content gives the same text, however laid out. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** One version of the questionnaire, checked. */
export class Questionnaire {
  /** SHA-256 of the questionnaire's content (canonical JSON: layout and key order do not count). */
  readonly sha256: string;

  constructor(readonly file: QuestionnaireFile) {
    this.sha256 = createHash('sha256').update(canonical(file)).digest('hex');
  }

  get version(): string {
    return this.file.version;
  }

  get languages(): string[] {
    return this.file.languages;
  }

  /** The sections of an application for this AEO type, in the file's order. */
  criteriaFor(aeoType: AeoTypeCode): Criterion[] {
    const groups = this.file.typeGroups[aeoType];
    return this.file.criteria.filter((c) => groups.includes(c.group));
  }

  /** A section of an application for this AEO type, or undefined when the type does not cover it. */
  criterionFor(aeoType: AeoTypeCode, code: string): Criterion | undefined {
    return this.criteriaFor(aeoType).find((c) => c.code === code);
  }

  /**
   * The language to answer in: the first of the languages asked for (in the order of preference,
   * as Accept-Language ranks them) that the questionnaire has, by tag or by its primary subtag
   * (fr-CA reads fr); English otherwise.
   */
  languageFor(asked: readonly string[]): string {
    for (const tag of asked) {
      const wanted = tag.toLowerCase();
      const exact = this.languages.find((l) => l.toLowerCase() === wanted);
      if (exact) return exact;
      const primary = this.languages.find((l) => l.toLowerCase() === wanted.split('-')[0]);
      if (primary) return primary;
    }
    return 'en';
  }
}

/** A text in one language (the file guarantees each of its languages; English otherwise). */
export function inLanguage(text: LocalisedText, language: string): string {
  return text[language] ?? text.en;
}

/** Checks a questionnaire (parsed JSON) and returns it, or throws naming every problem. */
export function parseQuestionnaire(content: unknown, source: string): Questionnaire {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) throw new QuestionnaireError(source, ['the file must hold one JSON object']);
  const file = plainToInstance(QuestionnaireFile, content);
  const structural = structuralProblems(validateSync(file, { whitelist: true, forbidNonWhitelisted: true }));
  if (structural.length) throw new QuestionnaireError(source, structural);
  const meaning = meaningProblems(file);
  if (meaning.length) throw new QuestionnaireError(source, meaning);
  return new Questionnaire(JSON.parse(JSON.stringify(content)) as QuestionnaireFile);
}

/** Reads and checks a questionnaire file (SAQ_FILE). */
export function loadQuestionnaire(path: string): Questionnaire {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new QuestionnaireError(path, [`cannot be read: ${(e as Error).message}`]);
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (e) {
    throw new QuestionnaireError(path, [`is not JSON: ${(e as Error).message}`]);
  }
  return parseQuestionnaire(content, path);
}

/** The default questionnaire: the SAFE Framework of Standards 2025, in English and French. */
export const DEFAULT_QUESTIONNAIRE: Questionnaire = parseQuestionnaire(SAFE_FOS_2025, 'questionnaires/safe-fos-2025.json');

/** The sections of the default questionnaire for an AEO type (demo data and test clients). */
export const criteriaFor = (aeoType: AeoTypeCode): Criterion[] => DEFAULT_QUESTIONNAIRE.criteriaFor(aeoType);
