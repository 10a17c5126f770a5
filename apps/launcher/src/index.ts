export * from './administration';
export * from './service-process';
export * from './identity-provider';
export { CONSOLE_ASSETS } from './demo-consoles';
export * from './services';
export * from './demo-register';
