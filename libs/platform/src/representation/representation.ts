import { Column, Entity, EntityManager, Index, PrimaryColumn } from 'typeorm';
import { isStaff, Principal } from '../auth/principal';

/**
 * Representatives (DOMAIN.md: customs brokers act for many MSMEs): the holder of an operator
 * authorises a user of the registry for named acts, from a day, until a day or until revoked.
 * These are the acts, and the one rule of what a mandate allows; operator-registry keeps the
 * mandates and tells the other services, which keep a copy (`KnownRepresentation`) and ask
 * `accessTo` before letting anyone but staff and the holder near an operator.
 */
export const REPRESENTATION_ACTS = ['read', 'prepare', 'submit', 'respond'] as const;
export type RepresentationAct = (typeof REPRESENTATION_ACTS)[number];
/** What needs the holder itself: withdrawing, asking to be suspended, giving consents, choosing representatives. */
export type HolderAct = 'holder';

export interface Mandate {
  representative: string;
  acts: string[];
  validFrom: Date;
  validTo: Date | null;
  revokedAt: Date | null;
}

/** A mandate covers an act at a time: the representative's, in force then, not revoked, and naming the act (every mandate reads). */
export function mandateCovers(m: Mandate, subject: string, act: RepresentationAct | HolderAct, at: Date): boolean {
  if (act === 'holder' || m.representative !== subject) return false;
  if (m.revokedAt && m.revokedAt <= at) return false;
  if (m.validFrom > at || (m.validTo && m.validTo <= at)) return false;
  return act === 'read' || m.acts.includes(act);
}

/** The columns of a mandate, wherever it is kept: operator-registry's own table and the other services' copies. */
export abstract class MandateColumns implements Mandate {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'operator_id' })
  operatorId: string;

  /** Subject of the representative's user. */
  @Column('text')
  representative: string;

  @Column('text', { array: true })
  acts: string[];

  @Column('timestamptz', { name: 'valid_from' })
  validFrom: Date;

  @Column('timestamptz', { name: 'valid_to', nullable: true })
  validTo: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}

/** A service's copy of a mandate, from RepresentationChanged. */
@Entity({ name: 'known_representation' })
@Index('known_representation_by_representative', ['representative', 'operatorId'])
export class KnownRepresentation extends MandateColumns {}

export const REPRESENTATION_ENTITIES = [KnownRepresentation];

/** How a principal stands to an operator: staff, its holder (the trader who registered it), a representative with some acts, or none. */
export interface Access {
  staff: boolean;
  holder: boolean;
  /** The acts a representative may do now (empty for staff, the holder and strangers). */
  acts: Set<RepresentationAct>;
}

/** The principal's access to an operator registered by `holder`, mandates read from the service's copy. */
export async function accessTo(manager: EntityManager, operator: { operatorId: string; registeredBy: string }, by: Principal, at = new Date()): Promise<Access> {
  const staff = isStaff(by);
  const holder = !staff && by.roles.includes('trader') && operator.registeredBy === by.subject;
  const acts = new Set<RepresentationAct>();
  if (!staff && !holder && by.roles.includes('trader')) {
    const mandates = await manager.find(KnownRepresentation, { where: { operatorId: operator.operatorId, representative: by.subject } });
    for (const act of REPRESENTATION_ACTS) if (mandates.some((m) => mandateCovers(m, by.subject, act, at))) acts.add(act);
  }
  return { staff, holder, acts };
}

/** Whether an access allows an act: staff and the holder everything their roles allow; a representative what its mandates name. */
export function allows(access: Access, act: RepresentationAct | HolderAct): boolean {
  return access.staff || access.holder || (act !== 'holder' && access.acts.has(act));
}
