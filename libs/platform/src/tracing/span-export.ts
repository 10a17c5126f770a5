import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, IdGenerator, SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
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
  /** The ids the next span takes (the SDK asks its id generator when the span starts). */
  private next = { traceId: '', spanId: '' };

  /** `exporter` replaces the OTLP one (tests: the OTLP/HTTP exporter loads Node's http with a dynamic import, which jest's module system refuses). */
  constructor(options: { endpoint?: string; serviceName: string; administration: string; exporter?: SpanExporter }) {
    if (!options.endpoint && !options.exporter) return;
    const ids: IdGenerator = { generateTraceId: () => this.next.traceId, generateSpanId: () => this.next.spanId };
    this.provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': options.serviceName, 'service.namespace': 'aeo-registry', 'aeo.administration': options.administration }),
      idGenerator: ids,
      spanProcessors: [
        new BatchSpanProcessor({ exporter: options.exporter ?? new OTLPTraceExporter({ url: `${options.endpoint!.replace(/\/$/, '')}/v1/traces` }), scheduledDelayMillis: 500 }),
      ],
    });
    this.tracer = this.provider.getTracer('aeo-registry');
  }

  get enabled(): boolean {
    return !!this.tracer;
  }

  record(span: FinishedSpan): void {
    if (!this.tracer) return;
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
