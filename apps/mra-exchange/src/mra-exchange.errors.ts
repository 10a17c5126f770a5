import { domainErrors } from '@aeo/platform';

/** The refusals of mra-exchange, with their stable codes (`arrangement.not_found`...). */
export const ArrangementErrors = domainErrors('arrangement', {
  notFound: 'not_found',
  /** The arrangement as asked for cannot be recorded: each problem said. */
  invalid: 'invalid',
  notAParty: 'invalid',
  alreadyConfirmed: 'conflict',
  keyIdInUse: 'conflict',
  notAPartner: 'invalid',
});
