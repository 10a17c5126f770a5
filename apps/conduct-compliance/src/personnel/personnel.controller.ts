import { Clock, CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { PersonnelErrors } from '../conduct-compliance.errors';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonView, RegisterView, TrainingView } from '../views/views';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { ComplianceService } from '../compliance/compliance.service';
import { coverageOf } from '../compliance/compliance-rules';
import { isReviewer, visibleOperator } from '../operators/access';
import { PersonDto, TrainingDto, UpdatePersonDto } from './dto/personnel.dto';
import { Person } from './person.entity';
import { Training } from './training.entity';

/**
 * Personnel registers: each AEO's (roles, sensitive positions, insider-threat training) and
 * customs' own for its accreditation staff. Coverage = share of people in sensitive positions
 * with valid training.
 */
@ApiTags('personnel and training')
@ApiBearerAuth()
@Controller()
export class PersonnelController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
  ) {}

  @Post('operators/:operatorId/personnel')
  @Roles('trader')
  @ApiOperation({ summary: 'The AEO adds a person to its register, marking a sensitive position by what it gives access to.' })
  @ApiCreatedResponse({ type: PersonView })
  add(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @Body() dto: PersonDto, @CurrentPrincipal() by: Principal) {
    return this.dataSource.transaction(async (manager) => {
      await visibleOperator(manager, operatorId, by, true);
      const person = await this.insertPerson(manager, operatorId, dto, by);
      await this.compliance.recompute(manager, operatorId);
      return PersonView.of(person);
    });
  }

  @Get('operators/:operatorId/personnel')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: "The operator's register with each person's training, and the coverage today." })
  @ApiOkResponse({ type: RegisterView })
  async list(@Param('operatorId', new ParseUUIDPipe()) operatorId: string, @CurrentPrincipal() by: Principal) {
    await visibleOperator(this.dataSource.manager, operatorId, by);
    return this.register(this.dataSource.manager, operatorId);
  }

  @Post('customs-staff')
  @Roles('supervisor')
  @ApiOperation({ summary: "Customs adds one of its own accreditation staff to its register (the same rules as for AEOs)." })
  @ApiCreatedResponse({ type: PersonView })
  addStaff(@Body() dto: PersonDto, @CurrentPrincipal() by: Principal) {
    return this.dataSource.transaction((manager) => this.insertPerson(manager, null, dto, by)).then((p) => PersonView.of(p));
  }

  @Get('customs-staff')
  @Roles('officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: "Customs' own register of accreditation staff, with training and coverage." })
  @ApiOkResponse({ type: RegisterView })
  staff() {
    return this.register(this.dataSource.manager, null);
  }

  @Patch('personnel/:personId')
  @Roles('trader', 'supervisor')
  @ApiOperation({ summary: 'Change a role or sensitive access, or record that the person left.' })
  @ApiOkResponse({ type: PersonView })
  update(@Param('personId', new ParseUUIDPipe()) personId: string, @Body() dto: UpdatePersonDto, @CurrentPrincipal() by: Principal) {
    return this.dataSource.transaction(async (manager) => {
      const person = await this.writablePerson(manager, personId, by);
      if (dto.leftOn && dto.leftOn < person.startedOn) throw PersonnelErrors.invalid('the change is invalid', ['leftOn must not be before startedOn']);
      const changes = {
        ...(dto.role !== undefined ? { role: dto.role } : {}),
        ...(dto.sensitiveAccess !== undefined ? { sensitiveAccess: dto.sensitiveAccess } : {}),
        ...(dto.leftOn !== undefined ? { leftOn: dto.leftOn } : {}),
      };
      await manager.update(Person, { id: personId }, changes);
      if (person.operatorId) await this.compliance.recompute(manager, person.operatorId);
      return PersonView.of({ ...person, ...changes });
    });
  }

  @Post('personnel/:personId/trainings')
  @Roles('trader', 'supervisor')
  @ApiOperation({ summary: 'Record insider-threat awareness training a person took (course, date, valid until).' })
  @ApiCreatedResponse({ type: TrainingView })
  train(@Param('personId', new ParseUUIDPipe()) personId: string, @Body() dto: TrainingDto, @CurrentPrincipal() by: Principal) {
    if (dto.validUntil < dto.completedOn) throw PersonnelErrors.invalid('the training is invalid', ['validUntil must not be before completedOn']);
    if (dto.completedOn > this.today()) throw PersonnelErrors.invalid('the training is invalid', ['completedOn must not be in the future']);
    return this.dataSource.transaction(async (manager) => {
      const person = await this.writablePerson(manager, personId, by);
      const training: Training = { id: randomUUID(), personId, ...dto, recordedBy: by.subject, recordedAt: this.clock.now() };
      await manager.insert(Training, training);
      if (person.operatorId) await this.compliance.recompute(manager, person.operatorId);
      return TrainingView.of(training);
    });
  }

  private today() {
    return this.clock.now().toISOString().slice(0, 10);
  }

  private async insertPerson(manager: EntityManager, operatorId: string | null, dto: PersonDto, by: Principal) {
    const person: Person = {
      id: randomUUID(),
      operatorId,
      name: dto.name,
      role: dto.role,
      sensitiveAccess: dto.sensitiveAccess,
      startedOn: dto.startedOn,
      leftOn: null,
      recordedBy: by.subject,
      recordedAt: this.clock.now(),
    };
    await manager.insert(Person, person);
    return person;
  }

  /** An AEO's person for its trader; a customs staff member for a supervisor. */
  private async writablePerson(manager: EntityManager, personId: string, by: Principal): Promise<Person> {
    const person = await manager.findOne(Person, { where: { id: personId }, lock: { mode: 'pessimistic_write' } });
    if (!person) throw PersonnelErrors.notFound('no such person');
    if (person.operatorId === null) {
      if (!isReviewer(by) || !by.roles.includes('supervisor')) throw PersonnelErrors.customsRegisterBySupervisors("customs' own register is kept by supervisors");
      return person;
    }
    const operator = await visibleOperator(manager, person.operatorId, by, true);
    if (operator.registeredBy !== by.subject) throw PersonnelErrors.ownRegisterOnly('the AEO keeps its own register');
    return person;
  }

  private async register(manager: EntityManager, operatorId: string | null): Promise<RegisterView> {
    const today = this.today();
    const people = await manager.find(Person, { where: { operatorId: operatorId ?? IsNull() }, order: { recordedAt: 'ASC' } });
    const trainings = people.length
      ? await manager.find(Training, { where: { personId: In(people.map((p) => p.id)) }, order: { completedOn: 'ASC' } })
      : [];
    const { sensitive, trained } = await this.compliance.coverage(manager, operatorId, today);
    return {
      operatorId,
      asOf: today,
      coverage: { sensitivePositions: sensitive, trained, percent: coverageOf(sensitive, trained) },
      people: people.map((p) => {
        const own = trainings.filter((t) => t.personId === p.id);
        return PersonView.of(p, {
          employed: p.startedOn <= today && (p.leftOn === null || p.leftOn > today),
          trainedNow: own.some((t) => t.completedOn <= today && t.validUntil >= today),
          trainings: own,
        });
      }),
    };
  }
}
