/** Helpers for tests of services built on this library: `@aeo/messaging/testing`. */
export * from './test-service';
export * from './test-messages';
