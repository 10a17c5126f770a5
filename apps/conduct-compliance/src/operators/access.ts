import { accessTo, allows, Principal } from '@aeo/platform';
import { OperatorErrors } from '../conduct-compliance.errors';

import { EntityManager } from 'typeorm';
import { KnownOperator } from './known-operator.entity';

/** Staff who review and write (auditors only read). */
const REVIEWERS = ['officer', 'supervisor'];

export const isReviewer = (by: Principal) => by.roles.some((r) => REVIEWERS.includes(r));

/**
 * The operator, if the principal may see it: staff see every operator of the administration; a
 * trader the operator it registered, and those it represents. `write` refuses auditors (they
 * read) and representatives whose mandate does not cover preparing (codes of conduct, personnel,
 * declarations, incidents are the holder's own file).
 */
export async function visibleOperator(manager: EntityManager, operatorId: string, by: Principal, write = false): Promise<KnownOperator> {
  const operator = await manager.findOneBy(KnownOperator, { operatorId });
  if (!operator) throw OperatorErrors.notKnown('operator not known here (not registered, or its registration has not arrived yet)');
  const access = await accessTo(manager, operator, by);
  if (!allows(access, 'read')) throw OperatorErrors.notYours('this operator is not yours');
  if (write && access.staff && !isReviewer(by)) throw OperatorErrors.readOnly('auditors read; they do not write');
  if (write && !access.staff && !allows(access, 'prepare')) throw OperatorErrors.notYours(`your mandate for this operator does not cover preparing its file (it allows: ${[...access.acts].join(', ')})`);
  return operator;
}

/** The trader who acts for the operator here: its holder, or a representative whose mandate covers preparing. */
export async function actsForOperator(manager: EntityManager, operator: KnownOperator, by: Principal): Promise<boolean> {
  const access = await accessTo(manager, operator, by);
  return access.holder || (!access.staff && allows(access, 'prepare'));
}
