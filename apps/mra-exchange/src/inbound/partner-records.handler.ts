import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Channel, ChannelEntry, ChannelRecord, channelOf, Events, RecognitionRecord, RecognitionRecordSchema, SignedCheckpoint } from '@aeo/contracts';
import { InboundEvent, InboxContext, onEvent, PermanentMessageError } from '@aeo/messaging';
import { Clock, packedBytes, SERVICE_CONFIG, SERVICE_LOGGER, updateReturning } from '@aeo/platform';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { KeyObject } from 'node:crypto';
import { Logger } from 'pino';
import { Arrangement } from '../arrangements/arrangement.entity';
import { ArrangementCache } from '../arrangements/arrangement-cache';
import { PartnerMessages } from '../arrangements/partner-messages';
import { arePartners, recordInScope } from '../arrangements/arrangement-coverage';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { partnerHoldKey } from '../exchange/early-messages';
import { ExchangeRequester } from '../exchange/exchange-requester';
import { AEO_TYPE_FROM_WIRE, STATUS_FROM_WIRE } from '../exchange/aeo-codes';
import { verifyBytes } from '../signing/record-signature';
import { parseCheckpoint } from '../log/checkpoint';
import { Frontier, leafHash } from '../log/merkle';
import { Extension, PartnerLogVerifier } from '../log/partner-log';
import { IssuerProgress } from './received.entities';

/** How long to wait for a replay before asking again, when records keep arriving with a gap still open. */
const REPLAY_RETRY_MS = 30000;
/** Entries taken together (decoded, checked, stored in a few statements) within a batch. */
const GROUP_ENTRIES = 1000;

/** An issuer's log as this batch sees it: the frontier (none past a chunk that did not check out) and how many stored leaves are authenticated. */
interface LogView {
  frontier?: Frontier;
  authenticated: number;
}

/** A group's messages of one issuer as checking extended its log (an Extension), or `broken` when one of them took leaves without extending it. */
interface GroupExtension extends Partial<Extension> {
  broken?: boolean;
}

interface Checked {
  /** Store it (or, without a row, only count its sequence number); hold it as early; or pass it by. */
  action: 'take' | 'hold' | 'pass';
  /** Why it is held or passed by. */
  why?: string;
  event: InboundEvent<ChannelRecord>;
  issuer: string;
  sequence: bigint;
  /** Undefined when the record is meant for other partners: only its sequence number counts here. */
  row?: unknown[];
  /** Its leaf in the issuer's log (what the entry's record hashes to, or the withheld hash). */
  leaf?: Buffer;
  /** The issuer's checkpoint that came with it, its signature verified. */
  checkpoint?: SignedCheckpoint;
  identifiers: { scheme: string; value: string; operatorId: string }[];
}

/**
 * Records partners send on their channels to this administration: verified against the issuer's
 * key in the MRA before anything is stored. Forged, tampered and out-of-scope records go to the
 * dead letter with the reason. A record addressed to others comes withheld (its number and hash):
 * only its number counts. A record addressed to this administration by an issuer whose MRA is
 * not active here yet is held until it is (exchange/early-messages.ts); a withheld one from such
 * an issuer is passed by. Set-based: a batch of records is checked, then stored in a few statements.
 */
