import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsEmail,
  IsInt,
  IsNumber,
  Max,
  Min,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IDENTIFIER_SCHEME_NAMES, IdentifierScheme } from '../../identifiers/identifier-schemes';

export class AddressDto {
  @ApiProperty({ example: '1 Harbour Road' })
  @IsString()
  @Length(1, 200)
  street: string;

  @ApiProperty({ example: 'Durban' })
  @IsString()
  @Length(1, 100)
  city: string;

  @ApiProperty({ example: '4001' })
  @IsString()
  @Length(1, 20)
  postalCode: string;

  @ApiProperty({ example: 'ZA', description: 'ISO 3166 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 alpha-2 code' })
  country: string;
}

export class IdentifierDto {
  @ApiProperty({ enum: IDENTIFIER_SCHEME_NAMES, example: 'TIN' })
  @IsIn(IDENTIFIER_SCHEME_NAMES)
  scheme: IdentifierScheme;

  @ApiProperty({ example: '9012345678' })
  @IsString()
  @Length(1, 40)
  value: string;

  @ApiProperty({ example: 'ZA', description: 'ISO 3166 alpha-2 code of the issuing administration' })
  @Matches(/^[A-Z]{2}$/, { message: 'issuer must be an ISO 3166 alpha-2 code' })
  issuer: string;

  @ApiPropertyOptional({ example: '2024-01-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validFrom?: string;

  @ApiPropertyOptional({ example: '2030-12-31' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validTo?: string;
}

/** Roles in the supply chain (DOMAIN.md, "AEO"). */
export const SUPPLY_CHAIN_ROLES = [
  'importer',
  'exporter',
  'manufacturer',
  'freight-forwarder',
  'warehouse-keeper',
  'customs-broker',
  'carrier',
  'port-operator',
  'terminal-operator',
] as const;

export const SITE_KINDS = ['premises', 'warehouse', 'office', 'factory', 'terminal', 'yard'] as const;

export class SiteDto {
  @ApiProperty({ example: 'Durban bonded warehouse' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: SITE_KINDS })
  @IsIn(SITE_KINDS)
  kind: string;

  @ApiProperty({ type: AddressDto })
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;
}

export class ContactDto {
  @ApiProperty({ example: 'Thandi Nkosi' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'customs compliance manager' })
  @IsString()
  @Length(1, 100)
  role: string;

  @ApiProperty({ example: 'thandi@ubuntu-freight.example' })
  @IsEmail()
  email: string;

  @ApiPropertyOptional({ example: '+27 31 000 0000' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a telephone number' })
  phone?: string;
}

/** The company details a holder gives at registration and must keep current. */
export class OperatorDetailsDto {
  @ApiPropertyOptional({ type: [String], example: ['Ubuntu Express'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  tradingNames?: string[];

  @ApiPropertyOptional({ enum: SUPPLY_CHAIN_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SUPPLY_CHAIN_ROLES, { each: true })
  roles?: string[];

  @ApiPropertyOptional({ type: [SiteDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SiteDto)
  sites?: SiteDto[];

  @ApiPropertyOptional({ type: [ContactDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];

  @ApiPropertyOptional({ example: 35, description: 'Headcount; with the turnover it gives the size class' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  employees?: number;

  @ApiPropertyOptional({ example: 8_500_000, description: 'Annual turnover in the administration currency' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  annualTurnover?: number;
}

export class ConsentDto {
  @ApiProperty({ description: 'Share AEO data with MRA partners' })
  @IsBoolean()
  shareWithPartners: boolean;

  @ApiProperty({ description: 'Appear in the public directory' })
  @IsBoolean()
  publishInDirectory: boolean;
}

export class RegisterOperatorDto extends OperatorDetailsDto {
  @ApiProperty({ example: 'Ubuntu Freight (Pty) Ltd' })
  @IsString()
  @Length(1, 200)
  legalName: string;

  @ApiProperty({ type: AddressDto })
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;

  @ApiProperty({ type: [IdentifierDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IdentifierDto)
  identifiers: IdentifierDto[];

  @ApiPropertyOptional({ type: ConsentDto, description: 'Defaults to no consent' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;
}

/** A change the holder must notify: only the fields that changed. */
export class NotifyChangesDto extends OperatorDetailsDto {
  @ApiPropertyOptional({ example: 'Ubuntu Freight Holdings (Pty) Ltd' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  legalName?: string;

  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional({ description: 'A change of ownership, described' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  ownership?: string;

  @ApiPropertyOptional({ description: 'A change of management, described' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  management?: string;

  @ApiPropertyOptional({ description: 'Why or when: kept with the change, not a change itself' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** GET /operators: a trader sees the operators it registered; staff search this administration's. */
export class ListOperatorsQuery {
  @ApiPropertyOptional({ description: 'part of the legal name, any case', example: 'freight' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ default: 25, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

/** A supervisor hands an operator to the trader who acts for it (an imported operator, or a company whose trader changed). */
export class HandOverDto {
  @ApiProperty({ example: 'trader-za-7', description: "the trader's user name in the registry" })
  @Matches(/^[\w.@:|-]{1,200}$/, { message: 'trader must be a user name (letters, digits, . _ - @ : |)' })
  trader: string;

  @ApiProperty({ example: 'company letter of 2 December 2026 naming its customs manager' })
  @IsString()
  @Length(1, 500)
  note: string;
}

