import { domainErrors } from '@aeo/platform';

/** The refusals of notifications, with their stable codes (`notice.not_found`...). */
export const NoticeErrors = domainErrors('notice', { notFound: 'not_found', notDeliverable: 'conflict' });
export const PreferenceErrors = domainErrors('preferences', { invalid: 'invalid' });
