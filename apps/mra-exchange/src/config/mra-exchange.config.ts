import { Secret, ServiceConfig } from '@aeo/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';

export class MraExchangeConfig extends ServiceConfig {
  /** This administration's ES256 private key (PKCS#8 PEM) that signs every record it sends partners. */
  @Secret()
  @Matches(/-----BEGIN PRIVATE KEY-----/, { message: 'MRA_SIGNING_KEY must be a PKCS#8 PEM private key (EC P-256)' })
  MRA_SIGNING_KEY!: string;

  /** Names the signing key in partners' MRA records; changes when the key is rotated. */
  @IsOptional()
  @IsString()
  MRA_SIGNING_KEY_ID?: string;

  /**
   * The administrations of the federation: this registry keeps a channel to and from each other
   * member (deploy/kafka/provision.ts creates them), and sends on it what its MRAs allow.
   */
  @Matches(/^[A-Z]{2}(,[A-Z]{2})*$/, { message: 'FEDERATION_MEMBERS must be ISO 3166 alpha-2 codes separated by commas' })
  FEDERATION_MEMBERS = 'ZA,BW,NA,LS,SZ';

  /** Requests a minute one client may make to the public directory. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  DIRECTORY_RATE_LIMIT = 60;

  /** How often this administration's aggregate figures go to its MRA partners (Regional figures); a day by default. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  REGIONAL_FIGURES_INTERVAL_MS = 86_400_000;

  /**
   * How often, at most, this registry cosigns an issuer's log for its other partners: the latest
   * checkpoint found right, then none until this has passed (a second by default). Each cosignature
   * goes to every other partner of the issuer, so one per checkpoint was most of the messages of a
   * status change; an issuer that shows two partners two logs has different roots at every size
   * after that, so comparing the later checkpoints still finds it.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  COSIGN_INTERVAL_MS = 1000;

  /**
   * Days a partner's record or request is held while no MRA with that partner is active here
   * (it came before this administration recorded or confirmed the arrangement); then it goes to
   * the dead letter.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  HELD_MESSAGE_DAYS = 30;

  /**
   * Memory, in MiB, for the answers to today's partner questions kept until a received record or
   * identifier changes (recognition-cache.ts); 0 turns the cache off. At about 1 KB an answer, the
   * default keeps some 8,000 operators.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RECOGNITION_CACHE_MB = 8;

  get signingKeyId(): string {
    return this.MRA_SIGNING_KEY_ID ?? `${this.ADMINISTRATION}-1`;
  }

  /** The other members: the administrations this registry has channels with. */
  get partners(): string[] {
    return this.FEDERATION_MEMBERS.split(',').filter((a) => a !== this.ADMINISTRATION);
  }
}
