import { AccreditationConfig } from '../config/accreditation.config';

/** The deadlines of the life cycle, in days (years for validity and the reapplication bar). */
export interface WorkflowRules {
  completenessDays: number;
  decisionDays: number;
  decisionExtensionDays: number;
  informationExtensionDays: number;
  hearingDays: number;
  appealDays: number;
  cureDays: number;
  cureExtensionDays: number;
  validityYears: number;
  /** Days before the end of validity from which a renewal may be decided. */
  renewalWindowDays: number;
  reapplicationBarYears: number;
}

/** DOMAIN.md's defaults (EU and SARS practice). */
export const DEFAULT_RULES: WorkflowRules = {
  completenessDays: 30,
  decisionDays: 120,
  decisionExtensionDays: 60,
  informationExtensionDays: 30,
  hearingDays: 30,
  appealDays: 30,
  cureDays: 30,
  cureExtensionDays: 30,
  validityYears: 5,
  renewalWindowDays: 180,
  reapplicationBarYears: 3,
};

export function rulesOf(config: AccreditationConfig): WorkflowRules {
  return {
    completenessDays: config.COMPLETENESS_DAYS,
    decisionDays: config.DECISION_DAYS,
    decisionExtensionDays: config.DECISION_EXTENSION_DAYS,
    informationExtensionDays: config.INFORMATION_EXTENSION_DAYS,
    hearingDays: config.HEARING_DAYS,
    appealDays: config.APPEAL_DAYS,
    cureDays: config.CURE_DAYS,
    cureExtensionDays: config.CURE_EXTENSION_DAYS,
    validityYears: config.AUTHORISATION_VALIDITY_YEARS,
    renewalWindowDays: config.RENEWAL_WINDOW_DAYS,
    reapplicationBarYears: config.REAPPLICATION_BAR_YEARS,
  };
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export function addYears(date: Date, years: number): Date {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}
