import { Initial1795734655686 } from './1795734655686-Initial';
import { ReplayRequests1795736204903 } from './1795736204903-ReplayRequests';

/** In the order they run. */
export const MIGRATIONS: Function[] = [Initial1795734655686, ReplayRequests1795736204903];
