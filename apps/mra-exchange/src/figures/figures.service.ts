import { Events } from '@aeo/contracts';
import { TopicNames } from '@aeo/messaging';
import { Clock, SERVICE_CONFIG, ServiceMetrics } from '@aeo/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { ExchangeFiguresView, PartnerAeoCountView, PartnerHealthView } from './figures.view';

@Injectable()
export class ExchangeFiguresService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly metrics: ServiceMetrics,
    private readonly topics: TopicNames,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
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
    this.metrics.labelledGauge('aeo_exchange_unsent_messages', 'Messages written for the channel to each partner and not yet published', ['partner'], async () =>
      (await this.health(this.dataSource.manager)).map((h) => ({ labels: { partner: h.partner }, value: h.unsent })),
    );
    this.metrics.labelledGauge('aeo_exchange_checkpoint_age_seconds', "Seconds since a checkpoint of each partner issuer's log was last found right", ['issuer'], async () =>
      (await this.health(this.dataSource.manager)).filter((h) => h.checkpointAgeSeconds !== null).map((h) => ({ labels: { issuer: h.partner }, value: h.checkpointAgeSeconds! })),
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
        partners: await this.health(manager),
        logAlerts: alerts.map((a) => ({ issuer: a.issuer, kind: a.kind, detail: a.detail, detectedAt: a.detected_at.toISOString() })),
      };
    });
  }

  /** The exchange with each member, both ways, from the outbox, the records and logs received, and the dead letters. */
  async health(manager: EntityManager): Promise<PartnerHealthView[]> {
    const self = this.config.ADMINISTRATION;
    const partners = this.config.partners;
    const outgoing = partners.map((p) => this.topics.of(Events.recognitionRecords, { from: self, to: p }));
    const incoming = partners.map((p) => this.topics.of(Events.recognitionRecords, { from: p, to: self }));
    const sent: { topic: string; unsent: number; last_sent_at: Date | null }[] = await manager.query(
      `SELECT topic, count(*) FILTER (WHERE published_at IS NULL)::int AS unsent, max(published_at) AS last_sent_at
       FROM outbox WHERE topic = ANY($1) GROUP BY topic`,
      [outgoing],
    );
    const received: { issuer: string; last_sequence: string; missing: number; last_received_at: Date | null; verified_size: string | null; age: number | null }[] = await manager.query(
      `SELECT p.issuer, p.last_sequence, jsonb_array_length(p.missing_sequences) AS missing,
              (SELECT max(r.received_at) FROM received_record r WHERE r.issuer = p.issuer) AS last_received_at,
              l.verified_size, extract(epoch FROM now() - l.verified_at)::float AS age
       FROM issuer_progress p LEFT JOIN partner_log l ON l.issuer = p.issuer WHERE p.issuer = ANY($1::char(2)[])`,
      [partners],
    );
    const dead: { topic: string; kind: string; n: number }[] = await manager.query(
      `SELECT topic, kind, count(*)::int AS n FROM dead_letter WHERE handled_at IS NULL AND topic = ANY($1) GROUP BY topic, kind`,
      [incoming],
    );
    return partners.map((partner, i) => {
      const out = sent.find((r) => r.topic === outgoing[i]);
      const inn = received.find((r) => r.issuer === partner);
      return {
        partner,
        unsent: out?.unsent ?? 0,
        lastSentAt: out?.last_sent_at?.toISOString() ?? null,
        lastReceived: Number(inn?.last_sequence ?? 0),
        lastReceivedAt: inn?.last_received_at?.toISOString() ?? null,
        openGaps: Number(inn?.missing ?? 0),
        verifiedLogSize: Number(inn?.verified_size ?? 0),
        checkpointAgeSeconds: inn?.age ?? null,
        deadLetters: Object.fromEntries(dead.filter((d) => d.topic === incoming[i]).map((d) => [d.kind, d.n])),
      };
    });
  }
}
