/**
 * security: the plain typed errors of authentication, authorization and tenant quotas.
 * Each carries its cause as data; src/server/errors.ts alone maps them to Unauthenticated,
 * PermissionDenied and ResourceExhausted (with google.rpc.RetryInfo when a retry can succeed).
 */
import { LimitExceededError } from "../server/request-errors.js";

/** No credentials, or credentials that prove nothing (bad key, bad signature, expired, wrong audience). */
export class AuthenticationError extends Error {
  override readonly name = "AuthenticationError";
}

/** The key source (a JWKS URL) cannot be read now: nothing is known about the token; retry later. */
export class KeySourceUnavailableError extends Error {
  override readonly name = "KeySourceUnavailableError";
}

/** The caller is known but may not do this (missing scope, plan outside the tenant's allow-list). */
export class PermissionDeniedError extends Error {
  override readonly name = "PermissionDeniedError";
}

/** A tenant rate or concurrency limit; retrying after `retryAfterMs` can succeed. */
export class QuotaExceededError extends LimitExceededError {
  constructor(
    limit: string,
    message: string,
    readonly tenant: string,
    readonly retryAfterMs: number,
  ) {
    super(limit, message);
  }
}
