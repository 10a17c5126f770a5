import { Events } from '@aeo/contracts';
import { OutboxWriter } from '@aeo/messaging';
import { Clock, identifierKey, ImportPlanner, ImportQuery, ImportReportView, importRuns, ImportRunView, Principal, RowProblem, runImport } from '@aeo/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ConsentRecord } from '../consents/consent-record.entity';
import { OperatorIdentifier } from '../identifiers/operator-identifier.entity';
import { consentChanged, operatorRegistered } from '../operators/operator-messages';
import { Operator } from '../operators/operator.entity';
import { OperatorsService } from '../operators/operators.service';
import { OPERATOR_COLUMNS, operatorRow, OperatorRow } from './operator-rows';

export const OPERATORS_KIND = 'operators';
/** Most rows in one file. */
export const MAX_OPERATOR_ROWS = 20_000;

/**
 * Operators brought in from an existing register (a CSV file, bulk-import.ts for the rules of a
 * run): each row registers an operator as `POST /operators` does, with the same events (its
 * consents included), and keeps the file and line it came from. A row whose identifiers all
 * belong to one registered operator is already there (unchanged); a row sharing only some
 * identifiers with one, or with two operators, is a problem to resolve by hand.
 */
@Injectable()
export class OperatorImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly operators: OperatorsService,
    private readonly clock: Clock,
  ) {}

  importOperators(text: string, query: ImportQuery, by: Principal, correlationId?: string): Promise<ImportReportView> {
    const at = this.clock.now();
    return runImport(
      this.dataSource,
      { kind: OPERATORS_KIND, fileName: query.fileName, text, dryRun: query.dryRun ?? false, by: by.subject, at, columns: OPERATOR_COLUMNS, maxRows: MAX_OPERATOR_ROWS },
      (manager) => this.planner(manager, by, at, correlationId),
    );
  }

  runs(): Promise<ImportRunView[]> {
    return importRuns(this.dataSource.manager, OPERATORS_KIND);
  }

  private planner(manager: EntityManager, by: Principal, at: Date, correlationId?: string): ImportPlanner<OperatorRow, true> {
    // The line each identifier of the file is first on.
    const firstLine = new Map<string, number>();
    return {
      row: operatorRow,
      check: async (valid) => {
        const problems: RowProblem[] = [];
        const clean = valid.filter((r) => {
          const repeated = r.registration.identifiers.map(identifierKey).filter((k) => firstLine.has(k));
          for (const k of repeated) problems.push({ line: r.line, column: 'identifiers', message: `${k} is also on line ${firstLine.get(k)}` });
          for (const k of r.registration.identifiers.map(identifierKey)) if (!firstLine.has(k)) firstLine.set(k, r.line);
          return repeated.length === 0;
        });
        // The chunk's identifiers (a thousand rows' worth) in one query.
        const ids = clean.flatMap((r) => r.registration.identifiers);
        const owners = new Map<string, string>();
        const found: { scheme: string; issuer: string; value: string; operator_id: string }[] = ids.length
          ? await manager.query(
              `SELECT i.scheme, i.issuer, i.value, i.operator_id FROM operator_identifier i
               JOIN unnest($1::text[], $2::text[], $3::text[]) AS f(scheme, issuer, value) ON (i.scheme, i.issuer, i.value) = (f.scheme, f.issuer, f.value)`,
              [ids.map((x) => x.scheme), ids.map((x) => x.issuer), ids.map((x) => x.value)],
            )
          : [];
        for (const f of found) owners.set(identifierKey(f), f.operator_id);
        const create: [number, true][] = [];
        let unchanged = 0;
        for (const r of clean) {
          const held = r.registration.identifiers.map((i) => owners.get(identifierKey(i)));
          const distinct = new Set(held.filter((o): o is string => !!o));
          if (distinct.size === 0) create.push([r.line, true]);
          else if (distinct.size === 1 && held.every((o) => o)) unchanged++;
          else {
            const taken = r.registration.identifiers.filter((i) => owners.has(identifierKey(i))).map(identifierKey);
            problems.push({
              line: r.line,
              column: 'identifiers',
              message:
                distinct.size > 1
                  ? `the identifiers belong to ${distinct.size} different registered operators (${taken.join(', ')})`
                  : `${taken.join(', ')} already belong to a registered operator whose other identifiers differ: add identifiers to it by a change, not by import`,
            });
          }
        }
        return { problems, unchanged, create };
      },
      write: (rows, run) => this.write(manager, rows.map((r) => r.row), run, by, at, correlationId),
    };
  }

  private async write(manager: EntityManager, rows: OperatorRow[], run: { id: string; fileName: string; sha256: string }, by: Principal, at: Date, correlationId?: string) {
    // A chunk of the file's operators (a thousand at most, readCsv's), their events with them.
    const chunk = rows.map((r) => ({ id: randomUUID(), row: r, sizeClass: this.operators.sizeClass(r.registration.employees, r.registration.annualTurnover) }));
    await manager.createQueryBuilder().insert().into(Operator).values(
      chunk.map(({ id, row: { registration: d, trader, line }, sizeClass }) => ({
        id,
        legalName: d.legalName,
        tradingNames: d.tradingNames ?? [],
        address: { ...d.address },
        roles: d.roles ?? [],
        sites: [],
        contacts: (d.contacts ?? []).map((c) => ({ ...c })),
        employees: d.employees ?? null,
        annualTurnover: d.annualTurnover === undefined ? null : String(d.annualTurnover),
        sizeClass,
        registeredBy: trader ?? by.subject,
        registeredAt: at,
        importedFrom: { runId: run.id, fileName: run.fileName, sha256: run.sha256, line, importedBy: by.subject, importedAt: at.toISOString() },
      })),
    ).updateEntity(false).execute();
    await manager.createQueryBuilder().insert().into(OperatorIdentifier).values(
      chunk.flatMap(({ id, row }) =>
        row.registration.identifiers.map((x) => ({ id: randomUUID(), operatorId: id, scheme: x.scheme, value: x.value, issuer: x.issuer, validFrom: at.toISOString().slice(0, 10), validTo: null })),
      ),
    ).updateEntity(false).execute();
    await manager.createQueryBuilder().insert().into(ConsentRecord).values(
      chunk.map(({ id, row }) => ({ id: randomUUID(), operatorId: id, ...row.registration.consent!, recordedAt: at, recordedBy: by.subject })),
    ).updateEntity(false).execute();
    await this.outbox.appendMany(
      manager,
      Events.operatorRegistered,
      chunk.map(({ id, row, sizeClass }) => ({ aggregateId: id, correlationId, occurredAt: at, message: operatorRegistered(id, row.registration, sizeClass, row.trader ?? by.subject, at) })),
    );
    await this.outbox.appendMany(
      manager,
      Events.consentChanged,
      chunk.map(({ id, row }) => ({ aggregateId: id, correlationId, occurredAt: at, message: consentChanged(id, row.registration.consent!, at) })),
    );
  }
}
