import { Clock, identifierKey, ImportPlanner, knownOperatorsByIdentifier, ImportQuery, ImportReportView, importRuns, ImportRunView, Principal, RowProblem, runImport } from '@aeo/platform';
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
      (manager) => this.planner(manager, by, at, correlationId),
    );
  }

  runs(): Promise<ImportRunView[]> {
    return importRuns(this.dataSource.manager, PERSONNEL_KIND);
  }

  /** Rows checked a chunk at a time (the line of each person of the file carried between chunks); compliance derived again once all are written. */
  private planner(manager: EntityManager, by: Principal, at: Date, correlationId?: string): ImportPlanner<PersonnelRow, string> {
    const today = at.toISOString().slice(0, 10);
    const personKey = (operatorId: string, name: string, startedOn: string) => `${operatorId}|${name.toLowerCase()}|${startedOn}`;
    const lineOf = new Map<string, number>();
    const touched = new Set<string>();
    return {
      row: (row) => personnelRow(row, today),
      check: async (valid) => {
        const problems: RowProblem[] = [];
        const operatorOf = await knownOperatorsByIdentifier(manager, valid.map((r) => r.operator));
        // The people stored who could be this chunk's: same operator, same first day (names compared here, as personKey does).
        const days = new Map<string, { operatorId: string; startedOn: string }>();
        for (const r of valid) {
          const operatorId = operatorOf.get(identifierKey(r.operator));
          if (operatorId) days.set(`${operatorId}|${r.startedOn}`, { operatorId, startedOn: r.startedOn });
        }
        const present = new Set<string>();
        if (days.size) {
          const wanted = [...days.values()];
          const people: { operator_id: string; name: string; started_on: string }[] = await manager.query(
            `SELECT p.operator_id, p.name, to_char(p.started_on, 'YYYY-MM-DD') AS started_on
             FROM person p JOIN unnest($1::uuid[], $2::date[]) AS d(operator_id, started_on) ON p.operator_id = d.operator_id AND p.started_on = d.started_on`,
            [wanted.map((d) => d.operatorId), wanted.map((d) => d.startedOn)],
          );
          for (const p of people) present.add(personKey(p.operator_id, p.name, p.started_on));
        }
        const create: [number, string][] = [];
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
          else create.push([r.line, operatorId]);
        }
        return { problems, unchanged, create };
      },
      write: async (rows, run) => {
        const people: Person[] = rows.map(({ row: r, found: operatorId }) => ({
          id: randomUUID(),
          operatorId,
          name: r.name,
          role: r.role,
          sensitiveAccess: r.sensitiveAccess,
          startedOn: r.startedOn,
          leftOn: r.leftOn,
          recordedBy: by.subject,
          recordedAt: at,
          importRunId: run.id,
        }));
        const trainings: Training[] = rows.flatMap(({ row: r }, n) =>
          r.training ? [{ id: randomUUID(), personId: people[n].id, ...r.training, recordedBy: by.subject, recordedAt: at }] : [],
        );
        await manager.createQueryBuilder().insert().into(Person).values(people).updateEntity(false).execute();
        if (trainings.length) await manager.createQueryBuilder().insert().into(Training).values(trainings).updateEntity(false).execute();
        for (const { found: operatorId } of rows) touched.add(operatorId);
      },
      finish: async () => {
        for (const operatorId of touched) await this.compliance.recompute(manager, operatorId, correlationId);
      },
    };
  }
}
