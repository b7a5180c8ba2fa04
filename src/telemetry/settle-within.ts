/**
 * Waits for a promise at most `ms` milliseconds and never rejects: says whether it resolved, rejected
 * or was still pending at the deadline. The timer is cleared as soon as the promise settles.
 */
export type Settled = 'done' | 'failed' | 'timed-out';

export function settleWithin(promise: Promise<unknown>, ms: number): Promise<Settled> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timed-out'), ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve('done');
      },
      () => {
        clearTimeout(timer);
        resolve('failed');
      },
    );
  });
}
