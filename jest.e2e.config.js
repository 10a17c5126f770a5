// End-to-end tier: journeys across services and administrations on real PostgreSQL and Kafka.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'e2e',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  testTimeout: 300000,
  maxWorkers: 1,
  // kafkajs keeps retry timers alive for a while after a broker outage; do not let them hold the run.
  forceExit: true,
};
