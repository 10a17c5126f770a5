import { SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { OperatorReferenceDto } from '../recognition/dto/recognition-query.dto';
import { RecognitionService } from '../recognition/recognition.service';
import { SupplierAnswerView } from './dto/supplier-check.dto';

const NOT_FOUND = 'not found among the AEOs in force whose holders consented to publication';

/**
 * A trader checks its business partners (the SAQ's trading-partner security asks it to): each is
 * looked for among this administration's AEOs in its public directory, or among the partners'
 * AEOs recognised here whose issuer says they consented to publication. The answer is what the
 * directory shows; nothing about an AEO that did not consent, not even that it exists.
 */
@Injectable()
export class SupplierChecksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recognitions: RecognitionService,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
  ) {}

  async check(suppliers: OperatorReferenceDto[]): Promise<SupplierAnswerView[]> {
    const self = this.config.ADMINISTRATION;
    const own = suppliers.map((s, n) => ({ s, n })).filter(({ s }) => s.issuer === self);
    const partner = suppliers.map((s, n) => ({ s, n })).filter(({ s }) => s.issuer !== self);
    const answers: SupplierAnswerView[] = new Array(suppliers.length);
    const asked = (s: OperatorReferenceDto) => ({ issuer: s.issuer, scheme: s.scheme, identifier: s.identifier });

    if (own.length) {
      const rows: { n: number; legal_name: string; aeo_type: 'C' | 'S' | 'F'; certificate_number: string; valid_to: Date }[] = await this.dataSource.query(
        // The identifier's issuer, when the trader names it (an EORI of another country), must match too.
        `WITH q AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS q(scheme, value, issuer, n))
         SELECT q.n::int AS n, o.legal_name, a.aeo_type, a.certificate_number, a.valid_to
         FROM q
         CROSS JOIN LATERAL (
           SELECT * FROM holder_operator o
           WHERE o.identifiers @> jsonb_build_array(jsonb_strip_nulls(jsonb_build_object('scheme', q.scheme, 'value', q.value, 'issuer', q.issuer)))
             AND o.publish_in_directory
           LIMIT 1
         ) o
         JOIN holder_authorisation a ON a.operator_id = o.operator_id AND a.status = 'valid' AND a.valid_to > now()`,
        [own.map(({ s }) => s.scheme), own.map(({ s }) => s.identifier), own.map(({ s }) => s.identifierIssuer ?? null)],
      );
      const found = new Map(rows.map((r) => [r.n - 1, r]));
      own.forEach(({ s, n }, i) => {
        const r = found.get(i);
        answers[n] = r
          ? { asked: asked(s), aeo: true, holder: r.legal_name, country: self, aeoType: `AEO-${r.aeo_type}`, certificateNumber: r.certificate_number, validTo: r.valid_to.toISOString().slice(0, 10) }
          : { asked: asked(s), aeo: false, reason: NOT_FOUND };
      });
    }

    if (partner.length) {
      const recognitions = await this.recognitions.askMany(partner.map(({ s }) => s));
      const sequences = recognitions.map((r, i) => ({ issuer: partner[i].s.issuer, sequence: r.evidence?.sequence ?? null }));
      const published: { issuer: string; sequence: string }[] = await this.dataSource.query(
        `SELECT r.issuer, r.sequence::text FROM received_record r
         JOIN unnest($1::char(2)[], $2::bigint[]) AS q(issuer, sequence) ON r.issuer = q.issuer AND r.sequence = q.sequence
         WHERE r.published_in_directory`,
        [sequences.filter((x) => x.sequence).map((x) => x.issuer), sequences.filter((x) => x.sequence).map((x) => x.sequence)],
      );
      const isPublished = new Set(published.map((p) => `${p.issuer.trim()}/${p.sequence}`));
      partner.forEach(({ s, n }, i) => {
        const r = recognitions[i];
        const shown = r.evidence && isPublished.has(`${s.issuer}/${r.evidence.sequence}`) && r.status === 'valid' && r.validTo && new Date(r.validTo) > new Date(r.asOf);
        answers[n] = shown
          ? {
              asked: asked(s),
              aeo: true,
              holder: r.operatorName,
              country: s.issuer,
              aeoType: r.aeoType as SupplierAnswerView['aeoType'],
              certificateNumber: r.certificateNumber,
              validTo: r.validTo!.slice(0, 10),
              recognisedHere: r.recognised,
            }
          : { asked: asked(s), aeo: false, reason: NOT_FOUND };
      });
    }
    return answers;
  }
}
