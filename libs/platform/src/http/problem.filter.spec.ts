import { ArgumentsHost, BadRequestException } from '@nestjs/common';
import { HttpErrorFilter, problemOf } from './problem.filter';

/** An error as body-parser (http-errors) makes it. */
const parserError = (status: number, message: string, type: string, expose = true) =>
  Object.assign(new Error(message), { status, statusCode: status, expose, type });

describe('the answer to an error', () => {
  it('keeps the status an error carries: a body over the limit is 413, not 500', () => {
    expect(problemOf(parserError(413, 'request entity too large', 'entity.too.large'))).toEqual({
      status: 413,
      body: { statusCode: 413, message: 'request entity too large' },
    });
    expect(problemOf(parserError(415, 'unsupported charset "LATIN-9"', 'charset.unsupported')).status).toBe(415);
    expect(problemOf(parserError(400, 'Unexpected token', 'entity.parse.failed')).body.message).toBe('the request body is not valid JSON');
  });

  it('shows a client error\'s own words only when they are marked safe to show', () => {
    expect(problemOf(parserError(400, 'secret internals', 'x', false)).body).toEqual({ statusCode: 400, message: 'bad request' });
  });

  it('answers Nest\'s HTTP exceptions as they say, and anything else as a 500 that shows nothing', () => {
    expect(problemOf(new BadRequestException(['name must be a string']))).toEqual({
      status: 400,
      body: { statusCode: 400, message: ['name must be a string'], error: 'Bad Request' },
    });
    expect(problemOf(Object.assign(new Error('boom'), { status: 503 }))).toEqual({ status: 500, body: { statusCode: 500, message: 'internal error' } });
    expect(problemOf(new Error('connection reset'))).toEqual({ status: 500, body: { statusCode: 500, message: 'internal error' } });
  });

  it('logs a 500 with the logger of the service that handled the request', () => {
    const logged: unknown[] = [];
    const sent: unknown[] = [];
    const response = { status: (s: number) => ({ json: (b: unknown) => void sent.push([s, b]) }) };
    const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
    const filter = new HttpErrorFilter({ error: (o: unknown, msg: string) => void logged.push([o, msg]) } as never);
    const error = new Error('boom');
    filter.catch(error, host);
    filter.catch(parserError(413, 'request entity too large', 'entity.too.large'), host);
    expect(logged).toEqual([[{ err: error }, 'request failed']]);
    expect(sent).toEqual([
      [500, { statusCode: 500, message: 'internal error' }],
      [413, { statusCode: 413, message: 'request entity too large' }],
    ]);
  });
});
