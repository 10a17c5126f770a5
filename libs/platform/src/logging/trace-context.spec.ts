import { parseTraceparent, spanFrom, traceparentOf } from './trace-context';

describe('W3C trace context', () => {
  it('continues a valid traceparent with a new span, and starts a new trace otherwise', () => {
    const child = spanFrom('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(child).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: expect.stringMatching(/^[0-9a-f]{16}$/), parentSpanId: '00f067aa0ba902b7' });
    expect(traceparentOf(child)).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${child.spanId}-01`);
    for (const bad of [undefined, '', 'garbage', '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01']) {
      expect(parseTraceparent(bad)).toBeUndefined();
      const root = spanFrom(bad);
      expect(root.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(root.parentSpanId).toBeUndefined();
    }
  });
});
