import type { Tracer } from '@opentelemetry/api';
import type { IdGenerator, SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { TraceContext } from '../logging/trace-context';

/** A finished step of a trace, as the registry measures it (an HTTP request, a message handled). */
export interface FinishedSpan extends TraceContext {
  name: string;
  kind: 'server' | 'consumer';
  start: Date;
  end: Date;
  attributes?: Record<string, string | number | boolean>;
  /** Set when the step failed: the span's status is an error with this message. */
  error?: string;
}

/**
 * Exports the registry's spans with OpenTelemetry's SDK and OTLP/HTTP exporter when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set (to `<endpoint>/v1/traces`, batched); otherwise records
 * nothing. The ids are those of the W3C trace context the registry already carries in every HTTP
 * header, message header and log line (trace-context.ts), so a span found in a tracing backend
 * is the same one the logs name.
 */
export class SpanExport {
  private readonly provider?: TracerProvider;
  private readonly tracer?: Tracer;
  private readonly api?: typeof import('@opentelemetry/api');
  /** The ids the next span takes (the SDK asks its id generator when the span starts). */
  private next = { traceId: '', spanId: '' };

  /** `exporter` replaces the OTLP one (tests: the OTLP/HTTP exporter loads Node's http with a dynamic import, which jest's module system refuses). */
  constructor(options: { endpoint?: string; serviceName: string; administration: string; exporter?: SpanExporter }) {
    if (!options.endpoint && !options.exporter) return;
    // The SDK is loaded only when spans are exported (most of its ~1 MiB of code and attribute names stay out of a service that does not).
    const { BatchSpanProcessor, TracerProvider } = require('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace');
    const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
    const ids: IdGenerator = { generateTraceId: () => this.next.traceId, generateSpanId: () => this.next.spanId };
    this.provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': options.serviceName, 'service.namespace': 'aeo-registry', 'aeo.administration': options.administration }),
      idGenerator: ids,
      spanProcessors: [
        new BatchSpanProcessor({ exporter: options.exporter ?? new (require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter({ url: `${options.endpoint!.replace(/\/$/, '')}/v1/traces` }), scheduledDelayMillis: 500 }),
      ],
    });
    this.tracer = this.provider.getTracer('aeo-registry');
    this.api = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  }

  get enabled(): boolean {
    return !!this.tracer;
  }

  record(span: FinishedSpan): void {
    if (!this.tracer) return;
    const { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags } = this.api!;
    const parent = span.parentSpanId
      ? trace.setSpanContext(ROOT_CONTEXT, { traceId: span.traceId, spanId: span.parentSpanId, traceFlags: TraceFlags.SAMPLED, isRemote: true })
      : ROOT_CONTEXT;
    this.next = { traceId: span.traceId, spanId: span.spanId };
    const s = this.tracer.startSpan(span.name, { kind: span.kind === 'server' ? SpanKind.SERVER : SpanKind.CONSUMER, startTime: span.start, attributes: span.attributes }, parent);
    if (span.error) s.setStatus({ code: SpanStatusCode.ERROR, message: span.error });
    s.end(span.end);
  }

  /** Sends what is waiting now. */
  async flush(): Promise<void> {
    await this.provider?.forceFlush().catch(() => undefined);
  }

  /** Sends what is waiting, and stops (the service is stopping). */
  async shutdown(): Promise<void> {
    await this.flush();
    await this.provider?.shutdown().catch(() => undefined);
  }
}
