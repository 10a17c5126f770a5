import { isStaff, Principal } from '@aeo/platform';
import { OperatorErrors } from '../conduct-compliance.errors';

import { EntityManager } from 'typeorm';
import { KnownOperator } from './known-operator.entity';

/** Staff who review and write (auditors only read). */
const REVIEWERS = ['officer', 'supervisor'];

export const isReviewer = (by: Principal) => by.roles.some((r) => REVIEWERS.includes(r));

/**
 * The operator, if the principal may see it: staff see every operator of the administration; a
 * trader only the operator it registered. `write` refuses auditors (they read).
 */
export async function visibleOperator(manager: EntityManager, operatorId: string, by: Principal, write = false): Promise<KnownOperator> {
  const operator = await manager.findOneBy(KnownOperator, { operatorId });
  if (!operator) throw OperatorErrors.notKnown('operator not known here (not registered, or its registration has not arrived yet)');
  const own = operator.registeredBy === by.subject && by.roles.includes('trader');
  if (!own && !isStaff(by)) throw OperatorErrors.notYours('this operator is not yours');
  if (write && !own && !isReviewer(by)) throw OperatorErrors.readOnly('auditors read; they do not write');
  return operator;
}
