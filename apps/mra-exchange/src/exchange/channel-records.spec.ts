import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AeoStatus, AeoType, RecognitionRecordSchema } from '@aeo/contracts';
import { audienceOf } from './channel-records';

describe('a stored record\'s audience, read off the wire', () => {
  const record = (audience: string[], more: Partial<{ operatorName: string; published: boolean }> = {}) =>
    toBinary(
      RecognitionRecordSchema,
      create(RecognitionRecordSchema, {
        issuer: 'ZA',
        sequence: 4012n,
        recordId: '6f1c1f4e-2f0e-4a55-9d43-0d2b1b1f0c11',
        operatorId: 'a7d5e0b2-5a54-4f35-8a8e-1c2b3d4e5f60',
        operatorName: more.operatorName ?? 'Ubuntu Freight (Pty) Ltd',
        address: { street: '1 Dock Road', city: 'Durban', postalCode: '4001', country: 'ZA' },
        identifiers: [{ scheme: 'TIN', value: '906500001', issuer: 'ZA' }, { scheme: 'EORI', value: 'ZA906500001', issuer: 'ZA' }],
        certificateNumber: 'ZAAEOF0900041',
        aeoType: AeoType.F,
        status: AeoStatus.VALID,
        statusSince: timestampFromDate(new Date('2026-11-30T10:00:00Z')),
        validTo: timestampFromDate(new Date('2031-11-30T00:00:00Z')),
        sharedWithConsent: true,
        audience,
        coverageEndsOn: timestampFromDate(new Date('2027-01-01T00:00:00Z')),
        publishedInDirectory: more.published ?? false,
      }),
    );

  it('is what decoding the whole record gives, whatever else the record holds', () => {
    for (const bytes of [
      record(['BW', 'NA', 'LS', 'SZ']),
      record([]),
      record(['GB'], { operatorName: 'Ü'.repeat(300), published: true }),
      record(['BW', 'BW']),
    ]) {
      expect(audienceOf(bytes)).toEqual(fromBinary(RecognitionRecordSchema, bytes).audience);
    }
    expect(audienceOf(record(['BW', 'NA']))).toEqual(['BW', 'NA']);
    expect(audienceOf(new Uint8Array())).toEqual([]);
  });
});
