import { Initial1795946554287 } from './1795946554287-Initial';

/** In the order they run. */
export const MIGRATIONS: Function[] = [Initial1795946554287];
