import { Initial1795734655686 } from './1795734655686-Initial';
import { ReplayRequests1795736204903 } from './1795736204903-ReplayRequests';
import { DirectoryConsent1795736310741 } from './1795736310741-DirectoryConsent';
import { ArrangementActivation1795737461475 } from './1795737461475-ArrangementActivation';
import { ArrangementOpening1795738743295 } from './1795738743295-ArrangementOpening';
import { HeldMessages1795927610577 } from './1795927610577-HeldMessages';
import { AnsweredRequests1795934700007 } from './1795934700007-AnsweredRequests';
import { DeadLetters1795950143328 } from './1795950143328-DeadLetters';
import { PartnerBatchRecords1795958178214 } from './1795958178214-PartnerBatchRecords';
import { VerifiableLog1795959239194 } from './1795959239194-VerifiableLog';
import { ArrangementAmendments1795960216904 } from './1795960216904-ArrangementAmendments';
import { SupplierChecks1795969425054 } from './1795969425054-SupplierChecks';
import { AgencyFeed1795969673869 } from './1795969673869-AgencyFeed';
import { RegionalFigures1795972602320 } from './1795972602320-RegionalFigures';
import { CosignInterval1796017806122 } from './1796017806122-CosignInterval';
import { OutboundRecordByOperatorSequence1796026273679 } from './1796026273679-OutboundRecordByOperatorSequence';
import { RecognitionNotifications1796047724927 } from './1796047724927-RecognitionNotifications';

/** In the order they run. */
export const MIGRATIONS: Function[] = [Initial1795734655686, ReplayRequests1795736204903, DirectoryConsent1795736310741, ArrangementActivation1795737461475, ArrangementOpening1795738743295, HeldMessages1795927610577, AnsweredRequests1795934700007, DeadLetters1795950143328, PartnerBatchRecords1795958178214, VerifiableLog1795959239194, ArrangementAmendments1795960216904, SupplierChecks1795969425054, AgencyFeed1795969673869, RegionalFigures1795972602320, CosignInterval1796017806122, OutboundRecordByOperatorSequence1796026273679, RecognitionNotifications1796047724927];
