import { AeoStatus, AeoType } from '@aeo/contracts';
import type { AeoTypeCode } from '../arrangements/arrangement.entity';

/**
 * The AEO types and the exchanged status values (valid, suspended, revoked, withdrawn, expired),
 * between their wire form (protobuf enums) and the form this service stores and answers with.
 */
export const AEO_TYPE_FROM_WIRE: Record<number, AeoTypeCode | undefined> = { [AeoType.C]: 'C', [AeoType.S]: 'S', [AeoType.F]: 'F' };
export const AEO_TYPE_TO_WIRE: Record<AeoTypeCode, AeoType> = { C: AeoType.C, S: AeoType.S, F: AeoType.F };

export const STATUS_FROM_WIRE: Record<number, string | undefined> = {
  [AeoStatus.VALID]: 'valid',
  [AeoStatus.SUSPENDED]: 'suspended',
  [AeoStatus.REVOKED]: 'revoked',
  [AeoStatus.WITHDRAWN]: 'withdrawn',
  [AeoStatus.EXPIRED]: 'expired',
};
export const STATUS_TO_WIRE: Record<string, AeoStatus> = Object.fromEntries(
  Object.entries(STATUS_FROM_WIRE).map(([wire, name]) => [name, Number(wire) as AeoStatus]),
);
