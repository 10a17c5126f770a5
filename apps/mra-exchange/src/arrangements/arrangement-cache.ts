import { Injectable } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { parsePublicKey } from '../signing/record-signature';
import { Arrangement } from './arrangement.entity';
import { lockCoverageShared } from './coverage-lock';

interface Loaded {
  at: number;
  arrangements: Arrangement[];
  keys: Map<string, KeyObject>;
}

/** How long another instance's new arrangement may go unseen here. */
const TTL_MS = 2000;

/**
 * The arrangements and the parties' parsed keys, read on every record received and every
 * question asked, kept for a moment. This instance's own changes clear it at once.
 */
@Injectable()
export class ArrangementCache {
  private cached?: Loaded;
  private loading?: Promise<Loaded>;
  /** Moves on each clear(): a reload that began before it does not keep what it read. */
  private generation = 0;

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
    this.clear();
    return (await this.load(manager)).arrangements;
  }

  clear(): void {
    this.cached = undefined;
    this.loading = undefined;
    this.generation++;
  }

  private load(manager: EntityManager): Promise<Loaded> {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return Promise.resolve(this.cached);
    // One reload at a time: when the copy expires under load, the questions and records waiting
    // share it (each read it and parsed every key again, 32 at once under the bench's load).
    // A reload inside a transaction (fresh(), a consumer's) reads with that transaction's manager.
    if (manager.queryRunner?.isTransactionActive) return this.read(manager);
    if (!this.loading) {
      const loading = this.read(manager).finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  private async read(manager: EntityManager): Promise<Loaded> {
    const generation = this.generation;
    const arrangements = await manager.find(Arrangement);
    const keys = new Map<string, KeyObject>();
    for (const party of arrangements.filter((a) => a.activatedAt).flatMap((a) => a.parties)) {
      keys.set(`${party.administration}/${party.keyId}`, parsePublicKey(party.publicKeyPem));
      for (const old of party.previousKeys ?? []) keys.set(`${party.administration}/${old.keyId}`, parsePublicKey(old.publicKeyPem));
    }
    const loaded = { at: Date.now(), arrangements, keys };
    if (generation === this.generation) this.cached = loaded;
    return loaded;
  }
}
