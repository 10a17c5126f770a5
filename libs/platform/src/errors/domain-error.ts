/** What kind of refusal an error is; each transport maps it (HTTP status, dead letter or retry). */
export const PROBLEM_KINDS = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_large: 413,
  unsupported_media_type: 415,
} as const;
export type ProblemKind = keyof typeof PROBLEM_KINDS;

/**
 * A refusal of the domain, with a stable code (`<context>.<what>`, e.g. `arrangement.not_found`)
 * that clients and tests match instead of its words, which may change and are translated. Each
 * service names its codes in one `*.errors.ts` file; the HTTP filter answers them as
 * problem+json with the code, the event consumer treats them as permanent (a retry would be
 * refused the same way).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ProblemKind,
    message: string,
    /** Several problems at once (a request with many faults), each said in full. */
    readonly problems?: string[],
    /** Extension members of the problem answer (RFC 9457 section 3.2), e.g. an import's full report. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return PROBLEM_KINDS[this.kind];
  }
}

/** A family of codes of one context: `errors.notFound('no such arrangement')` etc., each with its kind. */
export function domainErrors<K extends string>(context: string, kinds: Record<K, ProblemKind>) {
  return Object.fromEntries(
    (Object.keys(kinds) as K[]).map((what) => [
      what,
      (message: string, problems?: string[]) => new DomainError(`${context}.${snake(what)}`, kinds[what], message, problems),
    ]),
  ) as Record<K, (message: string, problems?: string[]) => DomainError>;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
