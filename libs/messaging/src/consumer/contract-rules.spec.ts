import {
  AeoStatus,
  AeoType,
  AuthorisationStatusChangedSchema,
  ComplianceState,
  ComplianceStatusChangedSchema,
  EnvelopeSchema,
  ExchangeRequestKind,
  ExchangeRequestSchema,
  OperatorRegisteredSchema,
  SignedRecognitionRecordSchema,
  SizeClass,
} from '@aeo/contracts';
import { create, DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { PermanentMessageError } from '../permanent-message-error';
import { assertContractRules } from './contract-rules';

const id = '0b7c6a58-3a0f-4d7e-9b8e-2f1f0c6d1a11';
const now = timestampFromDate(new Date('2026-11-29T10:00:00Z'));

/** The reason a message is refused with, or undefined when it meets its contract's rules. */
function refusal<S extends DescMessage>(schema: S, init: MessageInitShape<S>): string | undefined {
  try {
    assertContractRules(schema, create(schema, init));
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(PermanentMessageError);
    return (e as Error).message;
  }
}

describe('the rules written in the contract (proto/, protovalidate)', () => {
  const registered = {
    operatorId: id,
    legalName: 'Karoo Freight (Pty) Ltd',
    address: { street: '1 Main Rd', city: 'Cape Town', postalCode: '8001', country: 'ZA' },
    identifiers: [{ scheme: 'ZA_CUSTOMS', value: 'ZA123' }],
    registeredAt: now,
    registeredBy: 'trader-1',
    size: SizeClass.SMALL,
    sizeClass: 'small',
  };

  it('lets an operator registration as operator-registry writes it through', () => {
    expect(refusal(OperatorRegisteredSchema, registered)).toBeUndefined();
    // A producer of before sent no enum; one that has no size sends neither.
    expect(refusal(OperatorRegisteredSchema, { ...registered, size: SizeClass.UNSPECIFIED, sizeClass: '' })).toBeUndefined();
  });

  it('names every broken rule of a registration, in the contract’s field names', () => {
    const reason = refusal(OperatorRegisteredSchema, { operatorId: 'not-a-uuid', sizeClass: 'huge', size: 9 as SizeClass });
    expect(reason).toMatch(/^invalid aeo\.operator_registry\.v1\.OperatorRegistered: /);
    for (const part of [
      'operator_id: must be a valid UUID',
      'legal_name: must be at least 1 characters',
      'address: value is required',
      'identifiers: must contain at least 1 item(s)',
      'registered_at: value is required',
      'registered_by: must be at least 1 characters',
      'size_class: must be in list [micro, small, medium, large]',
      'size: value must be one of the defined enum values',
    ]) {
      expect(reason).toContain(part);
    }
  });

  it('refuses an authorisation status without a type or a status partners exchange', () => {
    const change = {
      authorisationId: id,
      operatorId: id,
      certificateNumber: 'ZAAEOF0000001',
      aeoType: AeoType.F,
      status: AeoStatus.VALID,
      statusSince: now,
      authorisedOn: now,
      validTo: now,
    };
    expect(refusal(AuthorisationStatusChangedSchema, change)).toBeUndefined();
    expect(refusal(AuthorisationStatusChangedSchema, { ...change, aeoType: AeoType.UNSPECIFIED })).toContain('aeo_type: must not be in list [0]');
    expect(refusal(AuthorisationStatusChangedSchema, { ...change, status: AeoStatus.UNSPECIFIED })).toContain('status: must not be in list [0]');
    expect(refusal(AuthorisationStatusChangedSchema, { ...change, validTo: undefined })).toContain('valid_to: value is required');
  });

  it('takes a compliance status as an enum, or as the word a producer of before sent, but not neither', () => {
    expect(refusal(ComplianceStatusChangedSchema, { operatorId: id, state: ComplianceState.WARNING })).toBeUndefined();
    expect(refusal(ComplianceStatusChangedSchema, { operatorId: id, status: 'blocking' })).toBeUndefined();
    expect(refusal(ComplianceStatusChangedSchema, { operatorId: id, status: 'fine' })).toContain(
      'state (or status, from a producer of before) must be compliant, warning or blocking',
    );
  });

  it('checks the sizes of a signed record and the codes of an exchange request', () => {
    const signed = { record: new Uint8Array(10), signature: new Uint8Array(64), keyId: 'za-2026' };
    expect(refusal(SignedRecognitionRecordSchema, signed)).toBeUndefined();
    expect(refusal(SignedRecognitionRecordSchema, { ...signed, signature: new Uint8Array(63) })).toContain('signature: must be 64 bytes');
    expect(refusal(SignedRecognitionRecordSchema, { ...signed, record: new Uint8Array(65537) })).toContain('record: must be at most 65536 bytes');
    expect(refusal(SignedRecognitionRecordSchema, { ...signed, record: new Uint8Array(65536) })).toBeUndefined();

    const request = { requestId: id, requester: 'BW', issuer: 'ZA', kind: ExchangeRequestKind.SNAPSHOT };
    expect(refusal(ExchangeRequestSchema, request)).toBeUndefined();
    expect(refusal(ExchangeRequestSchema, { ...request, requester: 'bw' })).toContain('requester: does not match regex pattern `^[A-Z]{2}$`');
    expect(refusal(ExchangeRequestSchema, { ...request, kind: ExchangeRequestKind.UNSPECIFIED })).toContain('kind: must be in list [1, 2]');
  });
});

describe('the envelope’s rules', () => {
  it('refuses an envelope without a message id, an administration code or a sequence', () => {
    const reason = refusal(EnvelopeSchema, { messageId: 'x', type: 'aeo.x', administration: 'za', aggregateId: 'a', sequence: 0n });
    expect(reason).toContain('message_id: must be a valid UUID');
    expect(reason).toContain('administration: does not match regex pattern `^[A-Z]{2}$`');
    expect(reason).toContain('sequence: must be greater than or equal to 1');
    expect(reason).toContain('occurred_at: value is required');
  });
});
