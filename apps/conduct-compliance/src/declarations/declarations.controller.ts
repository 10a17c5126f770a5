import { Clock, CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { CodeOfConductErrors } from '../conduct-compliance.errors';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DeclarationsView, DeclarationView } from '../views/views';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ComplianceService } from '../compliance/compliance.service';
import { ApproverDto } from '../codes-of-conduct/dto/code-of-conduct.dto';
import { visibleOperator } from '../operators/access';
import { Declaration } from './declaration.entity';

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('trader')
  @ApiOperation({ summary: 'The AEO declares compliance with its accepted Code of Conduct (due at the interval the administration sets).' })
  @ApiCreatedResponse({ type: DeclarationView })
  declare(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @Body() dto: DeclarationDto, @CurrentPrincipal() by: Principal) {
    return this.dataSource.transaction(async (manager) => {
      await visibleOperator(manager, operatorId, by, true);
      const [code] = await manager.query(`SELECT max(version) AS version FROM code_of_conduct WHERE operator_id = $1 AND status = 'accepted'`, [operatorId]);
      if (!code?.version) throw CodeOfConductErrors.noneAccepted('there is no accepted Code of Conduct to declare compliance with');
      const declaration: Declaration = {
        id: randomUUID(),
        operatorId,
        codeVersion: code.version,
        statement: dto.statement,
        declaredBy: { name: dto.declaredBy.name, function: dto.declaredBy.function },
        recordedBy: by.subject,
        declaredAt: this.clock.now(),
      };
      await manager.insert(Declaration, declaration);
      const recomputed = await this.compliance.recompute(manager, operatorId);
      return DeclarationView.of(declaration, recomputed?.status.declarationDue);
    });
  }

  @Get()
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'The declarations made, when the next is due and whether it is overdue.' })
  @ApiOkResponse({ type: DeclarationsView })
  async list(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() by: Principal): Promise<DeclarationsView> {
    const manager = this.dataSource.manager;
    await visibleOperator(manager, operatorId, by);
    const facts = await this.compliance.factsOf(manager, operatorId);
    return {
      operatorId,
      nextDue: facts.declarationDue,
      overdue: facts.now > facts.declarationDue,
      declarations: (await manager.find(Declaration, { where: { operatorId }, order: { declaredAt: 'ASC' } })).map((d) => DeclarationView.of(d)),
    };
  }
}
