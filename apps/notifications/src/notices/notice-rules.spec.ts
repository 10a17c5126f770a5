import { applicationStepNotices, authorisationNotices, ComplianceChange, complianceNotices, deadlineNotices, NOTICE_KINDS, NoticeKind } from './notice-rules';
import { LANGUAGES, noticeText } from './notice-texts';

const step = (action: string, extra: Partial<Parameters<typeof applicationStepNotices>[0]> = {}) =>
  applicationStepNotices({ applicationId: 'a1', operatorId: 'o1', aeoType: 'S', action, to: 'x', reason: '', decisionDue: null, respondBy: null, ...extra });

describe('notice rules', () => {
  it('tells the trader what to do after the steps that ask something of them, with the date', () => {
    const respondBy = new Date('2027-01-15T00:00:00Z');
    expect(step('propose_rejection', { respondBy })).toEqual([expect.objectContaining({ kind: 'hearing_opened', to: ['trader'], due: respondBy })]);
    expect(step('reject', { respondBy })).toEqual([expect.objectContaining({ kind: 'application_rejected', to: ['trader'], due: respondBy })]);
    expect(step('return_incomplete').map((d) => [d.kind, d.to])).toEqual([['application_returned', ['trader']]]);
    expect(step('request_information').map((d) => d.kind)).toEqual(['information_requested']);
  });

  it('gives a submission a receipt for the trader and work for the supervisors', () => {
    expect(step('submit').map((d) => [d.kind, d.to, d.toActor ?? false])).toEqual([
      ['application_received', ['trader'], true],
      ['application_to_check', ['supervisors'], false],
    ]);
  });

  it('makes no notice of steps nobody must act on, nor of a grant (its authorisation tells it)', () => {
    for (const action of ['start_review', 'record_visit', 'grant', 'extend_for_information', 'something_new']) expect(step(action)).toEqual([]);
  });

  it("sends the officers' deadlines to the assignee (and a missed one to the supervisors), the trader's to the trader", () => {
    const d = (deadline: string, notice: string) => deadlineNotices({ subjectType: 'application', subjectId: 'a1', operatorId: 'o1', deadline, notice, due: new Date('2027-01-01T00:00:00Z') });
    expect(d('decision', 'approaching')[0].to).toEqual(['assignee']);
    expect(d('completeness', 'missed')[0]).toMatchObject({ kind: 'deadline_missed', to: ['assignee', 'supervisors'], due: null });
    expect(d('hearing', 'approaching')[0]).toMatchObject({ kind: 'deadline_approaching', to: ['trader'] });
    expect(d('hearing', 'missed')[0].to).toEqual(['assignee']);
    expect(d('validity', 'reminder')[0].to).toEqual(['trader']);
    expect(d('validity', 'missed')).toEqual([]); // the expiry itself is told by the authorisation
    expect(d('appeal', 'missed')).toEqual([]);
  });

  it('tells the holder what changed in its authorisation', () => {
    const now = { authorisationId: 'z1', operatorId: 'o1', certificateNumber: 'ZA-1', status: 'valid', aeoType: 'C', validTo: new Date('2029-01-01'), reason: '' };
    const kinds = (before: Parameters<typeof authorisationNotices>[0], change: Partial<typeof now> = {}) => authorisationNotices(before, { ...now, ...change }).map((d) => d.kind);
    expect(kinds(null)).toEqual(['authorisation_granted']);
    expect(kinds({ status: 'valid', aeoType: 'C', validTo: now.validTo }, { status: 'suspended' })).toEqual(['authorisation_suspended']);
    expect(kinds({ status: 'suspended', aeoType: 'C', validTo: now.validTo })).toEqual(['authorisation_reinstated']);
    expect(kinds({ status: 'valid', aeoType: 'C', validTo: now.validTo }, { aeoType: 'F', validTo: new Date('2032-01-01') })).toEqual(['authorisation_type_changed', 'authorisation_renewed']);
    expect(kinds({ status: 'valid', aeoType: 'C', validTo: now.validTo })).toEqual([]);
    expect(kinds(null, { status: 'unheard-of' })).toEqual([]); // a status this service does not know makes no notice
    expect(kinds({ status: 'valid', aeoType: 'C', validTo: now.validTo }, { status: '' })).toEqual([]);
  });

  it('tells the trader of a change of compliance state only, and the supervisors of each new proposed suspension', () => {
    const change = { operatorId: 'o1', state: 'blocking', grantBlockedBecause: ['no code'], warnings: [], suspensionProposed: false, suspensionGrounds: '', incidentId: '', reasons: [] };
    expect(complianceNotices({ state: null, suspensionIncident: null }, change).map((d) => d.kind)).toEqual(['compliance_blocking']);
    expect(complianceNotices({ state: 'blocking', suspensionIncident: null }, change)).toEqual([]);
    expect(complianceNotices({ state: 'blocking', suspensionIncident: null }, { ...change, state: 'compliant' }).map((d) => d.kind)).toEqual(['compliance_restored']);
    expect(complianceNotices({ state: null, suspensionIncident: null }, { ...change, state: 'compliant' })).toEqual([]);
    const proposed = { ...change, suspensionProposed: true, incidentId: 'i1' };
    expect(complianceNotices({ state: 'blocking', suspensionIncident: null }, proposed).map((d) => [d.kind, d.to])).toEqual([['suspension_proposed', ['supervisors']]]);
    expect(complianceNotices({ state: 'blocking', suspensionIncident: 'i1' }, proposed)).toEqual([]);
  });

  it('words every kind in every language, with its facts and dates', () => {
    const facts = { legalName: 'Maluti Traders', aeoType: 'S', certificateNumber: 'ZA-1', validTo: '2029-11-29T00:00:00.000Z', decisionDue: '2027-03-01T00:00:00.000Z', dueDate: '2027-03-01T00:00:00.000Z', deadline: 'decision', reason: 'r', reasons: ['a', 'b'], stage: 'accepted' };
    for (const language of LANGUAGES) {
      for (const kind of Object.keys(NOTICE_KINDS) as NoticeKind[]) {
        const text = noticeText(kind, facts, language);
        expect(text.title).toContain('Maluti Traders');
        expect(text.body.length).toBeGreaterThan(10);
        expect(text.body).not.toMatch(/undefined|NaN|Invalid Date/);
      }
    }
    expect(noticeText('authorisation_granted', facts, 'fr').body).toContain("valable jusqu'au 29 novembre 2029");
    expect(noticeText('authorisation_granted', facts, 'en').body).toContain('valid until 29 November 2029');
  });
});

