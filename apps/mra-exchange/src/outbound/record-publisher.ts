import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Events,
  OperatorIdentifierSchema,
  PostalAddressSchema,
  RecognitionRecordSchema,
} from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, LogContext, packedBytes, SERVICE_CONFIG, SERVICE_LOGGER } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { EntityManager } from 'typeorm';
import { partnersCovering } from '../arrangements/arrangement-coverage';
import { Arrangement } from '../arrangements/arrangement.entity';
import { lockCoverageShared } from '../arrangements/coverage-lock';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { ExchangeSigner } from '../signing/exchange-signer';
import { IssuerLogWriter } from '../log/issuer-log';
import { AEO_TYPE_TO_WIRE, STATUS_TO_WIRE } from '../exchange/aeo-codes';
import { channelRecord, CHUNK_BYTES, CHUNK_ENTRIES, entryFor } from '../exchange/channel-records';
import { HolderAuthorisation, HolderOperator, OutboundRecord } from './holder.entities';

/** The arrangements as they stand for one publication, read under the coverage lock. */
export type Coverage = { readonly arrangements: Arrangement[] };

/** A record to send: what it says of whom, and to which partners in full. */
interface Emission {
  operator: HolderOperator;
  authorisation: HolderAuthorisation;
  audience: string[];
  now: Date;
  correlationId?: string;
  /** The handling of the change that called for it (a batch's: each its own). */
  trace?: LogContext;
  coverageEndsOn?: Date;
}

/** One status change to publish, as the consumer of a batch of them has it. */
export interface Publication {
  authorisation: HolderAuthorisation;
  correlationId?: string;
  /** The type and number before the change (a partial revocation). */
  previous?: { aeoType: HolderAuthorisation['aeoType']; certificateNumber: string };
  /** The holder's row as read in this transaction (null: there is none). */
  holder: HolderOperator | null;
  /** The handling of the change (InboxContext.traceOf): its records carry it on. */
  trace?: LogContext;
}

/**
 * An arrangement whose exchange was opened is in effect for publication, whatever the date on
 * this replica's clock: the replica that opened it (its clock a little ahead, at midnight) sent
 * every AEO it saw, so one published after that must go out too, or no side sends it.
 */
function openedCountsAsInEffect(arrangements: Arrangement[], now: Date): Arrangement[] {
  const today = now.toISOString().slice(0, 10);
  return arrangements.map((a) => (a.openedAt && a.effectiveFrom > today ? { ...a, effectiveFrom: today } : a));
}

/**
 * Sends partners a signed record of an AEO's current status: only with the holder's consent,
 * only when an MRA in effect covers the AEO's type, and, when consent was withdrawn after
 * records went out, one last record that ends recognition abroad.
 */
@Injectable()
export class RecordPublisher {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly signer: ExchangeSigner,
    private readonly log: IssuerLogWriter,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Takes the coverage lock (shared; see coverage-lock.ts) and reads the arrangements as they
   * are now, not from a cache. Call it first in the transaction, before writing holder state.
   */
  async coverage(manager: EntityManager): Promise<Coverage> {
    await lockCoverageShared(manager);
    return { arrangements: await manager.find(Arrangement) };
  }

  /**
   * Publishes the status of every AEO anew: an MRA's opening. The caller holds the coverage
   * lock exclusively, so no publication is half-way meanwhile.
   */
  async publishAll(manager: EntityManager, coverage: Coverage, correlationId?: string): Promise<void> {
    const authorisations = await manager.find(HolderAuthorisation, { order: { authorisedOn: 'ASC' } });
    const out: Emission[] = [];
    for (const authorisation of authorisations) await this.plan(manager, coverage, authorisation, out, correlationId);
    await this.send(manager, out);
  }

  /**
   * An amendment takes effect on `on`: each AEO of this administration that a partner covered
   * that day under the arrangements `before`, and no longer does under `after`, is sent to it
   * once more with the day recognition ends. The caller holds the coverage lock exclusively.
   */
  async endCoverage(manager: EntityManager, before: Arrangement[], after: Arrangement[], on: string, correlationId?: string): Promise<void> {
    const day = new Date(`${on}T00:00:00Z`);
    const now = this.clock.now();
    const self = this.config.ADMINISTRATION;
    const authorisations = await manager.find(HolderAuthorisation, { order: { authorisedOn: 'ASC' } });
    const out: Emission[] = [];
    for (const authorisation of authorisations) {
      if (authorisation.status !== 'valid' && authorisation.status !== 'suspended') continue;
      const lost = partnersCovering(before, self, authorisation.aeoType, day).filter((p) => !partnersCovering(after, self, authorisation.aeoType, day).includes(p)).sort();
      if (lost.length === 0) continue;
      const operator = await manager.findOneBy(HolderOperator, { operatorId: authorisation.operatorId });
      if (!operator?.legalName || !operator.shareWithPartners) continue;
      out.push({ operator, authorisation, audience: lost, now, correlationId, coverageEndsOn: day });
    }
    await this.send(manager, out);
  }

