/**
 * @module core/format/slack-blocks — OutgoingMessage → Block Kit JSON (+ plain `text` fallback).
 *
 * Untrusted feed text goes out three ways: escaped mrkdwn where links are needed (headline, also
 * reported by), `plain_text` for the summary and `rich_text` for quotes (both shown literally, so
 * quotes stay verbatim). Every piece is cut to Slack's limits with an ellipsis: this never throws.
 */
import type { AlertView, AlsoReported, DigestGroup } from '../types.js';
import { escapeLine, escapeMrkdwn, mentionMrkdwn, mrkdwnLink, neutralisePlain, slackDate, truncateMrkdwn } from './mrkdwn.js';
import { SLACK_LIMITS, type SlackBlock, type SlackMessage, type SlackMrkdwn, type SlackText } from './slack-types.js';
import { formatUtc, oneLine, truncate } from './text.js';

export type { SlackBlock, SlackMessage } from './slack-types.js';

const HEADLINE_MAX = 150;
const SPEAKER_MAX = 150;
const SOURCE_MAX = 80;
const MAX_OUTLETS_SHOWN = 8;

export function mrkdwn(text: string): SlackMrkdwn {
  return { type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.sectionText), verbatim: true };
}

export function section(text: SlackText): SlackBlock {
  return { type: 'section', text };
}

export function context(...elements: SlackText[]): SlackBlock {
  const fitted = elements.slice(0, SLACK_LIMITS.contextElements).map((e) =>
    e.type === 'mrkdwn' ? { ...e, text: truncateMrkdwn(e.text, SLACK_LIMITS.contextText) } : { ...e, text: truncate(e.text, SLACK_LIMITS.contextText) },
  );
  return { type: 'context', elements: fitted };
}

export function header(text: string): SlackBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(neutralisePlain(oneLine(text)) || ' ', SLACK_LIMITS.headerText), emoji: false } };
}

export function fallback(text: string): string {
  return truncateMrkdwn(text, SLACK_LIMITS.fallbackText);
}

/** The headline as an escaped mrkdwn link (or plain bold text when the URL is not http(s)). */
export function headlineMrkdwn(alert: Pick<AlertView, 'title' | 'url'>): string {
  return `*${mrkdwnLink(alert.url, escapeLine(alert.title, HEADLINE_MAX) || 'Untitled')}*`;
}

function topicNames(alert: AlertView): string {
  return alert.topics.map((t) => t.name).join(' · ');
}

/** "Source · 20 Apr 08:05 · Tariffs · US–Japan" */
function contextLine(alert: AlertView): string {
  const parts = [`*${escapeLine(alert.source, SOURCE_MAX)}*`, slackDate(alert.published, formatUtc(alert.published))];
  if (alert.topics.length > 0) parts.push(escapeLine(topicNames(alert), 400));
  return parts.join(' · ');
}

function quoteBlock(text: string, speaker: string): SlackBlock {
  const body = truncate(neutralisePlain(text.trim()), SLACK_LIMITS.quoteText);
  const who = truncate(neutralisePlain(oneLine(speaker) || 'unknown'), SPEAKER_MAX);
  return {
    type: 'rich_text',
    elements: [
      { type: 'rich_text_quote', elements: [{ type: 'text', text: `“${body}”` }] },
      { type: 'rich_text_section', elements: [{ type: 'text', text: `— ${who}`, style: { italic: true } }] },
    ],
  };
}

