import { Clock, SERVICE_CONFIG, SERVICE_LOGGER } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { ArrangementCache } from '../arrangements/arrangement-cache';
import { arePartners, recordInScope } from '../arrangements/arrangement-coverage';
import type { AeoTypeCode } from '../arrangements/arrangement.entity';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { audienceOf } from '../exchange/channel-records';
import { consistencyProof, Frontier, leafHash } from '../log/merkle';
import { parseCheckpoint } from '../log/checkpoint';
import { Leaf, PartnerLogVerifier } from '../log/partner-log';
import { verifyBytes } from '../signing/record-signature';
import { create } from '@bufbuild/protobuf';
import { SignedCheckpoint, SignedCheckpointSchema } from '@aeo/contracts';
import { isDeepStrictEqual } from 'node:util';
import { PartnerFeedErrors } from '../mra-exchange.errors';
import { OutboundRecord } from '../outbound/holder.entities';
import { ExchangeSigner } from '../signing/exchange-signer';
import { IssuerLogWriter } from '../log/issuer-log';
import { BatchImportView, ConsistencyProofView, FeedCheckpointView, FeedEntryView, FeedPageView } from './dto/partner-feed.view';
import { BATCH_FORMAT, BATCH_JWS_TYPE, RECORD_JWS_TYPE, signBatchFile, signRecordJws } from './partner-files';
import { WcoRecord, wcoRecordOf, wcoRecordProblems } from './wco-record';

/** Most entries of one feed page, and of one batch file taken in. */
export const FEED_PAGE_LIMIT = 1000;
export const BATCH_ENTRY_LIMIT = 100_000;

/** A batch file's payload, as signed by its issuer. */
interface BatchPayload {
  format: string;
  iss: string;
  aud: string;
  date: string;
  entries: FeedEntryView[];
  checkpoint?: FeedCheckpointView;
}

/** A batch file's checkpoint as checked here, against the issuer's log as this registry holds it. */
export type BatchCheckpointStatus = 'verified' | 'pending' | 'inconsistent';

/**
 * The exchange with partners that do not run this registry and do not share its Kafka: a pull feed
 * over HTTPS (a cursor on this issuer's sequence, each record a JWS signed with the MRA key, the
 * records addressed to others withheld), a daily signed batch file of the same entries, and the
 * import of a partner's own batch file into the records received here.
 */
