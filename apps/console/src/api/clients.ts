import createClient, { Middleware } from 'openapi-fetch';
import type { paths as AccreditationPaths } from './generated/accreditation';
import type { paths as CompliancePaths } from './generated/conduct-compliance';
import type { paths as MraPaths } from './generated/mra-exchange';
import type { paths as NotificationPaths } from './generated/notifications';
import type { paths as OperatorPaths } from './generated/operator-registry';

/** An error answer of a service (RFC 9457 problem details with the registry's stable `code`). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

let token: (() => string | undefined) | undefined;
let onUnauthorised: (() => void) | undefined;

/** The session gives the clients its token, and what to do when a service no longer accepts it. */
export function useSession(getToken: () => string | undefined, unauthorised: () => void): void {
  token = getToken;
  onUnauthorised = unauthorised;
}

const auth: Middleware = {
  onRequest({ request }) {
    const t = token?.();
    if (t) request.headers.set('Authorization', `Bearer ${t}`);
    request.headers.set('Accept-Language', document.documentElement.lang || 'en');
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return response;
    if (response.status === 401) onUnauthorised?.();
    let body: { code?: string; detail?: string; message?: string | string[] } = {};
    try {
      body = await response.clone().json();
    } catch {
      // not JSON: the status says it
    }
    const detail = body.detail ?? (Array.isArray(body.message) ? body.message.join('; ') : body.message) ?? response.statusText;
    throw new ApiProblem(response.status, body.code ?? `http.${response.status}`, detail);
  },
};

function client<P extends object>(service: string) {
  const c = createClient<P>({ baseUrl: `${window.location.origin}/api/${service}` });
  c.use(auth);
  return c;
}

/** One typed client per service, generated from its OpenAPI document (scripts/openapi.ts). */
export const api = {
  operators: client<OperatorPaths>('operator-registry'),
  accreditation: client<AccreditationPaths>('accreditation'),
  compliance: client<CompliancePaths>('conduct-compliance'),
  mra: client<MraPaths>('mra-exchange'),
  notifications: client<NotificationPaths>('notifications'),
};

/** openapi-fetch answers { data, error }; errors are thrown by the middleware above, so data is there. */
export function must<T>(result: { data?: T; error?: unknown }): T {
  if (result.data === undefined && result.error !== undefined) throw new Error(String(result.error));
  return result.data as T;
}

/** The bytes of one piece of evidence, through the typed client (its token, its problems). */
export async function evidenceBlob(applicationId: string, evidenceId: string): Promise<Blob> {
  return must(
    await api.accreditation.GET('/applications/{id}/evidence/{evidenceId}/content', { params: { path: { id: applicationId, evidenceId } }, parseAs: 'blob' }),
  ) as Blob;
}

/**
 * A piece of evidence uploaded with its progress (XMLHttpRequest: fetch reports none). Errors are
 * answered as ApiProblem, like the typed clients'.
 */
export function uploadEvidence(
  applicationId: string,
  fields: { criterion: string; evidenceItem: string },
  file: File,
  onProgress: (percent: number) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.set('criterion', fields.criterion);
    form.set('evidenceItem', fields.evidenceItem);
    form.set('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${window.location.origin}/api/accreditation/applications/${applicationId}/evidence`);
    xhr.setRequestHeader('Authorization', `Bearer ${token?.() ?? ''}`);
    xhr.setRequestHeader('Accept-Language', document.documentElement.lang || 'en');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((100 * e.loaded) / e.total));
    xhr.onload = () => {
      let body: { code?: string; detail?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status says it
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body);
      if (xhr.status === 401) onUnauthorised?.();
      reject(new ApiProblem(xhr.status, body.code ?? `http.${xhr.status}`, body.detail ?? xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiProblem(0, 'console.network', 'the upload did not reach the registry'));
    xhr.send(form);
  });
}

/** Downloads a certificate (PDF) through the typed client and hands it to the browser as a file. */
export async function downloadCertificate(authorisationId: string, language: 'en' | 'fr', fileName: string): Promise<void> {
  const pdf = must(
    await api.accreditation.GET('/authorisations/{id}/certificate', { params: { path: { id: authorisationId }, query: { lang: language } }, parseAs: 'blob' }),
  ) as Blob;
  saveBlob(pdf, fileName);
}

/** Hands bytes made or fetched in the page to the browser as a file to save. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** For what another service learns from an event a moment after it happened: a 404 is asked again, for about 10 s. */
export const untilKnown = { retry: (n: number, e: Error) => n < 10 && e instanceof ApiProblem && e.status === 404, retryDelay: 1000 };
