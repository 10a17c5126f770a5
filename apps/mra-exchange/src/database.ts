import { MESSAGING_ENTITIES } from '@aeo/messaging';
import { Arrangement } from './arrangements/arrangement.entity';
import { AnsweredRequest } from './exchange/answered-request.entity';
import { IssuerProgress, ReceivedIdentifier, ReceivedRecord } from './inbound/received.entities';
import { HolderAuthorisation, HolderOperator, OutboundRecord } from './outbound/holder.entities';
import { AgencyStatusChange } from './agency-feed/agency-status-change.entity';
import { ApplicationDecision, PartnerFigures } from './regional-figures/regional-figures.entities';
import { IssuerLog, LogAlert, PartnerCheckpoint, PartnerLog, ReceivedCosignature, ReceivedLeaf } from './log/log.entities';
import { IssuerSequence } from './outbound/issuer-sequence.entity';
import { MIGRATIONS } from './migrations';

/** MRA exchange's own schema, tables and migrations. */
export const MRA_EXCHANGE_DATABASE = {
  schema: 'mra_exchange',
  entities: [
    Arrangement,
    HolderOperator,
    HolderAuthorisation,
    OutboundRecord,
    IssuerSequence,
    ReceivedRecord,
    AgencyStatusChange,
    ApplicationDecision,
    PartnerFigures,
    ReceivedIdentifier,
    IssuerProgress,
    AnsweredRequest,
    IssuerLog,
    ReceivedLeaf,
    PartnerLog,
    PartnerCheckpoint,
    LogAlert,
    ReceivedCosignature,
    ...MESSAGING_ENTITIES,
  ],
  migrations: MIGRATIONS,
};
