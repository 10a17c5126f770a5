import { DomainError, domainErrors } from '@aeo/platform';
import type { Refusal } from './workflow/state-machine';

/**
 * The refusals of accreditation, with their stable codes. A step the state machine refuses
 * carries its own code (`workflow.grant_blocked`, `workflow.four_eyes_visit`...: the life cycles,
 * workflow/application-lifecycle.ts and authorisation-lifecycle.ts, and their engine).
 */
export const ApplicationErrors = domainErrors('application', {
  notFound: 'not_found',
  notYours: 'forbidden',
  reapplicationBarred: 'conflict',
  alreadyOpen: 'conflict',
  notEditable: 'conflict',
  notInQueue: 'conflict',
  noSuchSection: 'not_found',
  invalidAnswers: 'invalid',
  invalidStep: 'invalid',
  unknownAeoType: 'invalid',
});

export const SaqErrors = domainErrors('saq', { unknownVersion: 'not_found' });

export const AuthorisationErrors = domainErrors('authorisation', { notFound: 'not_found', notInForce: 'conflict' });

export const OperatorErrors = domainErrors('operator', { notKnown: 'not_found', notYours: 'forbidden' });

export const EvidenceErrors = domainErrors('evidence', {
  notFound: 'not_found',
  fileMissing: 'invalid',
  tooLarge: 'too_large',
  typeNotAccepted: 'invalid',
  contentMismatch: 'invalid',
  unknownCriterion: 'invalid',
  unknownItem: 'invalid',
});

/** A step the state machine refused, as an error. */
export function refusalError(refusal: Refusal): DomainError {
  return new DomainError(refusal.code, refusal.kind, refusal.message);
}

export const CredentialErrors = domainErrors('credential', { none: 'conflict', notIssuing: 'conflict', invalid: 'invalid' });
