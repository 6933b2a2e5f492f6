/**
 * @module adapters/chat/delivery-error — what every ChatSink throws: a TradewireError that is also
 * a DeliveryFailure (ports.ts), so the outbox worker branches on `kind` and stores `code`.
 * Shared by the Slack, Discord, webhook and console adapters.
 */
import { TradewireError } from '../../core/errors.js';
import type { DeliveryErrorKind, DeliveryFailure } from '../../ports.js';

export class DeliveryError extends TradewireError implements DeliveryFailure {
  readonly kind: DeliveryErrorKind;
  readonly retryAfterMs?: number;
  readonly affects?: 'message' | 'destination';

  constructor(failure: DeliveryFailure, options: { cause?: unknown; input?: unknown } = {}) {
    super(failure.code, failure.message, options);
    this.name = 'DeliveryError';
    this.kind = failure.kind;
    if (failure.retryAfterMs !== undefined) this.retryAfterMs = failure.retryAfterMs;
    if (failure.affects !== undefined) this.affects = failure.affects;
  }
}