  /** Publishes the status of every authorisation of an operator (after a consent or operator change). */
  async publishOperator(manager: EntityManager, coverage: Coverage, operatorId: string, correlationId?: string): Promise<void> {
    const authorisations = await manager.find(HolderAuthorisation, { where: { operatorId } });
    const out: Emission[] = [];
    for (const authorisation of authorisations) await this.plan(manager, coverage, authorisation, out, correlationId);
    await this.send(manager, out);
  }

  /**
   * Publishes an authorisation's status to the partners whose MRA covers its type. When the type
   * changed (a partial revocation: an AEO-F keeps only its C or S part), partners that covered
   * the old type but not the new one get a last record of the old type, revoked: their
   * recognition of it ends.
   */
  async publish(
    manager: EntityManager,
    coverage: Coverage,
    authorisation: HolderAuthorisation,
    correlationId?: string,
    previous?: { aeoType: HolderAuthorisation['aeoType']; certificateNumber: string },
    /** The holder's row when the caller has read it in this transaction (null: there is none). */
    holder?: HolderOperator | null,
  ): Promise<void> {
    const out: Emission[] = [];
    await this.plan(manager, coverage, authorisation, out, correlationId, previous, holder);
    await this.send(manager, out);
  }

  /** Status changes in the order they came (a consumer's batch), their records written together. */
  async publishMany(manager: EntityManager, coverage: Coverage, publications: Publication[]): Promise<void> {
    const out: Emission[] = [];
    for (const p of publications) {
      const planned = out.length;
      await this.plan(manager, coverage, p.authorisation, out, p.correlationId, p.previous, p.holder);
      for (const e of out.slice(planned)) e.trace = p.trace;
    }
    await this.send(manager, out);
  }

  /** The records an authorisation's status calls for, added to `out` (sent by `send`). */
  private async plan(
    manager: EntityManager,
    coverage: Coverage,
    authorisation: HolderAuthorisation,
    out: Emission[],
    correlationId?: string,
    previous?: { aeoType: HolderAuthorisation['aeoType']; certificateNumber: string },
    holder?: HolderOperator | null,
  ): Promise<void> {
    const operator = holder !== undefined ? holder : await manager.findOneBy(HolderOperator, { operatorId: authorisation.operatorId });
    // Published when the operator's registration arrives (the row may hold only an early consent).
    if (!operator || !operator.legalName) return;
    const now = this.clock.now();
    const arrangements = openedCountsAsInEffect(coverage.arrangements, now);
    const audience = partnersCovering(arrangements, this.config.ADMINISTRATION, authorisation.aeoType, now).sort();
    if (!operator.shareWithPartners) {
      // A holder's consent is one row: the same for every change of a batch, so a record planned
      // and not yet written cannot be the first of a holder that does not share.
      const sentBefore = await manager.exists(OutboundRecord, { where: { operatorId: operator.operatorId } });
      if (!sentBefore) return; // never shared, nothing to end
    }
    if (previous && previous.aeoType !== authorisation.aeoType) {
      const dropped = partnersCovering(arrangements, this.config.ADMINISTRATION, previous.aeoType, now)
        .filter((p) => !audience.includes(p))
        .sort();
      if (dropped.length > 0) {
        const ended: HolderAuthorisation = { ...authorisation, aeoType: previous.aeoType, certificateNumber: previous.certificateNumber, status: 'revoked' };
        out.push({ operator, authorisation: ended, audience: dropped, now, correlationId });
      }
    }
    if (audience.length === 0) {
      this.logger.info({ authorisationId: authorisation.authorisationId }, 'no MRA in effect covers this AEO type; nothing sent');
      return;
    }
    out.push({ operator, authorisation, audience, now, correlationId });
  }

