import { Clock, Principal } from '@aeo/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ComplianceService } from '../compliance/compliance.service';
import { CodeOfConductErrors } from '../conduct-compliance.errors';
import { visibleOperator } from '../operators/access';
import { DeclarationsView, DeclarationView } from '../views/views';
import { Declaration } from './declaration.entity';

/** What the AEO declares, and who in management declares it. */
export type DeclarationStatement = Pick<Declaration, 'statement' | 'declaredBy'>;

/**
 * The AEO's periodic declarations of compliance with its accepted Code of Conduct. A declaration
 * recomputes the operator's compliance status in the same transaction (the status and its event,
 * through the outbox, are written with it).
 */
@Injectable()
export class DeclarationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
  ) {}

  /** Records a declaration against the accepted code; refused while no code is accepted. */
  async declare(operatorId: string, dto: DeclarationStatement, by: Principal): Promise<DeclarationView> {
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

  /** The declarations made, when the next is due and whether it is overdue. */
  async list(operatorId: string, by: Principal): Promise<DeclarationsView> {
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
