import type { DescMessage } from '@bufbuild/protobuf';
import {
  ApplicationStageChangedSchema,
  ApplicationSubmittedSchema,
  AuthorisationStatusChangedSchema,
  DeadlineNoticeSchema,
} from './gen/aeo/accreditation/v1/events_pb';
import { ComplianceStatusChangedSchema } from './gen/aeo/conduct_compliance/v1/events_pb';
import { AgencyStatusChangedSchema } from './gen/aeo/mra_exchange/v1/agency_pb';
import { ChannelRecordSchema, CosignatureSchema, SignedExchangeRequestSchema, SignedFiguresSchema } from './gen/aeo/mra_exchange/v1/exchange_pb';
import { ConsentChangedSchema, OperatorChangedSchema, OperatorRegisteredSchema, RepresentationChangedSchema } from './gen/aeo/operator_registry/v1/events_pb';

/**
 * Where a topic lives. `administration` topics belong to one administration's registry and are
 * prefixed with its namespace (e.g. "za."); `federation` topics are channels between two
 * administrations, one per (sender, receiver) pair: only the sender may write one and only the
 * receiver may read it (the broker's ACLs, deploy/kafka/provision.ts).
 */
export type TopicScope = 'administration' | 'federation';

/** One event stream: its versioned name, its scope and the protobuf message it carries. */
export interface EventDefinition<S extends DescMessage = DescMessage> {
  /** `<context>.<event>.v<major>`; for federation topics a template with `{from}` and `{to}`. */
  readonly topic: string;
  readonly scope: TopicScope;
  readonly schema: S;
}

function define<S extends DescMessage>(topic: string, scope: TopicScope, schema: S): EventDefinition<S> {
  return Object.freeze({ topic, scope, schema });
}

/** Every event stream of the registry, in one place. Call sites never spell topic names. */
export const Events = {
  operatorRegistered: define('operator-registry.operator-registered.v1', 'administration', OperatorRegisteredSchema),
  consentChanged: define('operator-registry.consent-changed.v1', 'administration', ConsentChangedSchema),
  operatorChanged: define('operator-registry.operator-changed.v1', 'administration', OperatorChangedSchema),
  representationChanged: define('operator-registry.representation-changed.v1', 'administration', RepresentationChangedSchema),
  applicationSubmitted: define('accreditation.application-submitted.v1', 'administration', ApplicationSubmittedSchema),
  authorisationStatusChanged: define(
    'accreditation.authorisation-status-changed.v1',
    'administration',
    AuthorisationStatusChangedSchema,
  ),
  applicationStageChanged: define('accreditation.application-stage-changed.v1', 'administration', ApplicationStageChangedSchema),
  deadlineNotice: define('accreditation.deadline.v1', 'administration', DeadlineNoticeSchema),
  complianceStatusChanged: define(
    'conduct-compliance.compliance-status-changed.v1',
    'administration',
    ComplianceStatusChangedSchema,
  ),
  /** Status changes of this administration's published AEOs, for other agencies (each agency's user may read it). */
  agencyStatusChanged: define('mra-exchange.agency-status-changed.v1', 'administration', AgencyStatusChangedSchema),
  /** An issuer's signed records, on one channel per partner: in full to the record's audience, withheld to the others. */
  recognitionRecords: define('federation.mra-exchange.records.{from}.to.{to}.v2', 'federation', ChannelRecordSchema),
  /** Replay and snapshot requests to one issuer, signed by the requester; one channel per (requester, issuer). */
  exchangeRequests: define('federation.mra-exchange.requests.{from}.to.{to}.v3', 'federation', SignedExchangeRequestSchema),
  /** A partner's cosignatures of the issuers' checkpoints it verified, to its other partners. */
  cosignatures: define('federation.mra-exchange.cosignatures.{from}.to.{to}.v1', 'federation', CosignatureSchema),
  /** An administration's signed aggregate figures, to each MRA partner (Regional figures). */
  regionalFigures: define('federation.mra-exchange.figures.{from}.to.{to}.v1', 'federation', SignedFiguresSchema),
} as const;

/** Messages that no handler could take, with the reason in the headers. One per namespace. */
export const DEAD_LETTER_TOPIC = 'platform.dead-letter.v1';

/** Kafka header names set on every message. */
export const Headers = {
  messageId: 'message-id',
  type: 'message-type',
  correlationId: 'correlation-id',
  administration: 'administration',
  /** W3C Trace Context of the step that wrote the message (its consumers' spans are its children). */
  traceparent: 'traceparent',
  /**
   * When a message carries the effects of several steps (a chunk of records, each a status change
   * of its own): each one's traceparent, comma-separated, the first also `traceparent`. Its
   * handling is a span in each of their traces.
   */
  traceparents: 'traceparents',
  deadLetterReason: 'dead-letter-reason',
  deadLetterSourceTopic: 'dead-letter-source-topic',
  deadLetterSourcePartition: 'dead-letter-source-partition',
  deadLetterSourceOffset: 'dead-letter-source-offset',
  deadLetterConsumer: 'dead-letter-consumer',
} as const;

/** Sender and receiver of a federation channel (ISO 3166 alpha-2 codes). */
export interface Channel {
  readonly from: string;
  readonly to: string;
}

/** The channel topic from one administration to another, e.g. `federation.mra-exchange.records.ZA.to.GB.v2`. */
export function channelTopic(definition: EventDefinition, channel: Channel): string {
  if (!/^[A-Z]{2}$/.test(channel.from) || !/^[A-Z]{2}$/.test(channel.to) || channel.from === channel.to) {
    throw new Error(`not a channel between two administrations: ${channel.from} to ${channel.to}`);
  }
  return definition.topic.replace('{from}', channel.from).replace('{to}', channel.to);
}

/** The channel a federation topic carries, read from its name; undefined for other topics. */
export function channelOf(topic: string): Channel | undefined {
  const m = /\.([A-Z]{2})\.to\.([A-Z]{2})\.v\d+$/.exec(topic);
  return m ? { from: m[1], to: m[2] } : undefined;
}

/**
 * Partitions of a topic on the broker. Federation topics have one, so a receiver reads an
 * issuer's records in sequence order; administration topics have three, ordered per key.
 */
export function partitionsOf(topic: string): number {
  return /(^|\.)federation\./.test(topic) ? 1 : 3;
}
