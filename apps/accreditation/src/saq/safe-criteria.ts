import type { AeoTypeCode } from '../applications/application.entity';

/**
 * The SAFE Framework of Standards criteria (Annex IV headings, SAFE FoS 2025), which are the
 * sections of the self-assessment questionnaire (DOMAIN.md, "Criteria"). An AEO type is a code
 * plus the criteria groups it covers: AEO-C the compliance group, AEO-S the security group,
 * AEO-F both; education (insider threat awareness) and the Code of Conduct apply to every type.
 *
 * The MSME route keeps the same criteria and questions and offers proportionate evidence.
 */
export type CriteriaGroup = 'compliance' | 'security' | 'all';

export interface EvidenceItem {
  key: string;
  description: string;
}

export interface SafeCriterion {
  code: string;
  title: string;
  group: CriteriaGroup;
  questions: { id: string; text: string }[];
  /** What counts as evidence, on the standard route and on the MSME route. */
  evidence: { standard: EvidenceItem[]; msme: EvidenceItem[] };
}

export const SAFE_CRITERIA: readonly SafeCriterion[] = [
  {
    code: 'customs-compliance',
    title: 'Demonstrated compliance with customs requirements',
    group: 'compliance',
    questions: [
      { id: 'infringements', text: 'List serious or repeated infringements of customs or tax rules in the last three years, and what you changed since.' },
      { id: 'responsible-person', text: 'Who is responsible for customs matters, and how do you make sure declarations are correct?' },
    ],
    evidence: {
      standard: [{ key: 'compliance-procedure', description: 'Written customs compliance procedure' }],
      msme: [{ key: 'compliance-statement', description: 'Signed statement of who handles customs matters and how declarations are checked' }],
    },
  },
  {
    code: 'commercial-records',
    title: 'Satisfactory system for managing commercial records',
    group: 'compliance',
    questions: [
      { id: 'records-system', text: 'Which accounting and logistics systems do you use, and how do they link goods to declarations?' },
      { id: 'retention', text: 'How long do you keep records, and how are they protected against loss?' },
    ],
    evidence: {
      standard: [{ key: 'records-audit', description: 'Audit trail description of the accounting and logistics systems' }],
      msme: [{ key: 'bookkeeping-sample', description: 'Sample of bookkeeping records linking one shipment to its declaration' }],
    },
  },
  {
    code: 'financial-viability',
    title: 'Financial viability',
    group: 'compliance',
    questions: [{ id: 'solvency', text: 'Are you able to meet your financial commitments? Describe any insolvency proceedings or payment arrears.' }],
    evidence: {
      standard: [{ key: 'audited-accounts', description: 'Audited annual accounts of the last three years' }],
      msme: [{ key: 'bank-letter', description: 'Letter from the bank or management accounts of the last year' }],
    },
  },
  {
    code: 'consultation-cooperation',
    title: 'Consultation, co-operation and communication',
    group: 'compliance',
    questions: [{ id: 'contact-point', text: 'Who is the contact point for customs, and how do you report irregularities to customs?' }],
    evidence: {
      standard: [{ key: 'communication-procedure', description: 'Procedure for consultation and reporting to customs' }],
      msme: [{ key: 'contact-declaration', description: 'Named contact person and how they report to customs' }],
    },
  },
  {
    code: 'education-training',
    title: 'Education, training and awareness (insider threat included)',
    group: 'all',
    questions: [
      { id: 'training-programme', text: 'How do you train personnel on customs and security requirements?' },
      { id: 'insider-threat', text: 'How do you make personnel aware of insider threats and internal conspirators?' },
    ],
    evidence: {
      standard: [{ key: 'training-plan', description: 'Training plan with insider-threat awareness and attendance records' }],
      msme: [{ key: 'training-record', description: 'Record of the awareness briefing given to staff (date, who attended)' }],
    },
  },
  {
    code: 'information-security',
    title: 'Information exchange, access and confidentiality',
    group: 'security',
    questions: [{ id: 'access-control', text: 'How do you control access to your systems and protect trade data?' }],
    evidence: {
      standard: [{ key: 'it-security-policy', description: 'Information security policy and access control description' }],
      msme: [{ key: 'it-measures', description: 'Short description of passwords, backups and who has access' }],
    },
  },
  {
    code: 'cargo-security',
    title: 'Cargo security',
    group: 'security',
    questions: [{ id: 'cargo-integrity', text: 'How do you protect cargo against tampering and unauthorised access (seals, checks)?' }],
    evidence: {
      standard: [{ key: 'cargo-procedure', description: 'Cargo security procedure (seals, inspections, records)' }],
      msme: [{ key: 'cargo-checklist', description: 'Checklist used when loading and receiving goods' }],
    },
  },
  {
    code: 'conveyance-security',
    title: 'Conveyance security',
    group: 'security',
    questions: [{ id: 'conveyance', text: 'How are conveyances inspected and protected, whether yours or your carriers\'?' }],
    evidence: {
      standard: [{ key: 'conveyance-procedure', description: 'Conveyance inspection procedure' }],
      msme: [{ key: 'carrier-agreement', description: 'Agreement or instructions given to the carrier' }],
    },
  },
  {
    code: 'premises-security',
    title: 'Premises security',
    group: 'security',
    questions: [{ id: 'premises', text: 'How are your premises secured (fences, locks, lighting, alarms, visitor control)?' }],
    evidence: {
      standard: [{ key: 'site-plan', description: 'Site plan with security measures' }],
      msme: [{ key: 'premises-photos', description: 'Photographs of entrances, locks and storage areas' }],
    },
  },
  {
    code: 'personnel-security',
    title: 'Personnel security',
    group: 'security',
    questions: [{ id: 'screening', text: 'How do you screen people for sensitive positions, and what happens when they leave?' }],
    evidence: {
      standard: [{ key: 'hr-procedure', description: 'Recruitment screening and exit procedure' }],
      msme: [{ key: 'sensitive-positions', description: 'List of sensitive positions and the checks made' }],
    },
  },
  {
    code: 'trading-partner-security',
    title: 'Trading partner security',
    group: 'security',
    questions: [{ id: 'partners', text: 'How do you make sure your trading partners meet security requirements?' }],
    evidence: {
      standard: [{ key: 'partner-assessment', description: 'Trading partner security assessment procedure' }],
      msme: [{ key: 'partner-declarations', description: 'Security declarations of the main trading partners' }],
    },
  },
  {
    code: 'crisis-management',
    title: 'Crisis management and incident recovery',
    group: 'security',
    questions: [{ id: 'continuity', text: 'How do you prepare for and recover from disruptions and security incidents?' }],
    evidence: {
      standard: [{ key: 'continuity-plan', description: 'Business continuity and incident recovery plan' }],
      msme: [{ key: 'incident-contacts', description: 'Who to call and what to do after an incident, one page' }],
    },
  },
  {
    code: 'measurement-improvement',
    title: 'Measurement, analysis and improvement',
    group: 'security',
    questions: [{ id: 'self-assessment', text: 'How often do you review your security measures, and what did the last review change?' }],
    evidence: {
      standard: [{ key: 'internal-audit', description: 'Internal audit report of the security measures' }],
      msme: [{ key: 'review-note', description: 'Note of the last review of the measures' }],
    },
  },
  {
    code: 'code-of-conduct',
    title: 'Code of Conduct (ethics)',
    group: 'all',
    questions: [{ id: 'code', text: 'Which Code of Conduct have you adopted, when, and how is it made known to personnel?' }],
    evidence: {
      standard: [{ key: 'code-document', description: 'The adopted Code of Conduct' }],
      msme: [{ key: 'code-document', description: 'The adopted Code of Conduct (a short code is enough)' }],
    },
  },
];

const GROUPS_OF_TYPE: Record<AeoTypeCode, CriteriaGroup[]> = {
  C: ['compliance', 'all'],
  S: ['security', 'all'],
  F: ['compliance', 'security', 'all'],
};

/** The SAQ sections that apply to an application for this AEO type. */
export function criteriaFor(aeoType: AeoTypeCode): SafeCriterion[] {
  return SAFE_CRITERIA.filter((c) => GROUPS_OF_TYPE[aeoType].includes(c.group));
}

export function criterion(code: string): SafeCriterion | undefined {
  return SAFE_CRITERIA.find((c) => c.code === code);
}

export type EvidenceRoute = 'standard' | 'msme';
