import { Events, Headers } from '@aeo/contracts';
import { publishEvents, readDeadLetters, TestService } from '@aeo/messaging/testing';
import { eventually } from '@aeo/testing';
import { generateSigningKeyPair } from '../src';
import { Frontier, leafHash } from '../src/log/merkle';
import { partnerViews, signedLogCheckpoint, signedRecord, spoiltSignature as spoilt, startWithPartner } from './records';

const za = generateSigningKeyPair();
const bw = generateSigningKeyPair();
type Signed = ReturnType<typeof signedRecord>;

/** Entries a chunk: two chunks make a group of the receiver's (GROUP_ENTRIES, 1,000), so a batch of them holds several groups. */
const CHUNK = 600;
const CHUNKS = 5;

/**
 * A batch of a snapshot's chunks, taken group by group (about 1,000 entries, in the batch's one
 * transaction), each chunk authenticated by its checkpoint alone: the log extended over its entries
 * as they are checked, and that extension taken for the log held (hashed once). An undecodable chunk
 * in a later group fails the batch, whose messages are then taken one by one. The chunks are published by one request, so that BW
 * takes them in one batch. The test plays ZA; BW is a real registry. Every record's own signature is
 * spoilt: a chunk not authenticated by its checkpoint would go to the dead letter.
 */
describe('mra-exchange: a batch of snapshot chunks, taken a group at a time', () => {
  let t: TestService;
  const records: Signed[] = [];
  const checkpoint = (size: number) => signedLogCheckpoint('ZA', records, size, za.privateKeyPem);
  const chunks = (from: number, to: number) =>
    Array.from({ length: (to - from) / CHUNK }, (_, i) => {
      const size = from + (i + 1) * CHUNK;
      return { entries: records.slice(size - CHUNK, size).map((r) => ({ entry: { case: 'record' as const, value: spoilt(r) } })), checkpoint: checkpoint(size) };
    });
  const publish = (messages: ReturnType<typeof chunks>) => publishEvents(t.kafka, t.topics, Events.recognitionRecords, messages, { aggregateId: 'ZA:BW', administration: 'ZA', recipient: 'BW' });
  const atBw = partnerViews(() => t, 'BW', 'ZA');
  const { figures, issuerLog: zaLog } = atBw;
  const recognised = (sequence: number) => atBw.recognised(`T${sequence}`);

  beforeAll(async () => {
    t = await startWithPartner({ administration: 'BW', ...bw }, { administration: 'ZA', ...za }, { FEDERATION_MEMBERS: 'ZA,BW' });
    for (let sequence = 1; sequence <= CHUNK * (CHUNKS + 3); sequence++) records.push(signedRecord({ sequence, tin: `T${sequence}` }, za.privateKeyPem));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores every record of a batch of chunks, each authenticated by its checkpoint, and refuses an undecodable chunk among them alone', async () => {
    const dead = await readDeadLetters(t.kafka, t.topics);
    try {
      const total = CHUNK * CHUNKS;
      await publish(chunks(0, total));
      await eventually(async () => expect(await zaLog()).toMatchObject({ lastSequence: total, verifiedLogSize: total }));
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM mra_exchange.received_record WHERE issuer = 'ZA'`);
      expect(count).toBe(total);
      for (const sequence of [1, CHUNK, CHUNK + 1, total]) expect(await recognised(sequence)).toBe(true);
      const [log]: { frontier: { size: number; hashes: string[] } }[] = await t.db.query(`SELECT frontier FROM mra_exchange.partner_log WHERE issuer = 'ZA'`);
      expect(Frontier.fromJSON(log.frontier).root()).toEqual(new Frontier().extend(records.slice(0, total).map((r) => leafHash(r.record))).root());
      expect(dead.messages).toHaveLength(0);
      expect((await figures()).logAlerts).toEqual([]);

      // Three more chunks, the last of which (the batch's second group) carries bytes that are no record.
      const [first, second, bad] = chunks(total, total + 3 * CHUNK);
      const broken = { ...bad, entries: [{ entry: { case: 'record' as const, value: { ...spoilt(records[total + 2 * CHUNK]), record: Buffer.from([0xff, 0xff, 0xff]) } } }, ...bad.entries.slice(1)] };
      await publish([first, second, broken]);
      await eventually(() => expect(dead.messages).toHaveLength(1));
      expect(dead.messages[0].headers[Headers.deadLetterReason]).toMatch(/undecodable recognition record/);
      await eventually(async () => expect(await zaLog()).toMatchObject({ lastSequence: total + 2 * CHUNK, verifiedLogSize: total + 2 * CHUNK }));
      expect(await recognised(total + 2 * CHUNK)).toBe(true);
      expect(await recognised(total + 2 * CHUNK + 2)).toBe(false);
    } finally {
      await dead.subscription.close();
    }
  });
});
