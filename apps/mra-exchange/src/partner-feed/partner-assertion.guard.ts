import { SERVICE_CONFIG } from '@aeo/platform';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { ArrangementCache } from '../arrangements/arrangement-cache';
import { arePartners } from '../arrangements/arrangement-coverage';
import { MraExchangeConfig } from '../config/mra-exchange.config';
import { PartnerFeedErrors } from '../mra-exchange.errors';

/** Longest life of a partner's assertion: a stolen one is of use for minutes at most. */
export const MAX_ASSERTION_SECONDS = 600;

/** The partner administration whose assertion a request carried (set by PartnerAssertionGuard). */
export type PartnerRequest = { partner?: string };

/**
 * A partner's system signs in with its MRA key, not with a password of ours: each request carries
 * `Authorization: Bearer <JWT>` (RFC 7523 style) signed ES256 with the key its MRA record names
 * (header `kid`), claims `iss` = its ISO code, `aud` = this administration's code, `exp` at most
 * ten minutes after `iat`. Only a party to an active MRA with this administration gets in.
 */
@Injectable()
export class PartnerAssertionGuard implements CanActivate {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: ArrangementCache,
    @Inject(SERVICE_CONFIG) private readonly config: MraExchangeConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> } & PartnerRequest>();
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw PartnerFeedErrors.unauthenticated('a partner assertion is required: Authorization: Bearer <JWT signed with your MRA key>');
    const decoded = jwt.decode(token, { complete: true });
    const issuer = typeof decoded?.payload === 'object' ? decoded.payload.iss : undefined;
    const kid = decoded?.header.kid;
    if (!issuer || !/^[A-Z]{2}$/.test(issuer) || !kid) {
      throw PartnerFeedErrors.unauthenticated('the assertion must name its issuer (iss, an ISO 3166 alpha-2 code) and its key (kid)');
    }
    const manager = this.dataSource.manager;
    if (issuer === this.config.ADMINISTRATION || !arePartners(await this.cache.arrangements(manager), issuer, this.config.ADMINISTRATION)) {
      throw PartnerFeedErrors.unauthenticated(`${issuer} is not a party to an active MRA with ${this.config.ADMINISTRATION}`);
    }
    const key = await this.cache.key(manager, issuer, kid);
    if (!key) throw PartnerFeedErrors.unauthenticated(`no MRA names a key ${kid} of ${issuer}`);
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, key, { algorithms: ['ES256'], audience: this.config.ADMINISTRATION, issuer }) as jwt.JwtPayload;
    } catch (e) {
      throw PartnerFeedErrors.unauthenticated(`the assertion does not verify: ${(e as Error).message}`);
    }
    if (!claims.exp || !claims.iat || claims.exp - claims.iat > MAX_ASSERTION_SECONDS) {
      throw PartnerFeedErrors.unauthenticated(`the assertion needs iat and exp, at most ${MAX_ASSERTION_SECONDS} s apart`);
    }
    request.partner = issuer;
    return true;
  }
}
