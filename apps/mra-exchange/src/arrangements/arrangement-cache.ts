import { Injectable } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { parsePublicKey } from '../signing/record-signature';
import { Arrangement } from './arrangement.entity';
import { lockCoverageShared } from './coverage-lock';

/** How long another instance's new arrangement may go unseen here. */
const TTL_MS = 2000;

/**
 * The arrangements and the parties' parsed keys, read on every record received and every
 * question asked, kept for a moment. This instance's own changes clear it at once.
 */
@Injectable()
export class ArrangementCache {
  private cached?: { at: number; arrangements: Arrangement[]; keys: Map<string, KeyObject> };

  async arrangements(manager: EntityManager): Promise<Arrangement[]> {
    return (await this.load(manager)).arrangements;
  }

  /** The public key an issuer signs with under `keyId`, if an arrangement names it. */
  async key(manager: EntityManager, issuer: string, keyId: string): Promise<KeyObject | undefined> {
    return (await this.load(manager)).keys.get(`${issuer}/${keyId}`);
  }

  /**
   * The arrangements as committed now, under the coverage lock: for a decision that must not
   * rest on a cached copy (holding a message as early; an opening under way finishes first).
   */
  async fresh(manager: EntityManager): Promise<Arrangement[]> {
    await lockCoverageShared(manager);
    this.cached = undefined;
    return (await this.load(manager)).arrangements;
  }

  clear(): void {
    this.cached = undefined;
  }

  private async load(manager: EntityManager) {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached;
    const arrangements = await manager.find(Arrangement);
    const keys = new Map<string, KeyObject>();
    for (const party of arrangements.filter((a) => a.activatedAt).flatMap((a) => a.parties)) {
      keys.set(`${party.administration}/${party.keyId}`, parsePublicKey(party.publicKeyPem));
      for (const old of party.previousKeys ?? []) keys.set(`${party.administration}/${old.keyId}`, parsePublicKey(old.publicKeyPem));
    }
    this.cached = { at: Date.now(), arrangements, keys };
    return this.cached;
  }
}
