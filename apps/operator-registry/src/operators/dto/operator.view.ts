import { ImportedFromView } from '@aeo/platform';
import { ApiProperty } from '@nestjs/swagger';
import { IDENTIFIER_SCHEME_NAMES } from '../../identifiers/identifier-schemes';
import { SIZE_CLASSES, SizeClassName } from '@aeo/contracts';
import { AddressDto, ContactDto, SiteDto, SUPPLY_CHAIN_ROLES } from './register-operator.dto';

export class OperatorIdentifierView {
  @ApiProperty({ enum: IDENTIFIER_SCHEME_NAMES, example: 'TIN' }) scheme: string;
  @ApiProperty({ example: '9012345678' }) value: string;
  @ApiProperty({ example: 'ZA', description: 'ISO 3166 alpha-2 code of the issuing administration' }) issuer: string;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validTo: string | null;
}

export class ConsentView {
  @ApiProperty({ description: 'AEO data shared with MRA partners' }) shareWithPartners: boolean;
  @ApiProperty({ description: 'listed in the public directory' }) publishInDirectory: boolean;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

/** An operator as the API shows it: details, size class, identifiers and the consent in force. */
export class OperatorView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Ubuntu Freight (Pty) Ltd' }) legalName: string;
  @ApiProperty({ type: [String] }) tradingNames: string[];
  @ApiProperty({ type: AddressDto }) address: AddressDto;
  @ApiProperty({ enum: SUPPLY_CHAIN_ROLES, isArray: true }) roles: string[];
  @ApiProperty({ type: [SiteDto] }) sites: SiteDto[];
  @ApiProperty({ type: [ContactDto] }) contacts: ContactDto[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'headcount' }) employees: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'annual turnover in the administration currency' }) annualTurnover: number | null;
  @ApiProperty({ enum: SIZE_CLASSES, nullable: true, description: 'from headcount and turnover; unknown until both are given' })
  sizeClass: SizeClassName | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'micro, small or medium: the MSME route of the SAQ' }) msme: boolean | null;
  @ApiProperty({ type: [OperatorIdentifierView] }) identifiers: OperatorIdentifierView[];
  @ApiProperty({ type: ConsentView, nullable: true }) consent: ConsentView | null;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ type: ImportedFromView, nullable: true, description: 'set when the operator came in by a bulk import' })
  importedFrom: ImportedFromView | null;
  @ApiProperty({ type: [String], nullable: true, example: ['read', 'prepare', 'submit'], description: 'when you represent this operator: the acts your mandates allow now (null for its holder and staff)' })
  representing: string[] | null;
}

export class FieldChangeView {
  @ApiProperty({ nullable: true, description: 'the value before (any JSON)' }) before: unknown;
  @ApiProperty({ description: 'the value after (any JSON)' }) after: unknown;
}

/** A change the holder notified. */
export class OperatorChangeView {
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FieldChangeView' },
    description: 'per field changed: before and after',
  })
  changes: Record<string, FieldChangeView>;
  @ApiProperty({ description: 'touches what an authorisation rests on (name, address, ownership, sites, management): flags reassessment' })
  significant: boolean;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() notifiedBy: string;
  @ApiProperty({ format: 'date-time' }) notifiedAt: string;
}

/** A page of operators: a trader's own, or for staff this administration's, by name. */
export class OperatorPageView {
  @ApiProperty({ type: [OperatorView] }) items: OperatorView[];
  @ApiProperty({ description: 'operators matching, all pages together' }) total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
