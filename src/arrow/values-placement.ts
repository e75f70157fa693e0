/**
 * arrow: places a batch's fixed-width values buffers at their final offsets in its IPC message, so
 * the encoder finds them already in place and skips copying them (and the worker skips allocating,
 * zeroing and page-faulting a fresh buffer per column).
 * (message buffer, body start) → a slot per projected column, handed out in column order.
 * Invariant: a slot never overlaps a byte that a finished column still needs; once any column's
 * buffers sit in the message at a wrong offset, no further slot is handed out and the encoder
 * copies the misplaced buffers out before writing (ipc.ts), so the bytes never depend on placement.
 */
import type { Data } from "apache-arrow";
import { VectorAssembler } from "apache-arrow/visitor/vectorassembler";

/**
 * The assembler over one column's Data. Its static `assemble` takes Vectors only, and building a
 * Vector per column per batch made V8 run a full GC every few batches (measured: 2 → 20 per 200
 * numeric batches, +30% worker time); its constructor is typed private but takes no arguments.
 */
function assembleColumn(data: Data): VectorAssembler {
  const Assembler = VectorAssembler as unknown as new () => VectorAssembler;
  return new Assembler().visit(data);
}

/** Where generateBatch may put the values buffers of the projected columns it builds. */
export interface ValuesPlacement {
  /** The message buffer (its capacity): header first, then the body from `bodyStart`. */
  readonly bytes: Uint8Array;
  /** Offset of the body in `bytes` (8-aligned): 8 + the expected flatbuffer header length. */
  readonly bodyStart: number;
  /**
   * `byteLength` bytes (stale contents) at projected column `index`'s values offset, assuming it
   * has no validity buffer; undefined if that is unknown or the column already took its slot.
   */
  take(index: number, byteLength: number): Uint8Array | undefined;
  /** Column `index` is final: checks its buffers and moves past its body bytes. */
  done(index: number, data: Data): void;
}

/** Creates the placement over `bytes`, whose body is expected to start at `bodyStart`. */
export function createValuesPlacement(bytes: Uint8Array, bodyStart: number): ValuesPlacement {
  let pos = bodyStart; // body offset (in `bytes`) of the next column, while every column is in place
  let next = 0; // the column whose slot may be taken
  let taken = -1;
  let broken = bodyStart % 8 !== 0;
  return {
    bytes,
    bodyStart,
    take(index, byteLength) {
      if (broken || index !== next || taken === index || pos + byteLength > bytes.byteLength)
        return undefined;
      taken = index;
      return bytes.subarray(pos, pos + byteLength);
    },
    done(index, data) {
      if (broken) return;
      if (index !== next) {
        broken = true;
        return;
      }
      const column = assembleColumn(data);
      column.buffers.forEach((b, i) => {
        if (b.buffer !== bytes.buffer || b.byteLength === 0) return;
        const at = pos + column.bufferRegions[i]!.offset;
        if (b.byteOffset !== bytes.byteOffset + at) broken = true; // in the message, but misplaced
      });
      pos += column.byteLength;
      next = index + 1;
    },
  };
}
