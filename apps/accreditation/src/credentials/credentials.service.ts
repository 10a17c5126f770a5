import { Clock, Principal, SERVICE_CONFIG, SERVICE_LOGGER } from '@aeo/platform';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { createHash, KeyObject, randomInt, randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuthorisationErrors, CredentialErrors } from '../accreditation.errors';
import { Authorisation } from '../authorisations/authorisation.entity';
import { AccreditationConfig } from '../config/accreditation.config';
import { KnownOperator } from '../operators/known-operator.entity';
import { operatorFor } from '../workflow/access';
import { partnerStatus } from '../workflow/authorisation-lifecycle';
import { aeoCredential, jwksUrl, signCredential, statusListUrl, VC_CONTEXT } from './aeo-credential';
import { Credential } from './credential.entity';
import { CredentialKeys, keysOfJwks } from './credential-keys';
import { Verification, verifyCredential, verifyJws } from './credential-verification';
import { encodeStatusList, STATUS_LIST_BITS, StatusPurpose } from './status-list';

/** A trusted issuer that cannot be read now: 503, the credential is neither valid nor forged for it. */
const unreachable = (message: string) => new ServiceUnavailableException({ statusCode: 503, message, code: 'credential.issuer_unreachable' });

/** How long another issuer's keys and status lists are kept before they are read again. */
const REMOTE_KEYS_TTL_MS = 60_000;

/**
 * The administration's AEO credentials: issued to the holder on grant, renewal and type change
 * (the one before revoked as replaced); revoked with the authorisation, suspended with it, through
 * the Bitstring Status Lists served here signed; verified for anyone, with this administration's
 * keys or a trusted partner issuer's published ones.
 */
@Injectable()
export class CredentialsService {
  readonly keys?: CredentialKeys;
  readonly issuer?: string;
  private readonly remoteKeys = new Map<string, { at: number; keys: Promise<Map<string, KeyObject>> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: AccreditationConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    this.issuer = config.credentialIssuer;
    if (config.CREDENTIAL_SIGNING_KEY && this.issuer) this.keys = new CredentialKeys(config.CREDENTIAL_SIGNING_KEY, config.CREDENTIAL_RETIRED_KEYS);
    else logger.info('no CREDENTIAL_SIGNING_KEY or issuer URL: AEO credentials are not issued');
  }

  /**
   * After a step of an authorisation (or its grant: no `before`), in the step's transaction: a new
   * credential when it was granted, renewed or changed type (the previous one revoked as
   * replaced), all revoked when it is revoked or withdrawn, and the suspension bit kept as its status.
   */
  async onAuthorisation(manager: EntityManager, before: Authorisation | null, next: Authorisation): Promise<void> {
    if (!this.keys) return;
    const now = this.clock.now();
    const status = partnerStatus(next);
    const live = await manager.find(Credential, { where: { authorisationId: next.id, revokedAt: IsNull() } });
    if (status === 'revoked' || status === 'withdrawn') {
      for (const c of live) await manager.update(Credential, { id: c.id }, { revokedAt: now, revokedBecause: status });
      return;
    }
    const changed = !before || before.aeoType !== next.aeoType || before.validTo.getTime() !== next.validTo.getTime();
    if (changed && (status === 'valid' || status === 'suspended')) {
      for (const c of live) await manager.update(Credential, { id: c.id }, { revokedAt: now, revokedBecause: 'replaced' });
      await this.issue(manager, next, now, status === 'suspended');
      return;
    }
    for (const c of live) if (c.suspended !== (status === 'suspended')) await manager.update(Credential, { id: c.id }, { suspended: status === 'suspended' });
  }

