/**
 * What an SMTP failure means for a mail: a permanent refusal (a 5xx reply: unknown mailbox,
 * refused sender, policy) is recorded and not tried again; anything else (a 4xx reply, a
 * connection refused or cut, a timeout) is temporary and tried again later (RFC 5321, 4.2.1).
 */
export interface SmtpFailure {
  permanent: boolean;
  /** The server's reply or the error, for staff. */
  error: string;
}

export function smtpFailure(e: unknown): SmtpFailure {
  const err = e as { responseCode?: number; response?: string; code?: string; message?: string };
  const code = typeof err.responseCode === 'number' ? err.responseCode : undefined;
  const said = (err.response ?? err.message ?? String(e)).trim().slice(0, 1000);
  if (code !== undefined && code >= 500 && code < 600) return { permanent: true, error: said };
  return { permanent: false, error: err.code && !said.includes(err.code) ? `${err.code}: ${said}` : said };
}

/** The wait before the n-th retry (1-based): the base, doubled each time, at most an hour. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
}
