/**
 * @module adapters/chat/discord/nonce — the message nonce for a delivery.
 *
 * Discord accepts a nonce of at most 25 characters; with `enforce_nonce: true` it answers a second
 * create with the same nonce (same author, same channel, within a few minutes) with the message
 * already posted instead of posting again. The outbox hands every delivery a stable idempotency key
 * (`SendOptions.idempotencyKey`), so a resend after a crash or a lost response reuses the nonce.
 */
import { createHash } from 'node:crypto';

export const NONCE_LENGTH = 25;

/** "tw" + 23 hex digits of SHA-256(key): stable, ≤ 25 characters, 92 bits of the key. */
export function nonceFor(idempotencyKey: string): string {
  return `tw${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, NONCE_LENGTH - 2)}`;
}
