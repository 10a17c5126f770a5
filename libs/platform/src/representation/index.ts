export * from './representation';
