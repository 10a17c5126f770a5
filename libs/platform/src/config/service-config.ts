import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { Secret } from './load-config';

/** A Kafka client's SCRAM-SHA-512 credentials. */
export interface KafkaSasl {
  mechanism: 'scram-sha-512';
  username: string;
  password: string;
}

/**
 * What every service of one administration's registry needs. Property names are the
 * environment variables; each app extends this with its own.
 */
export class ServiceConfig {
  /** ISO 3166 alpha-2 code of the administration this registry belongs to. */
  @Matches(/^[A-Z]{2}$/, { message: 'ADMINISTRATION must be an ISO 3166 alpha-2 code such as ZA' })
  ADMINISTRATION!: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT = 3000;

  @IsString()
  HTTP_HOST = '127.0.0.1';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  /** Comma-separated Kafka brokers. Without it, the event log kept in PostgreSQL is used. */
  @IsOptional()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS?: string;

  /**
   * This administration's SCRAM-SHA-512 user on the broker (its principal in the ACLs that
   * deploy/kafka/provision.ts writes). Without it the client does not authenticate.
   */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]*$/, { message: 'KAFKA_SASL_USERNAME must be lower-case letters, digits, dots, dashes and underscores' })
  KAFKA_SASL_USERNAME?: string;

  /** The SCRAM user's password; required with KAFKA_SASL_USERNAME. */
  @Secret()
  @ValidateIf((c: ServiceConfig) => c.KAFKA_SASL_USERNAME !== undefined)
  @IsString({ message: 'KAFKA_SASL_PASSWORD is required with KAFKA_SASL_USERNAME' })
  @MinLength(12, { message: 'KAFKA_SASL_PASSWORD must be at least 12 characters' })
  KAFKA_SASL_PASSWORD?: string;

  /** PostgreSQL database of the embedded event log (when KAFKA_BROKERS is not set); defaults to DATABASE_URL. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'EVENT_LOG_URL must be a postgres:// URL' })
  EVENT_LOG_URL?: string;

  /** Prefix of this registry's own topics; defaults to the administration in lower case. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'TOPIC_NAMESPACE must be lower-case letters, digits and dashes' })
  TOPIC_NAMESPACE?: string;

  /** Prefix of the shared federation topics; empty in production, set by tests to keep runs apart. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'FEDERATION_TOPIC_PREFIX must be lower-case letters, digits and dashes' })
  FEDERATION_TOPIC_PREFIX?: string;

  /**
   * Shared secret of HS256 tokens: for the tests, the token script and the demo's seeding only.
   * Required when no OpenID provider is configured; never needed in production.
   */
  @Secret()
  @ValidateIf((c: ServiceConfig) => c.JWT_SECRET !== undefined || !c.OIDC_ISSUER)
  @IsString({ message: 'JWT_SECRET (or OIDC_ISSUER) is required' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsString()
  JWT_ISSUER = 'aeo-registry';

  @IsString()
  JWT_AUDIENCE = 'aeo-registry';

  /** Issuer URL of the OpenID provider people sign in with (Keycloak, Entra ID, a national e-ID...). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'OIDC_ISSUER must be the provider issuer URL' })
  OIDC_ISSUER?: string;

  /** Where the provider publishes its keys; read from its discovery document when not set. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'OIDC_JWKS_URI must be a URL' })
  OIDC_JWKS_URI?: string;

  /** The audience (`aud`) of access tokens for the registry. */
  @IsString()
  OIDC_AUDIENCE = 'aeo-registry';

  /** Claims that carry the roles and the administration code (dot paths, e.g. realm_access.roles). */
  @IsString()
  OIDC_ROLES_CLAIM = 'roles';

  @IsString()
  OIDC_ADMINISTRATION_CLAIM = 'adm';

  /** Connections the service keeps to its database. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** An OpenTelemetry collector (OTLP over HTTP, e.g. http://collector:4318): every request and message handled is exported as a span. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL such as http://collector:4318' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** Days a published outbox row is kept (the topic has it; kept a while for tracing). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  OUTBOX_RETENTION_DAYS = 7;

  /**
   * Days an inbox row (a message taken, by id) is kept. A message redelivered after its row is
   * pruned would take effect again: keep this longer than the topics' retention.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  INBOX_RETENTION_DAYS = 30;

  /** Days a handled dead letter is kept (open ones stay until handled). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  DEAD_LETTER_RETENTION_DAYS = 90;

  /** How often the retention pass runs. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  RETENTION_INTERVAL_MS = 3_600_000;

  /** The SCRAM credentials of the Kafka client, when the broker asks for them. */
  get kafkaSasl(): KafkaSasl | undefined {
    return this.KAFKA_SASL_USERNAME ? { mechanism: 'scram-sha-512', username: this.KAFKA_SASL_USERNAME, password: this.KAFKA_SASL_PASSWORD! } : undefined;
  }

  get topicNamespace(): string {
    return this.TOPIC_NAMESPACE ?? this.ADMINISTRATION.toLowerCase();
  }
}
