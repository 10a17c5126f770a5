import { CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonView, RegisterView, TrainingView } from '../views/views';
import { PersonDto, TrainingDto, UpdatePersonDto } from './dto/personnel.dto';
import { PersonnelService } from './personnel.service';

/**
 * Personnel registers: each AEO's (roles, sensitive positions, insider-threat training) and
 * customs' own for its accreditation staff. Coverage = share of people in sensitive positions
 * with valid training.
 */
@ApiTags('personnel and training')
@ApiBearerAuth()
@Controller()
export class PersonnelController {
  constructor(private readonly personnel: PersonnelService) {}

  @Post('operators/:operatorId/personnel')
  @Roles('trader')
  @ApiOperation({ summary: 'The AEO adds a person to its register, marking a sensitive position by what it gives access to.' })
  @ApiCreatedResponse({ type: PersonView })
  add(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @Body() dto: PersonDto, @CurrentPrincipal() by: Principal) {
    return this.personnel.add(operatorId, dto, by);
  }

  @Get('operators/:operatorId/personnel')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: "The operator's register with each person's training, and the coverage today." })
  @ApiOkResponse({ type: RegisterView })
  list(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() by: Principal) {
    return this.personnel.ofOperator(operatorId, by);
  }

  @Post('customs-staff')
  @Roles('supervisor')
  @ApiOperation({ summary: "Customs adds one of its own accreditation staff to its register (the same rules as for AEOs)." })
  @ApiCreatedResponse({ type: PersonView })
  addStaff(@Body() dto: PersonDto, @CurrentPrincipal() by: Principal) {
    return this.personnel.addStaff(dto, by);
  }

  @Get('customs-staff')
  @Roles('officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: "Customs' own register of accreditation staff, with training and coverage." })
  @ApiOkResponse({ type: RegisterView })
  staff() {
    return this.personnel.staff();
  }

  @Patch('personnel/:personId')
  @Roles('trader', 'supervisor')
  @ApiOperation({ summary: 'Change a role or sensitive access, or record that the person left.' })
  @ApiOkResponse({ type: PersonView })
  update(@Param('personId', new ParseUUIDPipe()) personId: string, @Body() dto: UpdatePersonDto, @CurrentPrincipal() by: Principal) {
    return this.personnel.update(personId, dto, by);
  }

  @Post('personnel/:personId/trainings')
  @Roles('trader', 'supervisor')
  @ApiOperation({ summary: 'Record insider-threat awareness training a person took (course, date, valid until).' })
  @ApiCreatedResponse({ type: TrainingView })
  train(@Param('personId', new ParseUUIDPipe()) personId: string, @Body() dto: TrainingDto, @CurrentPrincipal() by: Principal) {
    return this.personnel.train(personId, dto, by);
  }
}
