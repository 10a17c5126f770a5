import { create } from '@bufbuild/protobuf';
import { SignedCheckpoint, SignedCheckpointSchema } from '@aeo/contracts';
import { Clock, packedBytes, SERVICE_LOGGER, ServiceMetrics, updateReturning } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { EntityManager } from 'typeorm';
import { parseCheckpoint } from './checkpoint';
import { Cosigner } from './cosigner';
import { LogAlert, PartnerLog } from './log.entities';
import { Frontier } from './merkle';

/** A checkpoint held here, as advance compares it with the leaves. */
interface PendingCheckpoint {
  size: string;
  root: Buffer;
  note: Buffer;
  signature: Buffer;
  key_id: string;
}

/** A leaf of an issuer's log as it came here: the entry's number and its RFC 9162 leaf hash. */
export interface Leaf {
  sequence: bigint;
  hash: Buffer;
}

/**
 * The log as the caller already extended it over the leaves it passes, checking their checkpoints
 * on the way: from `base`, the frontier after each message (at each checkpoint's size). When `base`
 * is the frontier held, advance takes these instead of hashing the same leaves again.
 */
export interface Extension {
  base: Frontier;
  frontiers: Frontier[];
}

/**
 * Checks a partner issuer's log as its entries come: keeps every leaf hash and every checkpoint
 * (signatures already verified by the caller), advances the frontier over the leaves received
 * without a gap, and compares each checkpoint with the root of the leaves it covers. A mismatch,
 * two entries or two checkpoints for one number, or a cosigned checkpoint of another partner with
 * another root, is an alert (log_alert, the metric, an error in the log) with its evidence kept.
 * A checkpoint found right is cosigned for the issuer's other partners.
 */
