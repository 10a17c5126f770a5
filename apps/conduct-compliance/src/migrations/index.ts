import { Initial1795734654603 } from './1795734654603-Initial';

/** In the order they run. */
export const MIGRATIONS: Function[] = [Initial1795734654603];
