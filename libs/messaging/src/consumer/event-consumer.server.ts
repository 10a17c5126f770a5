import { randomUUID } from 'node:crypto';
import { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { Envelope, EnvelopeSchema, EventDefinition, Headers } from '@aeo/contracts';
import { DomainError, LogContext, logContext, parseTraceparent, ServiceMetrics, spanFrom, SpanExport, updateReturning, withLogContext } from '@aeo/platform';
import { toBinary } from '@bufbuild/protobuf';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { Logger } from 'pino';
import { lastValueFrom, isObservable } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { openEnvelope, openPayload, PermanentMessageError } from '../envelope';
import { assertContractRules } from './contract-rules';
import { retry, RETRY_POLICIES, RetryPolicy } from '../retry/retry-policy';
import { TopicNames } from '../topic-names';
import { DeliveredMessage, EventTransport, Subscription } from '../transport/event-transport';

/** What a handler receives: the checked envelope and its decoded, validated payload. */
export interface InboundEvent<T> {
  envelope: Envelope;
  message: T;
  topic: string;
}

/** The handler's context: the transaction that also records the message in the inbox. */
export class InboxContext {
  constructor(
    readonly manager: EntityManager,
    private readonly consumer = '',
    private readonly delivered = new Map<string, DeliveredMessage>(),
    private readonly contexts = new Map<string, LogContext>(),
  ) {}

  /**
   * The log and trace context of a message's handling (its consumer span, a child of its sender's).
   * A batch handler's messages share one transaction and no context of their own: what it writes
   * for one of them carries that one's (OutboxEntry.traces), so a change is followed through a batch.
   */
  traceOf(event: InboundEvent<unknown>): LogContext | undefined {
    return this.contexts.get(event.envelope.messageId) ?? logContext.getStore();
  }

  /**
   * Keeps these messages, exactly as delivered, until `holdKey` is released
   * (`EventConsumerServer.releaseHeld`): for a message that came before what it needs, which is
   * neither wrong nor to be lost. Until then it counts as handled; released, it is handled anew.
   */
  async hold(events: InboundEvent<unknown>[], reason: string, holdKey: string): Promise<void> {
    for (const event of events) {
      const d = this.delivered.get(event.envelope.messageId);
      if (!d) throw new Error(`message ${event.envelope.messageId} is not one this context delivered`);
      await this.manager.query(
        `INSERT INTO held_message (consumer, message_id, hold_key, reason, topic, partition, "offset", key, value, headers)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (consumer, message_id) DO UPDATE SET hold_key = EXCLUDED.hold_key, reason = EXCLUDED.reason`,
        [this.consumer, event.envelope.messageId, holdKey, reason, d.topic, d.partition, d.offset, d.key, d.value, JSON.stringify(d.headers)],
      );
    }
  }
}

/** A held message as stored. */
interface HeldRow {
  message_id: string;
  hold_key: string;
  reason: string;
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  held_at: Date;
}

/** What `@EventPattern(topic, extras)` tells the server about a handler. */
export interface EventHandlerExtras {
  definition: EventDefinition;
  /** The handler takes an array of events (those not handled before) and does set-based work. */
  batch?: boolean;
}

/**
 * Declares a handler: `@EventPattern(...onEvent(Events.x))`. The payload is checked against the
 * rules its contract states (proto/, protovalidate) before the handler runs.
 */
export function onEvent<S extends DescMessage>(
  definition: EventDefinition<S>,
  options: { batch?: boolean } = {},
): [string, EventHandlerExtras] {
  return [definition.topic, { definition, batch: options.batch }];
}

export interface EventConsumerOptions {
  /** Consumer name: the inbox's `consumer` column and the consumer group's suffix. */
  consumer: string;
  dataSource: DataSource;
  transport: EventTransport;
  topics: TopicNames;
  logger: Logger;
  /** For federation topics: the administrations whose channels to this one to read. */
  partners?: () => string[];
  /** The registry's own administration: the receiver of the federation channels it reads. */
  administration?: string;
  /** Tries of a handler failing with an unexpected error before its message is dead-lettered. */
  maxAttempts?: number;
  /** How long to wait between tries of a failing handler (RETRY_POLICIES.handler by default). */
  retryPolicy?: RetryPolicy;
  /** Messages handled in one transaction when they come in a batch. */
  maxBatchSize?: number;
  /** Where dead letters and consumer lag are counted. */
  metrics?: ServiceMetrics;
  /** Where each message handled is exported as a span (OTLP, when configured). */
  spans?: SpanExport;
}

/**
 * The log and trace context of handling one message: its ids, and a span that is a child of the
 * span that wrote it (its traceparent header), so what the handler writes carries the trace on.
 */
function handlingContext(event: InboundEvent<unknown>, delivered: DeliveredMessage): LogContext {
  return { messageId: event.envelope.messageId, correlationId: event.envelope.correlationId, ...spanFrom(delivered.headers[Headers.traceparent]) };
}

/** A dead letter as stored. */
interface DeadLetterRow {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** Re-driving a dead letter already handled. */
export class DeadLetterNotOpenError extends Error {}
/** Re-driving a dead letter this service does not have. */
export class DeadLetterNotFoundError extends Error {}

/** Why a message went to the dead letter, as counted (the reason itself, in words, is in its headers). */
type DeadLetterKind = 'invalid_message' | 'no_handler' | 'refused' | 'handler_failed' | 'held_expired';

/** Errors of the database or network that will pass: retried without limit, never dead-lettered. */
function isInfrastructureError(e: unknown): boolean {
  const code = (e as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (e as { code?: string })?.code;
  if (!code) return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(String((e as Error)?.message));
  return /^(08|53|57P|40001|40P01|ECONNREFUSED|ECONNRESET|ETIMEDOUT)/.test(code);
}

/**
 * Nest's microservice transport for the registry: handlers declared with `@EventPattern` are
 * fed from the event transport (Kafka or the embedded log). Each message is decoded and
 * validated before any handler runs, then handled in one transaction with its inbox row, so a
 * redelivered message has no second effect. Bad messages, and messages whose handler keeps
 * failing, go to the dead-letter topic with the reason in the headers; the consumer moves on.
 */
export class EventConsumerServer extends Server implements CustomTransportStrategy {
  private subscription?: Subscription;
  private routeMap?: Map<string, string>;
  private closing = false;
  private readonly maxAttempts: number;
  private readonly retryPolicy: RetryPolicy;

  constructor(private readonly options: EventConsumerOptions) {
    super();
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryPolicy = options.retryPolicy ?? RETRY_POLICIES.handler;
  }

  get groupId(): string {
    return `${this.options.topics.namespace}.${this.options.consumer}`;
  }

  /** Physical topic name → the logical pattern of its handler. */
  private routes(): Map<string, string> {
    const routes = new Map<string, string>();
    for (const [pattern, handler] of this.messageHandlers) {
      const extras = handler.extras as EventHandlerExtras | undefined;
      if (!extras?.definition) throw new Error(`@EventPattern('${pattern}') lacks its event definition: use onEvent()`);
      if (extras.definition.scope === 'federation') {
        const to = this.options.administration!;
        for (const from of this.options.partners?.() ?? []) routes.set(this.options.topics.of(extras.definition, { from, to }), pattern);
      } else {
        routes.set(this.options.topics.of(extras.definition), pattern);
      }
    }
    return routes;
  }

  async listen(callback: (...optionalParams: unknown[]) => any): Promise<void> {
    try {
      const routes = this.routes();
      this.routeMap = routes;
      if (routes.size > 0) {
        await this.options.transport.ensureTopics([this.options.topics.deadLetter]);
        this.subscription = await this.options.transport.subscribe({
          groupId: this.groupId,
          topics: [...routes.keys()],
          handle: (message) => this.deliver(message, routes.get(message.topic)!),
          handleBatch: (messages) => this.deliverBatch(messages, routes),
          maxBatchSize: this.options.maxBatchSize ?? 200,
          onLag: (topic, partition, lag) => this.options.metrics?.consumerLag.set({ topic, partition: String(partition) }, lag),
        });
      }
      callback();
    } catch (e) {
      callback(e);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.subscription?.close();
  }

  on(): never {
    throw new Error('EventConsumerServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.options.transport as T;
  }

  /** Handles one delivered message completely: effect once, or dead letter; throws only on shutdown. */
  async deliver(delivered: DeliveredMessage, pattern: string): Promise<void> {
    const opened = await this.open(delivered, pattern);
    if (!opened) return;
    await this.traced(opened.event, delivered, () => this.handleWithRetries(delivered, opened.event, opened.handler));
  }

  /**
   * Hands a dead letter to its handler again, as if it had just arrived (decoding, validation,
   * inbox, retries), once its cause is mended. It is marked re-driven; if it fails again it goes
   * back to the dead letter as a new one, and the answer says why.
   */
  async redrive(id: string, by: string): Promise<{ outcome: 'handled' | 'failed_again'; reason?: string; deadLetterId?: string }> {
    const routes = this.routeMap;
    const [row] = await updateReturning<DeadLetterRow & { started: Date }>(
      this.options.dataSource.manager,
      `UPDATE dead_letter SET handled_at = now(), handled_by = $3, outcome = 'redriven' WHERE id = $1 AND consumer = $2 AND handled_at IS NULL RETURNING *, now() AS started`,
      [id, this.options.consumer, by],
    );
    if (!row) {
      const [known] = await this.options.dataSource.query(`SELECT 1 FROM dead_letter WHERE id = $1 AND consumer = $2`, [id, this.options.consumer]);
      throw known ? new DeadLetterNotOpenError(`dead letter ${id} is already handled`) : new DeadLetterNotFoundError(`no dead letter ${id} here`);
    }
    const delivered = { topic: row.topic, partition: row.partition, offset: row.offset, key: row.key, value: row.value, headers: row.headers };
    this.options.logger.info({ deadLetter: id, topic: row.topic, by }, 'dead letter re-driven');
    try {
      await this.deliver(delivered, routes?.get(row.topic) ?? '');
    } catch (e) {
      // Not handled (the service is closing, or the process is going down): open again, never lost.
      await this.options.dataSource.query(`UPDATE dead_letter SET handled_at = NULL, handled_by = NULL, outcome = NULL WHERE id = $1`, [id]);
      throw e;
    }
    // A new dead letter of the same message since the re-drive began (database time on both sides).
    const [again]: { id: string; reason: string }[] = await this.options.dataSource.query(
      `SELECT id, reason FROM dead_letter WHERE consumer = $1 AND topic = $2 AND partition = $3 AND "offset" = $4 AND dead_at >= $5 AND id <> $6 ORDER BY dead_at DESC LIMIT 1`,
      [this.options.consumer, row.topic, row.partition, row.offset, row.started, id],
    );
    return again ? { outcome: 'failed_again', reason: again.reason, deadLetterId: again.id } : { outcome: 'handled' };
  }

  /**
   * Hands the messages held under these keys to their handlers again, in the order they were
   * delivered, each as if it had just arrived (inbox, batch, retries, dead letter); one that is
   * still early is held again. Safe beside the live consumer and other replicas: a held message
   * is taken in the transaction that handles it. Returns how many were handed over.
   */
  async releaseHeld(holdKeys: string[]): Promise<number> {
    const routes = this.routeMap;
    if (holdKeys.length === 0 || !routes) return 0;
    const ids: { message_id: string }[] = await this.options.dataSource.query(
      `SELECT message_id FROM held_message WHERE consumer = $1 AND hold_key = ANY($2::text[])
       ORDER BY held_at, topic, partition, "offset"::numeric`,
      [this.options.consumer, holdKeys],
    );
    const size = this.options.maxBatchSize ?? 200;
    let released = 0;
    for (let i = 0; i < ids.length && !this.closing; i += size) {
      const chunk = ids.slice(i, i + size).map((r) => r.message_id);
      const rows: HeldRow[] = await this.options.dataSource.query(
        `SELECT * FROM held_message WHERE consumer = $1 AND message_id = ANY($2::uuid[])
         ORDER BY held_at, topic, partition, "offset"::numeric`,
        [this.options.consumer, chunk],
      );
      // Consecutive messages of one topic go together, as the live consumer would deliver them.
      for (let j = 0; j < rows.length; ) {
        let k = j + 1;
        while (k < rows.length && rows[k].topic === rows[j].topic && rows[k].partition === rows[j].partition) k++;
        const messages = rows.slice(j, k).map(heldToDelivered);
        this.options.logger.info({ topic: rows[j].topic, messages: messages.length, holdKey: rows[j].hold_key }, 'held messages released');
        await this.deliverBatch(messages, routes, rows.slice(j, k).map((r) => r.message_id));
        released += messages.length;
        j = k;
      }
    }
    return released;
  }

  /** The keys messages are held under now. */
  async heldKeys(): Promise<string[]> {
    const rows: { hold_key: string }[] = await this.options.dataSource.query(
      `SELECT DISTINCT hold_key FROM held_message WHERE consumer = $1`,
      [this.options.consumer],
    );
    return rows.map((r) => r.hold_key);
  }

  /**
   * Held messages that nothing released before `heldBefore` go to the dead letter, with why they
   * were held. The rows are claimed first (another replica, or a release, skips or waits), and
   * their inbox rows go with them, so a message redriven from the dead letter is handled anew.
   */
  async expireHeld(heldBefore: Date): Promise<number> {
    return this.options.dataSource.transaction(async (manager) => {
      const rows: HeldRow[] = await manager.query(
        `SELECT * FROM held_message WHERE consumer = $1 AND held_at < $2 ORDER BY held_at LIMIT 1000 FOR UPDATE SKIP LOCKED`,
        [this.options.consumer, heldBefore],
      );
      for (const row of rows) {
        await this.deadLetter(heldToDelivered(row), `held since ${row.held_at.toISOString()} and never released: ${row.reason}`, 'held_expired');
      }
      const ids = rows.map((r) => r.message_id);
      if (ids.length) {
        await manager.query(`DELETE FROM held_message WHERE consumer = $1 AND message_id = ANY($2::uuid[])`, [this.options.consumer, ids]);
        await manager.query(`DELETE FROM inbox WHERE consumer = $1 AND message_id = ANY($2::uuid[])`, [this.options.consumer, ids]);
      }
      return rows.length;
    });
  }

  /**
   * Handles consecutive messages of one partition in one transaction, for throughput. Messages
   * that cannot be decoded or validated go to the dead letter first; if the transaction fails,
   * the rest are handled one by one, with the usual retries, so one bad message costs only time.
   */
  async deliverBatch(messages: DeliveredMessage[], routes: Map<string, string>, heldIds?: string[]): Promise<void> {
    const released = !!heldIds;
    const opened: { delivered: DeliveredMessage; event: InboundEvent<unknown>; handler: MessageHandler }[] = [];
    for (const [i, delivered] of messages.entries()) {
      const o = await this.open(delivered, routes.get(delivered.topic));
      if (o) opened.push({ delivered, ...o });
      else if (heldIds) await this.forgetHeld(heldIds[i]); // dead-lettered by open()
    }
    if (opened.length === 0) return;
    if (opened.length > 1) {
      const delivered = new Map(opened.map((o) => [o.event.envelope.messageId, o.delivered]));
      try {
        await this.options.dataSource.transaction(async (manager) => {
          const batchHandler = (opened[0].handler.extras as EventHandlerExtras).batch;
          if (batchHandler && opened.every((o) => o.handler === opened[0].handler)) {
            // One transaction for them all: each message still gets its span (the same times), a child of its own sender's.
            const contexts = new Map(opened.map((o) => [o.event.envelope.messageId, handlingContext(o.event, o.delivered)]));
            const start = new Date();
            let error: string | undefined;
            try {
              await this.handleManyIn(manager, opened.map((o) => o.event), opened[0].handler, delivered, released, contexts);
            } catch (e) {
              error = (e as Error).message;
              throw e;
            } finally {
              const end = new Date();
              for (const o of opened) this.recordSpan(o.event, o.delivered, contexts.get(o.event.envelope.messageId)!, start, end, error);
            }
            return;
          }
          for (const o of opened) {
            await this.traced(o.event, o.delivered, () => this.handleIn(manager, o.event, o.handler, delivered, released));
          }
        });
        return;
      } catch (e) {
        this.options.logger.debug({ error: (e as Error).message }, 'batch failed; handling its messages one by one');
      }
    }
    for (const o of opened) {
      await this.traced(o.event, o.delivered, () => this.handleWithRetries(o.delivered, o.event, o.handler, released));
    }
  }

  /** Decodes and validates; a message that fails goes to the dead letter and `undefined` is returned. */
  private async open(
    delivered: DeliveredMessage,
    pattern: string | undefined,
  ): Promise<{ event: InboundEvent<MessageShape<DescMessage>>; handler: MessageHandler } | undefined> {
    const handler = pattern ? this.messageHandlers.get(pattern) : undefined;
    if (!handler) {
      await this.deadLetter(delivered, `no handler for topic ${delivered.topic}`, 'no_handler');
      return undefined;
    }
    const extras = handler.extras as EventHandlerExtras;
    try {
      const envelope = openEnvelope(delivered.value);
      const message = openPayload(extras.definition.schema, envelope);
      assertContractRules(extras.definition.schema, message);
      return { event: { envelope, message, topic: delivered.topic }, handler };
    } catch (e) {
      await this.deadLetter(delivered, (e as Error).message, 'invalid_message');
      return undefined;
    }
  }

  /** Runs the handling of one message in its log and trace context, and exports it as a span (its failure as an error). */
  private async traced<T>(event: InboundEvent<unknown>, delivered: DeliveredMessage, fn: () => Promise<T>): Promise<T> {
    const context = handlingContext(event, delivered);
    const start = new Date();
    let error: string | undefined;
    try {
      return await withLogContext(context, fn);
    } catch (e) {
      error = (e as Error).message;
      throw e;
    } finally {
      this.recordSpan(event, delivered, context, start, new Date(), error);
    }
  }

  /** Exports the handling of one message as a consumer span (OTLP, when configured). */
  private recordSpan(event: InboundEvent<unknown>, delivered: DeliveredMessage, context: LogContext, start: Date, end: Date, error?: string): void {
    if (!this.options.spans?.enabled || !context.traceId || !context.spanId) return;
    // A message with the effects of several steps (Headers.traceparents): its handling is a span in
    // each one's trace too (the first's is `context`, as its traceparent header says).
    const others = (delivered.headers[Headers.traceparents] ?? '').split(',').slice(1).flatMap((header) => (parseTraceparent(header) ? [spanFrom(header)] : []));
    for (const span of [context, ...others]) this.exportSpan(event, delivered, span, start, end, error);
  }

  private exportSpan(event: InboundEvent<unknown>, delivered: DeliveredMessage, context: LogContext, start: Date, end: Date, error?: string): void {
    this.options.spans!.record({
      traceId: context.traceId!,
      spanId: context.spanId!,
      parentSpanId: context.parentSpanId,
      name: `${delivered.topic} process`,
      kind: 'consumer',
      start,
      end,
      error,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': delivered.topic,
        'messaging.message.id': event.envelope.messageId,
        'messaging.consumer.group.name': this.options.consumer,
      },
    });
  }

  private async handleWithRetries(
    delivered: DeliveredMessage,
    event: InboundEvent<unknown>,
    handler: MessageHandler,
    released = false,
  ): Promise<void> {
    const deadLetter = async (reason: string, kind: DeadLetterKind) => {
      await this.deadLetter(delivered, reason, kind);
      if (released) await this.forgetHeld(event.envelope.messageId);
    };
    const closing = new Error('consumer is closing; the message will be delivered again');
    let attempts = 0;
    try {
      await retry(
        async (attempt) => {
          attempts = attempt;
          if (this.closing) throw closing;
          await this.options.dataSource.transaction((manager) =>
            this.handleIn(manager, event, handler, new Map([[event.envelope.messageId, delivered]]), released),
          );
        },
        this.retryPolicy,
        {
          // Infrastructure errors (database, network) pass: retried without limit, never dead-lettered.
          // A domain refusal would be refused the same way again: permanent.
          giveUp: (e, attempt) =>
            e === closing ||
            e instanceof PermanentMessageError ||
            e instanceof DomainError ||
            (!isInfrastructureError(e) && attempt >= this.maxAttempts),
          onRetry: (e, attempt, backoffMs) =>
            this.options.logger.warn({ error: (e as Error).message, attempt, backoffMs, topic: delivered.topic }, 'handler failed; trying again'),
        },
      );
    } catch (e) {
      if (e === closing) throw e;
      if (e instanceof PermanentMessageError) return deadLetter(e.message, 'refused');
      if (e instanceof DomainError) return deadLetter(`${e.code}: ${e.message}`, 'refused');
      return deadLetter(`handler failed ${attempts} times: ${(e as Error).message}`, 'handler_failed');
    }
  }

  /**
   * A released message is taken from the held ones in the transaction that handles it (none
   * left: another replica took it), and its inbox row, which marked it held, goes with it.
   */
  private async takeHeld(manager: EntityManager, messageIds: string[]): Promise<Set<string>> {
    const taken = await updateReturning<{ message_id: string }>(
      manager,
      `DELETE FROM held_message WHERE consumer = $1 AND message_id = ANY($2::uuid[]) RETURNING message_id`,
      [this.options.consumer, messageIds],
    );
    const ids = taken.map((r) => r.message_id);
    if (ids.length) {
      await manager.query(`DELETE FROM inbox WHERE consumer = $1 AND message_id = ANY($2::uuid[])`, [this.options.consumer, ids]);
    }
    return new Set(ids);
  }

  private async forgetHeld(messageId: string): Promise<void> {
    await this.options.dataSource.query(`DELETE FROM held_message WHERE consumer = $1 AND message_id = $2`, [
      this.options.consumer,
      messageId,
    ]);
  }

  /** The inbox row and the handler's effect, in the caller's transaction. */
  private async handleIn(
    manager: EntityManager,
    event: InboundEvent<unknown>,
    handler: MessageHandler,
    delivered: Map<string, DeliveredMessage>,
    released = false,
  ): Promise<void> {
    if (released && !(await this.takeHeld(manager, [event.envelope.messageId])).size) return;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO inbox (consumer, message_id, topic) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [this.options.consumer, event.envelope.messageId, event.topic],
    );
    if (inserted.length === 0) return; // handled before: no second effect
    const batch = (handler.extras as EventHandlerExtras).batch;
    const result = await handler(batch ? [event] : event, new InboxContext(manager, this.options.consumer, delivered));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  /** For a batch handler: the inbox rows of all events at once, then the handler with the new ones. */
  private async handleManyIn(
    manager: EntityManager,
    all: InboundEvent<unknown>[],
    handler: MessageHandler,
    delivered: Map<string, DeliveredMessage>,
    released = false,
    contexts?: Map<string, LogContext>,
  ): Promise<void> {
    let events = all;
    if (released) {
      const taken = await this.takeHeld(manager, all.map((e) => e.envelope.messageId));
      events = all.filter((e) => taken.has(e.envelope.messageId));
      if (events.length === 0) return;
    }
    const inserted: { message_id: string }[] = await manager.query(
      `INSERT INTO inbox (consumer, message_id, topic) SELECT $1, id, t FROM unnest($2::uuid[], $3::text[]) AS m(id, t)
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [this.options.consumer, events.map((e) => e.envelope.messageId), events.map((e) => e.topic)],
    );
    // Each new message id once, even when the batch holds it twice.
    const fresh = new Set(inserted.map((r) => r.message_id));
    const todo = events.filter((e) => fresh.delete(e.envelope.messageId));
    if (todo.length === 0) return;
    const result = await handler(todo, new InboxContext(manager, this.options.consumer, delivered, contexts));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  private async deadLetter(delivered: DeliveredMessage, reason: string, kind: DeadLetterKind): Promise<void> {
    this.options.metrics?.deadLetters.inc({ topic: delivered.topic, reason: kind });
    this.options.logger.error(
      { topic: delivered.topic, partition: delivered.partition, offset: delivered.offset, reason },
      'message sent to the dead letter',
    );
    // Kept in the service's own table too, for staff to see, re-drive or discard (before the topic:
    // the source message is passed over only once both hold it).
    await retry(
      () =>
        this.options.dataSource.query(
          `INSERT INTO dead_letter (id, consumer, topic, partition, "offset", key, value, headers, kind, reason, dead_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())`,
          [randomUUID(), this.options.consumer, delivered.topic, delivered.partition, delivered.offset, delivered.key, delivered.value, JSON.stringify(delivered.headers), kind, reason.slice(0, 2000)],
        ),
      RETRY_POLICIES.deadLetter,
      { giveUp: () => this.closing },
    );
    // The source message must not be passed over before its dead letter is stored.
    await retry(
      () =>
        this.options.transport.publish([
          {
            topic: this.options.topics.deadLetter,
            key: delivered.key,
            value: delivered.value,
            headers: {
              ...delivered.headers,
              [Headers.deadLetterReason]: reason.slice(0, 2000),
              [Headers.deadLetterSourceTopic]: delivered.topic,
              [Headers.deadLetterSourcePartition]: String(delivered.partition),
              [Headers.deadLetterSourceOffset]: delivered.offset,
              [Headers.deadLetterConsumer]: this.groupId,
            },
          },
        ]),
      RETRY_POLICIES.deadLetter,
      { giveUp: () => this.closing },
    );
  }
}

function heldToDelivered(row: HeldRow): DeliveredMessage {
  return { topic: row.topic, partition: row.partition, offset: row.offset, key: row.key, value: row.value, headers: row.headers };
}

/** Used by tests and tools that build envelopes by hand. */
export const encodeEnvelope = (envelope: Envelope) => Buffer.from(toBinary(EnvelopeSchema, envelope));
