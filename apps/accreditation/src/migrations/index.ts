import { Initial1795734653579 } from './1795734653579-Initial';
import { CertificateSerial1795734700000 } from './1795734700000-CertificateSerial';
import { ReassessmentFlag1795739992629 } from './1795739992629-ReassessmentFlag';
import { WorkflowRenames1795742290000 } from './1795742290000-WorkflowRenames';
import { Workflow1795742908331 } from './1795742908331-Workflow';
import { AuthorisationAppeal1795743877586 } from './1795743877586-AuthorisationAppeal';
import { HistoryChain1795744138783 } from './1795744138783-HistoryChain';
import { HistoryChainPerOperator1795744782491 } from './1795744782491-HistoryChainPerOperator';
import { SizeClassGivesMsme1795747239917 } from './1795747239917-SizeClassGivesMsme';
import { HeldMessages1795927607776 } from './1795927607776-HeldMessages';
import { OperatorIdentifiers1795942496025 } from './1795942496025-OperatorIdentifiers';
import { Credentials1795948147531 } from './1795948147531-Credentials';
import { DeadLetters1795950136644 } from './1795950136644-DeadLetters';
import { BulkImport1795968363303 } from './1795968363303-BulkImport';
import { Representatives1795970203173 } from './1795970203173-Representatives';
import { CertificateSerialUnique1795971798156 } from './1795971798156-CertificateSerialUnique';
import { SaqVersions1795978096581 } from './1795978096581-SaqVersions';
import { HistoryChainHeads1796079909336 } from './1796079909336-HistoryChainHeads';

/** In the order they run. */
export const MIGRATIONS: Function[] = [Initial1795734653579, CertificateSerial1795734700000, ReassessmentFlag1795739992629, WorkflowRenames1795742290000, Workflow1795742908331, AuthorisationAppeal1795743877586, HistoryChain1795744138783, HistoryChainPerOperator1795744782491, SizeClassGivesMsme1795747239917, HeldMessages1795927607776, OperatorIdentifiers1795942496025, Credentials1795948147531, DeadLetters1795950136644, BulkImport1795968363303, Representatives1795970203173, CertificateSerialUnique1795971798156, SaqVersions1795978096581, HistoryChainHeads1796079909336];
