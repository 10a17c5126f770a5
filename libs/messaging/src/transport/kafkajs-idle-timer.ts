/**
 * kafkajs 2.2.4's request queue re-arms a timer for every connection each millisecond while
 * nothing waits to be sent: with no request pending and no throttling, `throttledUntil - now`
 * is negative and `setTimeout` fires at once, checks an empty queue and schedules itself again
 * (tulios/kafkajs#1556 and #1704; the fix proposed in #1667 and #1768 was never released). Each
 * producer, consumer and admin connection of an idle service thus woke the process a thousand
 * times a second: 3-4% of a core per service doing nothing, most of an idle federation's CPU.
 *
 * The queue needs the timer only for requests that could not be sent at once, or to end a
 * throttle; both still schedule it. An empty, unthrottled queue is checked again by the next
 * request pushed or answered, as kafkajs already does. Applied once, to the version known to
 * have the loop; a later kafkajs is left as it is (and `kafkajs-idle-timer.spec.ts` says so).
 */
const RequestQueue = require('kafkajs/src/network/requestQueue') as {
  prototype: { scheduleCheckPendingRequests(this: QueueState): void; aeoIdleTimerFixed?: true };
};
const { version } = require('kafkajs/package.json') as { version: string };

interface QueueState {
  pending: unknown[];
  throttledUntil: number;
}

export const KAFKAJS_WITH_IDLE_TIMER_LOOP = '2.2.4';

/** True when the running kafkajs has the loop and the fix is in place. */
export function fixKafkajsIdleTimer(): boolean {
  const proto = RequestQueue.prototype;
  if (version !== KAFKAJS_WITH_IDLE_TIMER_LOOP) return false;
  if (proto.aeoIdleTimerFixed) return true;
  const schedule = proto.scheduleCheckPendingRequests;
  proto.scheduleCheckPendingRequests = function (this: QueueState) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
  proto.aeoIdleTimerFixed = true;
  return true;
}
