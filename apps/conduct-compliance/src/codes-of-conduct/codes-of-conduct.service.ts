import { Clock, Principal } from '@aeo/platform';
import { CodeOfConductErrors } from '../conduct-compliance.errors';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ComplianceService } from '../compliance/compliance.service';
import { visibleOperator } from '../operators/access';
import { KnownOperator } from '../operators/known-operator.entity';
import { CodeOfConduct } from './code-of-conduct.entity';
import { ReviewCodeOfConductDto, SubmitCodeOfConductDto } from './dto/code-of-conduct.dto';

@Injectable()
export class CodesOfConductService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly compliance: ComplianceService,
  ) {}

  /** The AEO records a new version of its code; it supersedes one awaiting review, and the one in force once accepted. */
  async submit(operatorId: string, dto: SubmitCodeOfConductDto, by: Principal): Promise<CodeOfConduct> {
    if (dto.adoptedOn > this.clock.now().toISOString().slice(0, 10)) {
      throw CodeOfConductErrors.invalid('the code is invalid', ['adoptedOn must not be in the future']);
    }
    return this.dataSource.transaction(async (manager) => {
      await visibleOperator(manager, operatorId, by, true);
      // One new version at a time per operator: the row lock orders concurrent submissions.
      await manager.findOne(KnownOperator, { where: { operatorId }, lock: { mode: 'pessimistic_write' } });
      const last = await manager.findOne(CodeOfConduct, { where: { operatorId }, order: { version: 'DESC' } });
      // A version awaiting review gives way to the new one; the accepted version stays in force
      // until customs accepts its successor; a returned one keeps its review.
      if (last && last.status === 'submitted') {
        await manager.update(CodeOfConduct, { id: last.id }, { status: 'superseded' });
      }
      const code: CodeOfConduct = {
        id: randomUUID(),
        operatorId,
        version: (last?.version ?? 0) + 1,
        text: dto.text,
        checksum: createHash('sha256').update(dto.text, 'utf8').digest('hex'),
        adoptedOn: dto.adoptedOn,
        approvedBy: { name: dto.approvedBy.name, function: dto.approvedBy.function },
        status: 'submitted',
        submittedBy: by.subject,
        submittedAt: this.clock.now(),
        reviewedBy: null,
        reviewedAt: null,
        reviewReason: null,
      };
      await manager.insert(CodeOfConduct, code);
      await this.compliance.recompute(manager, operatorId);
      return code;
    });
  }

  /** Customs accepts the code, or returns it with the reasons. */
  async review(id: string, dto: ReviewCodeOfConductDto, by: Principal): Promise<CodeOfConduct> {
    if (dto.decision === 'return' && !dto.reason?.trim()) throw CodeOfConductErrors.invalid('the review is invalid', ['reason is required when returning a code']);
    return this.dataSource.transaction(async (manager) => {
      const code = await manager.findOne(CodeOfConduct, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!code) throw CodeOfConductErrors.notFound('no such code of conduct');
      if (code.status !== 'submitted') throw CodeOfConductErrors.notSubmitted(`this code is ${code.status}; only a submitted code is reviewed`);
      const reviewed = {
        status: dto.decision === 'accept' ? ('accepted' as const) : ('returned' as const),
        reviewedBy: by.subject,
        reviewedAt: this.clock.now(),
        reviewReason: dto.reason ?? null,
      };
      await manager.update(CodeOfConduct, { id }, reviewed);
      if (reviewed.status === 'accepted') {
        await manager.query(
          `UPDATE code_of_conduct SET status = 'superseded' WHERE operator_id = $1 AND status = 'accepted' AND id <> $2`,
          [code.operatorId, id],
        );
      }
      await this.compliance.recompute(manager, code.operatorId);
      return { ...code, ...reviewed };
    });
  }

  async list(operatorId: string, by: Principal): Promise<CodeOfConduct[]> {
    await visibleOperator(this.dataSource.manager, operatorId, by);
    return this.dataSource.manager.find(CodeOfConduct, { where: { operatorId }, order: { version: 'ASC' } });
  }
}
