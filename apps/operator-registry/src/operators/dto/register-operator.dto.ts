import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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

export class ConsentDto {
  @ApiProperty({ description: 'Share AEO data with MRA partners' })
  @IsBoolean()
  shareWithPartners: boolean;

  @ApiProperty({ description: 'Appear in the public directory' })
  @IsBoolean()
  publishInDirectory: boolean;
}

export class RegisterOperatorDto {
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

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
