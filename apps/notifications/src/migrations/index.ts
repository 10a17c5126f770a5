import { Initial1795946554287 } from './1795946554287-Initial';
import { DeadLetters1795950146101 } from './1795950146101-DeadLetters';
import { SupersededNotices1796104797284 } from './1796104797284-SupersededNotices';

/** In the order they run. */
export const MIGRATIONS: Function[] = [Initial1795946554287, DeadLetters1795950146101, SupersededNotices1796104797284];
