import { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { Logger } from 'pino';

/** What a log line carries about the message or request being handled. */
export interface LogContext {
  messageId?: string;
  correlationId?: string;
  /** W3C Trace Context of the step under way (logging/trace-context.ts). */
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
}

export const logContext = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with the ids every log line inside it carries. */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return logContext.run({ ...logContext.getStore(), ...context }, fn);
}

/** One JSON logger per service; each line has service, administration and the current ids. */
export function createLogger(options: { service: string; administration: string; level?: string }): Logger {
  return pino({
    level: options.level ?? 'info',
    base: { service: options.service, administration: options.administration },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const store = logContext.getStore();
      return store
        ? { messageId: store.messageId, correlationId: store.correlationId, traceId: store.traceId, spanId: store.spanId, parentSpanId: store.parentSpanId }
        : {};
    },
  });
}

/** Nest's logger interface over pino. */
export class JsonLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace', message: unknown, context?: string): void {
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }
}
