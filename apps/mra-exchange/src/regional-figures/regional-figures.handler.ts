import { channelOf, Events, SignedFigures } from '@aeo/contracts';
import { APPLICATION_STAGE_WIRE, ApplicationStageChanged } from '@aeo/contracts';
import { InboundEvent, InboxContext, onEvent, PermanentMessageError } from '@aeo/messaging';
import { Clock } from '@aeo/platform';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { PartnerMessages } from '../arrangements/partner-messages';
import { verifyBytes } from '../signing/record-signature';

const DECIDED = ['granted', 'rejected'];

/** What the regional figures rest on: this administration's decisions, and the partners' signed figures. */
@Controller()
export class RegionalFiguresHandler {
  constructor(
    private readonly partners: PartnerMessages,
    private readonly clock: Clock,
  ) {}

  /** An application accepted, then decided: the time to decision (the first acceptance, the last decision). */
  @EventPattern(...onEvent(Events.applicationStageChanged))
  async onStage(@Payload() event: InboundEvent<ApplicationStageChanged>, @Ctx() ctx: InboxContext) {
    const m = event.message;
    const at = m.at ? timestampDate(m.at) : this.clock.now();
    const to = APPLICATION_STAGE_WIRE.fromWire(m.to) ?? m.toStage;
    if (to === 'accepted') {
      await ctx.manager.query(
        `INSERT INTO application_decision (application_id, accepted_at) VALUES ($1, $2)
         ON CONFLICT (application_id) DO UPDATE SET accepted_at = COALESCE(application_decision.accepted_at, EXCLUDED.accepted_at)`,
        [m.applicationId, at],
      );
    } else if (DECIDED.includes(to)) {
      await ctx.manager.query(
        `INSERT INTO application_decision (application_id, decided_at) VALUES ($1, $2)
         ON CONFLICT (application_id) DO UPDATE SET decided_at = EXCLUDED.decided_at`,
        [m.applicationId, at],
      );
    }
  }

  /**
   * A partner's figures: from that partner (the channel and the envelope agree), signed with its
   * MRA key; the latest kept. Figures from a party whose MRA is not active here yet are held.
   */
  @EventPattern(...onEvent(Events.regionalFigures))
  async onFigures(@Payload() event: InboundEvent<SignedFigures>, @Ctx() ctx: InboxContext) {
    const m = event.message;
    const channel = channelOf(event.topic);
    const from = event.envelope.administration;
    if (!channel || channel.from !== from) throw new PermanentMessageError(`figures of ${from} on channel ${event.topic}`);
    // Early (its MRA not active here yet), not wrong: held until it is.
    if (!(await this.partners.partnerOrHeld(ctx, event, from, channel.to))) return;
    const key = await this.partners.key(ctx.manager, from, m.keyId);
    if (!key || !verifyBytes(m.figures, m.signature, key)) throw new PermanentMessageError(`the figures of ${from} do not verify with its key ${m.keyId}`);
    let figures: { administration?: unknown; asOf?: unknown };
    try {
      figures = JSON.parse(Buffer.from(m.figures).toString('utf8'));
    } catch {
      throw new PermanentMessageError(`the figures of ${from} are not JSON`);
    }
    if (figures?.administration !== from || typeof figures.asOf !== 'string' || Number.isNaN(Date.parse(figures.asOf))) {
      throw new PermanentMessageError(`the figures of ${from} do not name it, or have no date`);
    }
    await ctx.manager.query(
      `INSERT INTO partner_figures (administration, figures, as_of, signed, signature, key_id, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (administration) DO UPDATE SET figures = EXCLUDED.figures, as_of = EXCLUDED.as_of, signed = EXCLUDED.signed,
         signature = EXCLUDED.signature, key_id = EXCLUDED.key_id, received_at = EXCLUDED.received_at
       WHERE partner_figures.as_of <= EXCLUDED.as_of`,
      [from, JSON.stringify(figures), new Date(figures.asOf), Buffer.from(m.figures), Buffer.from(m.signature), m.keyId, this.clock.now()],
    );
  }
}
