import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BENEFITS } from '../../arrangements/arrangement.entity';

export class AskedOperatorView {
  @ApiProperty({ example: 'TIN' }) scheme: string;
  @ApiProperty({ example: '9012345678' }) identifier: string;
  @ApiProperty({ example: 'ZA', description: 'who issued the identifier asked by' }) identifierIssuer: string;
}

/** The signed record an answer rests on: verify it offline with the issuer's key from the MRA. */
export class CheckpointView {
  @ApiProperty({ description: 'the note: origin, size and root (base64), one a line' }) note: string;
  @ApiProperty({ format: 'byte', description: "ES256 signature (r||s) of the note by the issuer's MRA key, base64" }) signature: string;
  @ApiProperty({ example: 'ZA-1' }) keyId: string;
}

export class CosignatureEvidenceView {
  @ApiProperty({ example: 'NA' }) cosigner: string;
  @ApiProperty({ format: 'byte', description: 'the Cosignature message (protobuf), base64' }) message: string;
}

export class LogProofView {
  @ApiProperty({ description: "the record's leaf index in the issuer's log (its sequence minus one)" }) leafIndex: number;
  @ApiProperty({ type: CheckpointView }) checkpoint: CheckpointView;
  @ApiProperty({ type: [String], description: 'RFC 9162 audit path, base64, from the leaf up' }) proof: string[];
  @ApiProperty({ type: [CosignatureEvidenceView], description: "other partners' cosignatures of that checkpoint" }) cosignatures: CosignatureEvidenceView[];
}

export class RecognitionEvidenceView {
  @ApiProperty({ description: "the record's number in the issuer's sequence", example: '42' }) sequence: string;
  @ApiProperty({
    enum: ['protobuf', 'jws'],
    description: "how record reads: protobuf (a RecognitionRecord, from the issuer's channel) or jws (the JWS signing input of a record from the issuer's batch file)",
  })
  format: 'protobuf' | 'jws';
  @ApiProperty({ format: 'byte', description: 'the record exactly as signed, base64 (see format)' }) record: string;
  @ApiProperty({ format: 'byte', description: 'ES256 signature (r||s) over record, base64' }) signature: string;
  @ApiProperty({ example: 'ZA-1' }) keyId: string;
  @ApiProperty({ enum: ['ES256'] }) algorithm: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiPropertyOptional({ type: LogProofView, description: 'with proof=true: the inclusion proof of the record in its issuer\'s log' }) logProof?: LogProofView;
}

/** Is this partner's operator a recognised AEO here on that day, and why (not)? */
export class RecognitionAnswerView {
  @ApiProperty() recognised: boolean;
  @ApiPropertyOptional({ description: 'why not, when not recognised' }) reason?: string;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ example: 'ZA', description: 'the administration that issued the authorisation' }) issuer: string;
  @ApiProperty({ type: AskedOperatorView, description: 'the operator as the question named it' }) asked: AskedOperatorView;
  @ApiPropertyOptional() operatorName?: string;
  @ApiPropertyOptional({ example: 'ZAAEOF0000001' }) certificateNumber?: string;
  @ApiPropertyOptional({ enum: ['AEO-C', 'AEO-S', 'AEO-F'] }) aeoType?: string;
  @ApiPropertyOptional({ enum: ['valid', 'suspended', 'revoked', 'withdrawn', 'expired'] }) status?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'from when that status held at the issuer' }) since?: string;
  @ApiPropertyOptional({ format: 'date-time' }) validTo?: string;
  @ApiPropertyOptional({ description: 'the MRA under which it is recognised' }) arrangement?: string;
  @ApiProperty({ enum: BENEFITS, isArray: true }) benefits: string[];
  @ApiPropertyOptional({ type: RecognitionEvidenceView }) evidence?: RecognitionEvidenceView;
}
