import { InboundEvent, InboxContext } from '@aeo/messaging';
import { Injectable } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { partnerHoldKey } from '../exchange/early-messages';
import { ArrangementCache } from './arrangement-cache';
import { arePartners } from './arrangement-coverage';

/**
 * What every handler of a message from a partner administration asks first (its records, its
 * exchange requests, its regional figures, its cosignatures): is the sender a party to an active
 * MRA here, and which of its keys signed it. In one place, so that each handler holds an early
 * message rather than refusing it, and reads afresh a key another replica recorded a moment ago.
 */
@Injectable()
export class PartnerMessages {
  constructor(private readonly cache: ArrangementCache) {}

  /**
   * Whether `sender` is a party to an active MRA with `self`: on the cache's word, else on the
   * committed arrangements (an opening under way may be about to make them partners). When it is
   * not, its message is early, not wrong: it is held under the sender's key (released when an MRA
   * with it becomes active here, dead-lettered after HELD_MESSAGE_DAYS), and false is returned.
   */
  async partnerOrHeld(ctx: InboxContext, event: InboundEvent<unknown>, sender: string, self: string): Promise<boolean> {
    if (arePartners(await this.cache.arrangements(ctx.manager), sender, self)) return true;
    if (arePartners(await this.cache.fresh(ctx.manager), sender, self)) return true;
    await ctx.hold([event], `${sender} is not a party to any active MRA with ${self} yet`, partnerHoldKey(sender));
    return false;
  }

  /** A party's public key by its id: from the cache, or read afresh once when the cache does not know it. */
  async key(manager: EntityManager, administration: string, keyId: string): Promise<KeyObject | undefined> {
    return (await this.keys(manager, administration, [keyId])).get(keyId);
  }

  /** Several of a party's keys (those a message's entries name): the arrangements read afresh at most once for all. */
  async keys(manager: EntityManager, administration: string, keyIds: Iterable<string>): Promise<Map<string, KeyObject | undefined>> {
    const ids = [...new Set(keyIds)];
    const read = async () => new Map(await Promise.all(ids.map(async (id) => [id, await this.cache.key(manager, administration, id)] as const)));
    const keys = await read();
    if ([...keys.values()].every(Boolean)) return keys;
    await this.cache.fresh(manager);
    return read();
  }
}
