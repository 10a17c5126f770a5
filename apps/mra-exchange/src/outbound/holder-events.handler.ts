import { updateReturning, withLogContext } from '@aeo/platform';
import {
  AuthorisationStatusChanged,
  ConsentChanged,
  Events,
  OperatorChanged,
  OperatorRegistered,
  PostalAddress,
  sizeClassOfEvent,
} from '@aeo/contracts';
import { InboundEvent, InboxContext, onEvent, PermanentMessageError } from '@aeo/messaging';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { AEO_TYPE_FROM_WIRE, STATUS_FROM_WIRE } from '../exchange/aeo-codes';
import { HolderAuthorisation, HolderOperator } from './holder.entities';
import { In } from 'typeorm';
import { Publication, RecordPublisher } from './record-publisher';
import { AgencyFeed } from '../agency-feed/agency-feed';

/** The address as holder_operator keeps it (JSON). */
function addressJson(address: PostalAddress | undefined): string {
  return JSON.stringify({ street: address!.street, city: address!.city, postalCode: address!.postalCode, country: address!.country });
}

type ChangedHolderAuthorisation = HolderAuthorisation & { old_type: HolderAuthorisation['aeoType'] | null; old_certificate: string | null };

/** The items in rounds, each key at most once a round, in the order they came (the second of a key in the second round, ...). */
export function rounds<T>(items: T[], key: (item: T) => string): T[][] {
  const result: T[][] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    const round = seen.get(k) ?? 0;
    seen.set(k, round + 1);
    (result[round] ??= []).push(item);
  }
  return result;
}

/** This administration's own AEOs: what operator-registry and accreditation say, sent on to partners. */
@Controller()
export class HolderEventsHandler {
  constructor(
    private readonly publisher: RecordPublisher,
    private readonly agencies: AgencyFeed,
  ) {}

  @EventPattern(...onEvent(Events.operatorRegistered))
  async onOperatorRegistered(@Payload() event: InboundEvent<OperatorRegistered>, @Ctx() ctx: InboxContext) {
    const m = event.message;
    const coverage = await this.publisher.coverage(ctx.manager);
    await ctx.manager.query(
      `INSERT INTO holder_operator (operator_id, legal_name, address, identifiers, size_class) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (operator_id) DO UPDATE SET legal_name = EXCLUDED.legal_name, address = EXCLUDED.address,
         identifiers = EXCLUDED.identifiers, size_class = EXCLUDED.size_class`,
      [
        m.operatorId,
        m.legalName,
        addressJson(m.address),
        JSON.stringify(m.identifiers.map((i) => ({ scheme: i.scheme, value: i.value, issuer: i.issuer }))),
        sizeClassOfEvent(m),
      ],
    );
    await this.publisher.publishOperator(ctx.manager, coverage, m.operatorId, event.envelope.correlationId);
    // A consent to publication (or a status) that came before the registration was kept waiting for the name.
    const operator = await ctx.manager.findOneByOrFail(HolderOperator, { operatorId: m.operatorId });
    if (operator.publishInDirectory) await this.agencies.publicationChanged(ctx.manager, m.operatorId, true, event.envelope.correlationId);
  }

  @EventPattern(...onEvent(Events.operatorChanged))
  async onOperatorChanged(@Payload() event: InboundEvent<OperatorChanged>, @Ctx() ctx: InboxContext) {
    const m = event.message;
    // The size class, for the regional figures (never sent to partners).
    await ctx.manager.query(`UPDATE holder_operator SET size_class = $2 WHERE operator_id = $1`, [m.operatorId, sizeClassOfEvent(m)]);
    if (!m.changed.includes('legalName') && !m.changed.includes('address')) return; // nothing partners receive changed
    const coverage = await this.publisher.coverage(ctx.manager);
    const updated = await updateReturning(
      ctx.manager,
      `UPDATE holder_operator SET legal_name = $2, address = $3 WHERE operator_id = $1 AND legal_name <> '' RETURNING operator_id`,
      [
        m.operatorId,
        m.legalName,
        addressJson(m.address),
      ],
    );
    // Partners get the new name and address with the current status.
    if (updated.length) await this.publisher.publishOperator(ctx.manager, coverage, m.operatorId, event.envelope.correlationId);
  }

  @EventPattern(...onEvent(Events.consentChanged))
  async onConsentChanged(@Payload() event: InboundEvent<ConsentChanged>, @Ctx() ctx: InboxContext) {
    const { operatorId, shareWithPartners, publishInDirectory } = event.message;
    const version = event.envelope.sequence.toString();
    const coverage = await this.publisher.coverage(ctx.manager);
    // The consent may arrive before the registration (different topics): keep it on a placeholder row.
    const changed: { was_published: boolean | null }[] = await ctx.manager.query(
      `WITH old AS (SELECT publish_in_directory FROM holder_operator WHERE operator_id = $1)
       INSERT INTO holder_operator (operator_id, legal_name, address, identifiers, share_with_partners, publish_in_directory,
         consent_version)
       VALUES ($1, '', '{}', '[]', $2, $4, $3)
       ON CONFLICT (operator_id) DO UPDATE SET share_with_partners = EXCLUDED.share_with_partners,
         publish_in_directory = EXCLUDED.publish_in_directory, consent_version = EXCLUDED.consent_version
       WHERE holder_operator.consent_version < EXCLUDED.consent_version
       RETURNING operator_id, (SELECT publish_in_directory FROM old) AS was_published`,
      [operatorId, shareWithPartners, version, publishInDirectory],
    );
    if (changed.length === 0) return; // an older consent than the one in force
    const operator = await ctx.manager.findOneByOrFail(HolderOperator, { operatorId });
    if (operator.legalName) await this.publisher.publishOperator(ctx.manager, coverage, operatorId, event.envelope.correlationId);
    if ((changed[0].was_published ?? false) !== publishInDirectory) {
      await this.agencies.publicationChanged(ctx.manager, operatorId, publishInDirectory, event.envelope.correlationId);
    }
  }

