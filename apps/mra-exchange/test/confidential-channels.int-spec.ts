import { fromBinary } from '@bufbuild/protobuf';
import { AeoStatus, AeoType, AgencyStatusChangedSchema, ChannelRecordSchema, EnvelopeSchema, Events, RecognitionRecordSchema } from '@aeo/contracts';
import { startTestService, TestService } from '@aeo/messaging/testing';
import { call, eventually, SecureBroker, startSecureBroker, tokenFor, uniqueNamespace } from '@aeo/testing';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { generateSigningKeyPair, MRA_EXCHANGE } from '../src';
import { grantWithConsent } from './records';

const run = promisify(execFile);
const keys = { ZA: generateSigningKeyPair(), BW: generateSigningKeyPair(), GB: generateSigningKeyPair() };
type Code = keyof typeof keys;
const passwords: Record<Code, string> = { ZA: randomBytes(12).toString('hex'), BW: randomBytes(12).toString('hex'), GB: randomBytes(12).toString('hex') };
/** ZA's environmental authority: a user of its own that reads ZA's agency topic and nothing else. */
const agency = { user: 'za-environment', password: randomBytes(12).toString('hex') };

/** An MRA as one party records it: the other parties' confirmations on record, each party recognising `types`. */
function arrangement(name: string, parties: Code[], types: string[], self: Code) {
  return {
    name,
    parties: parties.map((p) => ({ administration: p, recognisedAeoTypes: types, publicKey: keys[p].publicKeyPem, keyId: `${p}-1` })),
    benefits: ['priority-clearance'],
    effectiveFrom: '2023-05-31',
    confirmations: parties.filter((p) => p !== self).map((p) => ({ administration: p, confirmedOn: '2023-05-31', reference: 'signed MRA' })),
  };
}

/**
 * Confidentiality enforced by the broker, not only by the receiving software: ZA and BW are in
 * SACU's MRA (AEO-S and AEO-F), ZA and GB in one that covers AEO-F only. On a broker where each
 * administration signs in with its own SCRAM user and ACLs come from the MRAs
 * (deploy/kafka/provision.ts), GB never receives the bytes of ZA's AEO-S record, cannot read
 * ZA's channel to BW, and BW cannot write on ZA's channels.
 */
