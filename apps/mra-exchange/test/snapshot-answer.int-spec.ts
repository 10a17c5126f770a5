import { fromBinary } from '@bufbuild/protobuf';
import { ChannelEntry, ChannelRecordSchema, EnvelopeSchema, Events, ExchangeRequestKind, RecognitionRecordSchema, SignedCheckpoint } from '@aeo/contracts';
import { publishEvent, TestService } from '@aeo/messaging/testing';
import { eventually } from '@aeo/testing';
import { randomUUID } from 'node:crypto';
import { generateSigningKeyPair, parsePublicKey, verifyBytes } from '../src';
import { CHUNK_BYTES, CHUNK_ENTRIES } from '../src/exchange/channel-records';
import { parseCheckpoint } from '../src/log/checkpoint';
import { Frontier, leafHash } from '../src/log/merkle';
import { signedRecord, signedRequest, startWithPartner } from './records';

const za = generateSigningKeyPair();
const bw = generateSigningKeyPair();
/** More records than two pages of the issuer's answer (5,000 each). */
const RECORDS = 12_001;
/** Records 1..3,001 are superseded by records 9,001..12,001 of the same operators. */
const operatorOf = (sequence: number) => (sequence - 1) % 9000;
/** Every tenth record is addressed to NA alone. */
const audienceOf = (sequence: number) => (sequence % 10 === 0 ? ['NA'] : ['BW']);

