import { Events } from '@aeo/contracts';
import { TopicNames } from '@aeo/messaging';
import { eventually, freePortRange } from '@aeo/testing';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { applyAndGrant, changeStatus, recordArrangement, registerOperator, sqlRows, startTestFederation, statusesAtPartner, TestFederation } from './support';

const run = promisify(execFile);
const KAFKA_SH = join(__dirname, '..', '..', 'deploy', 'kafka', 'kafka.sh');

/**
 * The consumer groups of ZA's services as the cluster sees them: state, members and what each has
 * left to read of each partition (committed offset against the end), for a consumer that did not
 * resume after the broker died.
 */
async function consumerGroups(admin: Admin, prefix: string): Promise<unknown> {
  // Named, not listed: listing asks every broker, the dead one too.
  const ours = ['operator-registry', 'accreditation', 'conduct-compliance', 'mra-exchange', 'notifications'].map((service) => `${prefix}-za.${service}`);
  const described = await admin.describeGroups(ours);
  return Promise.all(
    described.groups.map(async (g) => {
      const committed = await admin.fetchOffsets({ groupId: g.groupId });
      const lag = await Promise.all(
        committed.map(async (t) => {
          const ends = await admin.fetchTopicOffsets(t.topic);
          return t.partitions
            .map((p) => ({ topic: t.topic, partition: p.partition, committed: p.offset, end: ends.find((e) => e.partition === p.partition)?.high }))
            .filter((p) => p.committed !== p.end);
        }),
      );
      return { group: g.groupId, state: g.state, members: g.members.map((m) => m.clientId), behind: lag.flat() };
    }),
  );
}

/** What ZA sent and BW received, published and held: the test's error carries it when BW misses a record. */
async function holdings(federation: TestFederation, admin: Admin): Promise<Record<string, unknown>> {
  const za = federation.databases.ZA.url;
  const bw = federation.databases.BW.url;
  const rows = (url: string, sql: string) => sqlRows(url, sql).catch((e: Error) => e.message);
  return {
    zaOutboundRecords: await rows(za, `SELECT sequence, operator_id, issued_at FROM mra_exchange.outbound_record ORDER BY sequence`),
    zaExchangeOutbox: await rows(za, `SELECT position, topic, created_at, published_at, attempts, last_error FROM mra_exchange.outbox ORDER BY position`),
    zaAccreditationUnpublished: await rows(za, `SELECT position, topic, attempts, last_error FROM accreditation.outbox WHERE published_at IS NULL`),
    bwReceived: await rows(bw, `SELECT sequence, operator_id, status, received_at FROM mra_exchange.received_record ORDER BY sequence`),
    bwProgress: await rows(bw, `SELECT * FROM mra_exchange.issuer_progress`),
    bwHeld: await rows(bw, `SELECT to_jsonb(h) - 'value' AS held FROM mra_exchange.held_message h`),
    bwDeadLetters: await rows(bw, `SELECT to_jsonb(d) - 'value' AS dead FROM mra_exchange.dead_letter d`),
    bwInbox: await rows(bw, `SELECT to_jsonb(i) AS inbox FROM mra_exchange.inbox i`),
    deadLettersOnKafka: federation.deadLetters,
    zaConsumerGroups: await consumerGroups(admin, federation.prefix).catch((e: Error) => e.message),
  };
}

/**
 * A three-broker KRaft cluster started by deploy/kafka (every topic replicated three times,
 * min.insync.replicas 2, producers with acks=all). ZA and BW run on it; while ZA's status changes
 * stream to BW, the broker leading ZA's channel to BW is killed with SIGKILL. Nothing is lost at
 * BW, and nothing is doubled.
 */
