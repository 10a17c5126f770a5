import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Transition } from './transition.entity';

/**
 * The history as hash chains, for the auditor's "tamper-evident": one chain per operator, each
 * row's hash covering its content and the hash of the operator's row before it. An operator's
 * rows are appended one at a time (a transaction-scoped advisory lock per operator; operators do
 * not wait for each other), and `verifyHistory` recomputes every chain.
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
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.transition-chain.' || $1))`, [line.operatorId]);
  const [last] = await manager.query(
    `SELECT hash FROM transition WHERE operator_id = $1 AND hash IS NOT NULL ORDER BY position DESC LIMIT 1`,
    [line.operatorId],
  );
  const { by, ...rest } = line;
  const row = { id: randomUUID(), ...rest, details: rest.details ?? {}, actor: by.subject, roles: [...by.roles], prevHash: (last?.hash as string) ?? null };
  const hashed = { ...row, hash: transitionHash(row) };
  await manager.insert(Transition, hashed as QueryDeepPartialEntity<Transition>);
  return hashed as Transition;
}

export interface ChainReport {
  operators: number;
  verified: number;
  /** Rows written before the chains existed (hash null), at the start of an operator's history. */
  beforeChain: number;
  intact: boolean;
  /** The first row whose hash does not match its content or its predecessor. */
  brokenAt: { operatorId: string; position: string; id: string; reason: string } | null;
}

/** Recomputes every operator's chain, a page at a time, in the order each operator's rows were written. */
export async function verifyHistory(manager: EntityManager, operatorId?: string, pageSize = 1000): Promise<ChainReport> {
  let cursor: { operatorId: string; position: string } = { operatorId: '00000000-0000-0000-0000-000000000000', position: '0' };
  let current: string | null = null;
  let previous: string | null = null;
  let hashedSoFar = 0;
  const report = { operators: 0, verified: 0, beforeChain: 0 };
  for (;;) {
    const qb = manager
      .createQueryBuilder(Transition, 't')
      .where('(t.operator_id, t.position) > (:operatorId, :position)', cursor)
      .orderBy('t.operator_id', 'ASC')
      .addOrderBy('t.position', 'ASC')
      .limit(pageSize);
    if (operatorId) qb.andWhere('t.operator_id = :only', { only: operatorId });
    const page = await qb.getMany();
    if (page.length === 0) return { ...report, intact: true, brokenAt: null };
    for (const t of page) {
      if (t.operatorId !== current) {
        current = t.operatorId;
        previous = null;
        hashedSoFar = 0;
        report.operators++;
      }
      const broken = (reason: string) => ({ ...report, intact: false, brokenAt: { operatorId: t.operatorId, position: t.position, id: t.id, reason } });
      if (t.hash === null) {
        if (hashedSoFar > 0) return broken('a row without a hash after the chain began');
        report.beforeChain++;
        continue;
      }
      if (t.prevHash !== previous) return broken('it does not follow the row before it (a row was removed or inserted)');
      if (transitionHash(t) !== t.hash) return broken('its content does not match its hash (it was edited)');
      previous = t.hash;
      hashedSoFar++;
      report.verified++;
    }
    const last = page[page.length - 1];
    cursor = { operatorId: last.operatorId, position: last.position };
  }
}
