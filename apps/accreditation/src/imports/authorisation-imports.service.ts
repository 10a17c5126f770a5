import { Clock, identifierKey, ImportPlanner, knownOperatorsByIdentifier, ImportQuery, ImportReportView, importRuns, ImportRunView, Principal, RowProblem, runImport } from '@aeo/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Authorisation } from '../authorisations/authorisation.entity';
import { CertificateNumbering } from '../authorisations/certificates';
import { IN_FORCE, inForceSql } from '../workflow/authorisation-lifecycle';
import { AuthorisationWorkflow } from '../workflow/authorisation-workflow';
import { AUTHORISATION_COLUMNS, authorisationRow, AuthorisationRow } from './authorisation-rows';

export const AUTHORISATIONS_KIND = 'authorisations';
export const MAX_AUTHORISATION_ROWS = 20_000;

const sameDay = (a: Date, b: Date) => a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);

/**
 * Authorisations granted before this registry, brought in from a CSV file (bulk-import.ts for the
 * rules of a run): each row names a registered operator by one of its identifiers, and becomes an
 * authorisation in force as AuthorisationWorkflow.adopt makes it (partners told as of a grant).
 * A certificate number already held by the same operator, type and dates is unchanged; one
 * held otherwise, or an operator that already holds an authorisation in force, is a problem.
 */
@Injectable()
export class AuthorisationImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: AuthorisationWorkflow,
    private readonly certificates: CertificateNumbering,
    private readonly clock: Clock,
  ) {}

  importAuthorisations(text: string, query: ImportQuery, by: Principal, correlationId?: string): Promise<ImportReportView> {
    const at = this.clock.now();
    return runImport(
      this.dataSource,
      { kind: AUTHORISATIONS_KIND, fileName: query.fileName, text, dryRun: query.dryRun ?? false, by: by.subject, at, columns: AUTHORISATION_COLUMNS, maxRows: MAX_AUTHORISATION_ROWS },
      (manager) => this.planner(manager, by, at, correlationId),
    );
  }

  runs(): Promise<ImportRunView[]> {
    return importRuns(this.dataSource.manager, AUTHORISATIONS_KIND);
  }

  /** Rows checked a chunk at a time; what one row means for the next (the lines of certificates, serials and operators) carried between chunks. */
  private planner(manager: EntityManager, by: Principal, at: Date, correlationId?: string): ImportPlanner<AuthorisationRow, string> {
    const today = at.toISOString().slice(0, 10);
    const certificateLine = new Map<string, number>();
    const operatorLine = new Map<string, number>();
    // A serial taken, by stored authorisations or rows before: the certificate that has it.
    const serialHeldBy = new Map<number, string>();
    return {
      row: (row) => authorisationRow(row, today),
      check: async (valid) => {
        const problems: RowProblem[] = [];
        // The operators, by the identifier each row gives (what operator-registry told this service).
        const operatorOf = await knownOperatorsByIdentifier(manager, valid.map((r) => r.operator));
        const certificates = valid.map((r) => r.certificateNumber);
        const wanted = new Set(certificates);
        // A number in this administration's own format keeps its serial: one authorisation per serial.
        const serialOf = new Map(valid.map((r) => [r.certificateNumber, this.certificates.serialOf(r.certificateNumber)]));
        const serials = [...new Set([...serialOf.values()].filter((x): x is number => x !== null))];
        if (serials.length) {
          const rows: { certificate_serial: number; certificate_number: string }[] = await manager.query(
            `SELECT certificate_serial, certificate_number FROM authorisation WHERE certificate_serial = ANY($1::int[])`,
            [serials],
          );
          for (const r of rows) if (!serialHeldBy.has(r.certificate_serial)) serialHeldBy.set(r.certificate_serial, r.certificate_number);
        }
        const held = new Map<string, Authorisation>();
        const inForce = new Map<string, Authorisation>();
        const operatorIds = [...new Set(operatorOf.values())];
        if (certificates.length || operatorIds.length) {
          const found: Authorisation[] = await manager
            .createQueryBuilder(Authorisation, 'a')
            .where('a.certificate_number = ANY(:numbers)', { numbers: certificates })
            .orWhere(`(a.operator_id = ANY(:operators) AND ${inForceSql('a.status')})`, { operators: operatorIds })
            .getMany();
          for (const a of found) {
            if (wanted.has(a.certificateNumber)) held.set(a.certificateNumber, a);
            if (IN_FORCE.includes(a.status)) inForce.set(a.operatorId, a);
          }
        }
        const create: [number, string][] = [];
        let unchanged = 0;
        for (const r of valid) {
          const problem = (column: string, message: string) => problems.push({ line: r.line, column, message });
          const operatorId = operatorOf.get(identifierKey(r.operator));
          if (!operatorId) {
            problem('operator', `no registered operator has the identifier ${identifierKey(r.operator)} (import the operators first, and wait until accreditation knows them)`);
            continue;
          }
          if (certificateLine.has(r.certificateNumber)) {
            problem('certificate_number', `${r.certificateNumber} is also on line ${certificateLine.get(r.certificateNumber)}`);
            continue;
          }
          certificateLine.set(r.certificateNumber, r.line);
          const existing = held.get(r.certificateNumber);
          if (existing) {
            if (existing.operatorId === operatorId && existing.aeoType === r.aeoType && sameDay(existing.authorisedOn, r.authorisedOn) && sameDay(existing.validTo, r.validTo)) unchanged++;
            else problem('certificate_number', `${r.certificateNumber} is held by another authorisation (${existing.aeoType}, valid to ${existing.validTo.toISOString().slice(0, 10)}) than this row says`);
            continue;
          }
          const serial = serialOf.get(r.certificateNumber) ?? null;
          if (serial !== null && serialHeldBy.has(serial)) {
            problem('certificate_number', `its serial ${serial} is that of certificate ${serialHeldBy.get(serial)}: one serial per authorisation`);
            continue;
          }
          if (serial !== null) serialHeldBy.set(serial, r.certificateNumber);
          const current = inForce.get(operatorId);
          if (current) {
            problem('operator', `the operator already holds ${current.certificateNumber} (AEO-${current.aeoType}, ${current.status}): one authorisation in force per operator`);
            continue;
          }
          if (operatorLine.has(operatorId)) {
            problem('operator', `the same operator is also on line ${operatorLine.get(operatorId)}: one authorisation in force per operator`);
            continue;
          }
          operatorLine.set(operatorId, r.line);
          create.push([r.line, operatorId]);
        }
        return { problems, unchanged, create };
      },
      write: async (rows, run) => {
        for (const { row, found: operatorId } of rows) {
          await this.workflow.adopt(
            manager,
            { ...row, operatorId },
            { runId: run.id, fileName: run.fileName, sha256: run.sha256, line: row.line, importedBy: by.subject, importedAt: at.toISOString() },
            by,
            correlationId,
          );
        }
      },
    };
  }
}
