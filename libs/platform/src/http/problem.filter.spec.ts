import { ArgumentsHost, BadRequestException, ForbiddenException } from '@nestjs/common';
import { DomainError, domainErrors } from '../errors/domain-error';
import { HttpErrorFilter, problemOf } from './problem.filter';

/** An error as body-parser (http-errors) makes it. */
const parserError = (status: number, message: string, type: string, expose = true) =>
  Object.assign(new Error(message), { status, statusCode: status, expose, type });

describe('the answer to an error', () => {
  it('answers a domain error as problem+json with its stable code', () => {
    const errors = domainErrors('arrangement', { notFound: 'not_found', alreadyConfirmed: 'conflict' });
    expect(problemOf(errors.notFound('no such arrangement'))).toEqual({
      status: 404,
      body: {
        type: 'urn:aeo-registry:problem:arrangement.not_found',
        title: 'Not Found',
        status: 404,
        code: 'arrangement.not_found',
        detail: 'no such arrangement',
        statusCode: 404,
        message: 'no such arrangement',
      },
    });
    expect(errors.alreadyConfirmed('x').code).toBe('arrangement.already_confirmed');
    const many = problemOf(new DomainError('arrangement.invalid', 'invalid', 'the arrangement is invalid', ['a', 'b']));
    expect(many.body).toMatchObject({ status: 400, detail: 'a; b', message: ['a', 'b'] });
  });

  it('keeps the status an error carries: a body over the limit is 413, not 500', () => {
    expect(problemOf(parserError(413, 'request entity too large', 'entity.too.large')).body).toMatchObject({
      status: 413,
      code: 'request.too_large',
      message: 'request entity too large',
    });
    expect(problemOf(parserError(415, 'unsupported charset "LATIN-9"', 'charset.unsupported')).status).toBe(415);
    expect(problemOf(parserError(400, 'Unexpected token', 'entity.parse.failed')).body).toMatchObject({
      code: 'request.malformed_json',
      message: 'the request body is not valid JSON',
    });
  });

  it("shows a client error's own words only when they are marked safe to show", () => {
    expect(problemOf(parserError(400, 'secret internals', 'x', false)).body).toMatchObject({ code: 'request.invalid', message: 'bad request' });
  });

  it("answers Nest's HTTP exceptions with a platform code, and anything else as a 500 that shows nothing", () => {
    expect(problemOf(new BadRequestException(['name must be a string'])).body).toMatchObject({
      status: 400,
      code: 'request.invalid',
      message: ['name must be a string'],
    });
    expect(problemOf(new ForbiddenException('the token is for GB')).body).toMatchObject({ code: 'auth.forbidden' });
    expect(problemOf(Object.assign(new Error('boom'), { status: 503 })).body).toMatchObject({ status: 500, code: 'internal', message: 'internal error' });
    expect(problemOf(new Error('connection reset')).status).toBe(500);
  });

  it('logs a 500 with the logger of the service that handled the request, and answers problem+json', () => {
    const logged: unknown[] = [];
    const sent: unknown[] = [];
    const response = {
      status: (s: number) => ({ type: (t: string) => ({ json: (b: { code: string }) => void sent.push([s, t, b.code]) }) }),
    };
    const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
    const filter = new HttpErrorFilter({ error: (o: unknown, msg: string) => void logged.push([o, msg]) } as never);
    const error = new Error('boom');
    filter.catch(error, host);
    filter.catch(parserError(413, 'request entity too large', 'entity.too.large'), host);
    expect(logged).toEqual([[{ err: error }, 'request failed']]);
    expect(sent).toEqual([
      [500, 'application/problem+json', 'internal'],
      [413, 'application/problem+json', 'request.too_large'],
    ]);
  });
});
