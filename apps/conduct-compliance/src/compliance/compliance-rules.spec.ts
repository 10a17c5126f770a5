import { declarationDue, DEFAULT_COMPLIANCE_RULES, deriveStatus, rulesOf } from './compliance-rules';

const now = new Date('2027-03-01T00:00:00Z');
const good = { acceptedCodeVersion: 1, sensitive: 10, trained: 10, declarationDue: new Date('2027-06-01T00:00:00Z'), now, criticalIncidentsOpen: [] };

describe('compliance rules', () => {
  it('is compliant with an accepted code, full coverage, a declaration not yet due and no critical incident', () => {
    expect(deriveStatus(good, DEFAULT_COMPLIANCE_RULES)).toMatchObject({ status: 'compliant', grantBlockedBecause: [], warnings: [], suspensionFor: null, coverage: 100 });
  });

  it('blocks a grant without an accepted code, by default', () => {
    expect(deriveStatus({ ...good, acceptedCodeVersion: null }, DEFAULT_COMPLIANCE_RULES)).toMatchObject({
      status: 'blocking',
      grantBlockedBecause: ['no accepted Code of Conduct'],
    });
    expect(deriveStatus({ ...good, acceptedCodeVersion: null }, { ...DEFAULT_COMPLIANCE_RULES, noAcceptedCode: 'warn' })).toMatchObject({
      status: 'warning',
      grantBlockedBecause: [],
      warnings: ['no accepted Code of Conduct'],
    });
  });

  it('warns below 90% coverage (89.9% is below) and when the declaration is overdue', () => {
    const low = deriveStatus({ ...good, sensitive: 1000, trained: 899 }, DEFAULT_COMPLIANCE_RULES);
    expect(low).toMatchObject({ status: 'warning', coverage: 89.9 });
    expect(low.warnings[0]).toMatch(/covers 89.9% of sensitive positions \(below 90%\)/);
    expect(deriveStatus({ ...good, sensitive: 10, trained: 9 }, DEFAULT_COMPLIANCE_RULES).status).toBe('compliant');
    const late = deriveStatus({ ...good, declarationDue: new Date('2027-02-28T00:00:00Z') }, DEFAULT_COMPLIANCE_RULES);
    expect(late).toMatchObject({ status: 'warning', declarationOverdue: true, warnings: ['the periodic declaration was due on 2027-02-28'] });
    expect(deriveStatus({ ...good, sensitive: 0, trained: 0 }, DEFAULT_COMPLIANCE_RULES)).toMatchObject({ coverage: null, status: 'compliant', warnings: [] });
    // 89.99% shows as 90%: not below a threshold of 90%.
    expect(deriveStatus({ ...good, sensitive: 10000, trained: 8999 }, DEFAULT_COMPLIANCE_RULES)).toMatchObject({ coverage: 90, status: 'compliant' });
  });

  it('gives each reason by rule, blocks first, with the figures it names, and the same in words', () => {
    const all = deriveStatus(
      { ...good, acceptedCodeVersion: null, sensitive: 1000, trained: 899, declarationDue: new Date('2027-02-28T00:00:00Z'), criticalIncidentsOpen: [{ id: 'i-1', description: 'seal tampered' }] },
      { ...DEFAULT_COMPLIANCE_RULES, lowCoverage: 'block' },
    );
    expect(all.reasons).toEqual([
      { rule: 'no-accepted-code', effect: 'block' },
      { rule: 'low-coverage', effect: 'block', coverage: 89.9, threshold: 90 },
      { rule: 'overdue-declaration', effect: 'warn', due: '2027-02-28' },
      { rule: 'critical-incident', effect: 'warn', incident: 'seal tampered' },
    ]);
    expect(all.grantBlockedBecause).toEqual(['no accepted Code of Conduct', 'insider-threat training covers 89.9% of sensitive positions (below 90%)']);
    expect(all.warnings).toEqual(['the periodic declaration was due on 2027-02-28', 'critical incident without accepted measures: seal tampered']);
    expect(deriveStatus({ ...good, acceptedCodeVersion: null }, { ...DEFAULT_COMPLIANCE_RULES, noAcceptedCode: 'off' }).reasons).toEqual([]);
  });

  it('proposes a suspension for a critical incident without accepted measures, unless the administration says otherwise', () => {
    const incident = { id: 'i-1', description: 'container seal tampered by staff' };
    expect(deriveStatus({ ...good, criticalIncidentsOpen: [incident] }, DEFAULT_COMPLIANCE_RULES)).toMatchObject({
      status: 'warning',
      suspensionFor: incident,
      warnings: ['critical incident without accepted measures: container seal tampered by staff'],
    });
    expect(deriveStatus({ ...good, criticalIncidentsOpen: [incident] }, { ...DEFAULT_COMPLIANCE_RULES, criticalIncident: 'off' })).toMatchObject({
      status: 'compliant',
      suspensionFor: null,
    });
  });

  it('counts a declaration overdue only after the moment it was due', () => {
    expect(deriveStatus({ ...good, declarationDue: now }, DEFAULT_COMPLIANCE_RULES)).toMatchObject({ declarationOverdue: false, status: 'compliant' });
    expect(deriveStatus({ ...good, declarationDue: new Date(now.getTime() - 1) }, DEFAULT_COMPLIANCE_RULES).declarationOverdue).toBe(true);
  });

  it('applies each rule as the administration sets it: block, warn or off', () => {
    const late = { ...good, declarationDue: new Date('2027-02-28T00:00:00Z') };
    expect(deriveStatus(late, { ...DEFAULT_COMPLIANCE_RULES, overdueDeclaration: 'block' })).toMatchObject({
      status: 'blocking',
      grantBlockedBecause: ['the periodic declaration was due on 2027-02-28'],
      warnings: [],
    });
    expect(deriveStatus(late, { ...DEFAULT_COMPLIANCE_RULES, overdueDeclaration: 'off' })).toMatchObject({ status: 'compliant', warnings: [], declarationOverdue: true });
    expect(deriveStatus({ ...good, trained: 5 }, { ...DEFAULT_COMPLIANCE_RULES, lowCoverage: 'off' }).status).toBe('compliant');
  });

  it('puts the next declaration an interval after the last one', () => {
    expect(declarationDue(new Date('2026-05-31T00:00:00Z'), new Date('2020-01-01T00:00:00Z'), 12).toISOString()).toBe('2027-05-31T00:00:00.000Z');
    expect(declarationDue(null, new Date('2026-01-15T00:00:00Z'), 6).toISOString()).toBe('2026-07-15T00:00:00.000Z');
  });
});

describe('the rules an administration sets', () => {
  it('come from its configuration', () => {
    const config = {
      RULE_NO_ACCEPTED_CODE: 'warn',
      TRAINING_COVERAGE_THRESHOLD: 75,
      RULE_LOW_COVERAGE: 'block',
      RULE_OVERDUE_DECLARATION: 'off',
      RULE_CRITICAL_INCIDENT: 'warn',
    } as unknown as Parameters<typeof rulesOf>[0];
    expect(rulesOf(config)).toEqual({ noAcceptedCode: 'warn', coverageThreshold: 75, lowCoverage: 'block', overdueDeclaration: 'off', criticalIncident: 'warn' });
  });
});
