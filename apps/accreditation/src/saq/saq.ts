import type { Application } from '../applications/application.entity';
import { Criterion, EvidenceRoute, inLanguage, Questionnaire } from './questionnaire';

export interface SectionState {
  answers: Record<string, string>;
  evidenceRoute: EvidenceRoute;
  /** Evidence items attached (keys of the criterion's evidence on its route). */
  attachedItems: string[];
}

export interface SectionReport {
  criterion: string;
  title: string;
  complete: boolean;
  missing: string[];
  evidenceRoute: EvidenceRoute;
  questions: { id: string; text: string; answer: string | null }[];
  evidenceExpected: { key: string; description: string; attached: boolean }[];
}

/**
 * What a section still lacks: an answer to each question, and an attachment for each evidence
 * item of the route chosen (standard, or MSME: proportionate evidence for the same criterion).
 * Texts in `language`.
 */
export function reportSection(c: Criterion, state: SectionState | undefined, language: string): SectionReport {
  const route = state?.evidenceRoute ?? 'standard';
  const missing: string[] = [];
  const questions = c.questions.map((q) => {
    const answer = state?.answers[q.id]?.trim() || null;
    if (!answer) missing.push(`answer to "${q.id}"`);
    return { id: q.id, text: inLanguage(q.text, language), answer };
  });
  const evidenceExpected = c.evidence[route].map((e) => {
    const attached = state?.attachedItems.includes(e.key) ?? false;
    const description = inLanguage(e.description, language);
    if (!attached) missing.push(`evidence "${e.key}" (${description})`);
    return { key: e.key, description, attached };
  });
  return { criterion: c.code, title: inLanguage(c.title, language), complete: missing.length === 0, missing, evidenceRoute: route, questions, evidenceExpected };
}

/** The SAQ of an application, section by section, for the criteria its AEO type covers in the version it rests on. */
export function reportSaq(questionnaire: Questionnaire, application: Pick<Application, 'aeoType'>, sections: Map<string, SectionState>, language = 'en'): SectionReport[] {
  return questionnaire.criteriaFor(application.aeoType).map((c) => reportSection(c, sections.get(c.code), language));
}

/** One line per incomplete section, for the refusal of a submission. */
export function missingOf(report: SectionReport[]): string[] {
  return report.filter((s) => !s.complete).map((s) => `${s.criterion}: ${s.missing.join(', ')}`);
}
