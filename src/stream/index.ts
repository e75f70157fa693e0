/**
 * stream: the engine runner's public surface for the transports (server, Flight, CLI file sinks).
 * One pool, one sharder: everything that generates data goes through these exports.
 */

export { estimateColumnBytes, estimateRowBytes } from "../shard/estimate-row-bytes.js";
export {
  type BatchSpan,
  defaultRowsPerBatch,
  planBatches,
  type RowRange,
  TARGET_BATCH_BYTES,
} from "../shard/plan-batches.js";
export { DEFAULT_SHARD_ROWS, planShards, type Shard, type ShardOptions } from "../shard/plan-shards.js";
export {
  type BatchInfo,
  DEFAULT_MAX_IN_FLIGHT,
  type GenerateStreamOptions,
  generateStream,
} from "./generate-stream.js";
export { createInlineRunner } from "./inline-runner.js";
export { createPiscinaRunner, type PiscinaRunnerOptions } from "./piscina-runner.js";
export { resolveRequest, type TableJob } from "./resolve-request.js";
export { BatchFailedError, StreamRequestError } from "./stream-request-error.js";
export type {
  BatchResult,
  BatchRunner,
  BatchTask,
  ResumeCursor,
  StreamChunk,
  StreamRequest,
} from "./stream-types.js";
