import { Clock, Principal } from '@aeo/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { coverageOf } from '../compliance/compliance-rules';
import { ComplianceService } from '../compliance/compliance.service';
import { PersonnelErrors } from '../conduct-compliance.errors';
import { actsForOperator, isReviewer, visibleOperator } from '../operators/access';
import { PersonView, RegisterView, TrainingView } from '../views/views';
import { PersonDto, TrainingDto, UpdatePersonDto } from './dto/personnel.dto';
import { Person } from './person.entity';
import { Training } from './training.entity';

/**
 * Personnel registers: each AEO's (roles, sensitive positions, insider-threat training) and
 * customs' own for its accreditation staff. Coverage = share of people in sensitive positions
 * with valid training. A change to an AEO's register recomputes its compliance status in the same
 * transaction (the status and its event, through the outbox, are written with the change).
 */
@Injectable()
export class PersonnelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
  ) {}

  /** The AEO adds a person to its register. */
  async add(operatorId: string, dto: PersonDto, by: Principal): Promise<PersonView> {
    return this.dataSource.transaction(async (manager) => {
      await visibleOperator(manager, operatorId, by, true);
      const person = await this.insertPerson(manager, operatorId, dto, by);
      await this.compliance.recompute(manager, operatorId);
      return PersonView.of(person);
    });
  }

  /** The operator's register, for a principal who may see the operator. */
  async ofOperator(operatorId: string, by: Principal): Promise<RegisterView> {
    await visibleOperator(this.dataSource.manager, operatorId, by);
    return this.register(this.dataSource.manager, operatorId);
  }

  /** Customs adds one of its own accreditation staff to its register. */
  async addStaff(dto: PersonDto, by: Principal): Promise<PersonView> {
    return this.dataSource.transaction((manager) => this.insertPerson(manager, null, dto, by)).then((p) => PersonView.of(p));
  }

  /** Customs' own register of accreditation staff. */
  staff(): Promise<RegisterView> {
    return this.register(this.dataSource.manager, null);
  }

  /** Changes a role or sensitive access, or records that the person left. */
  async update(personId: string, dto: UpdatePersonDto, by: Principal): Promise<PersonView> {
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

  /** Records insider-threat awareness training a person took. */
  async train(personId: string, dto: TrainingDto, by: Principal): Promise<TrainingView> {
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
      importRunId: null,
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
    if (!(await actsForOperator(manager, operator, by))) throw PersonnelErrors.ownRegisterOnly('the AEO keeps its own register (its holder, or a representative it chose)');
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
