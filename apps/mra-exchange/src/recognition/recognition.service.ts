import { Clock, poolQuery, SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { coveringArrangement } from '../arrangements/arrangement-coverage';
import { ArrangementCache } from '../arrangements/arrangement-cache';
import { Arrangement } from '../arrangements/arrangement.entity';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { RECORD_SIGNATURE_ALGORITHM } from '../signing/record-signature';
import { LogProofs } from '../log/log-proofs';
import { RecognitionCache } from './recognition-cache';
import { OperatorReferenceDto } from './dto/recognition-query.dto';
import { RecognitionAnswerView } from './dto/recognition.view';

interface Row {
  n: number;
  operator_id: string | null;
  sequence: string | null;
  operator_name: string;
  certificate_number: string;
  aeo_type: 'C' | 'S' | 'F';
  status: string;
  status_since: Date;
  valid_to: Date;
  shared_with_consent: boolean;
  received_at: Date;
  record: Buffer;
  signature: Buffer;
  key_id: string;
  record_format: 'protobuf' | 'jws';
  coverage_ends: Date | null;
  next_since: Date | null;
}

/**
 * A row as the answer uses it, the record and signature in base64: what the cache keeps (a small
 * Buffer from node-postgres is a slice of a shared 8 KiB block, which a cached row would hold).
 */
interface Found extends Omit<Row, 'record' | 'signature'> {
  record: string;
  signature: string;
}

const asFound = (row: Row): Found => ({ ...row, record: row.record?.toString('base64'), signature: row.signature?.toString('base64') });

/**
 * "Is operator X, as my declaration names it, a recognised AEO on day D, and with which
 * benefits?" One question or a thousand, in two queries: the answer is the latest record whose
 * status began on or before D (valid time), whatever arrived since. What today's questions read
 * is kept in the RecognitionCache until a received record or identifier changes.
 */
@Injectable()
export class RecognitionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly arrangements: ArrangementCache,
    private readonly cache: RecognitionCache<Found>,
    private readonly proofs: LogProofs,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
  ) {}

  async ask(query: OperatorReferenceDto, asOf?: string, withProof = false): Promise<RecognitionAnswerView> {
    const answer = (await this.askMany([query], asOf))[0];
    if (withProof && answer.evidence && answer.evidence.format === 'protobuf') {
      answer.evidence.logProof = await this.proofs.inclusion(answer.issuer, Number(answer.evidence.sequence));
    }
    return answer;
  }

  async askMany(queries: OperatorReferenceDto[], asOfText?: string): Promise<RecognitionAnswerView[]> {
    const asOf = asOfText ? new Date(asOfText) : this.clock.now();
    const resolved = await this.resolveLocalIdentifiers(queries);
    // Today's questions first from the cache; the rest (and every past day's) in one query.
    const found: (Found | undefined)[] = resolved.map((q) => (asOfText || q.value === null ? undefined : this.cache.get(q.issuer, q.scheme, q.value, asOf)?.row));
    const missing = resolved.map((q, i) => ({ ...q, i })).filter(({ i }) => !found[i]);
    if (missing.length > 0) {
      const epoch = this.cache.currentEpoch;
      const rows = (await this.lookUp(missing, asOf)).map(asFound);
      missing.forEach((q, k) => {
        found[q.i] = rows[k];
        if (!asOfText && q.value !== null) {
          this.cache.put(q.issuer, q.scheme, q.value, { operatorId: rows[k].operator_id, row: rows[k], nextSince: rows[k].next_since }, asOf, epoch);
        }
      });
    }
    const arrangements = await this.arrangements.arrangements(this.dataSource.manager);
    return queries.map((query, i) => this.answer(query, resolved[i].value, found[i]!, asOf, arrangements));
  }

  /** Each operator's latest record in force on `asOf`, and when its next one comes into force. */
  private lookUp(queries: { issuer: string; scheme: string; value: string | null }[], asOf: Date): Promise<Row[]> {
    return poolQuery<Row>(
      this.dataSource,
      // issuer columns are char(2): the array is typed to match, or PostgreSQL casts the column and scans.
      `WITH q AS (
         SELECT * FROM unnest($1::char(2)[], $2::text[], $3::text[]) WITH ORDINALITY AS q(issuer, scheme, value, n)
       )
       SELECT q.n::int AS n, i.operator_id, r.sequence, r.operator_name, r.certificate_number, r.aeo_type, r.status,
              r.status_since, r.valid_to, r.shared_with_consent, r.received_at, r.record, r.signature, r.key_id, r.record_format, r.coverage_ends,
              (SELECT min(x.status_since) FROM received_record x
               WHERE x.issuer = q.issuer AND x.operator_id = i.operator_id AND x.status_since > $4) AS next_since
       FROM q
       LEFT JOIN received_identifier i ON i.issuer = q.issuer AND i.scheme = q.scheme AND i.value = q.value
       LEFT JOIN LATERAL (
         SELECT * FROM received_record r
         WHERE r.issuer = q.issuer AND r.operator_id = i.operator_id AND r.status_since <= $4
         ORDER BY r.status_since DESC, r.sequence DESC LIMIT 1
       ) r ON true
       ORDER BY q.n`,
      [queries.map((q) => q.issuer), queries.map((q) => q.scheme), queries.map((q) => q.value ?? ''), asOf],
    );
  }

  /**
   * An identifier this administration issued (a foreign operator's local number) is mapped,
   * through this registry's own cross-reference, to the identifier the issuer gave it.
   */
  private async resolveLocalIdentifiers(queries: OperatorReferenceDto[]) {
    const own = this.config.ADMINISTRATION;
    const local = queries.filter((q) => q.identifierIssuer === own && q.issuer !== own);
    const mapped = new Map<string, { scheme: string; value: string }>();
    if (local.length > 0) {
      const rows: { key: string; scheme: string; value: string }[] = await this.dataSource.query(
        `WITH q AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS q(scheme, value, issuer))
         SELECT DISTINCT ON (q.scheme, q.value, q.issuer) q.scheme || '/' || q.value || '/' || q.issuer AS key,
                x->>'scheme' AS scheme, x->>'value' AS value
         FROM q
         JOIN holder_operator h ON h.identifiers @> jsonb_build_array(jsonb_build_object('scheme', q.scheme, 'issuer', $4::text, 'value', q.value))
         CROSS JOIN LATERAL jsonb_array_elements(h.identifiers) x
         WHERE x->>'issuer' = q.issuer`,
        [local.map((q) => q.scheme), local.map((q) => q.identifier), local.map((q) => q.issuer), own],
      );
      for (const r of rows) mapped.set(r.key, { scheme: r.scheme, value: r.value });
    }
    return queries.map((q) => {
      if (q.identifierIssuer !== own || q.issuer === own) return { issuer: q.issuer, scheme: q.scheme, value: q.identifier as string | null };
      const m = mapped.get(`${q.scheme}/${q.identifier}/${q.issuer}`);
      return { issuer: q.issuer, scheme: m?.scheme ?? q.scheme, value: m?.value ?? null };
    });
  }

  private answer(
    query: OperatorReferenceDto,
    issuerIdentifier: string | null,
    row: Found,
    asOf: Date,
    arrangements: Arrangement[],
  ): RecognitionAnswerView {
    const base: RecognitionAnswerView = {
      recognised: false,
      asOf: asOf.toISOString(),
      issuer: query.issuer,
      asked: { scheme: query.scheme, identifier: query.identifier, identifierIssuer: query.identifierIssuer ?? query.issuer },
      benefits: [],
    };
    if (issuerIdentifier === null) {
      return { ...base, reason: `${query.scheme} ${query.identifier} is not in this registry's cross-reference to an identifier of ${query.issuer}` };
    }
    if (!row?.operator_id) return { ...base, reason: `no AEO of ${query.issuer} is known by ${query.scheme} ${query.identifier}` };
    if (!row.sequence) return { ...base, reason: `no status of this operator was in force on ${asOf.toISOString()}` };
    const answer: RecognitionAnswerView = {
      ...base,
      operatorName: row.operator_name,
      certificateNumber: row.certificate_number,
      aeoType: `AEO-${row.aeo_type}`,
      status: row.status,
      since: row.status_since.toISOString(),
      validTo: row.valid_to.toISOString(),
      evidence: {
        sequence: row.sequence,
        format: row.record_format,
        record: row.record,
        signature: row.signature,
        keyId: row.key_id,
        algorithm: RECORD_SIGNATURE_ALGORITHM,
        receivedAt: row.received_at.toISOString(),
      },
    };
    if (!row.shared_with_consent) return { ...answer, reason: 'the holder withdrew its consent to share with partners' };
    if (row.status !== 'valid') return { ...answer, reason: `the AEO status is ${row.status}` };
    if (row.valid_to <= asOf) return { ...answer, reason: 'the authorisation had lapsed' };
    if (row.coverage_ends && row.coverage_ends <= asOf) {
      return { ...answer, reason: `the issuer's MRA no longer covers this AEO here from ${row.coverage_ends.toISOString().slice(0, 10)} (amended, suspended or a party dropped)` };
    }
    const cover = coveringArrangement(arrangements, query.issuer, this.config.ADMINISTRATION, row.aeo_type, asOf);
    if (!cover) return { ...answer, reason: 'no MRA in effect on that day covers this AEO type' };
    return { ...answer, recognised: true, arrangement: cover.arrangement.name, benefits: cover.arrangement.benefits };
  }
}
