import { EntityManager } from 'typeorm';

/**
 * Which partners an AEO is sent to depends on the arrangements in effect, and the opening of an
 * arrangement sends every AEO held at that moment. Each reads what the other writes, so under
 * READ COMMITTED both could miss the other's row (a write skew: an AEO granted while an MRA
 * opened reached no partner, and no snapshot could repair it). They serialise on this lock: a
 * publication holds it shared, from before it writes the holder's state until it commits (so
 * publications do not wait for one another); an opening holds it exclusively. Whichever comes
 * second sees what the first committed.
 */
const LOCK = `hashtext(current_schema() || '.mra-coverage')`;

/** Taken by a publication before it writes holder state or reads the arrangements. */
export async function lockCoverageShared(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(${LOCK})`);
}

/** Taken by an opening before it changes what arrangements cover and sends every AEO. */
export async function lockCoverageExclusive(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${LOCK})`);
}
