import pino from 'pino';
import { ConsumerReplacement } from './consumer-replacement';

const quiet = pino({ level: 'silent' });

/** A consumer's life as the replacement sees it: each start numbered, what it does scripted. */
function consumers(script: ((n: number, replacement: ConsumerReplacement) => Promise<void>)[]) {
  const events: string[] = [];
  let n = 0;
  const replacement: ConsumerReplacement = new ConsumerReplacement(
    {
      stop: async () => void events.push(`stop ${n}`),
      start: async () => {
        n++;
        events.push(`start ${n}`);
        await (script[n - 1] ?? (async () => undefined))(n, replacement);
      },
    },
    quiet,
    0,
  );
  return { replacement, events, starts: () => n };
}

describe('ConsumerReplacement', () => {
  it('replaces a crashed consumer once', async () => {
    const { replacement, events } = consumers([]);
    replacement.request('crashed', {});
    expect(replacement.busy).toBe(true);
    await replacement.settled();
    expect(events).toEqual(['stop 0', 'start 1']);
    expect(replacement.busy).toBe(false);
  });

  it('replaces again a replacement that crashed while it joined (kafkajs reports it during start)', async () => {
    // The second consumer crashes inside its own start: that crash must not be lost.
    const { replacement, events } = consumers([async (_n, r) => r.request('crashed', { error: 'Closed connection' })]);
    replacement.request('crashed', { error: 'This server does not host this topic-partition' });
    await replacement.settled();
    expect(events).toEqual(['stop 0', 'start 1', 'stop 1', 'start 2']);
  });

  it('tries again a replacement that could not start', async () => {
    const { replacement, events } = consumers([
      async () => {
        throw new Error('connect ECONNREFUSED');
      },
      async () => {
        throw new Error('connect ECONNREFUSED');
      },
    ]);
    replacement.request('crashed', {});
    await replacement.settled();
    expect(events).toEqual(['stop 0', 'start 1', 'stop 1', 'start 2', 'stop 2', 'start 3']);
  });

  it('takes several reasons that come during one replacement as one more replacement', async () => {
    const { replacement, starts } = consumers([
      async (_n, r) => {
        r.request('crashed', {});
        r.request('stalled', {});
        r.request('has not joined its group', {});
      },
    ]);
    replacement.request('crashed', {});
    await replacement.settled();
    expect(starts()).toBe(2);
  });

  it('neither a stop nor a start that hangs holds the replacements up', async () => {
    const events: string[] = [];
    let starts = 0;
    const never = new Promise<void>(() => undefined);
    const replacement = new ConsumerReplacement(
      {
        stop: () => (events.push('stop'), never), // the old consumer's batch is stuck: kafkajs waits for it
        start: () => (events.push(`start ${++starts}`), starts === 1 ? never : Promise.resolve()), // the first start hangs in its join
      },
      quiet,
      0,
      { stopMs: 20, startMs: 50 },
    );
    replacement.request('crashed', {});
    await replacement.settled();
    expect(events).toEqual(['stop', 'start 1', 'stop', 'start 2']);
    expect(replacement.busy).toBe(false);
  });

  it('starts nothing once closed', async () => {
    const { replacement, events } = consumers([]);
    replacement.close();
    replacement.request('crashed', {});
    await replacement.settled();
    expect(events).toEqual([]);
    const other = consumers([]);
    other.replacement.request('crashed', {});
    other.replacement.close(); // closed during the delay: the old one is stopped, no new one started
    await other.replacement.settled();
    expect(other.events).toEqual(['stop 0']);
  });
});
