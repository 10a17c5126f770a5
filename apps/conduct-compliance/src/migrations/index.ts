import { Initial1795734654603 } from './1795734654603-Initial';
import { CodesOfConduct1795740726079 } from './1795740726079-CodesOfConduct';
import { ConductCompliance1795743041832 } from './1795743041832-ConductCompliance';
import { HeldMessages1795927609154 } from './1795927609154-HeldMessages';
import { DeadLetters1795950140009 } from './1795950140009-DeadLetters';
import { BulkImport1795968483646 } from './1795968483646-BulkImport';
import { Representatives1795970205499 } from './1795970205499-Representatives';
import { ComplianceReasons1796106665667 } from './1796106665667-ComplianceReasons';

/** In the order they run. */
export const MIGRATIONS: Function[] = [Initial1795734654603, CodesOfConduct1795740726079, ConductCompliance1795743041832, HeldMessages1795927609154, DeadLetters1795950140009, BulkImport1795968483646, Representatives1795970205499, ComplianceReasons1796106665667];
