import { Initial1795734652663 } from './1795734652663-Initial';
import { OperatorDetails1795739864958 } from './1795739864958-OperatorDetails';
import { HeldMessages1795927606406 } from './1795927606406-HeldMessages';
import { ChangeNote1795928434336 } from './1795928434336-ChangeNote';
import { DeadLetters1795950133486 } from './1795950133486-DeadLetters';
import { BulkImport1795968212704 } from './1795968212704-BulkImport';
import { Representatives1795970201480 } from './1795970201480-Representatives';

/** In the order they run. */
export const MIGRATIONS: Function[] = [Initial1795734652663, OperatorDetails1795739864958, HeldMessages1795927606406, ChangeNote1795928434336, DeadLetters1795950133486, BulkImport1795968212704, Representatives1795970201480];
