import { createHash, randomUUID } from 'node:crypto';
import { columnList, selectRowsWith } from '@aeo/platform';
import { EntityManager } from 'typeorm';
import { Transition } from './transition.entity';

/**
 * The history as hash chains, for the auditor's "tamper-evident": one chain per operator, each
 * row's hash covering its content and the hash of the operator's row before it. An operator's
 * rows are appended one at a time, under the lock of its chain head (ChainHead: the hash of its
 * last row; operators do not wait for each other), and `verifyHistory` recomputes every chain.
 */
export type HistoryLine = Omit<Transition, 'id' | 'position' | 'actor' | 'roles' | 'prevHash' | 'hash'> & {
  by: { subject: string; roles: readonly string[] };
};

/** JSON with object keys sorted at every level: the same text whatever order jsonb keeps them in. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    // sort() without a comparator orders by UTF-16 code units: the same on every machine and locale.
    const keys = Object.keys(object).filter((k) => object[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k])}`).join(',')}}`;
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
  return createHash('sha256').update(content).digest('hex'); // a string is hashed as UTF-8
}

// Stryker disable all: the database side of the chain, proved by the integration tests (accreditation.int-spec.ts).
const INSERT_LINE = `INSERT INTO transition (id, operator_id, application_id, authorisation_id, action, from_state, to_state, actor, roles, reason, details, at, prev_hash, hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;
// The head moves to the new row in the statement that writes it.
const MOVE_HEAD = `head AS (UPDATE transition_chain_head SET hash = $14 WHERE operator_id = $2)`;

/**
 * The line as it will be stored, chained to the operator's last row. Takes the operator's chain
 * head (ChainHead) under its row lock until the transaction ends, so that an operator's rows are
 * appended one at a time (operators do not wait for each other); the statement's ON CONFLICT reads
 * the head as last committed, whatever this transaction's snapshot.
 */
async function chained(manager: EntityManager, line: HistoryLine): Promise<{ hashed: Omit<Transition, 'position'>; parameters: unknown[] }> {
  const [head] = await manager.query(
    `INSERT INTO transition_chain_head (operator_id, hash) VALUES ($1, NULL)
     ON CONFLICT (operator_id) DO UPDATE SET hash = transition_chain_head.hash RETURNING hash`,
    [line.operatorId],
  );
  const { by, ...rest } = line;
  const row = { id: randomUUID(), ...rest, details: rest.details ?? {}, actor: by.subject, roles: [...by.roles], prevHash: (head.hash as string | null) ?? null };
  const hashed = { ...row, hash: transitionHash(row) };
  const parameters = [hashed.id, hashed.operatorId, hashed.applicationId ?? null, hashed.authorisationId ?? null, hashed.action, hashed.fromState ?? null, hashed.toState,
    hashed.actor, hashed.roles, hashed.reason ?? null, JSON.stringify(hashed.details), hashed.at, hashed.prevHash, hashed.hash];
  return { hashed, parameters };
}

/** Appends one line to the history, chained to the operator's last one. Runs inside the caller's transaction. */
export async function appendHistory(manager: EntityManager, line: HistoryLine): Promise<Omit<Transition, 'position'>> {
  const { hashed, parameters } = await chained(manager, line);
  await manager.query(`WITH ${MOVE_HEAD} ${INSERT_LINE}`, parameters);
  return hashed;
}

/**
 * Appends a step on an authorisation, as appendHistory does, and returns the authorisation's whole
 * history after it, oldest first, read by the statement that appends (the answer to the step).
 */
