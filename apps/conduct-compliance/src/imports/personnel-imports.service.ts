import { Clock, CsvRow, identifierKey, ImportPlan, knownOperatorsByIdentifier, ImportQuery, ImportReportView, importRuns, ImportRunView, Principal, RowProblem, runImport } from '@aeo/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ComplianceService } from '../compliance/compliance.service';
import { Person } from '../personnel/person.entity';
import { Training } from '../personnel/training.entity';
import { PERSONNEL_COLUMNS, personnelRow, PersonnelRow } from './personnel-rows';

export const PERSONNEL_KIND = 'personnel';
export const MAX_PERSONNEL_ROWS = 50_000;

/**
 * AEOs' personnel registers brought in from a CSV file (bulk-import.ts for the rules of a run):
 * each row adds a person (and the training last taken) to the register of the operator it names by
 * an identifier; a person already in that register (same name and first day) is unchanged. Each
 * operator touched has its compliance status derived again in the same transaction.
 */
@Injectable()
export class PersonnelImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
  ) {}

  importPersonnel(text: string, query: ImportQuery, by: Principal, correlationId?: string): Promise<ImportReportView> {
    const at = this.clock.now();
    return runImport(
      this.dataSource,
      { kind: PERSONNEL_KIND, fileName: query.fileName, text, dryRun: query.dryRun ?? false, by: by.subject, at, columns: PERSONNEL_COLUMNS, maxRows: MAX_PERSONNEL_ROWS },
      (manager, rows) => this.plan(manager, rows, by, at, correlationId),
    );
  }

  runs(): Promise<ImportRunView[]> {
    return importRuns(this.dataSource.manager, PERSONNEL_KIND);
  }

  private async plan(manager: EntityManager, rows: CsvRow[], by: Principal, at: Date, correlationId?: string): Promise<ImportPlan> {
    const today = at.toISOString().slice(0, 10);
    const problems: RowProblem[] = [];
    const valid: PersonnelRow[] = [];
    for (const row of rows) {
      const r = personnelRow(row, today);
      problems.push(...r.problems);
      if (r.value) valid.push(r.value);
    }
    const operatorOf = await knownOperatorsByIdentifier(manager, valid.map((r) => r.operator));
    const operatorIds = [...new Set(operatorOf.values())];
    const present = new Set<string>();
    const personKey = (operatorId: string, name: string, startedOn: string) => `${operatorId}|${name.toLowerCase()}|${startedOn}`;
    if (operatorIds.length) {
      const people: { operator_id: string; name: string; started_on: string }[] = await manager.query(
        `SELECT operator_id, name, to_char(started_on, 'YYYY-MM-DD') AS started_on FROM person WHERE operator_id = ANY($1::uuid[])`,
        [operatorIds],
      );
      for (const p of people) present.add(personKey(p.operator_id, p.name, p.started_on));
    }
    const create: (PersonnelRow & { operatorId: string })[] = [];
    const lineOf = new Map<string, number>();
    let unchanged = 0;
    for (const r of valid) {
      const operatorId = operatorOf.get(identifierKey(r.operator));
      if (!operatorId) {
        problems.push({ line: r.line, column: 'operator', message: `no registered operator has the identifier ${identifierKey(r.operator)} (import the operators first)` });
        continue;
      }
      const k = personKey(operatorId, r.name, r.startedOn);
      if (lineOf.has(k)) {
        problems.push({ line: r.line, column: 'name', message: `the same person (name and started_on) is also on line ${lineOf.get(k)}` });
        continue;
      }
      lineOf.set(k, r.line);
      if (present.has(k)) unchanged++;
      else create.push({ ...r, operatorId });
    }
    return {
      problems,
      created: create.length,
      unchanged,
      apply: async (run) => {
        const people: Person[] = create.map((r) => ({
          id: randomUUID(),
          operatorId: r.operatorId,
          name: r.name,
          role: r.role,
          sensitiveAccess: r.sensitiveAccess,
          startedOn: r.startedOn,
          leftOn: r.leftOn,
          recordedBy: by.subject,
          recordedAt: at,
          importRunId: run.id,
        }));
        const trainings: Training[] = create.flatMap((r, n) =>
          r.training ? [{ id: randomUUID(), personId: people[n].id, ...r.training, recordedBy: by.subject, recordedAt: at }] : [],
        );
        for (let i = 0; i < people.length; i += 1000) await manager.createQueryBuilder().insert().into(Person).values(people.slice(i, i + 1000)).updateEntity(false).execute();
        for (let i = 0; i < trainings.length; i += 1000) await manager.createQueryBuilder().insert().into(Training).values(trainings.slice(i, i + 1000)).updateEntity(false).execute();
        for (const operatorId of new Set(create.map((r) => r.operatorId))) await this.compliance.recompute(manager, operatorId, correlationId);
      },
    };
  }
}
