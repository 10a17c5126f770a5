import { PgEventLogTransport } from '../src';
import { describeTransportConformance, logger } from './transport-conformance';

describeTransportConformance('embedded event log (PostgreSQL)', (db) => new PgEventLogTransport({ url: db.url, logger }));
