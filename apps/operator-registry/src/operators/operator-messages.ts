import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ConsentChangedSchema, OperatorChangedSchema, OperatorIdentifierSchema, OperatorRegisteredSchema, PostalAddressSchema, SIZE_CLASS_WIRE, SizeClassName } from '@aeo/contracts';
import type { OperatorAddress } from './operator.entity';
import { ConsentDto, RegisterOperatorDto } from './dto/register-operator.dto';

/** OperatorRegistered, as a registration or an import tells it. */
export function operatorRegistered(id: string, dto: RegisterOperatorDto, sizeClass: SizeClassName | null, registeredBy: string, at: Date) {
  return create(OperatorRegisteredSchema, {
    operatorId: id,
    legalName: dto.legalName,
    address: create(PostalAddressSchema, dto.address),
    identifiers: dto.identifiers.map((i) => create(OperatorIdentifierSchema, { scheme: i.scheme, value: i.value, issuer: i.issuer })),
    registeredAt: timestampFromDate(at),
    registeredBy,
    tradingNames: dto.tradingNames ?? [],
    roles: dto.roles ?? [],
    sizeClass: sizeClass ?? '',
    size: SIZE_CLASS_WIRE.toWire(sizeClass),
  });
}

/** OperatorChanged: which fields changed, and the operator as it now is (its holder when `changed` names it). */
export function operatorChanged(
  id: string,
  now: { legalName: string; address: OperatorAddress; sizeClass: string | null; holder?: string },
  changed: string[],
  significant: boolean,
  at: Date,
) {
  return create(OperatorChangedSchema, {
    operatorId: id,
    changed,
    significant,
    legalName: now.legalName,
    address: create(PostalAddressSchema, now.address),
    sizeClass: now.sizeClass ?? '',
    size: SIZE_CLASS_WIRE.toWire(now.sizeClass as SizeClassName | null),
    changedAt: timestampFromDate(at),
    holder: now.holder ?? '',
  });
}

/** ConsentChanged: the consents now in force. */
export function consentChanged(operatorId: string, consent: ConsentDto, at: Date) {
  return create(ConsentChangedSchema, {
    operatorId,
    shareWithPartners: consent.shareWithPartners,
    publishInDirectory: consent.publishInDirectory,
    changedAt: timestampFromDate(at),
  });
}

/** No consent given: nothing shared, nothing published. */
export const NO_CONSENT: ConsentDto = { shareWithPartners: false, publishInDirectory: false };
