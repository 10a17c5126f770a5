// Integration tier: *.int-spec.ts per service and lib, against real PostgreSQL and Kafka.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'integration',
  testMatch: ['<rootDir>/{apps,libs,deploy}/**/*.int-spec.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
  // kafkajs keeps retry timers alive for a while after a broker outage; do not let them hold the run.
  forceExit: true,
};
