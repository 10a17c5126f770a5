import { EntityManager } from 'typeorm';
import { addYears } from '../workflow/rules';

/**
 * After a revocation the operator may not apply again for some years (REAPPLICATION_BAR_YEARS):
 * a new draft is refused, and so is the submission of one opened before.
 */

/** The end of the bar after the operator's last revocation, when it is still ahead of `now`. */
export function barEnd(lastRevokedAt: Date, years: number, now: Date): Date | undefined {
  const until = addYears(lastRevokedAt, years);
  return until > now ? until : undefined;
}

// Stryker disable all: the query, proved by the integration tests; the rule is barEnd's.

/** Until when a new application of the operator is refused after a revocation, if it is. */
export async function reapplicationBarredUntil(manager: EntityManager, operatorId: string, now: Date, years: number): Promise<Date | undefined> {
  const [row] = await manager.query(`SELECT max(revoked_at) AS at FROM authorisation WHERE operator_id = $1`, [operatorId]);
  return row?.at ? barEnd(new Date(row.at), years, now) : undefined; // never revoked: no bar
}
