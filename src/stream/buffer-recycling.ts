/**
 * stream: the round trip of batch buffers between the workers and the main thread.
 * A worker encodes each batch into a buffer from its pool and transfers it; once a transport has
 * written the batch it hands the buffer back, and the runner sends it to a worker with a later
 * task. Without it every batch is a fresh multi-MB ArrayBuffer on both threads, and the external
 * memory makes V8 run a full GC every ~30 batches on the main thread (≈1 s of GC per GB sent).
 * Invariant: a buffer is owned by one thread at a time (it moves by transfer, which detaches every
 * old view), and only buffers the runner leased are taken back.
 */

/** Buffers are allocated in multiples of this, so one buffer serves batches of similar size. */
const SIZE_STEP = 1 << 20;

/** A worker's spare buffers. */
export interface WorkerBufferPool {
  /** `byteLength` bytes (stale contents) in a spare buffer, or a new one. */
  take(byteLength: number): Uint8Array;
  /** Adds buffers returned by the main thread; keeps the largest `maxSpares`. */
  give(buffers: readonly ArrayBuffer[]): void;
}

/** Creates a worker-side pool holding at most `maxSpares` buffers. */
export function createWorkerBufferPool(maxSpares = 4): WorkerBufferPool {
  const spares: ArrayBuffer[] = []; // ascending byteLength
  return {
    take(byteLength) {
      const at = spares.findIndex((b) => b.byteLength >= byteLength);
      const buf =
        at >= 0
          ? spares.splice(at, 1)[0]!
          : new ArrayBuffer(Math.ceil(Math.max(byteLength, 1) / SIZE_STEP) * SIZE_STEP);
      return new Uint8Array(buf, 0, byteLength);
    },
    give(buffers) {
      for (const b of buffers) if (b.byteLength > 0) spares.push(b); // a detached buffer has length 0
      spares.sort((a, b) => a.byteLength - b.byteLength);
      if (spares.length > maxSpares) spares.splice(0, spares.length - maxSpares);
    },
  };
}

/** The main thread's side: buffers leased out with results, and those handed back. */
export interface SpareBuffers {
  /** Marks a result's buffer as one this runner may take back. */
  lease(buffer: ArrayBufferLike): void;
  /** Takes back a leased buffer whose every view the caller is done with; ignores others. */
  recycle(buffer: ArrayBufferLike): void;
  /** Up to `n` buffers to transfer to a worker with its next task. */
  take(n: number): ArrayBuffer[];
}

/** Creates the main-thread side, keeping at most `maxSpares` buffers between tasks. */
export function createSpareBuffers(maxSpares: number): SpareBuffers {
  const leased = new WeakSet<ArrayBufferLike>();
  const spares: ArrayBuffer[] = [];
  return {
    lease(buffer) {
      leased.add(buffer);
    },
    recycle(buffer) {
      if (!leased.delete(buffer) || !(buffer instanceof ArrayBuffer)) return;
      if (spares.length < maxSpares) spares.push(buffer);
    },
    take(n) {
      return spares.splice(Math.max(0, spares.length - n), n);
    },
  };
}
