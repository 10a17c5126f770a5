export * from './topics';
export * from './gen/aeo/platform/v1/envelope_pb';
export * from './gen/aeo/platform/v1/common_pb';
export * from './gen/aeo/operator_registry/v1/events_pb';
export * from './gen/aeo/accreditation/v1/events_pb';
export * from './gen/aeo/mra_exchange/v1/exchange_pb';
export * from './gen/aeo/conduct_compliance/v1/events_pb';
export * from './vocabulary';
