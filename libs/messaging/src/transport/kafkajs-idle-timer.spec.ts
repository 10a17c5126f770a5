import { fixKafkajsIdleTimer, KAFKAJS_WITH_IDLE_TIMER_LOOP } from './kafkajs-idle-timer';

const RequestQueue = require('kafkajs/src/network/requestQueue');
const { version } = require('kafkajs/package.json');

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const queue = (connected = true) =>
  new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30000, enforceRequestTimeout: false, clientId: 'spec', broker: 'b:9092', logger: silent, isConnected: () => connected });

describe('kafkajs request queue: no timer loop while idle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('is the kafkajs this fix was written for (an upgrade must look at the loop again)', () => {
    expect(version).toBe(KAFKAJS_WITH_IDLE_TIMER_LOOP);
  });

  it('has the loop without the fix: an idle queue re-arms a 1 ms timer for ever', () => {
    // A copy of the module as kafkajs ships it (the fix patches the copy the services load).
    jest.isolateModules(() => {
      const Unfixed = require('kafkajs/src/network/requestQueue');
      const q = new Unfixed({ maxInFlightRequests: 1, requestTimeout: 30000, enforceRequestTimeout: false, clientId: 'spec', broker: 'b:9092', logger: silent });
      let checks = 0;
      const check = q.checkPendingRequests.bind(q);
      q.checkPendingRequests = () => (checks++, check());
      q.checkPendingRequests();
      jest.advanceTimersByTime(100);
      expect(checks).toBeGreaterThanOrEqual(50);
      q.destroy();
    });
  });

  it('with the fix, an idle queue arms no timer', () => {
    expect(fixKafkajsIdleTimer()).toBe(true);
    const q = queue();
    q.checkPendingRequests();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still checks again soon for a request that could not be sent at once, and at the end of a throttle', () => {
    fixKafkajsIdleTimer();
    const waiting = queue(false);
    waiting.pending.push({ correlationId: 1 });
    waiting.scheduleCheckPendingRequests();
    expect(jest.getTimerCount()).toBe(1);
    waiting.destroy();

    const throttled = queue();
    throttled.throttledUntil = Date.now() + 500;
    throttled.scheduleCheckPendingRequests();
    expect(jest.getTimerCount()).toBe(1);
    throttled.destroy();
  });
});
