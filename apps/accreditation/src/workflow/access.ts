import { isStaff, Principal } from '@aeo/platform';
import { OperatorErrors } from '../accreditation.errors';

import { EntityManager } from 'typeorm';
import { KnownOperator } from '../operators/known-operator.entity';

/**
 * Who sees what in accreditation (issue "Access"): a trader only its own operator; staff
 * (isStaff) everything of their administration; partner and agency tokens none of it (refused by
 * @Roles on the routes).
 */

/** The operator, if the principal may act on it: staff, or the trader who registered it. */
export async function operatorFor(manager: EntityManager, operatorId: string, by: Principal): Promise<KnownOperator> {
  const operator = await manager.findOneBy(KnownOperator, { operatorId });
  if (!operator) {
    throw OperatorErrors.notKnown(`operator ${operatorId} is not registered (or its registration has not reached accreditation yet)`);
  }
  if (!isStaff(by) && operator.registeredBy !== by.subject) throw OperatorErrors.notYours('this operator is not yours');
  return operator;
}
