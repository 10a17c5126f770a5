import { domainErrors } from '@aeo/platform';

/** The refusals of conduct-compliance, with their stable codes (`code_of_conduct.not_found`...). */
export const CodeOfConductErrors = domainErrors('code_of_conduct', {
  notFound: 'not_found',
  invalid: 'invalid',
  notSubmitted: 'conflict',
  noneAccepted: 'conflict',
});

export const IncidentErrors = domainErrors('incident', { notFound: 'not_found', invalid: 'invalid' });

export const PersonnelErrors = domainErrors('personnel', {
  notFound: 'not_found',
  invalid: 'invalid',
  customsRegisterBySupervisors: 'forbidden',
  ownRegisterOnly: 'forbidden',
});

export const OperatorErrors = domainErrors('operator', { notKnown: 'not_found', notYours: 'forbidden', readOnly: 'forbidden' });