export async function appendAuthorisationHistory(manager: EntityManager, line: HistoryLine & { authorisationId: string }): Promise<Transition[]> {
  const { parameters } = await chained(manager, line);
  const columns = columnList(manager, Transition);
  return manager.query(
    `WITH ${MOVE_HEAD}, inserted AS (${INSERT_LINE} RETURNING *)
     SELECT ${columns} FROM transition WHERE authorisation_id = $4 UNION ALL SELECT ${columns} FROM inserted ORDER BY "position"`,
    parameters,
  );
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

// Stryker restore all

/**
 * The chain rule, over rows given in (operator, position) order: each operator's rows before its
 * chain began carry no hash; from the first hashed row on, each row's hash covers its content and
 * names the hash of the row before; and, when the operator's chain head is given with its rows,
 * the chain ends at the head (the hash the next row will chain to). Pure, so that a caller feeds
 * it a page at a time.
 */
export class ChainVerifier {
  private current: string | null = null;
  private previous: string | null = null;
  private hashedSoFar = 0;
  /** The current operator's last row, and its chain head as read with its rows (undefined: not given). */
  private last?: Transition;
  private head?: string | null;
  private readonly counts = { operators: 0, verified: 0, beforeChain: 0 };

  /** Takes the next row (with its operator's chain head, if read); the first break found, or undefined while the chain holds. */
  check(t: Transition, head?: string | null): NonNullable<ChainReport['brokenAt']> | undefined {
    if (t.operatorId !== this.current) {
      const ended = this.end();
      if (ended) return ended;
      this.current = t.operatorId;
      this.previous = null;
      this.hashedSoFar = 0;
      this.counts.operators++;
    }
    this.last = t;
    this.head = head;
    const broken = (reason: string) => ({ operatorId: t.operatorId, position: t.position, id: t.id, reason });
    if (t.hash === null) {
      if (this.hashedSoFar > 0) return broken('a row without a hash after the chain began');
      this.counts.beforeChain++;
      return undefined;
    }
    if (t.prevHash !== this.previous) return broken('it does not follow the row before it (a row was removed or inserted)');
    if (transitionHash(t) !== t.hash) return broken('its content does not match its hash (it was edited)');
    this.previous = t.hash;
    this.hashedSoFar++;
    this.counts.verified++;
    return undefined;
  }

  /** The current operator's rows are all given: whether its chain ends at its head. */
  end(): NonNullable<ChainReport['brokenAt']> | undefined {
    const last = this.last;
    this.last = undefined;
    if (!last || this.head === undefined || (this.head ?? null) === (this.hashedSoFar > 0 ? this.previous : null)) return undefined;
    return { operatorId: last.operatorId, position: last.position, id: last.id, reason: 'the chain does not end at its head (a row was removed from its end)' };
  }

  report(brokenAt: ChainReport['brokenAt'] = null): ChainReport {
    return { ...this.counts, intact: brokenAt === null, brokenAt };
  }
}

// Stryker disable all: paging through the table, proved by the integration tests; the rule is ChainVerifier's.
/**
 * Recomputes every operator's chain (or one operator's), a page at a time, in the order each
 * operator's rows were written, each page with its operators' chain heads read by the same statement.
 */
export async function verifyHistory(manager: EntityManager, operatorId?: string, pageSize = 1000): Promise<ChainReport> {
  let cursor: { operatorId: string; position: string } = { operatorId: '00000000-0000-0000-0000-000000000000', position: '0' };
  const verifier = new ChainVerifier();
  for (;;) {
    const page = await selectRowsWith<Transition, { head: string | null }>(
      manager,
      Transition,
      `(SELECT hash FROM transition_chain_head h WHERE h.operator_id = transition.operator_id) AS "head"`,
      `WHERE (operator_id, position) > ($1, $2) ${operatorId ? 'AND operator_id = $4' : ''} ORDER BY operator_id, position LIMIT $3`,
      [cursor.operatorId, cursor.position, pageSize, ...(operatorId ? [operatorId] : [])],
    );
    if (page.length === 0) return verifier.report(verifier.end() ?? null);
    for (const { head, ...t } of page) {
      const broken = verifier.check(t, head);
      if (broken) return verifier.report(broken);
    }
    const last = page[page.length - 1];
    cursor = { operatorId: last.operatorId, position: last.position };
  }
}