  private async issue(manager: EntityManager, a: Authorisation, now: Date, suspended: boolean): Promise<void> {
    const operator = await manager.findOneByOrFail(KnownOperator, { operatorId: a.operatorId });
    const id = randomUUID();
    // A random free index (herd privacy: the index tells nothing of when it was issued).
    for (let attempt = 0; attempt < 100; attempt++) {
      const statusIndex = randomInt(STATUS_LIST_BITS);
      const credential = aeoCredential({
        credentialId: id,
        issuer: this.issuer!,
        administration: this.config.ADMINISTRATION,
        operatorId: a.operatorId,
        legalName: operator.legalName,
        identifiers: operator.identifiers ?? [],
        certificateNumber: a.certificateNumber,
        aeoType: a.aeoType,
        authorisedOn: a.authorisedOn,
        validTo: a.validTo,
        issuedAt: now,
        statusIndex,
      });
      const inserted: unknown[] = await manager.query(
        `INSERT INTO credential (id, authorisation_id, operator_id, status_index, issued_at, valid_until, aeo_type, kid, jwt, suspended)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (status_index) DO NOTHING RETURNING id`,
        [id, a.id, a.operatorId, statusIndex, now, a.validTo, a.aeoType, this.keys!.kid, signCredential(credential, this.keys!.signing, this.keys!.kid), suspended],
      );
      if (inserted.length) return;
    }
    throw new Error('no free index in the credential status list after 100 tries');
  }

  /** The holder's (or staff's) current credential of an authorisation. */
  async ofAuthorisation(authorisationId: string, by: Principal): Promise<Credential> {
    const manager = this.dataSource.manager;
    const authorisation = await manager.findOneBy(Authorisation, { id: authorisationId });
    if (!authorisation) throw AuthorisationErrors.notFound('no such authorisation');
    await operatorFor(manager, authorisation.operatorId, by);
    if (!this.keys) throw CredentialErrors.notIssuing('this administration issues no AEO credentials (no signing key configured)');
    const [credential] = await manager.find(Credential, { where: { authorisationId, revokedAt: IsNull() }, order: { issuedAt: 'DESC' }, take: 1 });
    if (!credential) throw CredentialErrors.none(`${authorisation.certificateNumber} is ${partnerStatus(authorisation)}: it has no credential in force`);
    return credential;
  }

  jwks() {
    if (!this.keys) throw CredentialErrors.notIssuing('this administration issues no AEO credentials (no signing key configured)');
    return this.keys.jwks();
  }

  /** The bits of a status list as they are now. */
  private async encodedList(purpose: StatusPurpose): Promise<string> {
    const rows: { status_index: number }[] = await this.dataSource.query(
      purpose === 'revocation'
        ? `SELECT status_index FROM credential WHERE revoked_at IS NOT NULL`
        : `SELECT status_index FROM credential WHERE revoked_at IS NULL AND suspended`,
    );
    return encodeStatusList(rows.map((r) => r.status_index));
  }

