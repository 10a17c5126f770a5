import { create } from '@bufbuild/protobuf';
import { Events, MSME_SIZE_CLASSES, SignedFiguresSchema } from '@aeo/contracts';
import { OutboxWriter, TopicNames } from '@aeo/messaging';
import { Clock, PeriodicTask, SERVICE_CONFIG, SERVICE_LOGGER, ServiceMetrics } from '@aeo/platform';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
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
 *
 * The schedule looks often (at start, then every tenth of the interval, at least every minute)
 * and sends when a partner has had none within the interval: a restart does not put the next
 * figures off by a whole interval, a new partner gets them at the next look, and replicas send
 * once per interval between them (they take turns under an advisory lock and read what was sent
 * from the outbox).
 */
@Injectable()
export class RegionalFiguresService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly schedule: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly topics: TopicNames,
    private readonly signer: ExchangeSigner,
    private readonly cache: ArrangementCache,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    metrics: ServiceMetrics,
  ) {
    const look = Math.min(Math.max(1000, config.REGIONAL_FIGURES_INTERVAL_MS / 10), 60_000);
    this.schedule = new PeriodicTask('regional figures', look, () => this.shareIfDue(), logger, metrics);
  }

  onApplicationBootstrap() {
    this.schedule.start(true);
  }

  async beforeApplicationShutdown() {
    await this.schedule.stop();
  }

  /**
   * The scheduled sending: when a partner with an MRA in force here has had no figures from this
   * administration within the interval (a new partner gets them at the next look, not a day later).
   */
  async shareIfDue(): Promise<SharedFiguresView | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.regional-figures'))`);
      const partners = await this.partners(manager);
      const sent: { topic: string }[] = await manager.query(
        `SELECT DISTINCT topic FROM outbox WHERE key = $1 AND created_at > now() - ($2 || ' milliseconds')::interval`,
        [this.aggregateId, String(this.config.REGIONAL_FIGURES_INTERVAL_MS)],
      );
      const recently = new Set(sent.map((r) => r.topic));
      const due = partners.some((p) => !recently.has(this.topics.of(Events.regionalFigures, { from: this.config.ADMINISTRATION, to: p })));
      return due ? this.shareIn(manager) : undefined;
    });
  }

  /** The partners with an MRA in force here. */
  private async partners(manager: EntityManager): Promise<string[]> {
    const arrangements = await this.cache.arrangements(manager);
    return this.config.partners.filter((p) => arePartners(arrangements, this.config.ADMINISTRATION, p));
  }

  /** This administration's figures now. */
  async figures(manager: EntityManager = this.dataSource.manager): Promise<RegionalFiguresView> {
    const now = this.clock.now();
    const aeos: { aeo_type: 'C' | 'S' | 'F'; size_class: string | null; n: number }[] = await manager.query(
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
    const [decisions] = await manager.query(
      `SELECT count(*)::int AS decided,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - accepted_at) / 86400) AS median
       FROM application_decision WHERE accepted_at IS NOT NULL AND decided_at IS NOT NULL AND decided_at > $1::timestamptz - interval '365 days'`,
      [now],
    );
    const [recognised] = await manager.query(
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

  /** Signs this administration's figures and sends them to each partner with an MRA in force (a supervisor's asking: now). */
  async share(): Promise<SharedFiguresView> {
    return this.dataSource.transaction((manager) => this.shareIn(manager));
  }

  /** The figures' outbox key (Kafka's message key), which also finds the last ones sent. */
  private get aggregateId(): string {
    return `figures:${this.config.ADMINISTRATION}`;
  }

  private async shareIn(manager: EntityManager): Promise<SharedFiguresView> {
    const figures = await this.figures(manager);
    const bytes = Buffer.from(JSON.stringify(figures), 'utf8');
    const signature = this.signer.sign(bytes);
    const partners = await this.partners(manager);
    await this.outbox.appendMany(
      manager,
      Events.regionalFigures,
      partners.map((recipient) => ({
        aggregateId: this.aggregateId,
        recipient,
        occurredAt: new Date(figures.asOf),
        message: create(SignedFiguresSchema, { figures: bytes, signature, keyId: this.signer.keyId }),
      })),
    );
    return { figures, sharedWith: partners };
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