@Injectable()
export class PartnerFeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: ArrangementCache,
    private readonly signer: ExchangeSigner,
    private readonly log: IssuerLogWriter,
    private readonly partnerLog: PartnerLogVerifier,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** The entries after `after` in this issuer's sequence, as `partner` may read them. */
  async page(partner: string, after: number, limit: number): Promise<FeedPageView> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(OutboundRecord, 'r')
      .where('r.sequence > :after', { after: String(after) })
      .orderBy('r.sequence', 'ASC')
      .limit(limit + 1)
      .getMany();
    const entries = rows.slice(0, limit).map((r) => this.entry(partner, r));
    const next = entries.length ? entries[entries.length - 1].sequence : after;
    return {
      issuer: this.config.ADMINISTRATION,
      partner,
      entries,
      next,
      hasMore: rows.length > limit,
      ...(next > 0 ? { checkpoint: await this.checkpointAt(next) } : {}),
    };
  }

  /** The entries issued on one UTC day, as a compact JWS signed with this administration's MRA key. */
  async batch(partner: string, date: string): Promise<string> {
    const from = new Date(`${date}T00:00:00Z`);
    if (from.getTime() > this.clock.now().getTime()) throw PartnerFeedErrors.invalidBatch(`${date} has not begun yet`);
    const to = new Date(from.getTime() + 86_400_000);
    const rows = await this.dataSource.manager
      .createQueryBuilder(OutboundRecord, 'r')
      .where('r.issued_at >= :from AND r.issued_at < :to', { from, to })
      .orderBy('r.sequence', 'ASC')
      .getMany();
    const entries = rows.map((r) => this.entry(partner, r));
    const checkpoint = entries.length ? await this.checkpointAt(entries[entries.length - 1].sequence) : undefined;
    return this.signer.withKey((key, kid) => signBatchFile({ issuer: this.config.ADMINISTRATION, recipient: partner, date, entries, checkpoint }, key, kid));
  }

  /**
   * The RFC 9162 consistency proof between the log at `from` and at `to`, and the signed
   * checkpoint at `to`. The issuer keeps only its log's frontier, so the proof is computed from
   * the records sent up to `to` (one pass over them: about half a second for 100,000 here).
   */
  async consistency(from: number, to: number): Promise<ConsistencyProofView> {
    if (from > to) throw PartnerFeedErrors.invalidRange(`from (${from}) is after to (${to})`);
    const rows: { record: Buffer }[] = await this.dataSource.query(`SELECT record FROM outbound_record WHERE sequence <= $1 ORDER BY sequence`, [to]);
    if (rows.length < to) throw PartnerFeedErrors.invalidRange(`the log of ${this.config.ADMINISTRATION} has ${rows.length} records, not ${to}`);
    const leaves = rows.map((r) => leafHash(r.record));
    const frontier = new Frontier().extend(leaves);
    const c = this.log.sign(frontier);
    return {
      issuer: this.config.ADMINISTRATION,
      from,
      to,
      proof: consistencyProof(from, leaves).map((h) => h.toString('base64')),
      checkpoint: { note: Buffer.from(c.note).toString('utf8'), signature: Buffer.from(c.signature).toString('base64'), keyId: c.keyId },
    };
  }

  /** The log's signed checkpoint at `size`, as JSON. */
  private async checkpointAt(size: number): Promise<FeedCheckpointView> {
    const c = this.log.sign(await this.log.at(this.dataSource.manager, size));
    return { note: Buffer.from(c.note).toString('utf8'), signature: Buffer.from(c.signature).toString('base64'), keyId: c.keyId };
  }

  private entry(partner: string, r: OutboundRecord): FeedEntryView {
    const sequence = Number(r.sequence);
    if (!audienceOf(r.record).includes(partner)) return { sequence, withheld: { leafHash: leafHash(r.record).toString('hex') } };
    return { sequence, record: this.signer.withKey((key, kid) => signRecordJws(wcoRecordOf(r.record), key, kid)), protobuf: r.record.toString('base64') };
  }

  /**
   * Takes in a partner's batch file: verified with the partner's MRA key (the file and each record
   * in it), every record checked and in the scope of the MRA, or nothing is stored and each
   * problem is said. Taking the same file again changes nothing.
   */
  async importBatch(file: string, actor: string): Promise<BatchImportView> {
    const self = this.config.ADMINISTRATION;
    const manager = this.dataSource.manager;
    const { payload, issuer } = await this.verified<BatchPayload>(manager, file.trim(), BATCH_JWS_TYPE, 'the batch file');
    const problems: string[] = [];
    if (payload.format !== BATCH_FORMAT) problems.push(`format: expected ${BATCH_FORMAT}`);
    if (payload.aud !== self) problems.push(`aud: the file is addressed to ${payload.aud}, not to ${self}`);
    if (!Array.isArray(payload.entries)) problems.push('entries: not a list');
    if (problems.length) throw PartnerFeedErrors.invalidBatch(`the batch file cannot be taken: ${problems.join('; ')}`, problems);
    if (payload.entries.length > BATCH_ENTRY_LIMIT) throw PartnerFeedErrors.invalidBatch(`a batch file holds at most ${BATCH_ENTRY_LIMIT} entries`);

    const arrangements = await this.cache.arrangements(manager);
    const rows: { sequence: number; jws: string; kid: string; record: WcoRecord }[] = [];
    const withheld: number[] = [];
    const leaves: Leaf[] = [];
    const checkpoint = payload.checkpoint === undefined ? undefined : await this.batchCheckpoint(manager, issuer, payload.checkpoint, problems);
    for (const [i, entry] of payload.entries.entries()) {
      const where = `entries[${i}]`;
      if (!entry || !Number.isSafeInteger(entry.sequence) || entry.sequence < 1) {
        problems.push(`${where}.sequence: not a whole number from 1`);
        continue;
      }
      if (entry.withheld) {
        if (!/^[0-9a-f]{64}$/.test(String(entry.withheld.leafHash))) problems.push(`${where}.withheld.leafHash: not a SHA-256 in hex`);
        else {
          withheld.push(entry.sequence);
          leaves.push({ sequence: BigInt(entry.sequence), hash: Buffer.from(entry.withheld.leafHash, 'hex') });
        }
        continue;
      }
      if (typeof entry.record !== 'string') {
        problems.push(`${where}: neither a record nor a withheld record`);
        continue;
      }
      try {
        const { payload: record, kid } = await this.verified<WcoRecord>(manager, entry.record, RECORD_JWS_TYPE, `${where}.record`, issuer);
        const faults = wcoRecordProblems(record).map((p) => `${where}.record.${p}`);
        if (record.issuer !== issuer) faults.push(`${where}.record.issuer: ${record.issuer}, but the file is ${issuer}'s`);
        if (record.sequence !== entry.sequence) faults.push(`${where}.record.sequence: ${record.sequence}, but the entry says ${entry.sequence}`);
        if (faults.length === 0 && record.audience.includes(self)) {
          const type = record.authorisation.typeCode.slice(3) as AeoTypeCode;
          if (!recordInScope(arrangements, issuer, self, type, new Date(record.authorisation.statusEffectiveDateTime))) {
            faults.push(`${where}.record: out of scope, no MRA with ${issuer} covers its ${record.authorisation.typeCode} on ${record.authorisation.statusEffectiveDateTime.slice(0, 10)}`);
          }
        }
        // The record as the issuer put it into its log, when the file gives it: the leaf of the
        // checkpoint's tree, and the same record as the JWS (or the two could tell different things).
        if (entry.protobuf !== undefined) {
          const leaf = this.logEntry(entry.protobuf, record, where);
          if (typeof leaf === 'string') faults.push(leaf);
          else leaves.push({ sequence: BigInt(entry.sequence), hash: leaf });
        }
        problems.push(...faults);
        if (faults.length === 0) {
          if (record.audience.includes(self)) rows.push({ sequence: entry.sequence, jws: entry.record, kid, record });
          else withheld.push(entry.sequence);
        }
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    if (problems.length) throw PartnerFeedErrors.invalidBatch(`the batch file cannot be taken: ${problems.length} problem(s), nothing stored`, problems);

    const result = await this.dataSource.transaction(async (tx) => {
      const receivedAt = this.clock.now();
      let stored = 0;
      for (const r of rows) {
        const [header, body, signature] = r.jws.split('.');
        const inserted = await tx.query(
          `INSERT INTO received_record (issuer, sequence, record_id, operator_id, operator_name, certificate_number, aeo_type,
             status, status_since, valid_to, shared_with_consent, record, signature, key_id, received_at, coverage_ends, record_format)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'jws')
           ON CONFLICT (issuer, sequence) DO NOTHING RETURNING sequence`,
          [
            issuer, String(r.sequence), r.record.recordId, r.record.authorisedParty.id, r.record.authorisedParty.name, r.record.authorisation.id,
            r.record.authorisation.typeCode.slice(3), r.record.authorisation.statusCode, new Date(r.record.authorisation.statusEffectiveDateTime),
            new Date(r.record.authorisation.expirationDateTime), r.record.sharedWithConsent,
            // The evidence: the JWS signing input and its ES256 signature (r||s), as for a protobuf record.
            Buffer.from(`${header}.${body}`), Buffer.from(signature, 'base64url'), r.kid, receivedAt,
            r.record.recognitionEndDateTime ? new Date(r.record.recognitionEndDateTime) : null,
          ],
        );
        if (inserted.length === 0) continue;
        stored++;
        for (const i of r.record.authorisedParty.identification) {
          await tx.query(
            `INSERT INTO received_identifier (issuer, scheme, value, operator_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT (issuer, scheme, value) DO UPDATE SET operator_id = EXCLUDED.operator_id`,
            [issuer, i.schemeID, i.id, r.record.authorisedParty.id],
          );
        }
      }
      const progress = await this.trackSequence(tx, issuer, [...rows.map((r) => r.sequence), ...withheld]);
      // The issuer's log, as for records that come on a channel: leaves and checkpoint kept, checked
      // against each other (a mismatch is a log alert with its evidence), a checkpoint found right cosigned.
      const logFrom = (await this.partnerLog.view(tx, issuer)).frontier.size;
      await this.partnerLog.take(tx, issuer, leaves, checkpoint ? [checkpoint] : []);
      return { stored, ...progress, ...(checkpoint ? { checkpoint: await this.checkpointStatus(tx, issuer, checkpoint, logFrom) } : {}) };
    });
    this.logger.info({ issuer, date: payload.date, actor, ...result, entries: payload.entries.length }, 'partner batch file taken in');
    return {
      issuer,
      date: payload.date,
      entries: payload.entries.length,
      stored: result.stored,
      alreadyHeld: rows.length - result.stored,
      withheld: withheld.length,
      lastSequence: result.lastSequence,
      missingSequences: result.missing,
      ...(result.checkpoint ? { checkpoint: result.checkpoint } : {}),
    };
  }

  /** The file's checkpoint: a note of the issuer's log, signed with a key of its MRA; else a problem said. */
  private async batchCheckpoint(manager: EntityManager, issuer: string, c: FeedCheckpointView, problems: string[]): Promise<SignedCheckpoint | undefined> {
    if (!c || typeof c.note !== 'string' || typeof c.signature !== 'string' || typeof c.keyId !== 'string') {
      problems.push('checkpoint: needs note, signature and keyId, as text');
      return undefined;
    }
    const note = Buffer.from(c.note, 'utf8');
    const parsed = parseCheckpoint(note);
    if (!parsed || parsed.issuer !== issuer) {
      problems.push(`checkpoint.note: not a checkpoint of ${issuer}'s log (origin, size and root, one a line)`);
      return undefined;
    }
    const key = await this.cache.key(manager, issuer, c.keyId);
    const signature = Buffer.from(c.signature, 'base64');
    if (!key) problems.push(`checkpoint.keyId: no MRA names a key ${c.keyId} of ${issuer}`);
    else if (!verifyBytes(note, signature, key)) problems.push(`checkpoint.signature: the signature of ${issuer}'s checkpoint of size ${parsed.size} does not verify`);
    else return create(SignedCheckpointSchema, { note, signature, keyId: c.keyId });
    return undefined;
  }

  /** The leaf hash of an entry's record as in the issuer's log, or why it cannot be one. */
  private logEntry(protobuf: unknown, record: WcoRecord & { iss?: string }, where: string): Buffer | string {
    if (typeof protobuf !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(protobuf)) return `${where}.protobuf: not base64`;
    const bytes = Buffer.from(protobuf, 'base64');
    let logged: WcoRecord;
    try {
      logged = JSON.parse(JSON.stringify(wcoRecordOf(bytes)));
    } catch (e) {
      return `${where}.protobuf: not a RecognitionRecord (${(e as Error).message})`;
    }
    // The JWS payload is the record with the JWT's `iss` beside it.
    const signed: Record<string, unknown> = { ...record };
    delete signed.iss;
    return isDeepStrictEqual(logged, signed) ? leafHash(bytes) : `${where}.protobuf: not the record its JWS carries`;
  }

  /** How the file's checkpoint stands once its entries are in the issuer's log as held here. */
  private async checkpointStatus(tx: EntityManager, issuer: string, checkpoint: SignedCheckpoint, logFrom: number): Promise<{ size: number; status: BatchCheckpointStatus }> {
    const { size } = parseCheckpoint(checkpoint.note)!;
    const [held]: { verified: boolean }[] = await tx.query(`SELECT verified_at IS NOT NULL AS verified FROM partner_checkpoint WHERE issuer = $1 AND size = $2`, [issuer, String(size)]);
    const now = (await this.partnerLog.view(tx, issuer)).frontier.size;
    // Passed over by this file's entries without matching (a log alert says so); not reached yet: entries before it are missing here.
    const status: BatchCheckpointStatus = held?.verified ? 'verified' : now >= size && logFrom < size ? 'inconsistent' : 'pending';
    return { size, status };
  }

  /** Verifies a compact JWS of `typ` with a key of the partner's MRA; says which part fails and why. */
  private async verified<T>(manager: EntityManager, token: string, typ: string, what: string, expectedIssuer?: string): Promise<{ payload: T; issuer: string; kid: string }> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload !== 'object') throw PartnerFeedErrors.invalidBatch(`${what}: not a compact JWS`);
    const issuer = String(decoded.payload.iss ?? '');
    const kid = decoded.header.kid ?? '';
    if (decoded.header.typ !== typ) throw PartnerFeedErrors.invalidBatch(`${what}: typ ${decoded.header.typ}, expected ${typ}`);
    if (expectedIssuer && issuer !== expectedIssuer) throw PartnerFeedErrors.invalidBatch(`${what}: signed by ${issuer}, not by ${expectedIssuer}`);
    if (!/^[A-Z]{2}$/.test(issuer) || issuer === this.config.ADMINISTRATION || !arePartners(await this.cache.arrangements(manager), issuer, this.config.ADMINISTRATION)) {
      throw PartnerFeedErrors.notAPartner(`${what}: ${issuer || 'no issuer'} is not a party to an active MRA with ${this.config.ADMINISTRATION}`);
    }
    const key = await this.cache.key(manager, issuer, kid);
    if (!key) throw PartnerFeedErrors.invalidBatch(`${what}: no MRA names a key ${kid} of ${issuer}`);
    try {
      return { payload: jwt.verify(token, key, { algorithms: ['ES256'] }) as T, issuer, kid };
    } catch (e) {
      throw PartnerFeedErrors.invalidBatch(`${what}: the signature of ${issuer} does not verify (${(e as Error).message})`);
    }
  }

  /** The issuer's sequence as numbers arrive: the highest seen, and the numbers still missing below it. */
  private async trackSequence(tx: EntityManager, issuer: string, sequences: number[]): Promise<{ lastSequence: number; missing: number[] }> {
    const [progress] = await tx.query(`SELECT last_sequence, missing_sequences FROM issuer_progress WHERE issuer = $1 FOR UPDATE`, [issuer]);
    let last = Number(progress?.last_sequence ?? 0);
    const missing = new Set<number>((progress?.missing_sequences ?? []).map(Number));
    for (const s of [...sequences].sort((a, b) => a - b)) {
      for (let gap = last + 1; gap < s && missing.size < 10_000; gap++) missing.add(gap);
      missing.delete(s);
      if (s > last) last = s;
    }
    const ordered = [...missing].sort((a, b) => a - b);
    await tx.query(
      `INSERT INTO issuer_progress (issuer, last_sequence, missing_sequences) VALUES ($1, $2, $3)
       ON CONFLICT (issuer) DO UPDATE SET last_sequence = EXCLUDED.last_sequence, missing_sequences = EXCLUDED.missing_sequences`,
      [issuer, String(last), JSON.stringify(ordered.map(String))],
    );
    return { lastSequence: last, missing: ordered };
  }
}
