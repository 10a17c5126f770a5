import { Clock, ServiceMetrics } from '@aeo/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ExchangeFiguresView, PartnerAeoCountView } from './figures.view';

@Injectable()
export class ExchangeFiguresService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly metrics: ServiceMetrics,
  ) {}

  /** The exchange per partner issuer, as Prometheus reads it: the last sequence, the open gaps, how long since its last record. */
  onModuleInit(): void {
    const progress = () =>
      this.dataSource.query(
        `SELECT p.issuer, p.last_sequence::float AS last_sequence, jsonb_array_length(p.missing_sequences) AS missing,
                extract(epoch FROM now() - (SELECT r.received_at FROM received_record r WHERE r.issuer = p.issuer ORDER BY r.sequence DESC LIMIT 1))::float AS age
         FROM issuer_progress p ORDER BY p.issuer`,
      ) as Promise<{ issuer: string; last_sequence: number; missing: number; age: number | null }[]>;
    this.metrics.labelledGauge('aeo_exchange_last_sequence', "The last sequence number received of each partner issuer's records", ['issuer'], async () =>
      (await progress()).map((r) => ({ labels: { issuer: r.issuer }, value: r.last_sequence })),
    );
    this.metrics.labelledGauge('aeo_exchange_open_gaps', "Sequence numbers of each partner issuer's records still missing (replay asked)", ['issuer'], async () =>
      (await progress()).map((r) => ({ labels: { issuer: r.issuer }, value: r.missing })),
    );
    this.metrics.labelledGauge('aeo_exchange_last_received_age_seconds', "Seconds since the last record of each partner issuer was received", ['issuer'], async () =>
      (await progress()).filter((r) => r.age !== null).map((r) => ({ labels: { issuer: r.issuer }, value: r.age! })),
    );
  }

  /** One read-only transaction, so that the counts agree with each other. */
  async figures(): Promise<ExchangeFiguresView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const partner: { issuer: string; aeo_type: 'C' | 'S' | 'F'; status: PartnerAeoCountView['status']; n: string }[] = await manager.query(
        `SELECT issuer, aeo_type, status, count(*) AS n FROM (
           SELECT DISTINCT ON (issuer, operator_id) issuer, aeo_type, status, shared_with_consent
           FROM received_record ORDER BY issuer, operator_id, sequence DESC
         ) latest
         WHERE shared_with_consent
         GROUP BY issuer, aeo_type, status ORDER BY issuer, aeo_type, status`,
      );
      const [shared]: { n: string }[] = await manager.query(
        `SELECT count(*) AS n FROM holder_authorisation a JOIN holder_operator o ON o.operator_id = a.operator_id
         WHERE a.status = 'valid' AND o.share_with_partners`,
      );
      const issuers: { issuer: string; last_sequence: string; missing: number; verified_size: string | null; verified_at: Date | null }[] = await manager.query(
        `SELECT p.issuer, p.last_sequence, jsonb_array_length(p.missing_sequences) AS missing, l.verified_size, l.verified_at
         FROM issuer_progress p LEFT JOIN partner_log l ON l.issuer = p.issuer ORDER BY p.issuer`,
      );
      const alerts: { issuer: string; kind: string; detail: string; detected_at: Date }[] = await manager.query(
        `SELECT issuer, kind, detail, detected_at FROM log_alert ORDER BY detected_at DESC LIMIT 50`,
      );
      const partnerAeos = partner.map((r) => ({ issuer: r.issuer, aeoType: `AEO-${r.aeo_type}` as const, status: r.status, n: Number(r.n) }));
      return {
        at: this.clock.now().toISOString(),
        partnerAeos,
        partnerAeosValid: partnerAeos.filter((r) => r.status === 'valid').reduce((n, r) => n + r.n, 0),
        sharedAeosValid: Number(shared.n),
        issuers: issuers.map((r) => ({
          issuer: r.issuer,
          lastSequence: Number(r.last_sequence),
          missing: Number(r.missing),
          verifiedLogSize: Number(r.verified_size ?? 0),
          verifiedAt: r.verified_at?.toISOString() ?? null,
        })),
        logAlerts: alerts.map((a) => ({ issuer: a.issuer, kind: a.kind, detail: a.detail, detectedAt: a.detected_at.toISOString() })),
      };
    });
  }
}
