/**
 * @module adapters/chat/discord/rest — the REST client the Discord sink sends alerts with.
 *
 * Who waits out a rate limit? @discordjs/rest can wait internally (its default), per bucket and
 * channel, and retry 5xx three times at once. We let the outbox own both, as for Slack:
 *   - a wait inside `send()` holds one of the outbox's send slots and the delivery's lease for the
 *     whole Retry-After; a long or global limit would tie up the worker and can outlive the lease;
 *   - the outbox already paces each channel (`minIntervalMs`), holds only the limited channel for
 *     `retryAfterMs`, keeps per-channel order, and survives restarts (the wait is on the row);
 *   - 5xx retries belong with the outbox's back-off with jitter, not three immediate retries.
 * So this client has `rejectOnRateLimit` for every route (429 or a known-empty bucket → an
 * immediate RateLimitError with `retryAfter` / `timeToReset`) and `retries: 0`. It still reads the
 * bucket headers, so it refuses a request it knows would be limited without sending it, and a
 * global limit blocks every channel until it passes. Interaction replies use the gateway client's
 * own REST (index.ts), which waits internally: those answers are due within seconds, not later.
 */
import { REST } from 'discord.js';
import { DISCORD_API_VERSION, discordApiBase } from './api-url.js';

export const SINK_REQUEST_TIMEOUT_MS = 10_000;

export function createSinkRest(token: string, options: { apiUrl?: string | null; timeoutMs?: number } = {}): REST {
  return new REST({
    api: discordApiBase(options.apiUrl),
    version: DISCORD_API_VERSION,
    rejectOnRateLimit: () => true,
    retries: 0,
    timeout: options.timeoutMs ?? SINK_REQUEST_TIMEOUT_MS,
  }).setToken(token);
}
