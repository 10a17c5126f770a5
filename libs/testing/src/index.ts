export * from './eventually';
export * from './tokens';
export * from './infrastructure';
export * from './http';
export * from './secure-broker';
