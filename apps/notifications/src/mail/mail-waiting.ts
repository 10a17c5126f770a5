/** Set on a transaction that left a mail to send: the dispatcher runs as soon as it commits. */
export const MAIL_WAITING = 'aeo:mail-waiting';
