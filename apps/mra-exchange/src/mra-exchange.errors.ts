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

/** The refusals of the partner feed and of partners' batch files. */
export const PartnerFeedErrors = domainErrors('partner_feed', {
  /** No assertion, or one that does not verify with a key of an active MRA partner. */
  unauthenticated: 'unauthenticated',
  /** A batch file that cannot be taken: each problem said. */
  invalidBatch: 'invalid',
  notAPartner: 'forbidden',
  /** A consistency proof asked between sizes the log does not have. */
  invalidRange: 'invalid',
});
