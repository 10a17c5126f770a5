import { ServiceMetrics } from '@aeo/platform';
import pino from 'pino';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { RecognitionCache } from './recognition-cache';

/**
 * The cache's bookkeeping, without a database: notifications are handed to it as the listener
 * would, and the listener is taken as listening.
 */
describe('RecognitionCache', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const make = () => {
    const config = Object.assign(new MraExchangeConfig(), { DATABASE_URL: 'postgres://127.0.0.1:1/none', RECOGNITION_CACHE_MB: 1 });
    const cache = new RecognitionCache<{ status: string }>(config, pino({ level: 'silent' }), new ServiceMetrics({ service: 'mra-exchange', administration: 'BW' }, { processMetrics: false }));
    Object.assign(cache as object, { listener: { listening: true, start: async () => undefined, close: async () => undefined } });
    const hear = (payload: object) => (cache as unknown as { changed(p: string): void }).changed(JSON.stringify(payload));
    const lookup = (operatorId: string | null, status = 'valid', nextSince: Date | null = null) => ({ operatorId, row: { status }, nextSince });
    return { cache, hear, lookup };
  };

  it('keeps a lookup until its operator or identifier changes, and only those', () => {
    const { cache, hear, lookup } = make();
    cache.put('ZA', 'TIN', '1', lookup('op-1'), now, cache.currentEpoch);
    cache.put('ZA', 'TIN', '2', lookup('op-2'), now, cache.currentEpoch);
    cache.put('ZA', 'TIN', '3', lookup(null), now, cache.currentEpoch);
    expect(cache.get('ZA', 'TIN', '1', now)?.row.status).toBe('valid');
    hear({ records: [['ZA', 'op-1']] });
    expect(cache.get('ZA', 'TIN', '1', now)).toBeUndefined();
    expect(cache.get('ZA', 'TIN', '2', now)).toBeDefined();
    hear({ identifiers: [['ZA', 'TIN', '3']] });
    expect(cache.get('ZA', 'TIN', '3', now)).toBeUndefined();
    expect(cache.get('ZA', 'TIN', '2', now)).toBeDefined();
    // The same operator's id under another issuer is another operator.
    hear({ records: [['NA', 'op-2']] });
    expect(cache.get('ZA', 'TIN', '2', now)).toBeDefined();
    hear({ all: true });
    expect(cache.get('ZA', 'TIN', '2', now)).toBeUndefined();
  });

  it('does not keep what a lookup read before a change of its operator or identifier, but keeps it past others', () => {
    const { cache, hear, lookup } = make();
    const began = cache.currentEpoch;
    hear({ records: [['ZA', 'op-9']] });
    hear({ identifiers: [['ZA', 'TIN', '8']] });
    // Begun before the change to op-1's records, finished after: what it read may be the old status.
    const beganBefore = cache.currentEpoch;
    hear({ records: [['ZA', 'op-1']] });
    cache.put('ZA', 'TIN', '1', lookup('op-1', 'stale'), now, beganBefore);
    expect(cache.get('ZA', 'TIN', '1', now)).toBeUndefined();
    // "Not known" read before the identifier arrived.
    cache.put('ZA', 'TIN', '8', lookup(null), now, began);
    expect(cache.get('ZA', 'TIN', '8', now)).toBeUndefined();
    // Others' changes meanwhile do not matter.
    cache.put('ZA', 'TIN', '2', lookup('op-2'), now, began);
    expect(cache.get('ZA', 'TIN', '2', now)?.row.status).toBe('valid');
    // A lookup begun after the change is kept.
    cache.put('ZA', 'TIN', '1', lookup('op-1', 'suspended'), now, cache.currentEpoch);
    expect(cache.get('ZA', 'TIN', '1', now)?.row.status).toBe('suspended');
    // After a gap nothing begun before it is kept.
    const beforeGap = cache.currentEpoch;
    cache.clear();
    cache.put('ZA', 'TIN', '5', lookup('op-5'), now, beforeGap);
    expect(cache.get('ZA', 'TIN', '5', now)).toBeUndefined();
  });

  it('ends an entry when the next stored status comes into force, or after a minute', () => {
    const { cache, lookup } = make();
    cache.put('ZA', 'TIN', '1', lookup('op-1', 'valid', new Date(now.getTime() + 5000)), now, cache.currentEpoch);
    cache.put('ZA', 'TIN', '2', lookup('op-2'), now, cache.currentEpoch);
    expect(cache.get('ZA', 'TIN', '1', new Date(now.getTime() + 4999))).toBeDefined();
    expect(cache.get('ZA', 'TIN', '1', new Date(now.getTime() + 5000))).toBeUndefined();
    expect(cache.get('ZA', 'TIN', '2', new Date(now.getTime() + 59_999))).toBeDefined();
    expect(cache.get('ZA', 'TIN', '2', new Date(now.getTime() + 60_000))).toBeUndefined();
  });

  it('reads and keeps nothing while its listener is not listening', () => {
    const { cache, lookup } = make();
    cache.put('ZA', 'TIN', '1', lookup('op-1'), now, cache.currentEpoch);
    Object.assign(cache as object, { listener: { listening: false } });
    expect(cache.get('ZA', 'TIN', '1', now)).toBeUndefined();
    cache.put('ZA', 'TIN', '2', lookup('op-2'), now, cache.currentEpoch);
    Object.assign(cache as object, { listener: { listening: true } });
    expect(cache.get('ZA', 'TIN', '2', now)).toBeUndefined();
  });
});
