export { NOTIFICATIONS } from './service';
export { NOTIFICATIONS_DATABASE } from './database';
export { MailDispatcher } from './mail/mail-dispatcher';
export { BounceReceiver } from './mail/bounce-receiver';