export function alsoReportedMrkdwn(outlets: AlertView['alsoReportedBy']): string | null {
  if (outlets.length === 0) return null;
  const shown = outlets.slice(0, MAX_OUTLETS_SHOWN).map((o) => mrkdwnLink(o.url, escapeLine(o.source, SOURCE_MAX)));
  const more = outlets.length - shown.length;
  return `Also reported by ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** The blocks of one alert card (no mention): headline, context, summary, quotes, also reported. */
export function alertBlocks(alert: AlertView): SlackBlock[] {
  const blocks: SlackBlock[] = [section(mrkdwn(headlineMrkdwn(alert))), context(mrkdwn(contextLine(alert)))];
  const summary = neutralisePlain(alert.summary.trim());
  if (summary) blocks.push(section({ type: 'plain_text', text: truncate(summary, SLACK_LIMITS.sectionText), emoji: false }));
  for (const q of alert.keyQuotes.slice(0, 3)) blocks.push(quoteBlock(q.text, q.speaker));
  const also = alsoReportedMrkdwn(alert.alsoReportedBy);
  if (also) blocks.push(context(mrkdwn(also)));
  return blocks;
}

export function alertFallback(alert: AlertView): string {
  const topics = alert.topics.length > 0 ? `[${escapeLine(topicNames(alert), 200)}] ` : '';
  return `${topics}${escapeLine(alert.title, HEADLINE_MAX) || 'Untitled'} — ${escapeLine(alert.source, SOURCE_MAX)}`;
}

export function slackAlert(alert: AlertView): SlackMessage {
  const mention = mentionMrkdwn(alert.mention);
  const blocks = alertBlocks(alert);
  if (mention) blocks.unshift(section(mrkdwn(mention)));
  return { text: fallback(`${mention ? `${mention} ` : ''}${alertFallback(alert)}`), blocks };
}

/** The thread reply that names the new outlet (the original is refreshed separately with slackAlert). */
export function slackFollowup(alert: AlertView, outlet: AlsoReported): SlackMessage {
  const who = `*${escapeLine(outlet.source, SOURCE_MAX)}*`;
  const line = `Also reported by ${who}: ${mrkdwnLink(outlet.url, escapeLine(outlet.title || alert.title, HEADLINE_MAX))}`;
  return {
    text: fallback(`Also reported by ${escapeLine(outlet.source, SOURCE_MAX)}: ${escapeLine(outlet.title || alert.title, HEADLINE_MAX)}`),
    blocks: [section(mrkdwn(line))],
  };
}

export function slackNotice(text: string): SlackMessage {
  const body = escapeMrkdwn(text.trim());
  return { text: fallback(`tradewire: ${oneLine(body)}`), blocks: [section(mrkdwn(`:warning: ${body}`))] };
}


/**
 * One header, then per topic a bold name and its stories as bullet lines, packed into sections of
 * at most 3,000 characters; past 50 blocks the rest is summarised as "…and N more".
 */
export function slackDigest(title: string, groups: DigestGroup[]): SlackMessage {
  const total = groups.reduce((n, g) => n + g.alerts.length, 0);
  const blocks: SlackBlock[] = [header(title)];
  let shown = 0;
  const room = SLACK_LIMITS.blocks - 1; // keep one block for the "more" line
  outer: for (const group of groups) {
    const chunks = packLines(group.alerts.map(digestLine), `*${escapeLine(group.topic.name, 200)}*`);
    if (blocks.length > 1) {
      if (blocks.length + 2 > room) break;
      blocks.push({ type: 'divider' });
    }
    for (const chunk of chunks) {
      if (blocks.length >= room) break outer;
      blocks.push(section(mrkdwn(chunk.text)));
      shown += chunk.count;
    }
  }
  if (shown < total) blocks.push(context(mrkdwn(`…and ${total - shown} more ${total - shown === 1 ? 'story' : 'stories'}`)));
  const summary = groups.map((g) => `${escapeLine(g.topic.name, 80)} (${g.alerts.length})`).join(', ');
  return { text: fallback(`${escapeLine(title, HEADLINE_MAX)}: ${total} ${total === 1 ? 'story' : 'stories'} — ${summary}`), blocks };
}

function digestLine(alert: AlertView): string {
  return `• ${headlineMrkdwn(alert)} — ${escapeLine(alert.source, SOURCE_MAX)} · ${slackDate(alert.published, formatUtc(alert.published))}`;
}

/** Greedy packing of lines under a heading into section-sized chunks. */
function packLines(lines: string[], heading: string): { text: string; count: number }[] {
  const max = SLACK_LIMITS.sectionText;
  const chunks: { text: string; count: number }[] = [];
  let text = heading;
  let count = 0;
  for (const raw of lines) {
    const line = truncateMrkdwn(raw, max - 1);
    if (text.length + 1 + line.length > max) {
      chunks.push({ text, count });
      text = line;
      count = 1;
      continue;
    }
    text = text ? `${text}\n${line}` : line;
    count += 1;
  }
  chunks.push({ text, count });
  return chunks;
}
