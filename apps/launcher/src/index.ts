export * from './administration';
export * from './service-process';
