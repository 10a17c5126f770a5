/** A message as the transport carries it: bytes with a key and string headers. */
export interface TransportMessage {
  topic: string;
  /** The aggregate id: messages with one key stay in order. */
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

export interface DeliveredMessage extends TransportMessage {
  partition: number;
  offset: string;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  /**
   * Called for each message in order per partition. When it resolves, the message counts as
   * consumed and the group's position moves past it; when it rejects, the message is delivered again.
   */
  handle(message: DeliveredMessage): Promise<void>;
  /**
   * When given, used instead of `handle` with consecutive messages of one partition (at most
   * `maxBatchSize`); when it resolves they all count as consumed, when it rejects all come again.
   */
  handleBatch?(messages: DeliveredMessage[]): Promise<void>;
  maxBatchSize?: number;
  /** Told after each batch how many messages of the partition remain to be read (Kafka). */
  onLag?(topic: string, partition: number, lag: number): void;
}

/**
 * The event backbone, behind one interface: Apache Kafka, or the event log kept in PostgreSQL
 * when no Kafka is configured. Both give order per key, at-least-once delivery and durable
 * consumer positions; the conformance suite holds them to it.
 */
export interface EventTransport {
  readonly kind: 'kafka' | 'embedded';
  connect(): Promise<void>;
  ensureTopics(topics: string[]): Promise<void>;
  /** Resolves once every message is durably stored by the transport. */
  publish(messages: TransportMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Rejects when the transport cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');

/** Readiness check of the event transport, for the health endpoint. */
export function transportHealthCheck(transport: EventTransport): { name: string; check(): Promise<void> } {
  return { name: transport.kind === 'kafka' ? 'kafka' : 'event-log', check: () => transport.ping() };
}