describe('a three-broker Kafka cluster, one broker killed mid-stream', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'aeo-kafka-cluster-'));
  let env: NodeJS.ProcessEnv;
  let brokers: string;
  let federation: TestFederation;

  beforeAll(async () => {
    // Three brokers' ports, then three controllers'.
    const port = await freePortRange(6);
    env = { ...process.env, KAFKA_NODES: '3', KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 3), KAFKA_RUN_DIR: runDir };
    await run('bash', [KAFKA_SH, 'start'], { env, timeout: 180_000 });
    brokers = [0, 1, 2].map((i) => `127.0.0.1:${port + i}`).join(',');
    federation = await startTestFederation(['ZA', 'BW'], { kafkaBrokers: brokers });
    await recordArrangement(federation, { name: 'ZA-BW MRA' });
  }, 300_000);
  afterAll(async () => {
    await federation?.close();
    await run('bash', [KAFKA_SH, 'reset'], { env, timeout: 120_000 }).catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  });

  it('replicates every topic three times and loses nothing when the channel leader dies', async () => {
    const admin = new Kafka({ clientId: 'cluster-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const za = federation.admins.ZA;
    const one = await registerOperator(za, 'trader-za-1', { legalName: 'Cluster Freight One', tin: '7800000001' });
    const two = await registerOperator(za, 'trader-za-2', { legalName: 'Cluster Freight Two', tin: '7800000002' });
    const aeo = {
      one: { trader: 'trader-za-1', operatorId: one, id: (await applyAndGrant(za, 'trader-za-1', one, 'F')).id },
      two: { trader: 'trader-za-2', operatorId: two, id: (await applyAndGrant(za, 'trader-za-2', two, 'F')).id },
    };
    const channel = new TopicNames('unused', federation.prefix).of(Events.recognitionRecords, { from: 'ZA', to: 'BW' });
    const [partition] = (await admin.fetchTopicMetadata({ topics: [channel] })).topics[0].partitions;
    expect(partition.replicas).toHaveLength(3);
    const topicConfig = await admin.describeConfigs({ resources: [{ type: 2, name: channel, configNames: ['min.insync.replicas'] }], includeSynonyms: false });
    expect(topicConfig.resources[0].configEntries[0].configValue).toBe('2');

    const bw = federation.databases.BW.url;
    const received = () => statusesAtPartner(bw, 'ZA', { one: aeo.one.operatorId, two: aeo.two.operatorId });
    // Both AEOs known at BW before the stream: ZA's mra-exchange publishes a holder's changes once it
    // holds the holder's registration (its current status when the registration comes after them),
    // and the registration travels on another topic, which a cluster's consumer may take later.
    await eventually(async () => expect(await received()).toEqual({ one: ['valid'], two: ['valid'] }), { timeoutMs: 60_000 });

    const plan: [keyof typeof aeo, 'suspend' | 'reinstate'][] = [
      ['one', 'suspend'], ['two', 'suspend'], ['one', 'reinstate'], ['two', 'reinstate'], ['one', 'suspend'], ['two', 'suspend'], ['one', 'reinstate'],
    ];
    for (const [i, [which, action]] of plan.entries()) {
      await changeStatus(za, aeo[which].trader, aeo[which].id, action);
      if (i === 2) await run('bash', [KAFKA_SH, 'kill-node', String(partition.leader)], { env, timeout: 60_000 });
    }

    await eventually(async () => expect(await received()).toEqual({
      one: ['valid', 'suspended', 'valid', 'suspended', 'valid'],
      two: ['valid', 'suspended', 'valid', 'suspended'],
    }), { timeoutMs: 120_000 }).catch(async (error: Error) => {
      throw new Error(`${error.message}\n\nwhat each side holds:\n${JSON.stringify(await holdings(federation, admin), null, 1)}`);
    });
    expect(await sqlRows(bw, `SELECT last_sequence, missing_sequences FROM mra_exchange.issuer_progress WHERE issuer = 'ZA'`)).toEqual([{ last_sequence: '9', missing_sequences: [] }]);
    expect(await sqlRows(federation.databases.ZA.url, `SELECT count(*)::int AS n FROM mra_exchange.outbound_record`)).toEqual([{ n: 9 }]);
    expect(federation.deadLetters).toEqual([]);
    // Another replica leads the channel now, the dead broker out of its in-sync replicas.
    await eventually(async () => {
      const [now] = (await admin.fetchTopicMetadata({ topics: [channel] })).topics[0].partitions;
      expect(now.leader).not.toBe(partition.leader);
      expect(now.isr).not.toContain(partition.leader);
    }, { timeoutMs: 30_000 });
    await admin.disconnect();
  });
});
