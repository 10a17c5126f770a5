export * from './administration';
