import { Secret, ServiceConfig } from '@aeo/platform';
import { Transform, Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

const days = () => [Type(() => Number), IsInt(), Min(1), Max(3650)];
function Days(): PropertyDecorator {
  return (target, key) => days().forEach((d) => d(target, key));
}
const list = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value;
const numbers = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean).map(Number) : value;

/**
 * Environment of the accreditation service. Rules that vary by country are set here, per
 * administration, and default to DOMAIN.md ("The accreditation life cycle").
 */
export class AccreditationConfig extends ServiceConfig {
  /** Years an authorisation is valid (SARS rule 64E.09: 5). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  AUTHORISATION_VALIDITY_YEARS = 5;

  /** Days customs has to accept a submitted application or ask for the missing parts. */
  @Days() COMPLETENESS_DAYS = 30;
  /** Days from acceptance to decision. */
  @Days() DECISION_DAYS = 120;
  /** The one extension of the decision deadline. */
  @Days() DECISION_EXTENSION_DAYS = 60;
  /** The further extension when information was requested from the trader. */
  @Days() INFORMATION_EXTENSION_DAYS = 30;
  /** Days the trader has to answer the grounds before a negative decision. */
  @Days() HEARING_DAYS = 30;
  /** Days to appeal a decision. */
  @Days() APPEAL_DAYS = 30;
  /** Cure period of a suspension, and its one extension. */
  @Days() CURE_DAYS = 30;
  @Days() CURE_EXTENSION_DAYS = 30;
  /** Years a new application is refused after a revocation. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  REAPPLICATION_BAR_YEARS = 3;
  /** Days before the end of validity at which the holder is reminded (comma separated). */
  @Transform(numbers)
  @IsArray()
  @ArrayNotEmpty()
  @IsInt({ each: true })
  @Min(1, { each: true })
  EXPIRY_REMINDER_DAYS: number[] = [180, 90, 30];
  /** Days before the end of validity from which customs may renew an authorisation after its reassessment. */
  @Days() RENEWAL_WINDOW_DAYS = 180;
  /** A deadline this many days away is "approaching" (event, and at risk in the figures). */
  @Days() DEADLINE_WARNING_DAYS = 7;
  /** How often the scheduler looks for deadlines and expiries. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  SCHEDULER_INTERVAL_MS = 60_000;

  /** Largest evidence attachment, in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100 * 1024 * 1024)
  EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

  /**
   * The public console of this administration (e.g. https://aeo.sars.gov.za): a certificate's QR
   * code points at its verify page there. Without it, the QR code carries the verify API's path.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'PUBLIC_CONSOLE_URL must be a URL' })
  PUBLIC_CONSOLE_URL?: string;
  /**
   * ES256 private key (PKCS#8 PEM, EC P-256) that signs the AEO credentials of this
   * administration. Without it (or without an issuer URL), no credential is issued.
   */
  @Secret()
  @IsOptional()
  @Matches(/-----BEGIN PRIVATE KEY-----/, { message: 'CREDENTIAL_SIGNING_KEY must be a PKCS#8 PEM private key (EC P-256)' })
  CREDENTIAL_SIGNING_KEY?: string;

  /** Public keys (PEM, one after another) of keys that signed credentials before a rotation: still published, so those still verify. */
  @IsOptional()
  @IsString()
  CREDENTIAL_RETIRED_KEYS?: string;

  /**
   * The issuer of this administration's credentials: the public URL this service is reached at
   * (its JWKS, status lists and context under it). Defaults to PUBLIC_CONSOLE_URL/api/accreditation.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'CREDENTIAL_ISSUER must be a URL' })
  CREDENTIAL_ISSUER?: string;

  /** Issuers of other administrations (comma-separated URLs) whose credentials the public verifier checks with their published keys. */
  @Transform(list)
  @IsArray()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { each: true, message: 'each of TRUSTED_CREDENTIAL_ISSUERS must be a URL' })
  TRUSTED_CREDENTIAL_ISSUERS: string[] = [];

  /** The issuer URL of this administration's credentials, if it issues any. */
  get credentialIssuer(): string | undefined {
    const url = this.CREDENTIAL_ISSUER ?? (this.PUBLIC_CONSOLE_URL ? `${this.PUBLIC_CONSOLE_URL}/api/accreditation` : undefined);
    return url?.replace(/\/+$/, '');
  }

  /** Content types accepted as evidence. */
  @Transform(list)
  @IsArray()
  @IsIn(['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv'], { each: true })
  EVIDENCE_CONTENT_TYPES: string[] = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv'];


  /**
   * The questionnaire file of this administration (JSON; see saq/questionnaire.ts and the README's
   * "The SAQ of an administration"); the SAFE Framework of Standards 2025 when not set. Checked at start-up.
   */
  @IsOptional()
  @IsString()
  SAQ_FILE?: string;

  /** Format of certificate numbers: {adm}, {type} and {serial:N} (authorisations/certificate-number.ts). */
  @IsString()
  @Matches(/\{serial(:\d+)?\}/, { message: 'CERTIFICATE_NUMBER_FORMAT must hold {serial} or {serial:N}' })
  @Matches(/\{type\}/, { message: 'CERTIFICATE_NUMBER_FORMAT must hold {type}' })
  CERTIFICATE_NUMBER_FORMAT = '{adm}AEO{type}{serial:7}';
}
