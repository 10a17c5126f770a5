import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AeoStatus, AeoType, Events, Headers } from '@aeo/contracts';
import { DeliveredMessage, KafkaTransport, startService, Subscription, TopicNames } from '@aeo/messaging';
import { publishEvent, registeredOperator } from '@aeo/messaging/testing';
import { RunningService } from '@aeo/platform';
import {
  call,
  createTestDatabase,
  eventually,
  TEST_JWT_SECRET,
  TEST_KAFKA_BROKERS,
  TestDatabase,
  tokenFor,
  uniqueNamespace,
} from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { generateSigningKeyPair, MRA_EXCHANGE } from '../src';

/** One party's mra-exchange, with its own database, key and AEO; stoppable and restartable on the same database. */
interface Party {
  administration: string;
  keys: { privateKeyPem: string; publicKeyPem: string };
  db: TestDatabase;
  topics: TopicNames;
  service?: RunningService;
  tin: string;
}

/**
 * Parties record and confirm an MRA each at its own moment. Whatever the order and spacing of
 * their activations, and with a party down while others activate, every party must end with
 * every other party's AEO, without a manual snapshot request and without a dead letter.
 */
describe('mra-exchange: the MRA opening handshake converges whatever order the parties activate in', () => {
  const kafka = new KafkaTransport({ brokers: TEST_KAFKA_BROKERS.split(','), clientId: uniqueNamespace('handshake'), logger: pino({ level: 'silent' }) });
  beforeAll(() => kafka.connect());
  afterAll(() => kafka.close());

  async function federation(members: string[]) {
    const prefix = uniqueNamespace('hs');
    const parties: Record<string, Party> = {};
    const deadLetters: DeliveredMessage[] = [];
    const subscriptions: Subscription[] = [];
    for (const [i, administration] of members.entries()) {
      parties[administration] = {
        administration,
        keys: generateSigningKeyPair(),
        db: await createTestDatabase(`aeo_hs_${administration.toLowerCase()}`),
        topics: new TopicNames(`${prefix}-${administration.toLowerCase()}`, prefix),
        tin: `90000000${String(i).padStart(2, '0')}`,
      };
    }
    const start = async (p: Party) => {
      p.service = await startService(MRA_EXCHANGE, {
        ADMINISTRATION: p.administration,
        DATABASE_URL: p.db.url,
        KAFKA_BROKERS: TEST_KAFKA_BROKERS,
        TOPIC_NAMESPACE: p.topics.namespace,
        FEDERATION_TOPIC_PREFIX: prefix,
        FEDERATION_MEMBERS: members.join(','),
        MRA_SIGNING_KEY: p.keys.privateKeyPem,
        JWT_SECRET: TEST_JWT_SECRET,
        HTTP_PORT: '0',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      });
    };
    const stop = async (p: Party) => {
      await p.service?.close();
      p.service = undefined;
    };
    for (const p of Object.values(parties)) {
      await start(p);
      subscriptions.push(
        await kafka.subscribe({ groupId: `${p.topics.namespace}.dead-letter-reader`, topics: [p.topics.deadLetter], handle: async (m) => void deadLetters.push(m) }),
      );
      // Each party grants one AEO before any MRA exists: only the opening exchange can carry it.
      const operatorId = randomUUID();
      const authorisationId = randomUUID();
      const meta = { aggregateId: operatorId, administration: p.administration };
      await publishEvent(kafka, p.topics, Events.operatorRegistered, registeredOperator({
        operatorId,
        legalName: `AEO of ${p.administration}`,
        address: { street: '1 Main Road', city: 'Capital', postalCode: '0001', country: p.administration },
        identifiers: [{ scheme: 'TIN', value: p.tin, issuer: p.administration }],
        registeredBy: 'trader',
      }), meta);
      await publishEvent(kafka, p.topics, Events.consentChanged, { operatorId, shareWithPartners: true, publishInDirectory: false }, { ...meta, sequence: 2 });
      await publishEvent(kafka, p.topics, Events.authorisationStatusChanged, {
        authorisationId,
        operatorId,
        certificateNumber: `${p.administration}AEOF${p.tin.slice(-7)}`,
        aeoType: AeoType.F,
        status: AeoStatus.VALID,
        statusSince: timestampFromDate(new Date('2025-01-01T00:00:00Z')),
        authorisedOn: timestampFromDate(new Date('2025-01-01T00:00:00Z')),
        validTo: timestampFromDate(new Date('2030-01-01T00:00:00Z')),
      }, { aggregateId: authorisationId, administration: p.administration });
    }
    for (const p of Object.values(parties)) {
      await eventually(async () => expect(await p.db.query(`SELECT 1 FROM mra_exchange.holder_authorisation`)).toHaveLength(1));
    }

    /** The party records the signed MRA, every other party's confirmation with it: it is active there at once. */
    const activate = async (p: Party) => {
      const response = await call('POST', `${p.service!.url}/arrangements`, {
        token: tokenFor(p.administration, ['supervisor']),
        body: {
          name: 'regional AEO MRA',
          parties: members.map((m) => ({ administration: m, recognisedAeoTypes: ['S', 'F'], publicKey: parties[m].keys.publicKeyPem, keyId: `${m}-1` })),
          benefits: ['priority-clearance'],
          effectiveFrom: '2023-05-31',
          confirmations: members.filter((m) => m !== p.administration).map((m) => ({ administration: m, confirmedOn: '2023-05-31', reference: `${m} note` })),
        },
      });
      expect(response.status).toBe(201);
      expect(response.body.status).toBe('active');
    };

    /** What each party answers about each other party's AEO. */
    const answers = async () => {
      const seen: Record<string, string> = {};
      for (const p of Object.values(parties)) {
        for (const q of Object.values(parties).filter((q) => q !== p)) {
          const a = await call('GET', `${p.service!.url}/recognitions?issuer=${q.administration}&scheme=TIN&identifier=${q.tin}`, {
            token: tokenFor(p.administration, ['partner']),
          });
          seen[`${p.administration} knows ${q.administration}'s AEO`] = a.body.recognised ? 'recognised' : a.body.reason;
        }
      }
      return seen;
    };
    const everyoneRecognised = () =>
      Object.fromEntries(
        members.flatMap((p) => members.filter((q) => q !== p).map((q) => [`${p} knows ${q}'s AEO`, 'recognised'])),
      );

    /** Waits until `p` holds what `from` sent early: `from`'s opening reached it before its own activation. */
    const holds = (p: Party, from: Party) =>
      eventually(async () =>
        expect(await p.db.query(`SELECT DISTINCT hold_key FROM mra_exchange.held_message`)).toContainEqual({ hold_key: `partner:${from.administration}` }),
      );
    /** Waits until `p` recognises `q`'s AEO. */
    const recognises = (p: Party, q: Party) =>
      eventually(async () => {
        const a = await call('GET', `${p.service!.url}/recognitions?issuer=${q.administration}&scheme=TIN&identifier=${q.tin}`, {
          token: tokenFor(p.administration, ['partner']),
        });
        expect(a.body.recognised).toBe(true);
      });

    return {
      parties,
      activate,
      start,
      stop,
      holds,
      recognises,
      async converges() {
        await eventually(async () => expect(await answers()).toEqual(everyoneRecognised()), { timeoutMs: 60000 });
        for (const p of Object.values(parties)) {
          await eventually(async () => expect(await p.db.query(`SELECT hold_key FROM mra_exchange.held_message`)).toEqual([]));
        }
        expect(deadLetters.map((m) => `${m.headers[Headers.deadLetterSourceTopic]}: ${m.headers[Headers.deadLetterReason]}`)).toEqual([]);
      },
      async close() {
        for (const s of subscriptions) await s.close().catch(() => undefined);
        for (const p of Object.values(parties)) {
          await stop(p).catch(() => undefined);
          await p.db.drop().catch(() => undefined);
        }
      },
    };
  }

  it.each([
    ['forward', ['ZA', 'BW']],
    ['reverse', ['BW', 'ZA']],
  ])('two parties, %s', async (_order, order) => {
    const f = await federation(['ZA', 'BW']);
    try {
      const [first, second] = order.map((m) => f.parties[m]);
      await f.activate(first);
      await f.holds(second, first); // days apart in real life: what the first sent has arrived, early
      await f.activate(second);
      await f.converges();
    } finally {
      await f.close();
    }
  });

  it('the five SACU members, interleaved, two at the same moment', async () => {
    const f = await federation(['ZA', 'BW', 'NA', 'LS', 'SZ']);
    try {
      const { ZA, BW, NA, LS, SZ } = f.parties;
      await f.activate(SZ);
      await f.holds(ZA, SZ);
      await Promise.all([f.activate(ZA), f.activate(LS)]);
      await f.activate(NA);
      await f.holds(BW, NA);
      await f.activate(BW);
      await f.converges();
    } finally {
      await f.close();
    }
  });

  it('the five SACU members, one down while the others activate and one active before it goes down', async () => {
    const f = await federation(['ZA', 'BW', 'NA', 'LS', 'SZ']);
    const { ZA, BW, NA, LS, SZ } = f.parties;
    try {
      await f.activate(LS);
      await f.stop(LS); // active, then down while the others activate
      await f.stop(NA); // down before it has recorded the MRA at all
      await f.activate(BW);
      await f.activate(ZA);
      await f.activate(SZ);
      await f.recognises(SZ, BW); // the three active ones have exchanged while LS and NA were down
      await f.recognises(BW, SZ);
      await f.start(LS);
      await f.start(NA);
      await f.holds(NA, ZA); // NA reads what was sent while it was down: early, held
      await f.activate(NA);
      await f.converges();
    } finally {
      await f.close();
    }
  });
});