describe('mra-exchange: a snapshot and a replay answered a page at a time', () => {
  let t: TestService;
  let subscription: { close(): Promise<void> };
  /** The messages on ZA's channel to BW, in order: their entries and checkpoint. */
  const messages: { entries: ChannelEntry[]; checkpoint?: SignedCheckpoint }[] = [];
  const leaves: Buffer[] = [];
  const entries = () => messages.flatMap((m) => m.entries);
  const ask = (kind: ExchangeRequestKind, fromSequence?: bigint) =>
    publishEvent(t.kafka, t.topics, Events.exchangeRequests, signedRequest({ requester: 'BW', issuer: 'ZA', kind, fromSequence }, bw.privateKeyPem), {
      aggregateId: 'BW:ZA',
      administration: 'BW',
      recipient: 'ZA',
    });

  beforeAll(async () => {
    t = await startWithPartner({ administration: 'ZA', ...za }, { administration: 'BW', ...bw }, { FEDERATION_MEMBERS: 'ZA,BW,NA' });
    // ZA's records as if sent over the months: written straight to its table (the bench does the same).
    const operators = Array.from({ length: 9000 }, () => randomUUID());
    for (let from = 1; from <= RECORDS; from += 1000) {
      const rows = Array.from({ length: Math.min(1000, RECORDS - from + 1) }, (_, i) => {
        const sequence = from + i;
        const operatorId = operators[operatorOf(sequence)];
        // Long identifiers (records of 600-odd bytes): chunks end at CHUNK_BYTES, across the pages' ends.
        return { sequence, operatorId, ...signedRecord({ sequence, tin: `T${sequence}-`.padEnd(200, 'x'), operatorId, audience: audienceOf(sequence) }, za.privateKeyPem) };
      });
      for (const r of rows) leaves.push(leafHash(r.record));
      await t.db.query(
        `INSERT INTO mra_exchange.outbound_record (sequence, record_id, operator_id, record, signature, key_id, issued_at)
         SELECT s, gen_random_uuid(), o, r, sig, 'ZA-1', now() FROM unnest($1::bigint[], $2::uuid[], $3::bytea[], $4::bytea[]) AS x(s, o, r, sig)`,
        [rows.map((r) => r.sequence), rows.map((r) => r.operatorId), rows.map((r) => Buffer.from(r.record)), rows.map((r) => Buffer.from(r.signature))],
      );
    }
    await t.db.query(`UPDATE mra_exchange.issuer_sequence SET last_sequence = $1`, [RECORDS]);
    subscription = await t.kafka.subscribe({
      groupId: `${t.topics.namespace}.bw-reader`,
      topics: [t.topics.of(Events.recognitionRecords, { from: 'ZA', to: 'BW' })],
      handle: async (m) => {
        const channelRecord = fromBinary(ChannelRecordSchema, fromBinary(EnvelopeSchema, m.value).payload);
        messages.push({ entries: channelRecord.entries, checkpoint: channelRecord.checkpoint });
      },
    });
  });
  afterAll(async () => {
    await subscription?.close();
    await t?.close();
  });

  /** Checks messages[from..]: numbers `first` to RECORDS in order, the records expected in full, each chunk's checkpoint. */
  function check(from: number, first: number, sentInFull: (sequence: number) => boolean) {
    const answer = messages.slice(from);
    const got = answer.flatMap((m) => m.entries);
    expect(got.map(sequenceOf)).toEqual(Array.from({ length: RECORDS - first + 1 }, (_, i) => first + i));
    const full = got.filter((e) => e.entry.case === 'record').map(sequenceOf);
    expect(full).toEqual(got.map(sequenceOf).filter(sentInFull));
    // Each message at most CHUNK_ENTRIES entries and about CHUNK_BYTES, with ZA's signed checkpoint of the log after its last.
    for (const m of answer) {
      expect(m.entries.length).toBeLessThanOrEqual(CHUNK_ENTRIES);
      const bytes = m.entries.reduce((n, e) => n + (e.entry.case === 'record' ? e.entry.value.record.length + 80 : 48), 0);
      expect(bytes).toBeLessThan(CHUNK_BYTES + 1000);
    }
    let frontier = new Frontier();
    for (const leaf of leaves.slice(0, first - 1)) frontier = frontier.append(leaf);
    for (const m of answer) {
      expect(m.entries.length).toBeLessThanOrEqual(1000);
      for (const e of m.entries) {
        const leaf = e.entry.case === 'withheld' ? Buffer.from(e.entry.value.leafHash) : leafHash(e.entry.case === 'record' ? e.entry.value.record : new Uint8Array());
        expect(leaf.equals(leaves[sequenceOf(e) - 1])).toBe(true);
        frontier = frontier.append(leaf);
      }
      expect(verifyBytes(m.checkpoint!.note, m.checkpoint!.signature, parsePublicKey(za.publicKeyPem))).toBe(true);
      expect(parseCheckpoint(m.checkpoint!.note)).toEqual({ issuer: 'ZA', size: frontier.size, root: frontier.root() });
    }
  }
  const sequenceOf = (e: ChannelEntry) => Number(e.entry.case === 'withheld' ? e.entry.value.sequence : sequenceInFull(e));
  const sequenceInFull = (e: ChannelEntry) => {
    if (e.entry.case !== 'record') throw new Error('not a record');
    return fromBinary(RecognitionRecordSchema, e.entry.value.record).sequence;
  };

  it('sends every number from 1, in full only the latest record of each AEO addressed to the partner, in chunks each with a checkpoint', async () => {
    await ask(ExchangeRequestKind.SNAPSHOT);
    await eventually(() => expect(entries().length).toBe(RECORDS), { timeoutMs: 60000 });
    const superseded = (s: number) => s <= RECORDS - 9000;
    check(0, 1, (s) => !superseded(s) && audienceOf(s).includes('BW'));
    // Chunks ended by their bytes, some across the end of a page of 5,000 records.
    const ends = messages.map((m) => sequenceOf(m.entries.at(-1)!));
    expect(ends.some((e) => e % 1000 !== 0)).toBe(true);
    expect(messages.some((m) => Math.floor((sequenceOf(m.entries[0]) - 1) / 5000) !== Math.floor((sequenceOf(m.entries.at(-1)!) - 1) / 5000))).toBe(true);
  });

  it('replays from a number on, every record addressed to the partner in full', async () => {
    const before = messages.length;
    await ask(ExchangeRequestKind.REPLAY, 11_500n);
    await eventually(() => expect(entries().length).toBe(RECORDS + RECORDS - 11_500 + 1), { timeoutMs: 30000 });
    check(before, 11_500, (s) => audienceOf(s).includes('BW'));
  });
});
