import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Credential } from '../credential.entity';
import { Verification, VERDICTS, Verdict } from '../credential-verification';

/** The holder's credential: the vc+jwt to hand to a verifier, and what it says. */
export class CredentialView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the credential, a compact JWS of media type vc+jwt (W3C VC Data Model 2.0)' }) credential: string;
  @ApiProperty({ enum: ['C', 'S', 'F'] }) aeoType: string;
  @ApiProperty({ type: String, format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) validUntil: string;
  @ApiProperty({ description: 'the key that signed it (in the issuer JWKS)' }) keyId: string;

  static of(c: Credential): CredentialView {
    return { id: c.id, credential: c.jwt, aeoType: c.aeoType, issuedAt: c.issuedAt.toISOString(), validUntil: c.validUntil.toISOString(), keyId: c.kid };
  }
}

export class VerifyCredentialDto {
  @ApiProperty({ description: 'a credential (vc+jwt) as the holder shows it' })
  @IsString()
  @IsNotEmpty({ message: 'credential must be the credential (a vc+jwt)' })
  @MaxLength(20_000)
  credential: string;
}

class VerifiedSubject {
  @ApiProperty() name: string;
  @ApiProperty({ description: 'the certificate number' }) certificateNumber: string;
  @ApiProperty({ description: 'AEOC, AEOS or AEOF' }) aeoType: string;
  @ApiProperty({ description: 'the issuing administration (ISO 3166 alpha-2)' }) administration: string;
  @ApiProperty({ type: String, format: 'date-time' }) validUntil: string;
  @ApiProperty({ type: [String], description: 'scheme:value of each identifier' }) identifiers: string[];
}

/** A verifier's answer: one verdict, why, and what the credential says when its signature holds. */
export class VerificationView {
  @ApiProperty({ enum: VERDICTS }) verdict: Verdict;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiPropertyOptional() issuer?: string;
  @ApiPropertyOptional() keyId?: string;
  @ApiProperty({ description: 'whether revocation and suspension were read' }) statusChecked: boolean;
  @ApiPropertyOptional({ type: VerifiedSubject, description: 'what the credential says, when its signature holds' }) subject?: VerifiedSubject;
  @ApiProperty({ type: String, format: 'date-time' }) checkedAt: string;

  static of(v: Verification, checkedAt: Date): VerificationView {
    const s = v.credential?.credentialSubject;
    const trusted = v.verdict !== 'forged' && v.verdict !== 'unknown_issuer' && v.verdict !== 'malformed';
    return {
      verdict: v.verdict,
      reasons: v.reasons,
      issuer: v.issuer,
      keyId: v.keyId,
      statusChecked: v.statusChecked,
      ...(trusted && s
        ? {
            subject: {
              name: s.name,
              certificateNumber: s.authorisation?.id,
              aeoType: s.authorisation?.typeCode,
              administration: s.authorisation?.issuingAuthority?.countryCode,
              validUntil: v.credential!.validUntil,
              identifiers: (s.identification ?? []).map((i) => `${i.schemeID}:${i.id}`),
            },
          }
        : {}),
      checkedAt: checkedAt.toISOString(),
    };
  }
}

class PublishedKeyView {
  @ApiProperty({ description: 'RFC 7638 thumbprint' }) kid: string;
  @ApiProperty({ enum: ['EC'] }) kty: string;
  @ApiProperty({ enum: ['P-256'] }) crv: string;
  @ApiProperty() x: string;
  @ApiProperty() y: string;
  @ApiProperty({ enum: ['ES256'] }) alg: string;
  @ApiProperty({ enum: ['sig'] }) use: string;
}

/** The issuer's public keys (RFC 7517 JWK Set). */
export class JwksView {
  @ApiProperty({ type: [PublishedKeyView] }) keys: PublishedKeyView[];
}
