/**
 * kernels/faker: a faker `Randomizer` driven by the counter-based row hash.
 * at(key, row) resets it; next() returns draws 0, 1, 2, ... of that row. So a faker call made
 * right after at(key, row) is a pure function of (key, row), on any thread, in any batch.
 */
import type { Randomizer } from "@faker-js/faker";
import { uniform53 } from "../rng/hash.js";

/** A Randomizer that is repositioned per row instead of reseeded (no Mersenne Twister setup). */
export class RowRandomizer implements Randomizer {
  private k0 = 0;
  private k1 = 0;
  private row = 0;
  private draw = 0;

  /** Moves to draw 0 of `row` under the column key (k0, k1). */
  at(k0: number, k1: number, row: number): void {
    this.k0 = k0;
    this.k1 = k1;
    this.row = row;
    this.draw = 0;
  }

  /** The next uniform double in [0, 1) of the current row (an own property: faker calls it unbound). */
  readonly next = (): number => uniform53(this.k0, this.k1, this.row, this.draw++);

  /**
   * Faker only calls this when a caller seeds the instance; the stream position is (key, row),
   * so a seed just restarts the current row's draws.
   */
  readonly seed = (_seed: number | number[]): void => {
    this.draw = 0;
  };
}
