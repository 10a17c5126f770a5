import { retry, RETRY_POLICIES } from '../retry/retry-policy';
import { partitionsOf } from '@aeo/contracts';
import { Admin, Consumer, Kafka, KafkaMessage, logLevel, Partitioners, Producer } from 'kafkajs';
import { PeriodicTask, within, type KafkaSasl } from '@aeo/platform';
import { Logger } from 'pino';
import { DeliveredMessage, EventTransport, SubscribeOptions, Subscription, TransportMessage } from './event-transport';
import { ConsumerReplacement } from './consumer-replacement';
import { fixKafkajsIdleTimer, KAFKAJS_WITH_IDLE_TIMER_LOOP } from './kafkajs-idle-timer';
import { PartitionProgress, stalledPartitions } from './stall-watch';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  /** SCRAM-SHA-512 credentials, for a broker that authenticates its clients (SASL_PLAINTEXT). */
  sasl?: KafkaSasl;
  logger: Logger;
}

/**
 * How often each consumer's partitions are checked for a stall, and how long without progress is
 * one (stall-watch.ts). A check asks the broker for both ends of every partition of each topic
 * (two requests a topic: mra-exchange reads about twenty): every 5 s, the checks of an idle
 * federation cost more than its consumers' fetches, a tenth of a core. A stall is now found
 * 20-30 s after it began.
 */
const STALL_CHECK_MS = 10_000;
const STALL_AFTER_MS = 20_000;
/** The shortest time without a handler at work that counts as time to spare (an idle fetch waits up to 1 s). */
const IDLE_STRETCH_MS = 500;

// kafkajs reports every lost connection and rebalance as an error, and retries them itself;
// what it cannot recover from reaches our code as a thrown error. So its errors log as warnings.
const KAFKAJS_LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'warn',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

function headersOf(raw: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (v === undefined) continue;
    out[k] = Buffer.isBuffer(v) ? v.toString('utf8') : Array.isArray(v) ? String(v[0]) : String(v);
  }
  return out;
}

/**
 * Start-up notices that do not apply here: we choose the partitioner explicitly, and a retry
 * that gives up only hands the message back to the outbox relay, whose resend the consumers'
 * inbox makes harmless.
 */
const KNOWN_NOTICES = ['KafkaJS v2.0.0 switched default partitioner', 'Limiting retries for the idempotent producer'];

/** Errors of a broker that is starting, or of a topic another client has just created. */
function isTransient(e: unknown): boolean {
  const error = e as { retriable?: boolean; type?: string; name?: string; message?: string };
  return (
    error?.retriable === true ||
    error?.type === 'UNKNOWN_TOPIC_OR_PARTITION' ||
    error?.type === 'LEADER_NOT_AVAILABLE' ||
    error?.name === 'KafkaJSConnectionError' ||
    error?.name === 'KafkaJSNumberOfRetriesExceeded' ||
    /does not host this topic-partition|leader/i.test(error?.message ?? '')
  );
}

/** Tries `fn` again while it fails transiently, for at most `deadlineMs`. */
function retrying<T>(what: string, fn: () => Promise<T>, log: Logger, deadlineMs = 60000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  return retry(fn, RETRY_POLICIES.transport, {
    giveUp: (e) => !isTransient(e) || Date.now() > deadline,
    onRetry: (e, attempt) => log.warn({ error: (e as Error).message, attempt }, `${what}: trying again`),
  });
}

/** Failed sends in a row after which the producer is replaced. */
const PRODUCER_RENEW_AFTER = 3;

/** Most bytes of messages in one produce request: under the broker's default message.max.bytes (1 MiB). */
const MAX_REQUEST_BYTES = 900_000;

function sizeOf(m: TransportMessage): number {
  let n = m.value.length + Buffer.byteLength(m.key) + 64;
  for (const [k, v] of Object.entries(m.headers ?? {})) n += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  return n;
}

