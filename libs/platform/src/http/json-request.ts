/**
 * A small HTTP client for the registry's own APIs (tests, the demo seed, the accreditation
 * client): a Bearer token, a JSON body (or a multipart form), and back the status with the body
 * parsed when it is JSON. Never throws on 4xx/5xx: callers decide.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface JsonRequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, as application/json (to send malformed JSON in tests). */
  rawBody?: string;
  /** Sent as multipart/form-data instead of a JSON body. */
  form?: FormData;
  /** Sent as is with its media type (a CSV file to import, a batch file). */
  file?: { text: string; type: string };
  /** Further request headers (Accept-Language, say). */
  headers?: Record<string, string>;
}

export async function jsonRequest<T = any>(
  method: HttpMethod,
  url: string,
  options: JsonRequestOptions = {},
): Promise<{ status: number; body: T }> {
  const json = options.body !== undefined || options.rawBody !== undefined;
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(json && !options.form ? { 'content-type': 'application/json' } : {}),
      ...(options.file ? { 'content-type': options.file.type } : {}),
      ...options.headers,
    },
    body: options.file?.text ?? options.form ?? options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}
