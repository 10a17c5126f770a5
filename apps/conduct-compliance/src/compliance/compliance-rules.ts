import type { ConductComplianceConfig } from '../config/conduct-compliance.config';

/**
 * The compliance status of an operator with SAFE FoS 2025's conduct requirements, derived from
 * the facts this service holds with rules set per administration. Defaults (the issue): no
 * accepted code blocks a grant; coverage below 90% or an overdue declaration is a warning; a
 * critical incident without accepted measures proposes a suspension.
 */
export type RuleEffect = 'block' | 'warn' | 'off';

export interface ComplianceRules {
  noAcceptedCode: RuleEffect;
  coverageThreshold: number;
  lowCoverage: RuleEffect;
  overdueDeclaration: RuleEffect;
  criticalIncident: 'propose-suspension' | 'warn' | 'off';
}

export const DEFAULT_COMPLIANCE_RULES: ComplianceRules = {
  noAcceptedCode: 'block',
  coverageThreshold: 90,
  lowCoverage: 'warn',
  overdueDeclaration: 'warn',
  criticalIncident: 'propose-suspension',
};

export function rulesOf(config: ConductComplianceConfig): ComplianceRules {
  return {
    noAcceptedCode: config.RULE_NO_ACCEPTED_CODE,
    coverageThreshold: config.TRAINING_COVERAGE_THRESHOLD,
    lowCoverage: config.RULE_LOW_COVERAGE,
    overdueDeclaration: config.RULE_OVERDUE_DECLARATION,
    criticalIncident: config.RULE_CRITICAL_INCIDENT,
  };
}

export interface ComplianceFacts {
  acceptedCodeVersion: number | null;
  /** People in sensitive positions, and those of them with valid insider-threat training. */
  sensitive: number;
  trained: number;
  declarationDue: Date;
  now: Date;
  /** Critical incidents whose measures customs has not accepted, oldest first. */
  criticalIncidentsOpen: { id: string; description: string }[];
}

export type ComplianceState = 'compliant' | 'warning' | 'blocking';

/** The rules a status can rest on, each with its own words in a reader's language (the console's `complianceReason.*`). */
export const COMPLIANCE_REASONS = ['no-accepted-code', 'low-coverage', 'overdue-declaration', 'critical-incident'] as const;
export type ComplianceReasonRule = (typeof COMPLIANCE_REASONS)[number];

/** One reason a status is not compliant: the rule, its effect, and the figures it names. */
export interface ComplianceReason {
  rule: ComplianceReasonRule;
  effect: 'block' | 'warn';
  /** low-coverage: the coverage as shown (percent, one decimal) and the threshold. */
  coverage?: number;
  threshold?: number;
  /** overdue-declaration: the day the declaration was due (YYYY-MM-DD). */
  due?: string;
  /** critical-incident: the incident's description. */
  incident?: string;
}

/** A reason in words (English), as grantBlockedBecause and warnings carry it to the other services and the audit. */
export function reasonText(r: ComplianceReason): string {
  switch (r.rule) {
    case 'no-accepted-code':
      return 'no accepted Code of Conduct';
    case 'low-coverage':
      return `insider-threat training covers ${r.coverage}% of sensitive positions (below ${r.threshold}%)`;
    case 'overdue-declaration':
      return `the periodic declaration was due on ${r.due}`;
    case 'critical-incident':
      return `critical incident without accepted measures: ${r.incident}`;
  }
}

export interface DerivedStatus {
  status: ComplianceState;
  /** Why it is blocking or warning, rule by rule, blocks first. */
  reasons: ComplianceReason[];
  grantBlockedBecause: string[];
  warnings: string[];
  /** The critical incident the rules want a suspension for, if any. */
  suspensionFor: { id: string; description: string } | null;
  coverage: number | null;
  declarationOverdue: boolean;
}

/** Coverage in percent, one decimal; null when nobody holds a sensitive position. */
export function coverageOf(sensitive: number, trained: number): number | null {
  return sensitive === 0 ? null : Math.round((trained / sensitive) * 1000) / 10;
}

export function deriveStatus(f: ComplianceFacts, r: ComplianceRules): DerivedStatus {
  const found: ComplianceReason[] = [];
  const apply = (effect: RuleEffect, reason: Omit<ComplianceReason, 'effect'>) => {
    if (effect !== 'off') found.push({ ...reason, effect });
  };
  if (f.acceptedCodeVersion === null) apply(r.noAcceptedCode, { rule: 'no-accepted-code' });
  const coverage = coverageOf(f.sensitive, f.trained);
  // Judged on the coverage as shown (one decimal), so that the warning never says "90% (below 90%)".
  if (coverage !== null && coverage < r.coverageThreshold) apply(r.lowCoverage, { rule: 'low-coverage', coverage, threshold: r.coverageThreshold });
  const declarationOverdue = f.now > f.declarationDue;
  if (declarationOverdue) apply(r.overdueDeclaration, { rule: 'overdue-declaration', due: f.declarationDue.toISOString().slice(0, 10) });
  const critical = f.criticalIncidentsOpen[0] ?? null;
  // A critical incident warns (and, by the rule, proposes a suspension) unless the administration turned the rule off.
  if (critical && r.criticalIncident !== 'off') apply('warn', { rule: 'critical-incident', incident: critical.description });
  const reasons = [...found.filter((x) => x.effect === 'block'), ...found.filter((x) => x.effect === 'warn')];
  const blocked = reasons.filter((x) => x.effect === 'block').map(reasonText);
  const warnings = reasons.filter((x) => x.effect === 'warn').map(reasonText);
  const status: ComplianceState = blocked.length ? 'blocking' : warnings.length ? 'warning' : 'compliant';
  return {
    status,
    reasons,
    grantBlockedBecause: blocked,
    warnings,
    suspensionFor: r.criticalIncident === 'propose-suspension' ? critical : null,
    coverage,
    declarationOverdue,
  };
}

/** The next declaration is due an interval after the last one, or after the code was first accepted (or the operator registered). */
export function declarationDue(lastDeclaredAt: Date | null, since: Date, intervalMonths: number): Date {
  const d = new Date(lastDeclaredAt ?? since);
  d.setUTCMonth(d.getUTCMonth() + intervalMonths);
  return d;
}