  /**
   * Signed records, numbered in the issuer's sequence and appended to its log in the order given,
   * into the outbox: each once per partner channel, in full to its audience and withheld to the
   * other members, each with the log's signed checkpoint after it. However many, in five
   * statements: the sequence, the records, the log read and written, the outbox.
   */
  private async send(manager: EntityManager, emissions: Emission[]): Promise<void> {
    if (emissions.length === 0) return;
    // The per-issuer sequence: the row lock serialises publications, so numbers commit without gaps.
    const [{ last_sequence }] = await manager.query(
      `INSERT INTO issuer_sequence (issuer, last_sequence) VALUES ($1, $2)
       ON CONFLICT (issuer) DO UPDATE SET last_sequence = issuer_sequence.last_sequence + EXCLUDED.last_sequence RETURNING last_sequence`,
      [this.config.ADMINISTRATION, emissions.length],
    );
    const first = BigInt(last_sequence) - BigInt(emissions.length) + 1n;
    const issued = emissions.map((e, i) => {
      const { operator, authorisation, now } = e;
      const record = create(RecognitionRecordSchema, {
        issuer: this.config.ADMINISTRATION,
        sequence: first + BigInt(i),
        recordId: randomUUID(),
        operatorId: operator.operatorId,
        operatorName: operator.legalName,
        address: create(PostalAddressSchema, operator.address),
        identifiers: operator.identifiers.map((id) => create(OperatorIdentifierSchema, id)),
        certificateNumber: authorisation.certificateNumber,
        aeoType: AEO_TYPE_TO_WIRE[authorisation.aeoType],
        status: STATUS_TO_WIRE[authorisation.status],
        statusSince: timestampFromDate(operator.shareWithPartners ? authorisation.statusSince : now),
        authorisedOn: timestampFromDate(authorisation.authorisedOn),
        validTo: timestampFromDate(authorisation.validTo),
        issuedAt: timestampFromDate(now),
        sharedWithConsent: operator.shareWithPartners,
        publishedInDirectory: operator.shareWithPartners && operator.publishInDirectory,
        audience: e.audience,
        coverageEndsOn: e.coverageEndsOn ? timestampFromDate(e.coverageEndsOn) : undefined,
      });
      const bytes = Buffer.from(toBinary(RecognitionRecordSchema, record));
      return { emission: e, recordId: record.recordId, sequence: record.sequence, record: bytes, signature: this.signer.sign(bytes), keyId: this.signer.keyId, audience: e.audience };
    });
    const records = packedBytes(issued.map((r) => r.record));
    const signatures = packedBytes(issued.map((r) => r.signature));
    await manager.query(
      `INSERT INTO outbound_record (sequence, record_id, operator_id, record, signature, key_id, issued_at)
       SELECT u.sequence, u.record_id, u.operator_id, substring($4::bytea FROM u.record_at FOR u.record_length),
         substring($5::bytea FROM u.signature_at FOR u.signature_length), $6, u.issued_at
       FROM unnest($1::bigint[], $2::uuid[], $3::uuid[], $7::timestamptz[], $8::int[], $9::int[], $10::int[], $11::int[])
         AS u(sequence, record_id, operator_id, issued_at, record_at, record_length, signature_at, signature_length)`,
      [
        issued.map((r) => r.sequence.toString()),
        issued.map((r) => r.recordId),
        issued.map((r) => r.emission.operator.operatorId),
        records.bytes,
        signatures.bytes,
        this.signer.keyId,
        issued.map((r) => r.emission.now),
        records.at,
        records.length,
        signatures.at,
        signatures.length,
      ],
    );
    // Consecutive records travel together, as a snapshot's do: one message a channel for each
    // chunk, the checkpoint after its last record signed once, keyed by the channel (its
    // messages in one partition, in the order of the sequence).
    const chunks: (typeof issued)[] = [];
    let bytes = 0;
    for (const r of issued) {
      if (chunks.length === 0 || chunks.at(-1)!.length === CHUNK_ENTRIES || bytes + r.record.length > CHUNK_BYTES) {
        chunks.push([]);
        bytes = 0;
      }
      chunks.at(-1)!.push(r);
      bytes += r.record.length;
    }
    const checkpoints = await this.log.appendChunks(manager, first, chunks.map((c) => c.map((r) => r.record)));
    await this.outbox.appendMany(
      manager,
      Events.recognitionRecords,
      chunks.flatMap((chunk, i) =>
        this.config.partners.map((recipient) => ({
          aggregateId: `${this.config.ADMINISTRATION}:${recipient}`,
          recipient,
          correlationId: chunk[0].emission.correlationId,
          // Each change's trace goes on with its record (the partner's handling is a span in each).
          traces: chunk.map((r) => r.emission.trace),
          occurredAt: chunk.at(-1)!.emission.now,
          message: channelRecord(chunk.map((r) => entryFor(recipient, r)), checkpoints[i]),
        })),
      ),
    );
  }
}
