/**
 * server: draining for shutdown. begin() → health NOT_SERVING, /readyz 503, new streams refused;
 * open streams may finish within the grace period, after which `deadline` aborts and they end
 * with Unavailable and a resume cursor. Each server owns one controller.
 */

/** The drain state of one server. */
export interface DrainController {
  readonly draining: boolean;
  /** Aborts when the grace period ends; open streams listen to it. */
  readonly deadline: AbortSignal;
  /** Starts draining; resolves when the grace period has ended or every stream has finished. */
  begin(graceSeconds: number, openStreams: () => number): Promise<void>;
  /** Called by a stream when it ends, so a drain waiting on it can finish early. */
  streamEnded(): void;
}

/** Creates a controller; `onBegin` flips health and readiness. */
export function createDrainController(onBegin: () => void): DrainController {
  let draining = false;
  const deadline = new AbortController();
  let wake: (() => void) | undefined;
  return {
    get draining() {
      return draining;
    },
    deadline: deadline.signal,
    async begin(graceSeconds, openStreams) {
      if (!draining) {
        draining = true;
        onBegin();
      }
      const graceEnds = Date.now() + graceSeconds * 1000;
      while (openStreams() > 0 && Date.now() < graceEnds) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.min(250, Math.max(0, graceEnds - Date.now()))).unref();
        });
      }
      if (openStreams() > 0) deadline.abort(new Error("drain grace period ended"));
    },
    streamEnded() {
      wake?.();
    },
  };
}
