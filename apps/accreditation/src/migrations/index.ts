import { Initial1795734653579 } from './1795734653579-Initial';
import { CertificateSerial1795734700000 } from './1795734700000-CertificateSerial';

/** In the order they run. */
export const MIGRATIONS: Function[] = [Initial1795734653579, CertificateSerial1795734700000];
