/**
 * @module core/format/slack-reply — a platform-neutral command reply (markup text, lines, alert
 * cards) → Slack blocks, within Slack's limits. The markup is parsed, never passed through: every
 * run of text is escaped by the mrkdwn safety layer.
 */
import type { AlertView } from '../types.js';
import { parseMarkup, splitEdges, type Run } from './markup.js';
import { escapeMrkdwn, escapeMrkdwnCode, mrkdwnLink, truncateMrkdwn } from './mrkdwn.js';
import { alertBlocks, alertFallback, context, fallback, mrkdwn, section } from './slack-blocks.js';
import { SLACK_LIMITS, type SlackBlock, type SlackMessage } from './slack-types.js';

/** Structurally a CommandReply (ports.ts), minus `ephemeral`, which decides the response type. */
export interface ReplyContent {
  text: string;
  lines?: string[];
  alerts?: AlertView[];
}

/** Markup → mrkdwn. Whitespace at a run's edges moves outside the markers, where Slack needs it. */
export function markupToMrkdwn(markup: string): string {
  return parseMarkup(markup).map(runToMrkdwn).join('');
}

function runToMrkdwn(run: Run): string {
  const { lead, core, trail } = splitEdges(run.text);
  if (!core) return escapeMrkdwn(run.text);
  let out = run.code ? `\`${escapeMrkdwnCode(core)}\`` : escapeMrkdwn(core);
  if (run.italic) out = `_${out}_`;
  if (run.bold) out = `*${out}*`;
  if (run.url) out = mrkdwnLink(run.url, out);
  return `${escapeMrkdwn(lead)}${out}${escapeMrkdwn(trail)}`;
}

export function slackReply(reply: ReplyContent): SlackMessage {
  const room = SLACK_LIMITS.blocks - 1;
  const blocks: SlackBlock[] = [];
  const text = markupToMrkdwn(reply.text);
  if (text.trim()) blocks.push(section(mrkdwn(text)));
  const lines = (reply.lines ?? []).map(markupToMrkdwn);
  let linesShown = 0;
  for (const chunk of packSections(lines)) {
    if (blocks.length >= room) break;
    blocks.push(section(mrkdwn(chunk.text)));
    linesShown += chunk.count;
  }
  const alerts = reply.alerts ?? [];
  let alertsShown = 0;
  for (const alert of alerts) {
    const card = alertBlocks(alert);
    const needed = card.length + (blocks.length > 0 ? 1 : 0);
    if (blocks.length + needed > room) break;
    if (blocks.length > 0) blocks.push({ type: 'divider' });
    blocks.push(...card);
    alertsShown += 1;
  }
  const hidden = lines.length - linesShown + (alerts.length - alertsShown);
  if (hidden > 0) blocks.push(context(mrkdwn(`…and ${hidden} more`)));
  const plain = text.trim() || (alerts[0] ? alertFallback(alerts[0]) : 'tradewire');
  return { text: fallback(plain), blocks };
}

function packSections(lines: string[]): { text: string; count: number }[] {
  const max = SLACK_LIMITS.sectionText;
  const chunks: { text: string; count: number }[] = [];
  let cur: { text: string; count: number } | null = null;
  for (const raw of lines) {
    const line = truncateMrkdwn(raw, max);
    if (cur && cur.text.length + 1 + line.length <= max) {
      cur.text += `\n${line}`;
      cur.count += 1;
      continue;
    }
    cur = { text: line, count: 1 };
    chunks.push(cur);
  }
  return chunks;
}
