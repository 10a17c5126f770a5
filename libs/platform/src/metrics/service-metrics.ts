import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One service's metrics, in Prometheus' text format at GET /metrics (prom-client): a registry of
 * its own (several services may share a process, as in the demo), labelled with the service and
 * the administration. What every service has is named here; a service adds its own with `gauge`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  /** Every HTTP request, by method, route pattern (e.g. /operators/:id) and status. */
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Each run of a periodic task (deadlines, compliance, MRA openings, mail), and whether it failed. */
  readonly schedulerRuns: Counter<'task' | 'outcome'>;
  /** Messages sent to the dead letter, by source topic and kind of reason. */
  readonly deadLetters: Counter<'topic' | 'reason'>;
  /** Failed attempts of the outbox relay to publish. */
  readonly relayFailures: Counter;
  /** Messages not yet consumed, per topic and partition, as of the last batch read. */
  readonly consumerLag: Gauge<'topic' | 'partition'>;

  constructor(labels: { service: string; administration: string }, options: { processMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels(labels);
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'aeo_' });
    this.httpDuration = new Histogram({
      name: 'aeo_http_request_duration_seconds',
      help: 'HTTP requests by method, route and status, in seconds',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.schedulerRuns = new Counter({ name: 'aeo_scheduler_runs_total', help: 'Runs of periodic tasks, by task and outcome (ok, failed)', labelNames: ['task', 'outcome'], registers: [this.registry] });
    this.deadLetters = new Counter({ name: 'aeo_dead_letters_total', help: 'Messages sent to the dead letter, by source topic and kind of reason', labelNames: ['topic', 'reason'], registers: [this.registry] });
    this.relayFailures = new Counter({ name: 'aeo_outbox_relay_failures_total', help: 'Failed attempts of the outbox relay to publish', registers: [this.registry] });
    this.consumerLag = new Gauge({ name: 'aeo_consumer_lag_messages', help: 'Messages not yet consumed, by topic and partition (as of the last batch)', labelNames: ['topic', 'partition'], registers: [this.registry] });
  }

  /** A gauge whose value is read when Prometheus scrapes (a count in the database, an age). */
  gauge(name: string, help: string, read: () => Promise<number>): void {
    if (this.registry.getSingleMetric(name)) return;
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  /** The same, one series per label set (e.g. per partner), read when Prometheus scrapes. */
  labelledGauge<L extends string>(name: string, help: string, labelNames: L[], read: () => Promise<{ labels: Record<L, string>; value: number }[]>): void {
    if (this.registry.getSingleMetric(name)) return;
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        const rows = await read();
        this.reset();
        for (const row of rows) this.set(row.labels, row.value);
      },
    });
  }

  /** A counter a service adds (e.g. faults it finds), created on first use and the same one after. */
  counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return (this.registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}
