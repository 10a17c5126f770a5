export * from './eventually';
export * from './tokens';
export * from './infrastructure';
export * from './http';
export * from './federation';
export * from './journeys';
export * from './services';
export * from './messages';
