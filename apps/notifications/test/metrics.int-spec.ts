import { Events } from '@aeo/contracts';
import { startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, freePort, tokenFor } from '@aeo/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOTIFICATIONS } from '../src';

const PROMETHEUS = '/usr/bin/prometheus';

/**
 * The platform's metrics, scraped by a real Prometheus (Debian's package) from a running
 * service on real PostgreSQL and Kafka, and queried back through Prometheus' API.
 */
describe('metrics, scraped by Prometheus', () => {
  let t: TestService;
  let prometheus: ChildProcess;
  let dir: string;
  let promUrl: string;

  beforeAll(async () => {
    if (!existsSync(PROMETHEUS)) throw new Error(`Prometheus is not installed at ${PROMETHEUS} (apt-get install -y prometheus)`);
    t = await startTestService(NOTIFICATIONS, { MAIL_INTERVAL_MS: '200' });
    dir = mkdtempSync(join(tmpdir(), 'aeo-prometheus-'));
    const target = new URL(t.url).host;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: aeo\n    static_configs:\n      - targets: ['${target}']\n`,
    );
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(PROMETHEUS, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    await eventually(async () => expect((await fetch(`${promUrl}/-/ready`)).status).toBe(200), { timeoutMs: 30_000 });
  });
  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** One instant query; the values of the series it finds. */
  async function query(q: string): Promise<number[]> {
    const r = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(q)}`);
    const body = (await r.json()) as { status: string; data: { result: { value: [number, string] }[] } };
    expect(body.status).toBe('success');
    return body.data.result.map((s) => Number(s.value[1]));
  }

  it('serves the metrics of the service in the text format, labelled with the service and its administration', async () => {
    expect((await call('GET', `${t.url}/notices`, { token: tokenFor('ZA', ['trader']) })).status).toBe(200);
    const r = await fetch(`${t.url}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await r.text();
    const sample = (name: string, labels: Record<string, string>) =>
      text
        .split('\n')
        .filter((line) => line.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
        .map((line) => Number(line.split(' ').at(-1)));
    expect(sample('aeo_http_request_duration_seconds_count', { method: 'GET', route: '/notices', status: '200', service: 'notifications', administration: 'ZA' })).toEqual([1]);
    expect(sample('aeo_outbox_backlog', { service: 'notifications', administration: 'ZA' })).toEqual([0]);
    expect(text).toContain('aeo_process_cpu_seconds_total');
  });

  it('is scraped by Prometheus, which answers queries on requests, schedulers, dead letters and the consumer', async () => {
    for (let i = 0; i < 3; i++) await call('GET', `${t.url}/notices?unread=maybe`, { token: tokenFor('ZA', ['officer']) }); // 400s
    await t.kafka.publish([{ topic: t.topics.of(Events.operatorRegistered), key: 'garbage', value: Buffer.from('not a protobuf envelope'), headers: {} }]);

    await eventually(async () => expect(await query('aeo_http_request_duration_seconds_count{service="notifications",route="/notices",status="400"}')).toEqual([3]), { timeoutMs: 30_000 });
    await eventually(async () => expect(await query('aeo_dead_letters_total{service="notifications",reason="invalid_message"}')).toEqual([1]), { timeoutMs: 30_000 });
    await eventually(async () => expect((await query('aeo_scheduler_runs_total{service="notifications",task="release of held events",outcome="ok"}'))[0]).toBeGreaterThan(1), { timeoutMs: 30_000 });
    await eventually(async () => expect(await query(`aeo_consumer_lag_messages{service="notifications",topic="${t.topics.of(Events.operatorRegistered)}"}`)).toEqual([0]), { timeoutMs: 30_000 });
    expect(await query('aeo_outbox_oldest_age_seconds{service="notifications"}')).toEqual([0]);
    // Without SMTP_URL the mail dispatcher never starts: no runs of it at all.
    expect(await query('aeo_scheduler_runs_total{service="notifications",task="mail dispatcher"}')).toEqual([]);
    const [p99] = await query('histogram_quantile(0.99, sum by (le) (aeo_http_request_duration_seconds_bucket{service="notifications"}))');
    expect(p99).toBeGreaterThan(0);
    expect(p99).toBeLessThanOrEqual(10);
  });
});
