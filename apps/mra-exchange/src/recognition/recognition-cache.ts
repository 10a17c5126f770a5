import { NotificationListener, SERVICE_CONFIG, SERVICE_LOGGER, ServiceMetrics } from '@aeo/platform';
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { MraExchangeConfig } from '../config/mra-exchange.config';

/**
 * The channel the received records' and identifiers' triggers notify on (migration
 * RecognitionNotifications): `{"records": [[issuer, operatorId], …]}`,
 * `{"identifiers": [[issuer, scheme, value], …]}`, or `{"all": true}` for a large statement.
 */
export const RECOGNITION_CHANNEL = 'mra_exchange_recognition';

/** The longest an entry is trusted without a notification (a safety net: the listener's check finds a dead connection sooner). */
const MAX_AGE_MS = 60_000;
/** Keys changed since the oldest lookup may still be under way: past this many, every lookup under way counts as outdated. */
const RECENT_CHANGES = 10_000;

/** What one operator's question found: its latest record in force now, or none. */
export interface CachedLookup<R> {
  /** The issuer's operator the identifier names, or null when it names none. */
  operatorId: string | null;
  row: R;
  /** When another of the operator's records comes into force (its status_since), if one is stored. */
  nextSince: Date | null;
}

interface Entry<R> extends CachedLookup<R> {
  until: number;
}

const keyOf = (issuer: string, scheme: string, value: string) => `${issuer}\u0000${scheme}\u0000${value}`;
const operatorKey = (issuer: string, operatorId: string) => `${issuer}\u0000${operatorId}`;

/**
 * The answers to today's partner questions, by the identifier asked, kept until what they were
 * read from changes: every instance of mra-exchange listens to the triggers on received_record and
 * received_identifier, and drops the entries of each operator or identifier a commit touched (all
 * of them for a large statement, a snapshot's). While the listener is not listening (starting, its
 * connection lost) nothing is read from the cache or put in it, and every gap empties it.
 *
 * Only questions about now are cached (a past day's answer is read each time), and an entry ends
 * when the operator's next stored status comes into force. A notification arrives a few
 * milliseconds after its commit: a question in those milliseconds is answered as just before the
 * commit, as one running beside the commit would be. Bounded by RECOGNITION_CACHE_MB (0: off).
 */
@Injectable()
export class RecognitionCache<R extends object = object> implements OnModuleInit, OnModuleDestroy {
  private readonly entries?: LRUCache<string, Entry<R>>;
  /** The keys cached for each (issuer, operator), to drop them when the operator's records change. */
  private readonly byOperator = new Map<string, Set<string>>();
  private readonly listener?: NotificationListener;
  /** Moves on every change heard and every gap; a lookup notes it before it reads. */
  private epoch = 0;
  /** The epoch of each identifier or operator key changed lately: a lookup that read it before is not kept. */
  private readonly recent = new Map<string, number>();
  /** The epoch of the last gap, "all" or overflow of `recent`: a lookup that read before it is not kept. */
  private everythingAt = 0;
  private readonly lookups?: Counter<'result'>;

  constructor(
    @Inject(SERVICE_CONFIG) config: MraExchangeConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    metrics: ServiceMetrics,
  ) {
    const bytes = config.RECOGNITION_CACHE_MB * 1024 * 1024;
    if (bytes <= 0) return;
    this.entries = new LRUCache<string, Entry<R>>({
      maxSize: bytes,
      sizeCalculation: (entry, key) => 300 + key.length * 2 + sizeOfRow(entry.row),
      dispose: (entry, key) => this.unindex(entry, key),
    });
    this.listener = new NotificationListener({
      url: config.DATABASE_URL,
      channel: RECOGNITION_CHANNEL,
      onNotification: (payload) => this.changed(payload),
      onGap: () => this.clear(),
      logger,
    });
    this.lookups = metrics.counter('aeo_recognition_cache_lookups_total', "Today's partner questions answered from the cache (hit) or the database (miss)", ['result']);
  }

  async onModuleInit(): Promise<void> {
    await this.listener?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.close();
  }

  /** The epoch to hand back to `put` with what a lookup read. */
  get currentEpoch(): number {
    return this.epoch;
  }

  get(issuer: string, scheme: string, value: string, now: Date): CachedLookup<R> | undefined {
    if (!this.entries || !this.listener?.listening) return undefined;
    const key = keyOf(issuer, scheme, value);
    const entry = this.entries.get(key);
    if (entry && entry.until > now.getTime()) {
      this.lookups?.inc({ result: 'hit' });
      return entry;
    }
    if (entry) this.entries.delete(key);
    this.lookups?.inc({ result: 'miss' });
    return undefined;
  }

  /** Keeps what a lookup about `now` read, unless its identifier or operator changed after `epoch` (when it began). */
  put(issuer: string, scheme: string, value: string, lookup: CachedLookup<R>, now: Date, epoch: number): void {
    if (!this.entries || !this.listener?.listening || this.everythingAt > epoch) return;
    const key = keyOf(issuer, scheme, value);
    const op = lookup.operatorId === null ? undefined : operatorKey(issuer, lookup.operatorId);
    if ((this.recent.get(key) ?? 0) > epoch || (op && (this.recent.get(op) ?? 0) > epoch)) return;
    const until = Math.min(now.getTime() + MAX_AGE_MS, lookup.nextSince?.getTime() ?? Infinity);
    this.entries.set(key, { ...lookup, until });
    if (op && this.entries.has(key)) {
      let keys = this.byOperator.get(op);
      if (!keys) this.byOperator.set(op, (keys = new Set()));
      keys.add(key);
    }
  }

  clear(): void {
    this.everythingAt = ++this.epoch;
    this.recent.clear();
    this.entries?.clear();
    this.byOperator.clear();
  }

  private changed(payload: string): void {
    let change: { records?: [string, string][]; identifiers?: [string, string, string][]; all?: boolean };
    try {
      change = JSON.parse(payload);
    } catch {
      change = { all: true };
    }
    if (change.all) return this.clear();
    const epoch = ++this.epoch;
    for (const [issuer, operatorId] of change.records ?? []) {
      const op = operatorKey(issuer, operatorId);
      this.recent.set(op, epoch);
      for (const key of [...(this.byOperator.get(op) ?? [])]) this.entries?.delete(key);
    }
    for (const [issuer, scheme, value] of change.identifiers ?? []) {
      const key = keyOf(issuer, scheme, value);
      this.recent.set(key, epoch);
      this.entries?.delete(key);
    }
    if (this.recent.size > RECENT_CHANGES) {
      this.everythingAt = epoch;
      this.recent.clear();
    }
  }

  private unindex(entry: Entry<R>, key: string): void {
    if (entry.operatorId === null) return;
    const op = operatorKey(key.slice(0, key.indexOf('\u0000')), entry.operatorId);
    const keys = this.byOperator.get(op);
    keys?.delete(key);
    if (keys?.size === 0) this.byOperator.delete(op);
  }
}

/** About what a row takes: its strings (the record and signature in base64 among them) and 16 bytes for anything else. */
function sizeOfRow(row: object): number {
  let n = 0;
  for (const v of Object.values(row)) n += typeof v === 'string' ? v.length * 2 : 16;
  return n;
}
