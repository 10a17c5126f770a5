import { loadConfig } from '@aeo/platform';
import { DEFAULT_RULES, rulesOf } from '../workflow/rules';
import { AccreditationConfig } from './accreditation.config';

describe('accreditation configuration: the rules an administration sets', () => {
  const base = { ADMINISTRATION: 'BW', DATABASE_URL: 'postgres://localhost/x', JWT_SECRET: 's'.repeat(32) };

  it('defaults to DOMAIN.md', () => {
    expect(loadConfig(AccreditationConfig, base)).toMatchObject({
      AUTHORISATION_VALIDITY_YEARS: 5,
      COMPLETENESS_DAYS: 30,
      DECISION_DAYS: 120,
      DECISION_EXTENSION_DAYS: 60,
      INFORMATION_EXTENSION_DAYS: 30,
      HEARING_DAYS: 30,
      APPEAL_DAYS: 30,
      CURE_DAYS: 30,
      CURE_EXTENSION_DAYS: 30,
      REAPPLICATION_BAR_YEARS: 3,
      EXPIRY_REMINDER_DAYS: [180, 90, 30],
      CERTIFICATE_NUMBER_FORMAT: '{adm}AEO{type}{serial:7}',
    });
  });

  it('reads lists and numbers from the environment', () => {
    const config = loadConfig(AccreditationConfig, {
      ...base,
      DECISION_DAYS: '90',
      EXPIRY_REMINDER_DAYS: '60, 14',
      EVIDENCE_CONTENT_TYPES: 'application/pdf,image/png',
      CERTIFICATE_NUMBER_FORMAT: 'BW-{type}-{serial:5}',
    });
    expect(config).toMatchObject({ DECISION_DAYS: 90, EXPIRY_REMINDER_DAYS: [60, 14], EVIDENCE_CONTENT_TYPES: ['application/pdf', 'image/png'] });
  });

  it('refuses what it cannot use, naming the variable', () => {
    expect(() => loadConfig(AccreditationConfig, { ...base, EXPIRY_REMINDER_DAYS: 'soon' })).toThrow(/EXPIRY_REMINDER_DAYS/);
    expect(() => loadConfig(AccreditationConfig, { ...base, HEARING_DAYS: '0' })).toThrow(/HEARING_DAYS/);
    expect(() => loadConfig(AccreditationConfig, { ...base, EVIDENCE_CONTENT_TYPES: 'application/x-msdownload' })).toThrow(/EVIDENCE_CONTENT_TYPES/);
    expect(() => loadConfig(AccreditationConfig, { ...base, CERTIFICATE_NUMBER_FORMAT: '{adm}-{type}' })).toThrow(/CERTIFICATE_NUMBER_FORMAT must hold \{serial\}/);
  });

  it('gives the life cycle the rules the administration set, and DOMAIN.md\'s when it set none', () => {
    expect(rulesOf(loadConfig(AccreditationConfig, base))).toEqual(DEFAULT_RULES);
    const set = {
      COMPLETENESS_DAYS: '20', DECISION_DAYS: '90', DECISION_EXTENSION_DAYS: '45', INFORMATION_EXTENSION_DAYS: '15', HEARING_DAYS: '21',
      APPEAL_DAYS: '28', CURE_DAYS: '14', CURE_EXTENSION_DAYS: '7', AUTHORISATION_VALIDITY_YEARS: '3', RENEWAL_WINDOW_DAYS: '120', REAPPLICATION_BAR_YEARS: '2',
    };
    expect(rulesOf(loadConfig(AccreditationConfig, { ...base, ...set }))).toEqual({
      completenessDays: 20, decisionDays: 90, decisionExtensionDays: 45, informationExtensionDays: 15, hearingDays: 21, appealDays: 28,
      cureDays: 14, cureExtensionDays: 7, validityYears: 3, renewalWindowDays: 120, reapplicationBarYears: 2,
    });
  });
});
