/**
 * kernels: the registry — generator kind (the proto oneof field name) → kernel.
 * Compile rejects any kind not listed here, so workers never meet an unknown kind.
 */
import { aggregateKernel } from "./aggregate.js";
import { booleanKernel } from "./boolean.js";
import { categoricalKernel } from "./categorical.js";
import { expressionKernel } from "./expression.js";
import { fakerKernel } from "./faker.js";
import { foreignKeyKernel } from "./foreign-key.js";
import type { Kernel } from "./kernel.js";
import { lookupKernel } from "./lookup.js";
import { numberKernel } from "./number.js";
import { permutationKernel } from "./permutation.js";
import { semanticKernel } from "./semantic.js";
import { sequenceKernel } from "./sequence.js";
import { templateKernel } from "./template.js";
import { temporalKernel } from "./temporal.js";
import { uuidKernel } from "./uuid.js";

const KERNELS: Readonly<Record<string, Kernel>> = {
  sequence: sequenceKernel,
  permutation: permutationKernel,
  uuid: uuidKernel,
  number: numberKernel,
  boolean: booleanKernel,
  categorical: categoricalKernel,
  temporal: temporalKernel,
  semantic: semanticKernel,
  foreign_key: foreignKeyKernel,
  lookup: lookupKernel,
  aggregate: aggregateKernel,
  template: templateKernel,
  faker: fakerKernel,
  expression: expressionKernel,
};

/** The kernel for a generator kind, or undefined if the engine has none. */
export function kernelFor(kind: string): Kernel | undefined {
  return Object.hasOwn(KERNELS, kind) ? KERNELS[kind] : undefined;
}

/** The kernel for a kind that compile already accepted. */
export function requireKernel(kind: string): Kernel {
  const k = kernelFor(kind);
  if (k === undefined) throw new Error(`no kernel for generator kind "${kind}"`);
  return k;
}

/** Kinds the engine can generate. */
export function kernelKinds(): string[] {
  return Object.keys(KERNELS);
}
