import { domainErrors } from '@aeo/platform';

/** The refusals of operator-registry, with their stable codes (`operator.not_found`...). */
export const OperatorErrors = domainErrors('operator', {
  notFound: 'not_found',
  notYours: 'forbidden',
  invalidIdentifiers: 'invalid',
  identifierInUse: 'conflict',
  nothingChanged: 'invalid',
  invalidRepresentation: 'invalid',
  alreadyRevoked: 'conflict',
});
