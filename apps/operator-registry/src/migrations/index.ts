import { Initial1795734652663 } from './1795734652663-Initial';

/** In the order they run. */
export const MIGRATIONS: Function[] = [Initial1795734652663];
