import 'reflect-metadata';
import { create } from '@bufbuild/protobuf';
import { ConsentChanged, ConsentChangedSchema, Events, Headers } from '@aeo/contracts';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { PermanentMessageError, sealEnvelope } from '../envelope';
import { TopicNames } from '../topic-names';
import { DeliveredMessage, EventTransport, TransportMessage } from '../transport/event-transport';
import { encodeEnvelope, EventConsumerServer, InboundEvent, InboxContext, onEvent } from './event-consumer.server';

/** A transport that keeps what is published (dead letters) in memory; messages are handed to the server directly. */
class InMemoryTransport implements EventTransport {
  readonly kind = 'embedded' as const;
  readonly published: TransportMessage[] = [];
  async connect() {
    // nothing to connect to
  }
  async ensureTopics() {
    // topics exist in memory
  }
  async publish(messages: TransportMessage[]) {
    this.published.push(...messages);
  }
  async subscribe(): Promise<never> {
    throw new Error('not used: the tests deliver messages themselves');
  }
  async ping() {
    // always up
  }
  async close() {
    // nothing to close
  }
}

/**
 * The inbox as the server's SQL uses it, in memory, with transactions that roll back: enough of
 * a DataSource for the consumer's own rules (retry, batch fallback, classification, idempotence).
 */
function inMemoryInbox() {
  const handled = new Set<string>();
  /** The dead letters kept in the table, as (kind, reason). */
  const stored: { kind: string; reason: string }[] = [];
  const dataSource = {
    query: async (sql: string, params: unknown[]) => {
      if (!/^INSERT INTO dead_letter/.test(sql.trim())) throw new Error(`unexpected SQL in this test: ${sql}`);
      stored.push({ kind: String(params[8]), reason: String(params[9]) });
      return [];
    },
    transaction: async <T>(work: (manager: unknown) => Promise<T>): Promise<T> => {
      const added: string[] = [];
      const manager = {
        query: async (sql: string, params: unknown[]) => {
          if (!/^INSERT INTO inbox/.test(sql.trim())) throw new Error(`unexpected SQL in this test: ${sql}`);
          const ids = (Array.isArray(params[1]) ? params[1] : [params[1]]) as string[];
          const fresh = ids.filter((id) => !handled.has(id) && !added.includes(id));
          added.push(...fresh);
          fresh.forEach((id) => handled.add(id));
          return fresh.map((message_id) => ({ message_id }));
        },
      };
      try {
        return await work(manager);
      } catch (e) {
        added.forEach((id) => handled.delete(id));
        throw e;
      }
    },
  };
  return { dataSource: dataSource as unknown as DataSource, handled, stored };
}

const topics = new TopicNames('unit');
const topic = topics.of(Events.consentChanged);
let offset = 0;

function message(operatorId: string = randomUUID(), messageId?: string): DeliveredMessage {
  const envelope = sealEnvelope(ConsentChangedSchema, create(ConsentChangedSchema, { operatorId, shareWithPartners: true }), {
    administration: 'ZA',
    aggregateId: operatorId,
    sequence: 1n,
    occurredAt: new Date(),
  });
  if (messageId) envelope.messageId = messageId;
  return { topic, partition: 0, offset: String(offset++), key: operatorId, value: encodeEnvelope(envelope), headers: {} };
}

function consumer(handle: (events: InboundEvent<ConsentChanged>[], ctx: InboxContext) => Promise<void>, options: { batch?: boolean } = {}) {
  const transport = new InMemoryTransport();
  const { dataSource, handled, stored } = inMemoryInbox();
  const server = new EventConsumerServer({
    consumer: 'unit',
    dataSource,
    transport,
    topics,
    logger: pino({ level: 'silent' }),
    maxAttempts: 3,
    retryPolicy: { initialMs: 1, factor: 1, maxMs: 1 },
  });
  const [pattern, extras] = onEvent(Events.consentChanged, { batch: options.batch });
  server.addHandler(
    pattern,
    (payload: InboundEvent<ConsentChanged> | InboundEvent<ConsentChanged>[], ctx: InboxContext) =>
      handle(Array.isArray(payload) ? payload : [payload], ctx),
    true,
    extras,
  );
  const routes = new Map([[topic, pattern]]);
  const deadLetters = () => transport.published.map((m) => `${m.headers[Headers.deadLetterReason]}`);
  return { server, pattern, routes, deadLetters, handled, stored };
}