@Controller()
export class PartnerRecordsHandler {
  constructor(
    private readonly clock: Clock,
    private readonly requester: ExchangeRequester,
    private readonly cache: ArrangementCache,
    private readonly partners: PartnerMessages,
    private readonly log: PartnerLogVerifier,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(...onEvent(Events.recognitionRecords, { batch: true }))
  async onRecords(@Payload() events: InboundEvent<ChannelRecord>[], @Ctx() ctx: InboxContext) {
    // The issuers' logs as checked so far in this batch: a chunk that extends one exactly to its checkpoint needs no other signature.
    const views = new Map<string, LogView>();
    // A batch of snapshot chunks (8 MiB, some 20,000 records) is taken about a chunk (1,000
    // entries) at a time, in its one transaction: what one group decodes is garbage before the next
    // (groups of 4,000 spent more in garbage collection: 6,278-6,985 records/s against 7,274-7,388).
    let group: InboundEvent<ChannelRecord>[] = [];
    let entries = 0;
    for (const [i, event] of events.entries()) {
      group.push(event);
      entries += event.message.entries.length;
      if (entries >= GROUP_ENTRIES || i === events.length - 1) {
        await this.takeGroup(group, ctx, views);
        group = [];
        entries = 0;
      }
    }
  }

  private async takeGroup(events: InboundEvent<ChannelRecord>[], ctx: InboxContext, views: Map<string, LogView>) {
    const all: Checked[] = [];
    const extensions = new Map<string, GroupExtension>();
    for (const event of events) all.push(...(await this.checkMessage(event, ctx, views, extensions)));
    // A message with an entry held is held whole (it is handled again, whole, when released).
    const held = new Map<InboundEvent<ChannelRecord>, Checked>();
    for (const c of all) if (c.action === 'hold' && !held.has(c.event)) held.set(c.event, c);
    for (const [event, c] of held) await ctx.hold([event], c.why!, partnerHoldKey(c.issuer));
    for (const c of all) if (held.has(c.event)) c.action = 'hold';
    const early = all.filter((c) => c.action !== 'take');
    if (early.length) {
      this.logger.info(
        { held: early.filter((c) => c.action === 'hold').length, passed: early.filter((c) => c.action === 'pass').length, issuers: [...new Set(early.map((c) => c.issuer))] },
        'records of issuers without an active MRA here: held if addressed to us, passed by otherwise',
      );
    }
    const checked = all.filter((c) => c.action === 'take');
    if (checked.length === 0) return;
    const receivedAt = this.clock.now();

    const rows = checked.filter((c) => c.row);
    const stored = new Set<string>();
    if (rows.length > 0) {
      // One statement whatever the number of rows (a snapshot's chunks): a column an array, the
      // records and signatures each one binary parameter (packedBytes).
      const column = (i: number) => rows.map((c) => c.row![i]);
      const records = packedBytes(column(11) as Buffer[]);
      const signatures = packedBytes(column(12) as Buffer[]);
      const inserted: { issuer: string; sequence: string }[] = await ctx.manager.query(
        `INSERT INTO received_record (issuer, sequence, record_id, operator_id, operator_name, certificate_number, aeo_type,
           status, status_since, valid_to, shared_with_consent, record, signature, key_id, coverage_ends, published_in_directory, received_at)
         SELECT u.issuer, u.sequence, u.record_id, u.operator_id, u.operator_name, u.certificate_number, u.aeo_type, u.status, u.status_since,
           u.valid_to, u.shared, substring($12::bytea FROM u.record_at FOR u.record_length), substring($13::bytea FROM u.signature_at FOR u.signature_length),
           u.key_id, u.coverage_ends, u.published, $17::timestamptz
         FROM unnest($1::char(2)[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::char(1)[], $8::text[], $9::timestamptz[],
           $10::timestamptz[], $11::boolean[], $14::text[], $15::timestamptz[], $16::boolean[], $18::int[], $19::int[], $20::int[], $21::int[])
           AS u(issuer, sequence, record_id, operator_id, operator_name, certificate_number, aeo_type, status, status_since, valid_to, shared,
             key_id, coverage_ends, published, record_at, record_length, signature_at, signature_length)
         ON CONFLICT (issuer, sequence) DO NOTHING RETURNING issuer, sequence`,
        [
          ...Array.from({ length: 11 }, (_, i) => column(i)),
          records.bytes,
          signatures.bytes,
          ...[13, 14, 15].map(column),
          receivedAt,
          records.at,
          records.length,
          signatures.at,
          signatures.length,
        ],
      );
      for (const r of inserted) stored.add(`${r.issuer}/${r.sequence}`);
    }

    // The cross-reference, newest record last so that it wins; each identifier once per statement.
    const identifiers = new Map<string, { issuer: string; scheme: string; value: string; operatorId: string }>();
    for (const c of checked) {
      if (!stored.has(`${c.issuer}/${c.sequence}`)) continue;
      for (const i of c.identifiers) identifiers.set(`${c.issuer}/${i.scheme}/${i.value}`, { issuer: c.issuer, ...i });
    }
    if (identifiers.size > 0) {
      const list = [...identifiers.values()];
      await ctx.manager.query(
        `INSERT INTO received_identifier (issuer, scheme, value, operator_id)
         SELECT * FROM unnest($1::char(2)[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (issuer, scheme, value) DO UPDATE SET operator_id = EXCLUDED.operator_id`,
        [list.map((i) => i.issuer), list.map((i) => i.scheme), list.map((i) => i.value), list.map((i) => i.operatorId)],
      );
    }

    // Sequence numbers seen: the stored ones, and those meant for other partners.
    const seen = new Map<string, bigint[]>();
    for (const c of checked) {
      if (c.row && !stored.has(`${c.issuer}/${c.sequence}`)) continue; // a duplicate
      const sequences = seen.get(c.issuer);
      if (sequences) sequences.push(c.sequence);
      else seen.set(c.issuer, [c.sequence]);
    }
    for (const [issuer, sequences] of seen) await this.trackSequence(ctx, issuer, sequences, events[0].envelope.correlationId);

    // The issuers' logs: every leaf and checkpoint taken, checked against each other, cosigned.
    for (const issuer of new Set(checked.map((c) => c.issuer))) {
      const mine = checked.filter((c) => c.issuer === issuer);
      const extension = extensions.get(issuer);
      await this.log.take(
        ctx.manager,
        issuer,
        mine.filter((c) => c.leaf).map((c) => ({ sequence: c.sequence, hash: c.leaf! })),
        mine.flatMap((c) => (c.checkpoint ? [c.checkpoint] : [])),
        events[0].envelope.correlationId,
        extension?.base && !extension.broken ? { base: extension.base, frontiers: extension.frontiers! } : undefined,
      );
    }
  }

  /**
   * The entries of one message. Its checkpoint's signature is checked first; when its entries
   * extend the issuer's log, as checked here, exactly to that checkpoint, they are authentic by
   * that one signature (a snapshot's chunk of a thousand records: one ECDSA verification, not a
   * thousand); a chunk that begins inside the log held here does too if its entries up to the end
   * of what is held are the leaves held. An entry identical to the leaf held at its number needs
   * no signature (taken again, it stores nothing). Otherwise each record's own signature is checked.
   */
  private async checkMessage(
    event: InboundEvent<ChannelRecord>,
    ctx: InboxContext,
    views: Map<string, LogView>,
    extensions: Map<string, GroupExtension>,
  ): Promise<Checked[]> {
    const channel = channelOf(event.topic);
    const self = this.config.ADMINISTRATION;
    if (!channel || channel.to !== self || channel.from !== event.envelope.administration) {
      throw new PermanentMessageError(`sender ${event.envelope.administration} does not match the channel ${event.topic} to ${self}`);
    }
    const decoded = event.message.entries.map((entry) => this.decode(entry));
    let arrangements = await this.cache.arrangements(ctx.manager);
    let partner = arePartners(arrangements, channel.from, self);
    if (!partner && decoded.some((d) => d.record?.audience.includes(self))) {
      // Held only on the word of the committed arrangements: an opening under way may be about to make them partners.
      arrangements = await this.cache.fresh(ctx.manager);
      partner = arePartners(arrangements, channel.from, self);
    }
    // The issuer's keys the entries name, once per message (a key rotated a moment ago on another replica: read afresh).
    const keys = partner ? await this.partners.keys(ctx.manager, channel.from, decoded.flatMap((d) => (d.signed ? [d.signed.keyId] : []))) : new Map<string, KeyObject | undefined>();
    const checkpoint = partner ? await this.checkpointOf(event, ctx) : undefined;
    let authentic = false;
    // This group's extension of the issuer's log, continued by this message or broken by it.
    const extension = extensions.get(channel.from) ?? {};
    extensions.set(channel.from, extension);
    let extendedHere = false;
    // Entries identical to the authenticated leaves held here at their numbers (a snapshot to a
    // partner that has most of the log) are authentic by that: they need no signature of their own.
    const known = new Set<bigint>();
    if (checkpoint) {
      const { size, root } = parseCheckpoint(checkpoint.note)!;
      if (!views.has(channel.from)) views.set(channel.from, await this.log.view(ctx.manager, channel.from));
      const view = views.get(channel.from)!;
      let frontier = view.frontier;
      const first = Number(decoded[0].sequence);
      const last = Number(decoded.at(-1)!.sequence);
      const consecutive = decoded.every((d, i) => d.sequence === decoded[0].sequence + BigInt(i));
      if (consecutive && first <= view.authenticated) {
        const held = await this.log.leaves(ctx.manager, channel.from, first, Math.min(last, view.authenticated));
        for (const h of held) if (h.hash.equals(decoded[h.sequence - first].leaf)) known.add(BigInt(h.sequence));
      }
      // A chunk whose entries past the frontier extend it to the root signed is authentic by that
      // one signature, if those before it are known: the frontier must then be the stored leaves'
      // (not one extended in this batch past them), which `known` reaching it ensures.
      if (frontier && consecutive && first <= frontier.size + 1 && last === size && size > frontier.size && known.size === frontier.size - first + 1) {
        const extended = frontier.extend(decoded.slice(known.size).map((d) => d.leaf));
        authentic = extended.root().equals(root);
        if (authentic) {
          // Continues the group's extension when its entries are all new here and it starts where the last one ended.
          if (known.size === 0 && (extension.frontiers ? extension.frontiers.at(-1) === frontier : true)) {
            extension.base ??= frontier;
            (extension.frontiers ??= []).push(extended);
            extendedHere = true;
          }
          frontier = extended;
        }
      }
      // Past a chunk that did not check out, this batch's log view is unknown (each record's
      // signature, then), unless the chunk lay wholly inside the log held, which it left as it was.
      views.set(channel.from, { ...view, frontier: authentic || (frontier && last <= frontier.size) ? frontier : undefined });
    }
    const checked: Checked[] = [];
    for (const [i, d] of decoded.entries()) {
      const c = this.checkEntry(event, channel, d, { arrangements, partner, authentic: authentic || known.has(d.sequence), keys });
      if (c.action === 'take') {
        c.leaf = d.leaf;
        if (i === decoded.length - 1) c.checkpoint = checkpoint;
        if (!extendedHere) extension.broken = true;
      }
      checked.push(c);
    }
    return checked;
  }

  /** An entry's number and leaf, and its record decoded (a withheld entry has none). */
  private decode(entry: ChannelEntry): { sequence: bigint; leaf: Buffer; signed?: { record: Uint8Array; signature: Uint8Array; keyId: string }; record?: RecognitionRecord } {
    if (entry.entry.case === 'withheld') return { sequence: entry.entry.value.sequence, leaf: Buffer.from(entry.entry.value.leafHash) };
    if (entry.entry.case !== 'record') throw new PermanentMessageError('channel entry carries neither a record nor a withheld record');
    const signed = entry.entry.value;
    let record: RecognitionRecord;
    try {
      record = fromBinary(RecognitionRecordSchema, signed.record);
    } catch (e) {
      throw new PermanentMessageError(`undecodable recognition record: ${(e as Error).message}`);
    }
    return { sequence: record.sequence, leaf: leafHash(signed.record), signed, record };
  }

  /** One entry, against what its message settled once: the arrangements, whether the issuer is a partner, its keys. */
  private checkEntry(
    event: InboundEvent<ChannelRecord>,
    channel: Channel,
    decoded: ReturnType<PartnerRecordsHandler['decode']>,
    settled: { arrangements: Arrangement[]; partner: boolean; authentic: boolean; keys: Map<string, KeyObject | undefined> },
  ): Checked {
    const { arrangements, partner, authentic } = settled;
    const self = this.config.ADMINISTRATION;
    if (!decoded.record) {
      // Withheld: addressed to others, its number counts (gaps), its content never came here.
      const base = { event, issuer: channel.from, sequence: decoded.sequence, identifiers: [] };
      if (!partner) return { ...base, action: 'pass', why: `addressed to others, and no active MRA with ${channel.from} here` };
      return { ...base, action: 'take' };
    }
    const { record, signed } = decoded as Required<typeof decoded>;
    if (record.issuer !== channel.from) {
      throw new PermanentMessageError(`record issuer ${record.issuer} does not match the sender ${channel.from} on channel ${event.topic}`);
    }
    const aeoType = AEO_TYPE_FROM_WIRE[record.aeoType];
    const status = STATUS_FROM_WIRE[record.status];
    if (!aeoType || !status || !record.statusSince || !record.validTo || record.sequence < 1n || !record.operatorId) {
      throw new PermanentMessageError('record lacks type, status, status_since, valid_to, sequence or operator_id');
    }
    const statusSince = timestampDate(record.statusSince);
    const base = { event, issuer: record.issuer, sequence: record.sequence, identifiers: [] };
    if (!partner) {
      // Addressed to others by an issuer without an MRA here: passed by on the cache's word (at
      // worst its sequence number is missed, and the gap is replayed), no lock, no reload. Addressed
      // here, it is held: the committed arrangements were read afresh for its message (checkMessage).
      if (!record.audience.includes(self)) {
        return { ...base, action: 'pass', why: `addressed to others, and no active MRA with ${record.issuer} here` };
      }
      return { ...base, action: 'hold', why: `no active MRA with ${record.issuer} here yet` };
    }
    const key = settled.keys.get(signed.keyId);
    if (!key) throw new PermanentMessageError(`unknown key ${signed.keyId} of issuer ${record.issuer}`);
    if (!authentic && !verifyBytes(signed.record, signed.signature, key)) {
      throw new PermanentMessageError(`signature of ${record.issuer} record ${record.sequence} does not verify`);
    }
    if (!record.audience.includes(self)) return { ...base, action: 'take' };
    if (!recordInScope(arrangements, record.issuer, this.config.ADMINISTRATION, aeoType, statusSince)) {
      throw new PermanentMessageError(
        `out of scope: no MRA with ${record.issuer} covers its AEO-${aeoType} on or after ${statusSince.toISOString().slice(0, 10)}`,
      );
    }
    return {
      ...base,
      action: 'take',
      identifiers: record.identifiers.map((i) => ({ scheme: i.scheme, value: i.value, operatorId: record.operatorId })),
      row: [
        record.issuer,
        record.sequence.toString(),
        record.recordId,
        record.operatorId,
        record.operatorName,
        record.certificateNumber,
        aeoType,
        status,
        // Times as ISO strings: pg formats a Date for an array parameter in about 3 µs, five times
        // an ISO string's cost (three a record, a snapshot's 100,000 records).
        statusSince.toISOString(),
        timestampDate(record.validTo).toISOString(),
        record.sharedWithConsent,
        // Views of the message's bytes, not copies.
        Buffer.from(signed.record.buffer, signed.record.byteOffset, signed.record.byteLength),
        Buffer.from(signed.signature.buffer, signed.signature.byteOffset, signed.signature.byteLength),
        signed.keyId,
        record.coverageEndsOn ? timestampDate(record.coverageEndsOn).toISOString() : null,
        record.publishedInDirectory,
      ],
    };
  }

  /** The issuer's checkpoint that came with an entry, its signature checked with the issuer's MRA key. */
  private async checkpointOf(event: InboundEvent<ChannelRecord>, ctx: InboxContext): Promise<SignedCheckpoint | undefined> {
    const checkpoint = event.message.checkpoint;
    if (!checkpoint) return undefined;
    const issuer = channelOf(event.topic)!.from;
    const parsed = parseCheckpoint(checkpoint.note);
    if (!parsed || parsed.issuer !== issuer) throw new PermanentMessageError(`the checkpoint that came with it is not one of ${issuer}'s log`);
    const key = await this.partners.key(ctx.manager, issuer, checkpoint.keyId);
    if (!key) throw new PermanentMessageError(`unknown key ${checkpoint.keyId} of issuer ${issuer} (checkpoint)`);
    if (!verifyBytes(checkpoint.note, checkpoint.signature, key)) throw new PermanentMessageError(`the signature of ${issuer}'s checkpoint of size ${parsed.size} does not verify`);
    return checkpoint;
  }

  /** Notes gaps in an issuer's sequence and asks the issuer to replay from the first one missing. */
  private async trackSequence(ctx: InboxContext, issuer: string, sequences: bigint[], correlationId: string): Promise<void> {
    sequences.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const first = sequences[0];
    const contiguous = sequences.every((s, i) => s === first + BigInt(i));
    if (contiguous) {
      // The common case in one statement: the next numbers, no gap open.
      const next = await updateReturning(
        ctx.manager,
        `UPDATE issuer_progress SET last_sequence = $3
         WHERE issuer = $1 AND last_sequence = $2 - 1 AND missing_sequences = '[]'::jsonb RETURNING issuer`,
        [issuer, first.toString(), sequences[sequences.length - 1].toString()],
      );
      if (next.length === 1) return;
    }
    const progress = await ctx.manager.findOne(IssuerProgress, { where: { issuer }, lock: { mode: 'pessimistic_write' } });
    let last = BigInt(progress?.lastSequence ?? 0);
    const missing = new Set(progress?.missingSequences ?? []);
    let gapOpened = false;
    for (const sequence of sequences) {
      missing.delete(sequence.toString());
      if (sequence > last + 1n) {
        for (let s = last + 1n; s < sequence && missing.size < 10000; s++) missing.add(s.toString());
        this.logger.warn({ issuer, from: (last + 1n).toString(), to: (sequence - 1n).toString() }, 'gap in issuer sequence');
        gapOpened = true;
      }
      if (sequence > last) last = sequence;
    }
    const ordered = [...missing].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const now = this.clock.now();
    let replayRequestedAt = progress?.replayRequestedAt ?? null;
    const lastAsked = replayRequestedAt?.getTime() ?? 0;
    if (ordered.length > 0 && (gapOpened || now.getTime() - lastAsked > REPLAY_RETRY_MS)) {
      await this.requester.request(ctx.manager, issuer, 'replay', BigInt(ordered[0]), correlationId);
      replayRequestedAt = now;
    }
    await ctx.manager.save(IssuerProgress, { issuer, lastSequence: last.toString(), missingSequences: ordered, replayRequestedAt });
  }
}
