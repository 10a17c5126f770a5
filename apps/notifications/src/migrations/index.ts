import { Initial1795946554287 } from './1795946554287-Initial';
import { DeadLetters1795950146101 } from './1795950146101-DeadLetters';

/** In the order they run. */
export const MIGRATIONS: Function[] = [Initial1795946554287, DeadLetters1795950146101];
