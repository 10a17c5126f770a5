import { Initial1795734655686 } from './1795734655686-Initial';

/** In the order they run. */
export const MIGRATIONS: Function[] = [Initial1795734655686];
