import { create } from '@bufbuild/protobuf';
import { Events, MSME_SIZE_CLASSES, SignedFiguresSchema } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, PeriodicTask, SERVICE_CONFIG, SERVICE_LOGGER, ServiceMetrics } from '@aeo/platform';
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ArrangementCache } from '../arrangements/arrangement-cache';
import { arePartners } from '../arrangements/arrangement-coverage';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { ExchangeSigner } from '../signing/exchange-signer';
import { RegionalFiguresView, RegionalView, SharedFiguresView } from './dto/regional-figures.view';
import { PartnerFigures } from './regional-figures.entities';

/**
 * Regional figures (the SACU workshop's performance management across members): this
 * administration's aggregates, computed from what this service holds, signed with its MRA key and
 * sent to each MRA partner on a schedule (REGIONAL_FIGURES_INTERVAL_MS) or when a supervisor asks;
 * the partners' latest beside them. Only aggregates leave: counts, a share, a median.
 */
@Injectable()
export class RegionalFiguresService implements OnModuleInit, OnApplicationShutdown {
  private readonly schedule: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly signer: ExchangeSigner,
    private readonly cache: ArrangementCache,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.schedule = new PeriodicTask('regional figures', config.REGIONAL_FIGURES_INTERVAL_MS, () => this.share(), logger, metrics);
  }

  onModuleInit() {
    this.schedule.start();
  }

  async onApplicationShutdown() {
    await this.schedule.stop();
  }

  /** This administration's figures now. */
  async figures(): Promise<RegionalFiguresView> {
    const now = this.clock.now();
    const aeos: { aeo_type: 'C' | 'S' | 'F'; size_class: string | null; n: number }[] = await this.dataSource.query(
      `SELECT a.aeo_type, o.size_class, count(*)::int AS n FROM holder_authorisation a JOIN holder_operator o USING (operator_id)
       WHERE a.status = 'valid' AND a.valid_to > $1 GROUP BY 1, 2`,
      [now],
    );
    const byType = { C: 0, S: 0, F: 0, total: 0 };
    const bySize = { micro: 0, small: 0, medium: 0, large: 0, unknown: 0 };
    for (const r of aeos) {
      byType[r.aeo_type] += r.n;
      byType.total += r.n;
      const size = (r.size_class ?? 'unknown') as keyof typeof bySize;
      bySize[size in bySize ? size : 'unknown'] += r.n;
    }
    const known = byType.total - bySize.unknown;
    const [decisions] = await this.dataSource.query(
      `SELECT count(*)::int AS decided,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - accepted_at) / 86400) AS median
       FROM application_decision WHERE accepted_at IS NOT NULL AND decided_at IS NOT NULL AND decided_at > $1::timestamptz - interval '365 days'`,
      [now],
    );
    const [recognised] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (
         SELECT DISTINCT ON (issuer, operator_id) status, shared_with_consent, valid_to, coverage_ends FROM received_record
         WHERE status_since <= $1 ORDER BY issuer, operator_id, status_since DESC, sequence DESC
       ) r WHERE status = 'valid' AND shared_with_consent AND valid_to > $1 AND (coverage_ends IS NULL OR coverage_ends > $1)`,
      [now],
    );
    return {
      administration: this.config.ADMINISTRATION,
      asOf: now.toISOString(),
      aeosByType: byType,
      aeosBySize: bySize,
      msmeShare: known > 0 ? Math.round((MSME_SIZE_CLASSES.reduce((sum, k) => sum + bySize[k as keyof typeof bySize], 0) / known) * 1000) / 10 : null,
      decisions: { decided: decisions.decided, medianDays: decisions.median === null ? null : Math.round(Number(decisions.median) * 10) / 10 },
      partnerAeosRecognised: recognised.n,
    };
  }

  /** Signs this administration's figures and sends them to each partner with an MRA in force. */
  async share(): Promise<SharedFiguresView> {
    const figures = await this.figures();
    const bytes = Buffer.from(JSON.stringify(figures), 'utf8');
    const signature = this.signer.sign(bytes);
    return this.dataSource.transaction(async (manager) => {
      const arrangements = await this.cache.arrangements(manager);
      const partners = this.config.partners.filter((p) => arePartners(arrangements, this.config.ADMINISTRATION, p));
      await this.outbox.appendMany(
        manager,
        Events.regionalFigures,
        partners.map((recipient) => ({
          aggregateId: `figures:${this.config.ADMINISTRATION}`,
          recipient,
          occurredAt: new Date(figures.asOf),
          message: create(SignedFiguresSchema, { figures: bytes, signature, keyId: this.signer.keyId }),
        })),
      );
      return { figures, sharedWith: partners };
    });
  }

  /** Own figures now, and each partner's latest. */
  async regional(): Promise<RegionalView> {
    const partners = await this.dataSource.getRepository(PartnerFigures).find({ order: { administration: 'ASC' } });
    return {
      own: await this.figures(),
      partners: partners.map((p) => ({
        administration: p.administration,
        figures: p.figures as unknown as RegionalFiguresView,
        receivedAt: p.receivedAt.toISOString(),
        keyId: p.keyId,
      })),
    };
  }
}