const infrastructureError = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe('the event consumer', () => {
  it('tries a failing handler again and applies its effect once', async () => {
    let calls = 0;
    const effects: string[] = [];
    const c = consumer(async ([event]) => {
      if (++calls < 3) throw new Error('deadlock, maybe');
      effects.push(event.message.operatorId);
    });
    const m = message();
    await c.server.deliver(m, c.pattern);
    await c.server.deliver(m, c.pattern); // delivered again by the broker
    expect(calls).toBe(3);
    expect(effects).toHaveLength(1);
    expect(c.deadLetters()).toEqual([]);
  });

  it('dead-letters a message whose handler keeps failing, saying how often and why', async () => {
    const c = consumer(async () => {
      throw new Error('a bug');
    });
    const m = message();
    await c.server.deliver(m, c.pattern);
    expect(c.deadLetters()).toEqual(['handler failed 3 times: a bug']);
    expect(c.handled.size).toBe(0); // not marked handled: nothing was done
  });

  it('never dead-letters for a database or network error: it passes, so it is tried until it works', async () => {
    let calls = 0;
    const c = consumer(async () => {
      if (++calls < 8) throw infrastructureError();
    });
    await c.server.deliver(message(), c.pattern);
    expect(calls).toBe(8); // past maxAttempts (3)
    expect(c.deadLetters()).toEqual([]);
  });

  it('dead-letters at once a message that can never be handled, and one that cannot be read or fails validation', async () => {
    let calls = 0;
    const c = consumer(async () => {
      calls++;
      throw new PermanentMessageError('no such operator');
    });
    await c.server.deliver(message(), c.pattern);
    expect(calls).toBe(1);
    await c.server.deliver({ ...message(), value: Buffer.from('not protobuf at all') }, c.pattern);
    await c.server.deliver(message('not-a-uuid'), c.pattern);
    expect(c.deadLetters()).toEqual([
      'no such operator',
      expect.stringMatching(/^undecodable envelope/),
      expect.stringMatching(/^invalid aeo\.operator_registry\.v1\.ConsentChanged: operator_id: must be a valid UUID$/),
    ]);
    expect(calls).toBe(1);
    // Each kept in the table too, for staff to re-drive or discard, with the kind counted in the metrics.
    expect(c.stored.map((d) => d.kind)).toEqual(['refused', 'invalid_message', 'invalid_message']);
    expect(c.stored[0].reason).toBe('no such operator');
  });

  it('handles a batch in one go, and when the batch fails, each message alone: one bad message costs only time', async () => {
    const seen: number[] = [];
    const effects: string[] = [];
    const bad = randomUUID();
    const c = consumer(
      async (events) => {
        seen.push(events.length);
        if (events.some((e) => e.message.operatorId === bad)) throw new PermanentMessageError(`operator ${bad} is refused`);
        effects.push(...events.map((e) => e.message.operatorId));
      },
      { batch: true },
    );
    const good = [message(), message()];
    await c.server.deliverBatch([good[0], message(bad), good[1]], c.routes);
    expect(seen).toEqual([3, 1, 1, 1]); // the batch, then one by one
    expect(effects).toHaveLength(2);
    expect(c.deadLetters()).toEqual([`operator ${bad} is refused`]);

    const duplicate = message(undefined, randomUUID());
    await c.server.deliverBatch([duplicate, duplicate, message()], c.routes);
    expect(seen.at(-1)).toBe(2); // the same message id twice in a batch has one effect
  });
});
