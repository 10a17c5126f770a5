import { jsonRequest } from '@aeo/platform';
import { criteriaFor, EvidenceRoute } from '../saq/questionnaire';

export interface ClientResponse<T = any> {
  status: number;
  body: T;
}

/**
 * A small HTTP client of the accreditation API, for the demo seed and the end-to-end tests: what a
 * trader's portal and an officer's console do, step by step, over the platform's jsonRequest.
 */
export class AccreditationClient {
  constructor(readonly baseUrl: string) {}

  async expect<T = any>(r: Promise<ClientResponse<T>>, status: number, what: string): Promise<T> {
    const res = await r;
    if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  createDraft(token: string, operatorId: string, aeoType: 'C' | 'S' | 'F') {
    return jsonRequest('POST', `${this.baseUrl}/applications`, { token, body: { operatorId, aeoType } });
  }

  saveSection(token: string, applicationId: string, criterion: string, body: { answers?: Record<string, string>; evidenceRoute?: EvidenceRoute }) {
    return jsonRequest('PUT', `${this.baseUrl}/applications/${applicationId}/saq/${criterion}`, { token, body });
  }

  upload(
    token: string,
    applicationId: string,
    fields: { criterion: string; evidenceItem: string },
    file: { name: string; type: string; bytes: Uint8Array },
  ) {
    const form = new FormData();
    form.set('criterion', fields.criterion);
    form.set('evidenceItem', fields.evidenceItem);
    form.set('file', new Blob([file.bytes], { type: file.type }), file.name);
    return jsonRequest('POST', `${this.baseUrl}/applications/${applicationId}/evidence`, { token, form });
  }

  act(token: string, applicationId: string, body: Record<string, unknown>) {
    return jsonRequest('POST', `${this.baseUrl}/applications/${applicationId}/transitions`, { token, body });
  }

  actOnAuthorisation(token: string, authorisationId: string, body: Record<string, unknown>) {
    return jsonRequest('POST', `${this.baseUrl}/authorisations/${authorisationId}/transitions`, { token, body });
  }

  get(token: string, path: string) {
    return jsonRequest('GET', `${this.baseUrl}${path}`, { token });
  }

  /**
   * Answers every question and attaches one PDF per evidence item, on the route given (MSME or
   * standard), in the questionnaire version the application rests on (read from the service).
   */
  async completeSaq(token: string, applicationId: string, route: EvidenceRoute = 'standard') {
    const saq = await this.expect(this.get(token, `/applications/${applicationId}/saq`), 200, 'read the SAQ');
    for (const section of saq.sections as { criterion: string; title: string; questions: { id: string }[] }[]) {
      const answers = Object.fromEntries(section.questions.map((q) => [q.id, `Our answer on ${q.id}: described in the attached evidence.`]));
      const saved = await this.expect(this.saveSection(token, applicationId, section.criterion, { answers, evidenceRoute: route }), 200, `save ${section.criterion}`);
      const expected: { key: string; description: string }[] = saved.sections.find((s: { criterion: string }) => s.criterion === section.criterion).evidenceExpected;
      for (const item of expected) {
        const bytes = new TextEncoder().encode(`%PDF-1.4\n% ${section.title}: ${item.description}\n%%EOF\n`);
        await this.expect(
          this.upload(token, applicationId, { criterion: section.criterion, evidenceItem: item.key }, { name: `${item.key}.pdf`, type: 'application/pdf', bytes }),
          201,
          `evidence ${section.criterion}/${item.key}`,
        );
      }
    }
  }

  /** Every criterion of the type met at the validation visit (the built-in questionnaire). */
  static findingsAllMet(aeoType: 'C' | 'S' | 'F') {
    return criteriaFor(aeoType).map((c) => ({ criterion: c.code, result: 'met', note: 'seen on site and in the records' }));
  }

  /** Every criterion of the application's own questionnaire version met at the validation visit. */
  async findingsAllMetFor(token: string, applicationId: string) {
    const saq = await this.expect(this.get(token, `/applications/${applicationId}/saq`), 200, 'read the SAQ');
    return (saq.sections as { criterion: string }[]).map((s) => ({ criterion: s.criterion, result: 'met', note: 'seen on site and in the records' }));
  }

  /**
   * From a fresh draft to a grant, the path of DOMAIN.md: SAQ and evidence, submission,
   * acceptance, review, visit (by `officer`), proposal, grant (by `supervisor`). Returns the
   * application as granted (with authorisationId and certificateNumber).
   */
  async applyToGrant(
    tokens: { trader: string; officer: string; supervisor: string },
    operatorId: string,
    aeoType: 'C' | 'S' | 'F',
    route: EvidenceRoute = 'standard',
  ) {
    const draft = await this.expect(this.createDraft(tokens.trader, operatorId, aeoType), 201, 'create draft');
    await this.completeSaq(tokens.trader, draft.id, route);
    await this.expect(this.act(tokens.trader, draft.id, { action: 'submit' }), 201, 'submit');
    for (const step of [
      { action: 'accept' },
      { action: 'start_review' },
      { action: 'plan_visit', plannedFor: new Date(Date.now() + 86_400_000).toISOString() },
      { action: 'record_visit', findings: await this.findingsAllMetFor(tokens.officer, draft.id) },
      { action: 'propose_grant', reason: 'every criterion met at the validation visit' },
    ]) {
      await this.expect(this.act(tokens.officer, draft.id, step), 201, step.action);
    }
    return this.grantWhenAllowed(tokens.supervisor, draft.id);
  }

  /**
   * Grants, waiting (up to `waitMs`) while the refusal is only that conduct-compliance's status
   * has not arrived or still blocks: events travel, and a code just accepted takes a moment.
   */
  async grantWhenAllowed(supervisor: string, applicationId: string, waitMs = 20_000) {
    const until = Date.now() + waitMs;
    for (;;) {
      const r = await this.act(supervisor, applicationId, { action: 'grant', reason: 'all criteria met' });
      if (r.status === 201) return r.body;
      const waiting = r.body?.code === 'workflow.grant_blocked';
      if (!waiting || Date.now() > until) throw new Error(`grant: expected 201, got ${r.status} ${JSON.stringify(r.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
