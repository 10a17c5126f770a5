export * from './federation';
export * from './journeys';
