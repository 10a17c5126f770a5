import { RepresentationChanged } from '@aeo/contracts';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { EntityManager } from 'typeorm';

/**
 * A service's copy of a mandate, brought up to date by operator-registry's RepresentationChanged.
 * A revocation is final: a grant message delivered again after it never makes the mandate live again.
 */
export async function keepRepresentation(manager: EntityManager, m: RepresentationChanged): Promise<void> {
  await manager.query(
    `INSERT INTO known_representation (id, operator_id, representative, acts, valid_from, valid_to, revoked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET revoked_at = COALESCE(known_representation.revoked_at, EXCLUDED.revoked_at)`,
    [
      m.representationId,
      m.operatorId,
      m.representative,
      [...m.acts],
      timestampDate(m.validFrom!),
      m.validTo ? timestampDate(m.validTo) : null,
      m.revokedAt ? timestampDate(m.revokedAt) : null,
    ],
  );
}
