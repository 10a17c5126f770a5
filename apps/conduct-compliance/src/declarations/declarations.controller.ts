import { CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DeclarationsView, DeclarationView } from '../views/views';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ApproverDto } from '../codes-of-conduct/dto/code-of-conduct.dto';
import { DeclarationsService } from './declarations.service';

class DeclarationDto {
  @ApiProperty({ example: 'We declare that Maluti Traders complied with its Code of Conduct over the past year.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  statement: string;

  @ApiProperty({ type: ApproverDto, description: 'who in management declares' })
  @ValidateNested()
  @Type(() => ApproverDto)
  declaredBy: ApproverDto;
}

@ApiTags('declarations')
@ApiBearerAuth()
@Controller('operators/:operatorId/declarations')
export class DeclarationsController {
  constructor(private readonly declarations: DeclarationsService) {}

  @Post()
  @Roles('trader')
  @ApiOperation({ summary: 'The AEO declares compliance with its accepted Code of Conduct (due at the interval the administration sets).' })
  @ApiCreatedResponse({ type: DeclarationView })
  declare(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @Body() dto: DeclarationDto, @CurrentPrincipal() by: Principal) {
    return this.declarations.declare(operatorId, dto, by);
  }

  @Get()
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'The declarations made, when the next is due and whether it is overdue.' })
  @ApiOkResponse({ type: DeclarationsView })
  list(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() by: Principal): Promise<DeclarationsView> {
    return this.declarations.list(operatorId, by);
  }
}
