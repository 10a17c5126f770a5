import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import { UNIQUE_VIOLATION } from '../database/database';

/** The status an error carries itself (body-parser's 413 for a body over the limit, 415, 400...), if a client error. */
function clientStatusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; statusCode?: unknown };
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  return status !== undefined && status >= 400 && status < 500 ? status : undefined;
}

/** What to answer for an error: its status and JSON body. Every client error keeps its status; the rest is a 500. */
export function problemOf(error: unknown): { status: number; body: Record<string, unknown> } {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const r = error.getResponse();
    return { status, body: typeof r === 'string' ? { statusCode: status, message: r } : { statusCode: status, ...(r as object) } };
  }
  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: string }).code;
    const detail = (error.driverError as { detail?: string }).detail;
    if (code === UNIQUE_VIOLATION) {
      return { status: HttpStatus.CONFLICT, body: { statusCode: HttpStatus.CONFLICT, message: `already exists: ${detail ?? 'duplicate value'}` } };
    }
    if (code === '22P02' || code === '22007' || code === '22008') {
      const message = `invalid value: ${(error.driverError as Error).message}`;
      return { status: HttpStatus.BAD_REQUEST, body: { statusCode: HttpStatus.BAD_REQUEST, message } };
    }
  }
  if ((error as { type?: string })?.type === 'entity.parse.failed') {
    return { status: HttpStatus.BAD_REQUEST, body: { statusCode: HttpStatus.BAD_REQUEST, message: 'the request body is not valid JSON' } };
  }
  const status = clientStatusOf(error);
  if (status) {
    // http-errors marks the messages it is safe to show (expose); otherwise the status's own words.
    const exposed = (error as { expose?: boolean }).expose && (error as Error).message;
    return { status, body: { statusCode: status, message: exposed || (STATUS_CODES[status] ?? 'bad request').toLowerCase() } };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'internal error' } };
}

/**
 * Turns every error into a JSON answer (problemOf). A 500 is logged, never shown, by the logger
 * of the service that handled the request (in a process hosting several, not whichever started last).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Pick<Logger, 'error'>) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const { status, body } = problemOf(error);
    if (status >= 500) this.logger.error({ err: error }, 'request failed');
    host.switchToHttp().getResponse().status(status).json(body);
  }
}
