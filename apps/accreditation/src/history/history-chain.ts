import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Transition } from './transition.entity';

/**
 * The history as a hash chain, for the auditor's "tamper-evident": each row's hash covers its
 * content and the hash of the row before it. Rows are appended one at a time (a
 * transaction-scoped advisory lock orders writers), and `verifyHistory` recomputes the chain.
 */
export type HistoryLine = Omit<Transition, 'id' | 'position' | 'actor' | 'roles' | 'prevHash' | 'hash'> & {
  by: { subject: string; roles: readonly string[] };
};

/** JSON with object keys sorted at every level: the same text whatever order jsonb keeps them in. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function transitionHash(t: Omit<Transition, 'position' | 'hash'>): string {
  const content = canonicalJson([
    t.id,
    t.operatorId,
    t.applicationId,
    t.authorisationId,
    t.action,
    t.fromState,
    t.toState,
    t.actor,
    t.roles,
    t.reason,
    // Through JSON first, as jsonb stores it: dates become strings, undefined disappears.
    JSON.parse(JSON.stringify(t.details ?? {})),
    new Date(t.at).toISOString(),
    t.prevHash,
  ]);
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** Appends one line to the history, chained to the last one. Runs inside the caller's transaction. */
export async function appendHistory(manager: EntityManager, line: HistoryLine): Promise<Transition> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.transition-chain'))`);
  const [last] = await manager.query(`SELECT hash FROM transition WHERE hash IS NOT NULL ORDER BY position DESC LIMIT 1`);
  const { by, ...rest } = line;
  const row = { id: randomUUID(), ...rest, details: rest.details ?? {}, actor: by.subject, roles: [...by.roles], prevHash: (last?.hash as string) ?? null };
  const hashed = { ...row, hash: transitionHash(row) };
  await manager.insert(Transition, hashed as QueryDeepPartialEntity<Transition>);
  return hashed as Transition;
}

export interface ChainReport {
  verified: number;
  /** Rows written before the chain existed (hash null), at the start of the history. */
  beforeChain: number;
  intact: boolean;
  /** The first row whose hash does not match its content or its predecessor. */
  brokenAt: { position: string; id: string; reason: string } | null;
}

/** Recomputes the whole chain, a page at a time, in the order the rows were written. */
export async function verifyHistory(manager: EntityManager, pageSize = 1000): Promise<ChainReport> {
  let after = '0';
  let previous: string | null = null;
  let verified = 0;
  let beforeChain = 0;
  for (;;) {
    const page: Transition[] = await manager
      .createQueryBuilder(Transition, 't')
      .where('t.position > :after', { after })
      .orderBy('t.position', 'ASC')
      .limit(pageSize)
      .getMany();
    if (page.length === 0) return { verified, beforeChain, intact: true, brokenAt: null };
    for (const t of page) {
      if (t.hash === null) {
        if (verified > 0) return { verified, beforeChain, intact: false, brokenAt: { position: t.position, id: t.id, reason: 'a row without a hash after the chain began' } };
        beforeChain++;
        continue;
      }
      const broken = (reason: string) => ({ verified, beforeChain, intact: false, brokenAt: { position: t.position, id: t.id, reason } });
      if (t.prevHash !== previous) return broken('it does not follow the row before it (a row was removed or inserted)');
      if (transitionHash(t) !== t.hash) return broken('its content does not match its hash (it was edited)');
      previous = t.hash;
      verified++;
    }
    after = page[page.length - 1].position;
  }
}
