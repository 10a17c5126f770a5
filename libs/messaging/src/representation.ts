import { RepresentationChanged } from '@aeo/contracts';
import { KnownRepresentation } from '@aeo/platform';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { EntityManager } from 'typeorm';

/** A service's copy of a mandate, brought up to date by operator-registry's RepresentationChanged. */
export async function keepRepresentation(manager: EntityManager, m: RepresentationChanged): Promise<void> {
  const row: KnownRepresentation = {
    id: m.representationId,
    operatorId: m.operatorId,
    representative: m.representative,
    acts: [...m.acts],
    validFrom: timestampDate(m.validFrom!),
    validTo: m.validTo ? timestampDate(m.validTo) : null,
    revokedAt: m.revokedAt ? timestampDate(m.revokedAt) : null,
  };
  await manager.upsert(KnownRepresentation, row, ['id']);
}
