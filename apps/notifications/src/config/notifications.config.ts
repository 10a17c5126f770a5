import { ServiceConfig } from '@aeo/platform';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

/** Environment of notifications: where mail goes out, from whom, and how failures are retried. */
export class NotificationsConfig extends ServiceConfig {
  /**
   * The SMTP server mail is handed to, e.g. smtp://mail.sars.gov.za:587 or
   * smtps://user:pass@host:465 (nodemailer's URL form). Without it, notices stay in the console's
   * inbox and no mail is sent.
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The sender of the notices. */
  @IsEmail({ require_tld: false }, { message: 'MAIL_FROM must be an e-mail address' })
  MAIL_FROM = 'aeo-registry@localhost';

  /** The name shown with the sender, e.g. "SARS AEO programme". */
  @IsString()
  MAIL_FROM_NAME = 'AEO registry';

  /**
   * Domain of the return path: a mail to person@example.org goes out with the envelope sender
   * bounces+<notice id>@<this domain>, so a bounce names the notice it is about (VERP). Defaults
   * to MAIL_FROM's domain.
   */
  @IsOptional()
  @Matches(/^[a-z0-9.-]+$/i, { message: 'MAIL_BOUNCE_DOMAIN must be a domain name' })
  MAIL_BOUNCE_DOMAIN?: string;

  /** Port of the SMTP listener that receives bounces (delivery status notifications); off without it. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  BOUNCE_SMTP_PORT?: number;

  /** The console of this administration: each notice links to its place there. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'PUBLIC_CONSOLE_URL must be a URL' })
  PUBLIC_CONSOLE_URL?: string;

  /** The language of notices for people whose sign-in names none and who chose none (en or fr). */
  @IsIn(['en', 'fr'])
  DEFAULT_LANGUAGE: 'en' | 'fr' = 'en';

  /** Events older than this make no notice (a service started on a registry with a history does not tell the past). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  NOTICE_MAX_AGE_DAYS = 7;

  /** Supervisors are told while they signed in within this many days (someone who left stops being told). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SUPERVISOR_SEEN_DAYS = 180;

  /** How often due mails are sent (and failed ones retried). */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  MAIL_INTERVAL_MS = 5_000;

  /** The first retry after a temporary failure; each next waits twice as long, up to an hour. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  MAIL_RETRY_MS = 30_000;

  /** After this long failing temporarily, a mail is given up (and shown to staff as failed), as MTAs do. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(240)
  MAIL_GIVE_UP_HOURS = 72;
}