  /**
   * Status changes, a batch at a time in the order they came: each holder's authorisation
   * brought up to date (an older change than the one held is passed by), then the records of all
   * of them written together (RecordPublisher.publishMany), and the agencies told.
   */
  @EventPattern(...onEvent(Events.authorisationStatusChanged, { batch: true }))
  async onAuthorisationStatusChanged(
    @Payload() events: InboundEvent<AuthorisationStatusChanged>[],
    @Ctx() ctx: InboxContext,
  ) {
    for (const event of events) {
      if (!STATUS_FROM_WIRE[event.message.status]) throw new PermanentMessageError(`unknown status ${event.message.status}`);
    }
    const coverage = await this.publisher.coverage(ctx.manager);
    // Each holder's authorisation brought up to date by one statement for the batch, or one a round
    // when an authorisation changed more than once in it (a statement may touch a row only once).
    const taken: { at: number; change: Omit<Publication, 'holder'> }[] = [];
    const order = new Map(events.map((e, i) => [e, i]));
    for (const round of rounds(events, (e) => e.message.authorisationId)) {
      const changed = await this.bringUpToDate(ctx, round);
      for (const [i, event] of round.entries()) {
        const row = changed.get(i);
        if (!row) continue; // older than what we hold
        const { old_type, old_certificate, ...authorisation } = row;
        const previous = old_type && old_certificate ? { aeoType: old_type, certificateNumber: old_certificate } : undefined;
        taken.push({ at: order.get(event)!, change: { authorisation, previous, correlationId: event.envelope.correlationId, trace: ctx.traceOf(event) } });
      }
    }
    // Published in the order the changes came.
    const changes = taken.sort((a, b) => a.at - b.at).map((t) => t.change);
    if (changes.length === 0) return;
    // The holders read once for all: the partners' records and the agencies' feed.
    const operatorIds = [...new Set(changes.map((c) => c.authorisation.operatorId))];
    const holders = new Map((await ctx.manager.find(HolderOperator, { where: { operatorId: In(operatorIds) } })).map((o) => [o.operatorId, o]));
    const publications = changes.map((c) => ({ ...c, holder: holders.get(c.authorisation.operatorId) ?? null }));
    await this.publisher.publishMany(ctx.manager, coverage, publications);
    for (const p of publications) {
      await withLogContext(p.trace ?? {}, () => this.agencies.authorisationChanged(ctx.manager, p.authorisation, p.correlationId, p.holder));
    }
  }

  /**
   * Stores the changes (each of another authorisation) where newer than what is held; the rows as
   * they now stand by the change's index, each with the type and number it had before: a partial
   * revocation ends recognition at partners that covered only the old type.
   */
  private async bringUpToDate(ctx: InboxContext, events: InboundEvent<AuthorisationStatusChanged>[]): Promise<Map<number, ChangedHolderAuthorisation>> {
    const column = <T>(f: (e: InboundEvent<AuthorisationStatusChanged>) => T) => events.map(f);
    const rows: (ChangedHolderAuthorisation & { n: string })[] = await ctx.manager.query(
      `WITH u AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::char(1)[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::bigint[])
           WITH ORDINALITY AS u(authorisation_id, operator_id, certificate_number, aeo_type, status, status_since, authorised_on, valid_to, version, n)),
       old AS (SELECT h.authorisation_id, h.aeo_type, h.certificate_number FROM holder_authorisation h JOIN u USING (authorisation_id)),
       stored AS (
         INSERT INTO holder_authorisation (authorisation_id, operator_id, certificate_number, aeo_type, status, status_since, authorised_on, valid_to, version)
         SELECT authorisation_id, operator_id, certificate_number, aeo_type, status, status_since, authorised_on, valid_to, version FROM u ORDER BY n
         ON CONFLICT (authorisation_id) DO UPDATE SET status = EXCLUDED.status, status_since = EXCLUDED.status_since,
           aeo_type = EXCLUDED.aeo_type, certificate_number = EXCLUDED.certificate_number, valid_to = EXCLUDED.valid_to,
           version = EXCLUDED.version
         WHERE holder_authorisation.version < EXCLUDED.version
         RETURNING *)
       SELECT s.authorisation_id AS "authorisationId", s.operator_id AS "operatorId", s.certificate_number AS "certificateNumber",
         s.aeo_type AS "aeoType", s.status, s.status_since AS "statusSince", s.authorised_on AS "authorisedOn", s.valid_to AS "validTo",
         s.version::text AS version, old.aeo_type AS old_type, old.certificate_number AS old_certificate, u.n::text AS n
       FROM stored s JOIN u USING (authorisation_id) LEFT JOIN old USING (authorisation_id)`,
      [
        column((e) => e.message.authorisationId),
        column((e) => e.message.operatorId),
        column((e) => e.message.certificateNumber),
        column((e) => AEO_TYPE_FROM_WIRE[e.message.aeoType]),
        column((e) => STATUS_FROM_WIRE[e.message.status]),
        column((e) => timestampDate(e.message.statusSince!)),
        column((e) => timestampDate(e.message.authorisedOn!)),
        column((e) => timestampDate(e.message.validTo!)),
        column((e) => e.envelope.sequence.toString()),
      ],
    );
    return new Map(rows.map(({ n, ...row }) => [Number(n) - 1, row]));
  }
}