/** The event transport on Apache Kafka, through kafkajs. */
export class KafkaTransport implements EventTransport {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer: Producer;
  /** Sends failed in a row: past PRODUCER_RENEW_AFTER, the producer is replaced (see send). */
  private failedSends = 0;
  private readonly admin: Admin;
  private readonly knownTopics = new Set<string>();
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly options: KafkaTransportOptions) {
    const log = options.logger.child({ component: 'kafkajs' });
    if (!fixKafkajsIdleTimer()) log.warn({ expected: KAFKAJS_WITH_IDLE_TIMER_LOOP }, 'kafkajs is not the version whose idle timer loop is fixed here: see kafkajs-idle-timer.ts');
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ...(options.sasl ? { sasl: options.sasl } : {}),
      connectionTimeout: 3000,
      requestTimeout: 10000,
      retry: { initialRetryTime: 100, maxRetryTime: 3000, retries: 8 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log: entry }) => {
          const { message, ...extra } = entry;
          if (KNOWN_NOTICES.some((n) => message.startsWith(n))) return;
          log[KAFKAJS_LEVELS[level] ?? 'info']({ ...extra }, message);
        },
    });
    this.producer = this.newProducer();
    this.admin = this.kafka.admin();
  }

  /** Idempotent producer with one request in flight: no duplicates from retries, order kept. */
  private newProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async connect(): Promise<void> {
    await retrying('connecting to Kafka', () => this.admin.connect(), this.options.logger);
    await retrying('connecting to Kafka', () => this.producer.connect(), this.options.logger);
  }

  async ensureTopics(topics: string[]): Promise<void> {
    await retrying('creating topics', () => this.createMissingTopics(topics), this.options.logger);
  }

  private async createMissingTopics(topics: string[]): Promise<void> {
    let missing = [...new Set(topics)].filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    const existing = new Set(await this.admin.listTopics());
    // Topics another client created may still lack a leader: wait for their metadata.
    const others = missing.filter((t) => existing.has(t));
    if (others.length) await this.admin.fetchTopicMetadata({ topics: others });
    others.forEach((t) => this.knownTopics.add(t));
    missing = missing.filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    // Another client may create the same topic meanwhile; createTopics then reports it exists, which is fine.
    await this.admin.createTopics({
      waitForLeaders: true,
      // The broker's default replication (1 on the single test broker; 3, with min.insync.replicas 2, on a cluster).
      topics: missing.map((topic) => ({ topic, numPartitions: partitionsOf(topic) })),
    });
    missing.forEach((t) => this.knownTopics.add(t));
  }

  async publish(messages: TransportMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopics(messages.map((m) => m.topic));
    // The broker refuses a record batch over message.max.bytes (1 MiB by default): large messages
    // (a snapshot's chunks) go in several requests, one after the other, in order.
    let group: TransportMessage[] = [];
    let bytes = 0;
    for (const m of messages) {
      const size = sizeOf(m);
      if (group.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
        await this.send(group);
        group = [];
        bytes = 0;
      }
      group.push(m);
      bytes += size;
    }
    await this.send(group);
  }

  private async send(messages: TransportMessage[]): Promise<void> {
    const byTopic = new Map<string, TransportMessage[]>();
    for (const m of messages) {
      const list = byTopic.get(m.topic);
      if (list) list.push(m);
      else byTopic.set(m.topic, [m]);
    }
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, ms]) => ({
          topic,
          messages: ms.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
      this.failedSends = 0;
    } catch (e) {
      // After a broker dies, an idempotent kafkajs producer can stay refused for good (its
      // sequence numbers out of step with the new leader's): a new producer, with a new producer
      // id, starts clean. The outbox sends the messages again; consumers' inbox makes that harmless.
      if (++this.failedSends >= PRODUCER_RENEW_AFTER || /OUT_OF_ORDER_SEQUENCE|UNKNOWN_PRODUCER_ID|INVALID_PRODUCER_EPOCH/.test(String((e as { type?: string }).type ?? (e as Error).message))) {
        this.options.logger.warn({ error: (e as Error).message, failedSends: this.failedSends }, 'Kafka producer replaced after failed sends');
        const old = this.producer;
        this.producer = this.newProducer();
        this.failedSends = 0;
        await old.disconnect().catch(() => undefined);
        // A broker still down: the next send fails again and counts towards the next renewal.
        await this.producer.connect().catch(() => undefined);
      }
      throw e;
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.ensureTopics(options.topics);
    let consumer: Consumer | undefined;
    let closed = false;
    const log = this.options.logger.child({ component: 'kafka-consumer', groupId: options.groupId });
    // What the stall watch needs: the partitions assigned to this consumer, those a handler is on now.
    let assigned: string[] = [];
    // Whether the current consumer has joined its group since it started, and when it started.
    let joined = false;
    let startedAt = Date.now();
    const busy = new Map<string, number>();
    // Each partition's committed offset as last seen by the stall watch; started afresh when the consumer
    // (re)joins its group: the time spent out of it (a replacement, a rebalance) is neither progress nor spare time.
    let progress = new Map<string, PartitionProgress>();
    // When a committed offset of this consumer last moved (or it joined).
    let movedAt = Date.now();
    // The time no handler was at work on any partition of this subscription (the stall watch's time
    // to spare), in stretches of IDLE_STRETCH_MS or more: the short gaps between batches of a
    // backlog (a fetch, a commit, on a loaded machine 100 ms and more each) are not time to spare.
    let idleBefore = 0;
    let idleFrom: number | undefined = Date.now();
    const stretch = () => (idleFrom === undefined || Date.now() - idleFrom < IDLE_STRETCH_MS ? 0 : Date.now() - idleFrom);
    const idleMs = () => idleBefore + stretch();
    const working = async <T>(tp: string, work: () => Promise<T>): Promise<T> => {
      if (busy.size === 0 && idleFrom !== undefined) {
        idleBefore += stretch();
        idleFrom = undefined;
      }
      busy.set(tp, (busy.get(tp) ?? 0) + 1);
      try {
        return await work();
      } finally {
        const n = (busy.get(tp) ?? 1) - 1;
        if (n > 0) busy.set(tp, n);
        else busy.delete(tp);
        if (busy.size === 0) idleFrom = Date.now();
      }
    };

    /** A new consumer in place of one that crashed, stalled or never joined, with metadata read afresh. */
    const replacement = new ConsumerReplacement({ stop: async () => void (await consumer?.disconnect()), start: () => start() }, log);
    const replace = (why: string, detail: Record<string, unknown>) => replacement.request(why, detail);

    const start = async (): Promise<void> => {
      assigned = [];
      joined = false;
      startedAt = Date.now();
      const current = (consumer = this.kafka.consumer({
        groupId: options.groupId,
        sessionTimeout: 10000,
        // Three heartbeats a session timeout (kafkajs: 3 s); at 1 s they were a third of the idle broker requests.
        heartbeatInterval: 3000,
        // The broker holds a fetch until a message arrives or this long passes, and answers at once
        // when one does: a longer wait costs no latency, only fewer empty fetches (ten a second per
        // consumer at 100 ms, which made the broker the largest CPU user of an idle federation).
        // Not longer: a consumer that stops (shutdown, replacement) waits for its fetch under way.
        maxWaitTimeInMs: 1000,
        // A consumer that takes messages in batches (a snapshot's chunks of up to 400 KB each) gets
        // up to 8 MiB of a partition per fetch, ~20 chunks in one transaction; kafkajs's 1 MiB gave two.
        ...(options.handleBatch ? { maxBytesPerPartition: 8 * 1024 * 1024, maxBytes: 16 * 1024 * 1024 } : {}),
        allowAutoTopicCreation: false,
        // kafkajs would restart a crashed consumer itself on retriable errors; after a broker died
        // such a restarted consumer was seen to stop fetching a partition whose leader moved. So
        // every crash gets a new consumer, with metadata read afresh.
        retry: { initialRetryTime: 200, maxRetryTime: 3000, retries: 10, restartOnFailure: async () => false },
      }));
      if (options.onLag) {
        current.on(current.events.END_BATCH_PROCESS, ({ payload }) => options.onLag!(payload.topic, payload.partition, Number(payload.offsetLag)));
      }
      current.on(current.events.GROUP_JOIN, ({ payload }) => {
        if (current !== consumer) return;
        joined = true;
        progress = new Map();
        movedAt = Date.now();
        assigned = Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) => partitions.map((p) => `${topic}:${p}`));
      });
      // A broker outage never silently ends consumption: a crashed consumer is replaced (also one
      // that crashes while it is being started as a replacement). A consumer already replaced is not.
      current.on(current.events.CRASH, (event) => {
        if (current === consumer) replace('crashed', { error: event.payload.error?.message });
      });
      await current.connect();
      await current.subscribe({ topics: options.topics, fromBeginning: true });
      const toDelivered = (topic: string, partition: number, message: KafkaMessage): DeliveredMessage => ({
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? '',
        value: message.value ?? Buffer.alloc(0),
        headers: headersOf(message.headers as Record<string, unknown>),
      });
      const handleBatch = options.handleBatch;
      const maxBatch = options.maxBatchSize ?? 200;
      await current.run(
        handleBatch
          ? {
              autoCommitInterval: 500,
              eachBatchAutoResolve: false,
              eachBatch: ({ batch, resolveOffset, heartbeat, isRunning, isStale }) =>
                working(`${batch.topic}:${batch.partition}`, async () => {
                  for (let i = 0; i < batch.messages.length && isRunning() && !isStale(); i += maxBatch) {
                    const chunk = batch.messages.slice(i, i + maxBatch);
                    await handleBatch(chunk.map((m) => toDelivered(batch.topic, batch.partition, m)));
                    resolveOffset(chunk[chunk.length - 1].offset);
                    await heartbeat();
                  }
                }),
            }
          : {
              autoCommitInterval: 500,
              eachMessage: ({ topic, partition, message }) => working(`${topic}:${partition}`, () => options.handle(toDelivered(topic, partition, message))),
            },
      );
      // Closed while this replacement was starting, or given up as too slow and another started: it must not go on consuming.
      if (closed || current !== consumer) await current.disconnect().catch(() => undefined);
    };

    await retrying(`subscribing ${options.groupId}`, async () => {
      try {
        await start();
      } catch (e) {
        await consumer?.disconnect().catch(() => undefined);
        throw e;
      }
    }, log);

    // The stall watch (stall-watch.ts): a partition of this consumer with messages to read, no
    // handler on it and the group's committed offset still for stallAfterMs, while the consumer had
    // time to spare, gets a new consumer. (`progress` is declared with the consumer's state above.)
    // Since when the checks have failed without a break (the broker's offsets could not be read).
    let failingSince: number | undefined;
    const check = async () => {
      if (closed || replacement.busy) return;
      // A consumer that has not joined its group for as long (its crash missed, or a join that hangs) is replaced too.
      if (!joined) {
        if (Date.now() - startedAt >= STALL_AFTER_MS) replace('has not joined its group', { sinceMs: Date.now() - startedAt });
        return;
      }
      if (assigned.length === 0) return;
      const checkStarted = Date.now();
      try {
        const high = new Map<string, bigint>();
        const low = new Map<string, bigint>();
        // A check that hangs (the admin client retrying a broker that died) is a failed check: it
        // must not hold up the next ones, nor count its own duration out of the time spent failing.
        const [ends, offsets] = await within(
          Promise.all([
            // Only the topics with a partition assigned to this consumer (a replica has its share).
            Promise.all([...new Set(assigned.map((tp) => tp.slice(0, tp.lastIndexOf(':'))))].map(async (topic) => ({ topic, partitions: await this.admin.fetchTopicOffsets(topic) }))),
            this.admin.fetchOffsets({ groupId: options.groupId, topics: options.topics }),
          ]),
          STALL_CHECK_MS,
          'the stall check',
        );
        for (const { topic, partitions } of ends) {
          for (const p of partitions) {
            high.set(`${topic}:${p.partition}`, BigInt(p.high));
            low.set(`${topic}:${p.partition}`, BigInt(p.low));
          }
        }
        const committed = new Map<string, bigint>();
        for (const t of offsets) for (const p of t.partitions) committed.set(`${t.topic}:${p.partition}`, BigInt(p.offset));
        failingSince = undefined;
        const result = stalledPartitions({ assigned, high, low, committed, busy: new Set(busy.keys()), idleMs: idleMs(), previous: progress, movedAt, now: Date.now(), stallMs: STALL_AFTER_MS });
        progress = result.progress;
        movedAt = result.movedAt;
        if (result.stalled.length) {
          progress = new Map();
          replace('stalled', { partitions: result.stalled });
        }
      } catch (e) {
        // A broker away: the next check tries again (and a crash, if any, replaces the consumer).
        // Checks that keep failing cannot tell a stalled consumer from a live one: past three
        // times the stall limit, the consumer is renewed (its metadata read afresh) all the same.
        failingSince ??= checkStarted;
        const failingMs = Date.now() - failingSince;
        log.debug({ error: (e as Error).message, failingMs }, 'stall check failed');
        if (failingMs >= 3 * STALL_AFTER_MS) {
          failingSince = undefined;
          replace('could not be checked for progress', { error: (e as Error).message, failingMs });
        }
      }
    };
    // PeriodicTask: never two checks at once, its timer does not hold the process open.
    const watch = new PeriodicTask('stall watch', STALL_CHECK_MS, check, log);
    watch.start();

    const subscription: Subscription = {
      close: async () => {
        closed = true;
        replacement.close();
        await watch.stop();
        this.subscriptions.delete(subscription);
        await consumer?.disconnect();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close().catch(() => undefined)));
    await this.producer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }
}
