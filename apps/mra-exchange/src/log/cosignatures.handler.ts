import { toBinary } from '@bufbuild/protobuf';
import { channelOf, Cosignature, CosignatureSchema, Events } from '@aeo/contracts';
import { InboundEvent, InboxContext, onEvent, PermanentMessageError } from '@aeo/messaging';
import { Clock, SERVICE_CONFIG, SERVICE_LOGGER } from '@aeo/platform';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Logger } from 'pino';
import { ArrangementCache } from '../arrangements/arrangement-cache';
import { PartnerMessages } from '../arrangements/partner-messages';
import { arePartners } from '../arrangements/arrangement-coverage';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { verifyBytes } from '../signing/record-signature';
import { parseCheckpoint } from './checkpoint';
import { PartnerLogVerifier } from './partner-log';

/**
 * Other partners' cosignatures of an issuer's checkpoints: both signatures checked (the cosigner's
 * and the issuer's, with their MRA keys), then compared with the checkpoint of the same size the
 * issuer sent here. A different root means the issuer showed two partners two logs: an alert with
 * both signed notes. One that comes before the checkpoint here is kept and compared when it comes.
 */
@Controller()
export class CosignaturesHandler {
  constructor(
    private readonly cache: ArrangementCache,
    private readonly partners: PartnerMessages,
    private readonly verifier: PartnerLogVerifier,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(...onEvent(Events.cosignatures))
  async onCosignature(@Payload() event: InboundEvent<Cosignature>, @Ctx() ctx: InboxContext) {
    const c = event.message;
    const channel = channelOf(event.topic);
    if (!channel || channel.from !== event.envelope.administration || c.cosigner !== channel.from) {
      throw new PermanentMessageError(`cosigner ${c.cosigner} does not match the sender ${event.envelope.administration} on channel ${event.topic}`);
    }
    const checkpoint = c.checkpoint!;
    const parsed = parseCheckpoint(checkpoint.note);
    if (!parsed || parsed.issuer !== c.issuer) throw new PermanentMessageError(`the cosigned note is not a checkpoint of ${c.issuer}'s log`);
    const self = this.config.ADMINISTRATION;
    if (c.issuer === self) return; // our own log, witnessed by a partner: nothing to compare here
    const arrangements = await this.cache.arrangements(ctx.manager);
    if (!arePartners(arrangements, c.issuer, self)) {
      this.logger.info({ issuer: c.issuer, cosigner: c.cosigner }, 'cosignature of an issuer without an active MRA here: passed by');
      return;
    }
    const cosignerKey = await this.partners.key(ctx.manager, c.cosigner, c.keyId);
    if (!cosignerKey || !verifyBytes(checkpoint.note, c.signature, cosignerKey)) {
      throw new PermanentMessageError(`the cosignature of ${c.cosigner} (key ${c.keyId}) does not verify`);
    }
    const issuerKey = await this.partners.key(ctx.manager, c.issuer, checkpoint.keyId);
    if (!issuerKey || !verifyBytes(checkpoint.note, checkpoint.signature, issuerKey)) {
      throw new PermanentMessageError(`the checkpoint ${c.cosigner} cosigned does not verify with ${c.issuer}'s key ${checkpoint.keyId}`);
    }
    const message = Buffer.from(toBinary(CosignatureSchema, c));
    await ctx.manager.query(
      `INSERT INTO received_cosignature (issuer, size, cosigner, root, message, received_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [c.issuer, String(parsed.size), c.cosigner, parsed.root, message, this.clock.now()],
    );
    await this.verifier.compareCosigned(ctx.manager, c.issuer, parsed.size, parsed.root, c.cosigner, message);
  }
}
