import { Access, accessTo, allows, HolderAct, Principal, RepresentationAct, selectRows } from '@aeo/platform';
import { OperatorErrors } from '../accreditation.errors';

import { EntityManager } from 'typeorm';
import { KnownOperator } from '../operators/known-operator.entity';
import type { ApplicationAction } from './application-lifecycle';
import type { AuthorisationAction } from './authorisation-lifecycle';

/**
 * Who sees and does what in accreditation: staff (isStaff) everything of their administration
 * that their roles allow; the trader who registered the operator (its holder) everything a trader
 * may; a representative the acts of its mandates (@aeo/platform's representation rules); partner
 * and agency tokens none of it (refused by @Roles on the routes).
 */

/** The act a representative's mandate must name for each of the holder's steps; any other trader step is the holder's own. */
export const ACT_OF_STEP: Partial<Record<ApplicationAction | AuthorisationAction, RepresentationAct>> = {
  submit: 'submit',
  answer_information: 'respond',
  answer_hearing: 'respond',
  appeal: 'respond',
};

/** What a step asks of whoever takes it: a mandate's act, or the holder itself (withdrawing, asking to be suspended). */
export const actOfStep = (action: ApplicationAction | AuthorisationAction): RepresentationAct | HolderAct => ACT_OF_STEP[action] ?? 'holder';

/** The operator and how the principal stands to it, if the principal may do `act` for it (reading by default). */
export async function operatorAccess(manager: EntityManager, operatorId: string, by: Principal, act: RepresentationAct | HolderAct = 'read'): Promise<{ operator: KnownOperator; access: Access }> {
  const [operator] = await selectRows(manager, KnownOperator, 'WHERE operator_id = $1', [operatorId]);
  return { operator, access: await accessAllowed(manager, operatorId, operator, by, act) };
}

/**
 * How the principal stands to the operator, as known here (`operator`: who registered it, read by
 * the caller; undefined if not known), if the principal may do `act` for it.
 */
export async function accessAllowed(
  manager: EntityManager,
  operatorId: string,
  operator: { registeredBy: string } | undefined,
  by: Principal,
  act: RepresentationAct | HolderAct,
): Promise<Access> {
  if (!operator) {
    throw OperatorErrors.notKnown(`operator ${operatorId} is not registered (or its registration has not reached accreditation yet)`);
  }
  const access = await accessTo(manager, { operatorId, registeredBy: operator.registeredBy }, by);
  if (!allows(access, act)) {
    if (access.acts.size > 0) throw OperatorErrors.notYours(`your mandate for this operator does not cover this (it allows: ${[...access.acts].join(', ')})`);
    throw OperatorErrors.notYours('this operator is not yours');
  }
  return access;
}

/** A column to read with a row of another table that has `operator_id`: who registered the operator (null if not known here). */
export const registeredByOf = (table: string) => `(SELECT registered_by FROM known_operator k WHERE k.operator_id = "${table}".operator_id) AS "registeredBy"`;

/** The operator, if the principal may do `act` for it. */
export async function operatorFor(manager: EntityManager, operatorId: string, by: Principal, act: RepresentationAct | HolderAct = 'read'): Promise<KnownOperator> {
  return (await operatorAccess(manager, operatorId, by, act)).operator;
}

/**
 * The steps open to a viewer: all the life cycle offers its roles for staff and the holder; for a
 * representative only those its mandates name.
 */
export function stepsFor<A extends ApplicationAction | AuthorisationAction>(access: Access, open: A[]): A[] {
  if (access.staff || access.holder) return open;
  return open.filter((a) => allows(access, actOfStep(a)));
}

/** What the history adds to a step a representative took: that it acted as representative. */
export const representativeDetails = (access: Access): Record<string, unknown> => (access.staff || access.holder ? {} : { asRepresentative: true });
