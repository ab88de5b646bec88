// Time as a port: core never reads the wall clock or sets a timer directly, so tests drive
// time and a simulated month runs in milliseconds.
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `callback` once at or after `at` (epoch ms). */
  setTimer(at: number, callback: () => void): TimerHandle;
}

/** Node's setTimeout caps delays at 2^31-1 ms; longer waits re-arm in steps. */
const MAX_TIMEOUT_MS = 2_147_483_647;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(at, callback) {
    let handle: ReturnType<typeof setTimeout>;
    const arm = (): void => {
      const wait = Math.max(0, at - Date.now());
      handle = setTimeout(wait > MAX_TIMEOUT_MS ? arm : callback, Math.min(wait, MAX_TIMEOUT_MS));
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  },
};