describe('mra-exchange: confidential channels on a broker with SCRAM users and ACLs', () => {
  let broker: SecureBroker;
  const prefix = uniqueNamespace('conf');
  const namespaces: Record<Code, string> = { ZA: `${prefix}-za`, BW: `${prefix}-bw`, GB: `${prefix}-gb` };
  const services = {} as Record<Code, TestService>;
  const client = (user: string, password: string) =>
    new Kafka({ clientId: `${prefix}-${user}`, brokers: [broker.brokers], sasl: { mechanism: 'scram-sha-512', username: user, password }, logLevel: logLevel.NOTHING, retry: { retries: 1 } });

  beforeAll(async () => {
    broker = await startSecureBroker();
    const output = await broker.provision(
      {
        administrations: {
          ZA: { namespace: namespaces.ZA, agencies: [{ user: agency.user, name: 'Department of Forestry, Fisheries and the Environment' }] },
          BW: { namespace: namespaces.BW },
          GB: { namespace: namespaces.GB },
        },
        arrangements: [
          { name: 'SACU MRA', parties: ['ZA', 'BW'] },
          { name: 'ZA-GB MRA', parties: ['ZA', 'GB'] },
        ],
      },
      { federationPrefix: prefix, passwords: { ...passwords, ZA_ENVIRONMENT: agency.password } },
    );
    expect(output).toContain('GB: user gb, namespace');
    expect(output).toContain(`agency za-environment (Department of Forestry, Fisheries and the Environment): reads ${namespaces.ZA}.mra-exchange.agency-status-changed.v1`);
    expect(output).toContain('FEDERATION_MEMBERS=GB,ZA');
    const members: Record<Code, string> = { ZA: 'ZA,BW,GB', BW: 'BW,ZA', GB: 'GB,ZA' };
    for (const code of ['ZA', 'BW', 'GB'] as Code[]) {
      services[code] = await startTestService(MRA_EXCHANGE, {
        ADMINISTRATION: code,
        MRA_SIGNING_KEY: keys[code].privateKeyPem,
        FEDERATION_MEMBERS: members[code],
        KAFKA_BROKERS: broker.brokers,
        KAFKA_SASL_USERNAME: code.toLowerCase(),
        KAFKA_SASL_PASSWORD: passwords[code],
        TOPIC_NAMESPACE: namespaces[code],
        FEDERATION_TOPIC_PREFIX: prefix,
      });
    }
    const record = async (self: Code, body: unknown) => {
      const created = await call('POST', `${services[self].url}/arrangements`, { token: tokenFor(self, ['supervisor']), body });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('active');
    };
    await record('ZA', arrangement('SACU MRA', ['ZA', 'BW'], ['S', 'F'], 'ZA'));
    await record('ZA', arrangement('ZA-GB MRA', ['ZA', 'GB'], ['F'], 'ZA'));
    await record('BW', arrangement('SACU MRA', ['ZA', 'BW'], ['S', 'F'], 'BW'));
    await record('GB', arrangement('ZA-GB MRA', ['ZA', 'GB'], ['F'], 'GB'));
  }, 240_000);

  afterAll(async () => {
    for (const s of Object.values(services)) await s.close().catch(() => undefined);
    await broker?.stop();
  });

  const grant = (tin: string, legalName: string, aeoType: AeoType) => grantWithConsent(services.ZA, { tin, legalName, aeoType });
  const ask = (self: Code, tin: string) =>
    call('GET', `${services[self].url}/recognitions?issuer=ZA&scheme=TIN&identifier=${tin}`, { token: tokenFor(self, ['partner']) });

  it('sends a SACU-only AEO to BW and only its number and hash to GB; an AEO-F to both', async () => {
    await grant('5000000001', 'Kalahari Secure Logistics', AeoType.S);
    await grant('5000000002', 'Limpopo Full Freight', AeoType.F);
    await eventually(async () => expect((await ask('BW', '5000000002')).body.recognised).toBe(true), { timeoutMs: 60_000 });
    await eventually(async () => expect((await ask('BW', '5000000001')).body).toMatchObject({ recognised: true, aeoType: 'AEO-S' }), { timeoutMs: 10_000 });
    await eventually(async () => expect((await ask('GB', '5000000002')).body.recognised).toBe(true), { timeoutMs: 60_000 });
    expect((await ask('GB', '5000000001')).body.recognised).toBe(false);
    // GB counted both numbers of ZA's sequence (no gap, no replay asked) and stored only the AEO-F.
    expect(await services.GB.db.query(`SELECT last_sequence, missing_sequences FROM mra_exchange.issuer_progress WHERE issuer = 'ZA'`)).toEqual([
      { last_sequence: '2', missing_sequences: [] },
    ]);
    expect(await services.GB.db.query(`SELECT operator_name FROM mra_exchange.received_record`)).toEqual([{ operator_name: 'Limpopo Full Freight' }]);

    // What GB's credentials can read of ZA's channel to GB: the AEO-S withheld, not a byte of its content.
    const gb = client('gb', passwords.GB).consumer({ groupId: `${namespaces.GB}.audit` });
    // Each entry with the bytes of the message it came in (the two records may travel in one message or in two).
    const seen: { kind: string; entry: { case?: string; value?: unknown }; bytes: Buffer }[] = [];
    await gb.connect();
    try {
      await gb.subscribe({ topic: services.GB.topics.of(Events.recognitionRecords, { from: 'ZA', to: 'GB' }), fromBeginning: true });
      await gb.run({
        eachMessage: async ({ message }) => {
          for (const { entry } of fromBinary(ChannelRecordSchema, fromBinary(EnvelopeSchema, message.value!).payload).entries) seen.push({ kind: entry.case!, entry, bytes: message.value! });
        },
      });
      await eventually(() => expect(seen).toHaveLength(2), { timeoutMs: 30_000 });
    } finally {
      await gb.disconnect();
    }
    expect(seen.map((s) => s.kind).sort()).toEqual(['record', 'withheld']);
    for (const s of seen) expect(s.bytes.includes(Buffer.from('Kalahari'))).toBe(false);
    const full = seen.find((s) => s.kind === 'record')!.entry;
    expect(fromBinary(RecognitionRecordSchema, (full.value as { record: Uint8Array }).record).operatorName).toBe('Limpopo Full Freight');
  });

  it('refuses GB on ZA\'s channel to BW, BW on ZA\'s channels, and a client without credentials', async () => {
    const zaToBw = services.BW.topics.of(Events.recognitionRecords, { from: 'ZA', to: 'BW' });
    const zaToGb = services.GB.topics.of(Events.recognitionRecords, { from: 'ZA', to: 'GB' });

    const gb = client('gb', passwords.GB).consumer({ groupId: `${namespaces.GB}.snoop` });
    await gb.connect();
    try {
      await expect(gb.subscribe({ topic: zaToBw, fromBeginning: true }).then(() => gb.run({ eachMessage: async () => undefined }))).rejects.toThrow(/not authorized|authorization/i);
    } finally {
      await gb.disconnect();
    }

    const bw = client('bw', passwords.BW).producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await bw.connect();
    try {
      await expect(bw.send({ topic: zaToGb, messages: [{ key: 'x', value: 'forged by BW' }] })).rejects.toThrow(/not authorized|authorization/i);
      await expect(bw.send({ topic: `${namespaces.ZA}.${Events.authorisationStatusChanged.topic}`, messages: [{ key: 'x', value: 'forged by BW' }] })).rejects.toThrow(/not authorized|authorization/i);
    } finally {
      await bw.disconnect();
    }

    const stranger = new Kafka({ clientId: `${prefix}-stranger`, brokers: [broker.brokers], logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 2000 });
    const admin = stranger.admin();
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow();
    await admin.disconnect().catch(() => undefined);
    const wrong = client('gb', 'not-the-password').admin();
    await expect(wrong.connect()).rejects.toThrow(/SASL|authentication/i);

    // The same from outside Node: kcat with BW's credentials on ZA's channel to GB.
    const kcat = await run('kcat', [
      '-b', broker.brokers, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=SCRAM-SHA-512',
      '-X', 'sasl.username=bw', '-X', `sasl.password=${passwords.BW}`, '-C', '-t', zaToGb, '-o', 'beginning', '-e',
    ], { timeout: 30_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(kcat.code).not.toBe(0);
    expect(kcat.stderr).toMatch(/Topic authorization failed/);
  });

  it("lets ZA's environmental authority read ZA's agency topic, and nothing else", async () => {
    await grant('5000000003', 'Highveld Green Exporters', AeoType.F); // consented to publication
    const topic = services.ZA.topics.of(Events.agencyStatusChanged);
    const reader = client(agency.user, agency.password).consumer({ groupId: `${agency.user}.status` });
    const seen: { operatorName: string; status: number; published: boolean; position: bigint }[] = [];
    await reader.connect();
    try {
      await reader.subscribe({ topic, fromBeginning: true });
      await reader.run({ eachMessage: async ({ message }) => void seen.push(fromBinary(AgencyStatusChangedSchema, fromBinary(EnvelopeSchema, message.value!).payload)) });
      await eventually(() => expect(seen.map((m) => m.operatorName)).toContain('Highveld Green Exporters'), { timeoutMs: 30_000 });
    } finally {
      await reader.disconnect();
    }
    expect(seen.find((m) => m.operatorName === 'Highveld Green Exporters')).toMatchObject({ status: AeoStatus.VALID, published: true });
    // Not ZA's other topics, not a channel, not another consumer group.
    for (const other of [services.ZA.topics.of(Events.authorisationStatusChanged), services.BW.topics.of(Events.recognitionRecords, { from: 'ZA', to: 'BW' })]) {
      const snoop = client(agency.user, agency.password).consumer({ groupId: `${agency.user}.snoop` });
      await snoop.connect();
      try {
        await expect(snoop.subscribe({ topic: other, fromBeginning: true }).then(() => snoop.run({ eachMessage: async () => undefined }))).rejects.toThrow(/not authorized|authorization/i);
      } finally {
        await snoop.disconnect();
      }
    }
    // ZA's own consumer group is not the agency's: the broker refuses to name its coordinator (GROUP_AUTHORIZATION_FAILED,
    // which kafkajs reports as not finding one), while the agency's own group above joined at once.
    const foreignGroup = client(agency.user, agency.password).consumer({ groupId: `${namespaces.ZA}.mra-exchange`, retry: { retries: 0, restartOnFailure: async () => false } });
    const crashed = new Promise<Error>((resolve) => foreignGroup.on(foreignGroup.events.CRASH, (e) => resolve(e.payload.error)));
    await foreignGroup.connect();
    try {
      await foreignGroup.subscribe({ topic, fromBeginning: true });
      await foreignGroup.run({ eachMessage: async () => undefined });
      expect((await crashed).message).toMatch(/not authorized|authorization|failed to find group coordinator/i);
    } finally {
      await foreignGroup.disconnect();
    }
    const writer = client(agency.user, agency.password).producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await writer.connect();
    try {
      await expect(writer.send({ topic, messages: [{ key: 'x', value: 'forged by the agency' }] })).rejects.toThrow(/not authorized|authorization/i);
    } finally {
      await writer.disconnect();
    }
  });
});