  /**
   * A status list as a signed BitstringStatusListCredential (vc+jwt), with an ETag of its bits:
   * a verifier may keep it and revalidate each time, so a revocation counts at once.
   */
  async statusList(purpose: StatusPurpose): Promise<{ jwt: string; etag: string }> {
    if (!this.keys) throw CredentialErrors.notIssuing('this administration issues no AEO credentials (no signing key configured)');
    const encodedList = await this.encodedList(purpose);
    const url = statusListUrl(this.issuer!, purpose);
    const credential = {
      '@context': [VC_CONTEXT],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: { id: this.issuer! },
      validFrom: this.clock.now().toISOString(),
      credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: purpose, encodedList },
    };
    const etag = `"${createHash('sha256').update(`${this.keys.kid}:${encodedList}`).digest('base64url').slice(0, 27)}"`;
    return { jwt: signCredential(credential, this.keys.signing, this.keys.kid), etag };
  }

  /** Anyone: what a credential is worth today, and why. */
  async verify(token: string): Promise<Verification> {
    return verifyCredential(token, {
      now: this.clock.now(),
      key: async (issuer, kid) => {
        if (issuer === this.issuer && this.keys) return { trusted: true, key: this.keys.key(kid) };
        if (!this.config.TRUSTED_CREDENTIAL_ISSUERS.map((u) => u.replace(/\/+$/, '')).includes(issuer)) return { trusted: false };
        return { trusted: true, key: await this.remoteKey(issuer, kid) };
      },
      statusList: async (url, purpose, issuer) => {
        if (issuer === this.issuer && url === statusListUrl(issuer, purpose)) return this.encodedList(purpose);
        return this.remoteStatusList(url, purpose, issuer);
      },
    });
  }

  /**
   * A trusted issuer's key by id, from its JWKS: read again after a minute, or at once for a key id
   * not seen yet (a rotation), but never more than once a second per issuer: an unknown id waits
   * for the next read rather than being called unpublished too early.
   */
  private async remoteKey(issuer: string, kid: string): Promise<KeyObject | undefined> {
    const cached = this.remoteKeys.get(issuer);
    const age = cached ? Date.now() - cached.at : Infinity;
    const known = cached ? await cached.keys.catch(() => undefined) : undefined;
    if (known?.has(kid) && age < REMOTE_KEYS_TTL_MS) return known.get(kid);
    let keys = known;
    if (cached && age < 1_000) await new Promise((r) => setTimeout(r, 1_000 - age));
    const again = this.remoteKeys.get(issuer);
    if (again !== cached && again) {
      keys = await again.keys; // another request read them meanwhile
    } else {
      // A failed read keeps the keys read before (a partner's brief outage does not turn its good credentials into 503s).
      const previous = keys;
      const fetching = this.fetchJson(jwksUrl(issuer))
        .then(keysOfJwks)
        .catch((e) => {
          if (previous) return previous;
          throw e;
        });
      this.remoteKeys.set(issuer, { at: Date.now(), keys: fetching });
      keys = await fetching;
    }
    return keys.get(kid);
  }

  private async remoteStatusList(url: string, purpose: StatusPurpose, issuer: string): Promise<string> {
    try {
      return await this.readRemoteStatusList(url, purpose, issuer);
    } catch (e) {
      if (e instanceof ServiceUnavailableException) throw e;
      throw unreachable(`the issuer's ${purpose} list could not be read (${(e as Error).message}): the status cannot be checked now`);
    }
  }

  private async readRemoteStatusList(url: string, purpose: StatusPurpose, issuer: string): Promise<string> {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000), headers: { accept: 'application/vc+jwt' } }).catch((e: Error) => {
      throw unreachable(`the issuer's ${purpose} list could not be read (${e.message}): the status cannot be checked now`);
    });
    if (!response.ok) throw unreachable(`the issuer's ${purpose} list answered ${response.status}: the status cannot be checked now`);
    const token = (await response.text()).trim();
    const kid = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8') || '{}').kid as string | undefined;
    const key = kid ? await this.remoteKey(issuer, kid) : undefined;
    if (!key) throw unreachable("the issuer's status list is not signed with a key it publishes: the status cannot be checked");
    const claims = (await verifyJws(token, key)) as { credentialSubject?: { statusPurpose?: string; encodedList?: string }; issuer?: { id?: string } };
    if (claims.issuer?.id !== issuer || claims.credentialSubject?.statusPurpose !== purpose || typeof claims.credentialSubject.encodedList !== 'string') {
      throw unreachable(`the issuer's ${purpose} list is not a ${purpose} status list of that issuer: the status cannot be checked`);
    }
    return claims.credentialSubject.encodedList;
  }

  private async fetchJson(url: string): Promise<unknown> {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000), headers: { accept: 'application/json' } }).catch((e: Error) => {
      throw unreachable(`the issuer's keys could not be read (${e.message}): try again later`);
    });
    if (!response.ok) {
      this.logger.warn({ url, status: response.status }, "a trusted issuer's keys could not be read");
      throw unreachable(`the issuer's keys could not be read (${response.status}): try again later`);
    }
    return response.json().catch(() => {
      throw unreachable("the issuer's keys are not JSON: try again later");
    });
  }
}