describe("compliance notices in the reader's language", () => {
  const reason = (rule: string, effect: string, more: Partial<ComplianceChange['reasons'][number]> = {}) => ({ rule, effect, coverage: 0, threshold: 0, due: '', incident: '', ...more });
  const change: ComplianceChange = {
    operatorId: 'o1',
    state: 'blocking',
    grantBlockedBecause: ['no accepted Code of Conduct', 'insider-threat training covers 81.8% of sensitive positions (below 90%)'],
    warnings: ['the periodic declaration was due on 2027-02-28', 'a rule of later: its words'],
    suspensionProposed: false,
    suspensionGrounds: '',
    incidentId: '',
    reasons: [reason('no-accepted-code', 'block'), reason('low-coverage', 'block', { coverage: 81.8, threshold: 90 }), reason('overdue-declaration', 'warn', { due: '2027-02-28' }), reason('later-rule', 'warn')],
  };

  it('words each reason by its rule, and a rule it does not know by the English that came with it', () => {
    const [blocking] = complianceNotices({ state: null, suspensionIncident: null }, change);
    const facts = { ...blocking.facts, legalName: 'Karoo Freight' };
    expect(noticeText('compliance_blocking', facts, 'fr').body).toBe(
      "Le statut OEA ne peut être accordé tant que : aucun code de conduite n'est accepté ; la formation aux menaces internes couvre 81,8\u00a0% des postes sensibles (moins de 90\u00a0%)",
    );
    expect(noticeText('compliance_blocking', facts, 'en').body).toBe(`AEO status cannot be granted while: ${change.grantBlockedBecause.join('; ')}`);
    expect(noticeText('compliance_warning', facts, 'fr').body).toBe('La douane relève : la déclaration périodique était due le 28 février 2027 ; a rule of later: its words');
    // In English too by the rule (its date as a reader writes it), not the words that came.
    expect(noticeText('compliance_warning', facts, 'en').body).toBe('Customs sees: the periodic declaration was due on 28 February 2027; a rule of later: its words');
  });

  it("words a proposed suspension's grounds by the incident the event named", () => {
    const incident = { ...change, state: 'warning', grantBlockedBecause: [], warnings: ['critical incident without accepted measures: seals sold'], suspensionProposed: true, incidentId: 'i1',
      suspensionGrounds: 'critical incident without accepted measures: seals sold', reasons: [reason('critical-incident', 'warn', { incident: 'seals sold' })] };
    const [, proposed] = complianceNotices({ state: null, suspensionIncident: null }, incident);
    expect(proposed.kind).toBe('suspension_proposed');
    const facts = { ...proposed.facts, legalName: 'Karoo Freight' };
    expect(noticeText('suspension_proposed', facts, 'fr').body).toBe("Un incident critique chez Karoo Freight n'a pas de mesures acceptées. Motifs : incident critique sans mesures acceptées : seals sold");
    expect(noticeText('suspension_proposed', facts, 'en').body).toBe('A critical incident at Karoo Freight has no accepted measures. Grounds: critical incident without accepted measures: seals sold');
  });

  it('keeps the English words of a producer of before, which sent no rules', () => {
    const [blocking] = complianceNotices({ state: null, suspensionIncident: null }, { ...change, reasons: [] });
    expect(blocking.facts).not.toHaveProperty('blockedBy');
    expect(noticeText('compliance_blocking', { ...blocking.facts, legalName: 'Karoo Freight' }, 'fr').body).toBe(
      `Le statut OEA ne peut être accordé tant que : ${change.grantBlockedBecause.join(' ; ')}`,
    );
  });
});
