import { Events, Headers } from '@aeo/contracts';
import { publishEvent, readDeadLetters, TestService } from '@aeo/messaging/testing';
import { eventually } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { generateSigningKeyPair } from '../src';
import { leafHash } from '../src/log/merkle';
import { partnerViews, signedLogCheckpoint, signedRecord, spoiltSignature as spoilt, startWithPartner } from './records';

const za = generateSigningKeyPair();
const bw = generateSigningKeyPair();
type Signed = ReturnType<typeof signedRecord>;

/**
 * A partner that holds most of an issuer's log and asks for a snapshot gets chunks that begin
 * inside what it holds: one signature (the chunk's checkpoint) authenticates such a chunk, and an
 * entry identical to the leaf held at its number is taken without its own signature. The test
 * plays ZA; BW is a real registry. Entries held are sent again with their signatures spoilt: were
 * each checked one by one, the chunk would go to the dead letter.
 */
describe('mra-exchange: a snapshot taken by a partner that holds part of the log', () => {
  let t: TestService;
  /** ZA's records by number (index 0 is number 1), and its log over them. */
  const records: Signed[] = [];
  const checkpoint = (size: number) => signedLogCheckpoint('ZA', records, size, za.privateKeyPem);
  /** One message on ZA's channel to BW: the entries given, with ZA's checkpoint of the log at `size`. */
  const chunk = (entries: Signed[], size: number) =>
    publishEvent(t.kafka, t.topics, Events.recognitionRecords, { entries: entries.map((value) => ({ entry: { case: 'record' as const, value } })), checkpoint: checkpoint(size) }, {
      aggregateId: `ZA:BW:${randomUUID()}`,
      administration: 'ZA',
      recipient: 'BW',
    });
  const atBw = partnerViews(() => t, 'BW', 'ZA');
  const { figures, issuerLog: zaLog } = atBw;
  const recognised = (sequence: number) => atBw.recognised(`T${sequence}`);

  beforeAll(async () => {
    t = await startWithPartner({ administration: 'BW', ...bw }, { administration: 'ZA', ...za }, { FEDERATION_MEMBERS: 'ZA,BW' });
    for (let sequence = 1; sequence <= 12; sequence++) records.push(signedRecord({ sequence, tin: `T${sequence}` }, za.privateKeyPem));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('authenticates a chunk that begins inside the log held by its checkpoint, and takes entries identical to those held without their signatures', async () => {
    const dead = await readDeadLetters(t.kafka, t.topics);
    try {
      // Live: records 1 to 5, one a message, each with its checkpoint.
      for (let size = 1; size <= 5; size++) await chunk([records[size - 1]], size);
      await eventually(async () => expect(await zaLog()).toMatchObject({ lastSequence: 5, verifiedLogSize: 5 }));

      // The snapshot's chunk 1..8: 1..5 as held (signatures spoilt), 6..8 new (6's signature spoilt too).
      await chunk([...records.slice(0, 6).map(spoilt), ...records.slice(6, 8)], 8);
      await eventually(async () => expect(await zaLog()).toMatchObject({ lastSequence: 8, verifiedLogSize: 8 }));
      expect(await recognised(6)).toBe(true);
      expect(await recognised(8)).toBe(true);

      // A chunk wholly inside what is held (1..4, spoilt): nothing new, nothing refused.
      await chunk(records.slice(0, 4).map(spoilt), 4);
      // Then 9: taken live after it, so the chunk before it was handled.
      await chunk([records[8]], 9);
      await eventually(async () => expect(await zaLog()).toMatchObject({ lastSequence: 9, verifiedLogSize: 9 }));
      expect(dead.messages).toHaveLength(0);
      expect((await figures()).logAlerts).toEqual([]);

      // An entry that differs from the leaf held at its number is checked by its own signature:
      // another record numbered 2, its signature spoilt, in a chunk 1..10 (whose root is not the one signed).
      const other = spoilt(signedRecord({ sequence: 2, tin: 'T2-other' }, za.privateKeyPem));
      await chunk([records[0], other, ...records.slice(2, 10)], 10);
      await eventually(() => expect(dead.messages).toHaveLength(1));
      expect(dead.messages[0].headers[Headers.deadLetterReason]).toMatch(/signature of ZA record 2 does not verify/);
      expect(await recognised(10)).toBe(false);

      // Only leaves a signed checkpoint authenticated count as held: a withheld entry (no
      // checkpoint) advances the log held here to 10 with the hash of a forged record, then the
      // forged record comes with a genuine old checkpoint (9). Its own signature is checked, and fails.
      const forged = signedRecord({ sequence: 10, tin: 'T10' }, generateSigningKeyPair().privateKeyPem);
      await publishEvent(t.kafka, t.topics, Events.recognitionRecords, { entries: [{ entry: { case: 'withheld', value: { sequence: 10n, leafHash: leafHash(forged.record) } } }] }, {
        aggregateId: `ZA:BW:${randomUUID()}`,
        administration: 'ZA',
        recipient: 'BW',
      });
      await eventually(async () => expect(await zaLog()).toMatchObject({ lastSequence: 10, verifiedLogSize: 9 }));
      await publishEvent(t.kafka, t.topics, Events.recognitionRecords, { entries: [{ entry: { case: 'record', value: forged } }], checkpoint: checkpoint(9) }, {
        aggregateId: `ZA:BW:${randomUUID()}`,
        administration: 'ZA',
        recipient: 'BW',
      });
      await eventually(() => expect(dead.messages).toHaveLength(2));
      expect(dead.messages[1].headers[Headers.deadLetterReason]).toMatch(/signature of ZA record 10 does not verify/);
      expect(await recognised(10)).toBe(false);
    } finally {
      await dead.subscription.close();
    }
  });
});
