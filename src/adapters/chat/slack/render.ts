/**
 * @module adapters/chat/slack/render — ports' OutgoingMessage / CommandReply → Slack payloads, via
 * the pure renderers in core/format.
 */
import { slackAlert, slackDigest, slackFollowup, slackNotice, type SlackMessage } from '../../../core/format/slack-blocks.js';
import { slackReply } from '../../../core/format/slack-reply.js';
import type { CommandReply, OutgoingMessage } from '../../../ports.js';

export function renderOutgoing(message: OutgoingMessage): SlackMessage {
  switch (message.kind) {
    case 'alert':
      return slackAlert(message.alert);
    case 'followup':
      return slackFollowup(message.alert, message.outlet);
    case 'digest':
      return slackDigest(message.title, message.groups);
    case 'notice':
      return slackNotice(message.text);
  }
}

/** The body of ack() / respond() for a command reply. */
export function renderReply(reply: CommandReply): SlackMessage & { response_type: 'ephemeral' | 'in_channel' } {
  return { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', ...slackReply(reply) };
}
