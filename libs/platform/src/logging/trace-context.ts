import { randomBytes } from 'node:crypto';

/**
 * W3C Trace Context (traceparent, version 00): a trace id shared by everything one request
 * causes, and a span id per step (the HTTP request, each message handled). Carried in the
 * `traceparent` HTTP header and message header, and in every log line, so one status change can
 * be followed from the issuer's API to each consumer.
 */
export interface TraceContext {
  traceId: string;
  spanId: string;
  /** The span that caused this one, if any. */
  parentSpanId?: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The trace and the parent span of a traceparent header; undefined when absent or invalid (all-zero ids are invalid). */
export function parseTraceparent(header: unknown): { traceId: string; parentSpanId: string } | undefined {
  if (typeof header !== 'string') return undefined;
  const m = TRACEPARENT.exec(header.trim().toLowerCase());
  if (!m || /^0+$/.test(m[1]) || /^0+$/.test(m[2])) return undefined;
  return { traceId: m[1], parentSpanId: m[2] };
}

/** A new span: a child of the incoming traceparent when there is a valid one, else the root of a new trace. */
export function spanFrom(header: unknown): TraceContext {
  const parent = parseTraceparent(header);
  const spanId = randomBytes(8).toString('hex');
  return parent ? { traceId: parent.traceId, spanId, parentSpanId: parent.parentSpanId } : { traceId: randomBytes(16).toString('hex'), spanId };
}

/** The traceparent header naming this span (sampled). */
export const traceparentOf = (span: Pick<TraceContext, 'traceId' | 'spanId'>) => `00-${span.traceId}-${span.spanId}-01`;
