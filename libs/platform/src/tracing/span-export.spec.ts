import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { SpanExport } from './span-export';

describe('spans exported with OpenTelemetry', () => {
  it('gives each span the ids of the W3C trace context the registry carries, its parent, kind, times, attributes, error and service', async () => {
    const memory = new InMemorySpanExporter();
    const spans = new SpanExport({ serviceName: 'za.accreditation', administration: 'ZA', exporter: memory });
    const start = new Date('2026-11-29T10:00:00.000Z');
    spans.record({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', name: 'POST /authorisations/:id/transitions', kind: 'server', start, end: new Date(start.getTime() + 25), attributes: { 'http.response.status_code': 201 } });
    spans.record({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00f067aa0ba902b7', parentSpanId: 'b7ad6b7169203331', name: 'za.accreditation.authorisation-status-changed.v1 process', kind: 'consumer', start, end: new Date(start.getTime() + 5), error: 'boom' });
    await spans.flush();
    const sent = memory.getFinishedSpans();
    expect(sent.map((s) => [s.name, s.spanContext().traceId, s.spanContext().spanId, s.parentSpanContext?.spanId ?? '', s.kind])).toEqual([
      ['POST /authorisations/:id/transitions', '0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331', '', SpanKind.SERVER],
      ['za.accreditation.authorisation-status-changed.v1 process', '0af7651916cd43dd8448eb211c80319c', '00f067aa0ba902b7', 'b7ad6b7169203331', SpanKind.CONSUMER],
    ]);
    expect(sent[0].startTime).toEqual([Math.floor(start.getTime() / 1000), 0]);
    expect(sent[0].duration).toEqual([0, 25_000_000]);
    expect(sent[0].attributes).toEqual({ 'http.response.status_code': 201 });
    expect(sent[1].status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' });
    expect(sent[0].resource.attributes['service.name']).toBe('za.accreditation');
    await spans.shutdown();
  });

  it('records nothing without an endpoint', async () => {
    const spans = new SpanExport({ serviceName: 'za.accreditation', administration: 'ZA' });
    expect(spans.enabled).toBe(false);
    spans.record({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', name: 'x', kind: 'server', start: new Date(), end: new Date() });
    await spans.shutdown();
  });
});
