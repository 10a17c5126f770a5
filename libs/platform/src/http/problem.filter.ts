import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { UNIQUE_VIOLATION } from '../database/database';

/**
 * Turns every error into a JSON answer. Known client errors keep their status; a unique
 * violation is a 409; invalid input PostgreSQL rejects (bad uuid, bad date) is a 400;
 * anything else is a 500 that is logged, never shown.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const response = host.switchToHttp().getResponse();
    let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
    let body: Record<string, unknown> = { statusCode: status, message: 'internal error' };
    if (error instanceof HttpException) {
      status = error.getStatus();
      const r = error.getResponse();
      body = typeof r === 'string' ? { statusCode: status, message: r } : { statusCode: status, ...(r as object) };
    } else if (error instanceof QueryFailedError) {
      const code = (error.driverError as { code?: string }).code;
      const detail = (error.driverError as { detail?: string }).detail;
      if (code === UNIQUE_VIOLATION) {
        status = HttpStatus.CONFLICT;
        body = { statusCode: status, message: `already exists: ${detail ?? 'duplicate value'}` };
      } else if (code === '22P02' || code === '22007' || code === '22008') {
        status = HttpStatus.BAD_REQUEST;
        body = { statusCode: status, message: `invalid value: ${(error.driverError as Error).message}` };
      }
    } else if ((error as { type?: string })?.type === 'entity.parse.failed') {
      status = HttpStatus.BAD_REQUEST;
      body = { statusCode: status, message: 'the request body is not valid JSON' };
    }
    if (status >= 500) this.logger.error((error as Error)?.stack ?? String(error));
    response.status(status).json(body);
  }
}