@Injectable()
export class PartnerLogVerifier {
  constructor(
    private readonly clock: Clock,
    private readonly cosigner: Cosigner,
    private readonly metrics: ServiceMetrics,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * The issuer's log as checked here: the frontier over its leaves received without a gap, and how
   * many of the leaves held are authenticated (a checkpoint signed by the issuer was found to
   * match them: the largest verified size, no further than the frontier).
   */
  async view(manager: EntityManager, issuer: string): Promise<{ frontier: Frontier; authenticated: number }> {
    const [row]: { frontier: PartnerLog['frontier']; verified_size: string }[] = await manager.query(
      `SELECT frontier, verified_size FROM partner_log WHERE issuer = $1`,
      [issuer],
    );
    const frontier = Frontier.fromJSON(row?.frontier);
    return { frontier, authenticated: Math.min(Number(row?.verified_size ?? 0), frontier.size) };
  }

  /** The leaf hashes held of the issuer's entries `from` to `to`, in order (fewer where some are missing; authenticated only up to `view`'s). */
  async leaves(manager: EntityManager, issuer: string, from: number, to: number): Promise<{ sequence: number; hash: Buffer }[]> {
    const rows: { sequence: string; leaf_hash: Buffer }[] = await manager.query(
      `SELECT sequence, leaf_hash FROM received_leaf WHERE issuer = $1 AND sequence BETWEEN $2 AND $3 ORDER BY sequence`,
      [issuer, String(from), String(to)],
    );
    return rows.map((r) => ({ sequence: Number(r.sequence), hash: r.leaf_hash }));
  }

  async take(manager: EntityManager, issuer: string, leaves: Leaf[], checkpoints: SignedCheckpoint[], correlationId?: string, extension?: Extension): Promise<void> {
    const leavesNew = await this.keepLeaves(manager, issuer, leaves);
    const kept = await this.keepCheckpoints(manager, issuer, checkpoints);
    // Every leaf and checkpoint that came was new here: what advance needs of them is in hand.
    const verified = await this.advance(manager, issuer, leavesNew && kept.allNew ? { leaves, checkpoints: kept.bySize, extension } : undefined);
    if (verified) await this.cosigner.verified(manager, issuer, verified, correlationId);
  }

  /** Stores the leaves that came; whether every one was new here. */
  private async keepLeaves(manager: EntityManager, issuer: string, leaves: Leaf[]): Promise<boolean> {
    if (leaves.length === 0) return true;
    const sequences = leaves.map((l) => l.sequence.toString());
    const hashes = packedBytes(leaves.map((l) => l.hash));
    const inserted = await updateReturning(
      manager,
      `INSERT INTO received_leaf (issuer, sequence, leaf_hash)
       SELECT $1, u.sequence, substring($3::bytea FROM u.at FOR u.length) FROM unnest($2::bigint[], $4::int[], $5::int[]) AS u(sequence, at, length)
       ON CONFLICT DO NOTHING RETURNING sequence`,
      [issuer, sequences, hashes.bytes, hashes.at, hashes.length],
    );
    if (inserted.length === leaves.length) return true;
    const stored: { sequence: string; leaf_hash: Buffer }[] = await manager.query(
      `SELECT sequence, leaf_hash FROM received_leaf WHERE issuer = $1 AND sequence = ANY($2::bigint[])`,
      [issuer, sequences],
    );
    const held = new Map(stored.map((r) => [r.sequence, r.leaf_hash]));
    for (const l of leaves) {
      const before = held.get(l.sequence.toString());
      if (before && !before.equals(l.hash)) {
        await this.alert(manager, issuer, 'conflict', `${issuer} sent two different entries numbered ${l.sequence}`, {
          sequence: l.sequence.toString(),
          first: before.toString('hex'),
          second: l.hash.toString('hex'),
        });
      }
    }
    return false;
  }

  /**
   * The checkpoints that came, in one statement whatever their number (two when some were held
   * already): those new here stored, with other partners' cosignatures of those sizes that came
   * first (a different root is an equivocation); those held already of the same sizes read (a
   * different root is a conflict).
   */
  private async keepCheckpoints(manager: EntityManager, issuer: string, checkpoints: SignedCheckpoint[]): Promise<{ allNew: boolean; bySize: Map<number, PendingCheckpoint> }> {
    const bySize = new Map<number, PendingCheckpoint>();
    if (checkpoints.length === 0) return { allNew: true, bySize };
    const came = checkpoints.map((c) => ({ checkpoint: c, parsed: parseCheckpoint(c.note)! }));
    // The first of each size is the one stored; another of that size in the same batch is compared with it.
    const first = new Map<number, (typeof came)[number]>();
    for (const c of came) if (!first.has(c.parsed.size)) first.set(c.parsed.size, c);
    const unique = [...first.values()];
    const notes = packedBytes(unique.map((c) => Buffer.from(c.checkpoint.note)));
    const signatures = packedBytes(unique.map((c) => Buffer.from(c.checkpoint.signature)));
    const roots = packedBytes(unique.map((c) => c.parsed.root));
    // Stored, and other partners' cosignatures of these sizes that came first read, by one statement:
    // a row without a cosigner is a checkpoint stored now.
    const rows: { size: string; cosigner: string | null; root: Buffer | null; message: Buffer | null }[] = await manager.query(
      `WITH stored AS (
         INSERT INTO partner_checkpoint (issuer, size, root, note, signature, key_id)
         SELECT $1, u.size, substring($3::bytea FROM u.root_at FOR u.root_length), substring($4::bytea FROM u.note_at FOR u.note_length),
           substring($5::bytea FROM u.signature_at FOR u.signature_length), u.key_id
         FROM unnest($2::bigint[], $6::text[], $7::int[], $8::int[], $9::int[], $10::int[], $11::int[], $12::int[])
           AS u(size, key_id, root_at, root_length, note_at, note_length, signature_at, signature_length)
         ON CONFLICT DO NOTHING RETURNING size)
       SELECT size, NULL AS cosigner, NULL::bytea AS root, NULL::bytea AS message FROM stored
       UNION ALL SELECT size, cosigner, root, message FROM received_cosignature WHERE issuer = $1 AND size = ANY($2::bigint[])`,
      [
        issuer,
        unique.map((c) => String(c.parsed.size)),
        roots.bytes,
        notes.bytes,
        signatures.bytes,
        unique.map((c) => c.checkpoint.keyId),
        roots.at,
        roots.length,
        notes.at,
        notes.length,
        signatures.at,
        signatures.length,
      ],
    );
    const inserted = rows.filter((r) => r.cosigner === null);
    const others = rows.filter((r) => r.cosigner !== null) as { size: string; cosigner: string; root: Buffer; message: Buffer }[];
    const stored = new Set(inserted.map((r) => Number(r.size)));
    for (const c of unique) {
      bySize.set(c.parsed.size, { size: String(c.parsed.size), root: c.parsed.root, note: Buffer.from(c.checkpoint.note), signature: Buffer.from(c.checkpoint.signature), key_id: c.checkpoint.keyId });
    }
    // Those held before of these sizes (read only when some were), and those stored now: what each that came is compared with.
    const held = new Map<number, { root: Buffer; note: Uint8Array; signature: Uint8Array }>();
    const before = unique.filter((c) => !stored.has(c.parsed.size)).map((c) => String(c.parsed.size));
    if (before.length > 0) {
      const rows: { size: string; root: Buffer; note: Buffer; signature: Buffer }[] = await manager.query(
        `SELECT size, root, note, signature FROM partner_checkpoint WHERE issuer = $1 AND size = ANY($2::bigint[])`,
        [issuer, before],
      );
      for (const r of rows) held.set(Number(r.size), r);
    }
    for (const c of unique) if (stored.has(c.parsed.size)) held.set(c.parsed.size, { root: c.parsed.root, note: c.checkpoint.note, signature: c.checkpoint.signature });
    for (const c of came) {
      const h = held.get(c.parsed.size);
      if (h && !h.root.equals(c.parsed.root)) {
        await this.alert(manager, issuer, 'conflict', `${issuer} signed two checkpoints of size ${c.parsed.size} with different roots`, {
          first: { note: Buffer.from(h.note).toString('utf8'), signature: Buffer.from(h.signature).toString('base64') },
          second: { note: Buffer.from(c.checkpoint.note).toString('utf8'), signature: Buffer.from(c.checkpoint.signature).toString('base64') },
        });
      }
    }
    // Other partners' cosignatures of these sizes that came first.
    for (const o of others) {
      for (const c of came) {
        if (c.parsed.size === Number(o.size) && !o.root.equals(c.parsed.root)) {
          await this.equivocation(manager, issuer, c.parsed.size, { note: c.checkpoint.note, signature: c.checkpoint.signature }, o.cosigner, o.message);
        }
      }
    }
    return { allNew: stored.size === unique.length, bySize };
  }

  /** Compares a partner's cosigned checkpoint with the one of the same size sent here; a different root is an equivocation. */
  async compareCosigned(manager: EntityManager, issuer: string, size: number, root: Buffer, cosigner: string, message: Buffer): Promise<'agrees' | 'differs' | 'not-yet'> {
    const [held]: { root: Buffer; note: Buffer; signature: Buffer }[] = await manager.query(
      `SELECT root, note, signature FROM partner_checkpoint WHERE issuer = $1 AND size = $2`,
      [issuer, String(size)],
    );
    if (!held) return 'not-yet';
    if (held.root.equals(root)) return 'agrees';
    await this.equivocation(manager, issuer, size, held, cosigner, message);
    return 'differs';
  }

  private async equivocation(manager: EntityManager, issuer: string, size: number, ours: { note: Uint8Array; signature: Uint8Array }, cosigner: string, cosignature: Buffer) {
    await this.alert(manager, issuer, 'equivocation', `${issuer} showed ${cosigner} another log of size ${size} than the one it showed here`, {
      size,
      here: { note: Buffer.from(ours.note).toString('utf8'), signature: Buffer.from(ours.signature).toString('base64') },
      cosigner,
      cosignature: cosignature.toString('base64'),
    });
  }

  /**
   * Advances over the leaves received without a gap; returns the largest checkpoint newly found
   * right. `came`: this batch's leaves and checkpoints, all new here; when they continue the
   * frontier, only leaves stored beyond them (after a gap they filled) are read.
   */
  private async advance(
    manager: EntityManager,
    issuer: string,
    came?: { leaves: Leaf[]; checkpoints: Map<number, PendingCheckpoint>; extension?: Extension },
  ): Promise<SignedCheckpoint | undefined> {
    const lock = () => manager.query(`SELECT frontier FROM partner_log WHERE issuer = $1 FOR UPDATE`, [issuer]) as Promise<{ frontier: PartnerLog['frontier'] }[]>;
    let [row] = await lock();
    if (!row) {
      // The issuer's first entries here (another transaction may be creating its row too: then wait for it).
      await manager.query(`INSERT INTO partner_log (issuer, frontier) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [issuer, new Frontier().toJSON()]);
      [row] = await lock();
    }
    let frontier = Frontier.fromJSON(row.frontier);
    const from = frontier.size;
    const readLeaves = async (after: number) =>
      (await manager.query(`SELECT sequence, leaf_hash FROM received_leaf WHERE issuer = $1 AND sequence > $2 ORDER BY sequence LIMIT 200000`, [issuer, String(after)])) as { sequence: string; leaf_hash: Buffer }[];
    const readCheckpoints = async (to: string) =>
      (await manager.query(
        `SELECT size, root, note, signature, key_id FROM partner_checkpoint WHERE issuer = $1 AND size > $2 AND size <= $3 ORDER BY size`,
        [issuer, String(from), to],
      )) as PendingCheckpoint[];
    const sorted = came ? [...came.leaves].sort((a, b) => (a.sequence < b.sequence ? -1 : 1)) : [];
    const continues = sorted.length > 0 && sorted.every((l, i) => Number(l.sequence) === from + 1 + i);
    let leaves: { sequence: string; leaf_hash: Buffer }[];
    let pending: PendingCheckpoint[];
    // The leaves to append are exactly those that came, continuing the frontier held.
    let onlyCame = false;
    if (came && continues) {
      const beyond = await readLeaves(from + sorted.length);
      onlyCame = beyond.length === 0;
      leaves = [...sorted.map((l) => ({ sequence: l.sequence.toString(), leaf_hash: l.hash })), ...beyond];
      // A checkpoint comes with the last entry of its message: none new here can be of a size beyond them but those that came.
      pending = beyond.length === 0 ? [...came.checkpoints.values()] : await readCheckpoints(leaves[leaves.length - 1].sequence);
    } else {
      leaves = await readLeaves(from);
      if (leaves.length === 0 || Number(leaves[0].sequence) !== from + 1) return undefined;
      pending = await readCheckpoints(leaves[leaves.length - 1].sequence);
    }
    const bySize = new Map(pending.map((p) => [Number(p.size), p]));
    const right: number[] = [];
    let latest: (typeof pending)[number] | undefined;
    const compare = async (at: Frontier, checkpoint: PendingCheckpoint) => {
      if (at.root().equals(checkpoint.root)) {
        right.push(at.size);
        latest = checkpoint;
      } else {
        await this.alert(manager, issuer, 'inconsistent', `${issuer}'s checkpoint of size ${at.size} does not match the entries it sent`, {
          note: checkpoint.note.toString('utf8'),
          signature: checkpoint.signature.toString('base64'),
          rootOfEntries: at.root().toString('base64'),
        });
      }
    };
    // The caller's extension over exactly these leaves, from the frontier held, with a frontier at
    // every checkpoint's size: the same hashes, already computed.
    const extension = came?.extension;
    const extended = new Map(extension?.frontiers.map((f) => [f.size, f]));
    if (
      extension &&
      onlyCame &&
      extension.base.equals(frontier) &&
      extension.frontiers.at(-1)?.size === from + leaves.length &&
      pending.every((p) => extended.has(Number(p.size)))
    ) {
      for (const p of [...pending].sort((a, b) => Number(a.size) - Number(b.size))) await compare(extended.get(Number(p.size))!, p);
      frontier = extension.frontiers.at(-1)!;
    } else {
      // Appended a stretch at a time, up to each checkpoint's size; a gap ends it (wait for it to be filled).
      let run: Buffer[] = [];
      for (const leaf of leaves) {
        if (Number(leaf.sequence) !== frontier.size + run.length + 1) break;
        run.push(leaf.leaf_hash);
        const checkpoint = bySize.get(frontier.size + run.length);
        if (!checkpoint) continue;
        frontier = frontier.extend(run);
        run = [];
        await compare(frontier, checkpoint);
      }
      frontier = frontier.extend(run);
    }
    // The frontier and the checkpoints found right, in one statement.
    await manager.query(
      `WITH right_ones AS (UPDATE partner_checkpoint SET verified_at = $4 WHERE issuer = $1 AND size = ANY($5::bigint[]))
       UPDATE partner_log SET frontier = $2, verified_size = greatest(verified_size, $3), verified_at = CASE WHEN $3 > 0 THEN $4 ELSE verified_at END WHERE issuer = $1`,
      [issuer, frontier.toJSON(), String(right.at(-1) ?? 0), this.clock.now(), right.map(String)],
    );
    return latest ? create(SignedCheckpointSchema, { note: latest.note, signature: latest.signature, keyId: latest.key_id }) : undefined;
  }

  private async alert(manager: EntityManager, issuer: string, kind: LogAlert['kind'], detail: string, evidence: Record<string, unknown>): Promise<void> {
    await manager.query(`INSERT INTO log_alert (id, issuer, kind, detail, evidence, detected_at) VALUES ($1, $2, $3, $4, $5, $6)`, [randomUUID(), issuer, kind, detail, evidence, this.clock.now()]);
    this.metrics.counter('aeo_exchange_log_alerts_total', "Faults found in partner issuers' logs (inconsistent, conflict, equivocation)", ['issuer', 'kind']).inc({ issuer, kind });
    this.logger.error({ issuer, kind, evidence }, detail);
  }
}
