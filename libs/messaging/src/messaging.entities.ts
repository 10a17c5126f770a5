import { DeadLetter } from './dead-letter/dead-letter.entity';
import { HeldMessage } from './held/held-message.entity';
import { InboxMessage } from './inbox/inbox-message.entity';
import { AggregateSequence } from './outbox/aggregate-sequence.entity';
import { OutboxMessage } from './outbox/outbox-message.entity';

/** The messaging tables every service keeps in its own schema. */
export const MESSAGING_ENTITIES = [OutboxMessage, InboxMessage, AggregateSequence, HeldMessage, DeadLetter];
