import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import { UNIQUE_VIOLATION } from '../database/database';
import { DomainError } from '../errors/domain-error';

/**
 * An error answer (RFC 9457 problem details, application/problem+json): `code` is stable and
 * what clients match; `detail` (and `message`, kept for the clients written before) says it in words.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  /** The same as `status` and `detail` (a list when there are several problems), for earlier clients. */
  statusCode: number;
  message: string | string[];
}

/** Codes of the problems the platform itself answers (the services name theirs in their `*.errors.ts`). */
const PLATFORM_CODES: Record<number, string> = {
  400: 'request.invalid',
  401: 'auth.unauthenticated',
  403: 'auth.forbidden',
  404: 'request.not_found',
  405: 'request.method_not_allowed',
  409: 'request.conflict',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
  422: 'request.unprocessable',
  429: 'request.rate_limited',
};

function problem(status: number, code: string, message: string | string[], extensions?: Record<string, unknown>): { status: number; body: Problem } {
  return {
    status,
    body: {
      ...extensions,
      type: `urn:aeo-registry:problem:${code}`,
      title: STATUS_CODES[status] ?? 'Error',
      status,
      code,
      detail: Array.isArray(message) ? message.join('; ') : message,
      statusCode: status,
      message,
    },
  };
}

/** The status an error carries itself (body-parser's 413 for a body over the limit, 415, 400...), if a client error. */
function clientStatusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; statusCode?: unknown };
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  return status !== undefined && status >= 400 && status < 500 ? status : undefined;
}

/** What to answer for an error. Every client error keeps its status and has a code; the rest is a 500 that shows nothing. */
export function problemOf(error: unknown): { status: number; body: Problem } {
  if (error instanceof DomainError) return problem(error.status, error.code, error.problems ?? error.message, error.extensions);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const r = error.getResponse() as string | { message?: string | string[]; code?: string };
    const message = typeof r === 'string' ? r : (r.message ?? error.message);
    const code = (typeof r === 'object' && r.code) || PLATFORM_CODES[status] || `http.${status}`;
    return problem(status, code, message);
  }
  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: string }).code;
    const detail = (error.driverError as { detail?: string }).detail;
    if (code === UNIQUE_VIOLATION) return problem(HttpStatus.CONFLICT, 'resource.already_exists', `already exists: ${detail ?? 'duplicate value'}`);
    if (code === '22P02' || code === '22007' || code === '22008') {
      return problem(HttpStatus.BAD_REQUEST, 'request.invalid_value', `invalid value: ${(error.driverError as Error).message}`);
    }
  }
  if ((error as { type?: string })?.type === 'entity.parse.failed') {
    return problem(HttpStatus.BAD_REQUEST, 'request.malformed_json', 'the request body is not valid JSON');
  }
  const status = clientStatusOf(error);
  if (status) {
    // http-errors marks the messages it is safe to show (expose); otherwise the status's own words.
    const exposed = (error as { expose?: boolean }).expose && (error as Error).message;
    return problem(status, PLATFORM_CODES[status] ?? `http.${status}`, exposed || (STATUS_CODES[status] ?? 'bad request').toLowerCase());
  }
  return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'internal', 'internal error');
}

/**
 * Turns every error into a problem+json answer (problemOf). A 500 is logged, never shown, by the
 * logger of the service that handled the request (in a process hosting several, not whichever started last).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Pick<Logger, 'error'>) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const { status, body } = problemOf(error);
    if (status >= 500) this.logger.error({ err: error }, 'request failed');
    host.switchToHttp().getResponse().status(status).type('application/problem+json').json(body);
  }
}
