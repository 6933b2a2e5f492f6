/**
 * @module core/format/slack-types — the subset of Block Kit tradewire emits, and Slack's limits.
 * Plain JSON types (core/ cannot import the Slack SDK).
 */

export interface SlackPlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface SlackMrkdwn {
  type: 'mrkdwn';
  text: string;
  /** true: Slack does not auto-link bare URLs, #channels or @names in this text. */
  verbatim?: boolean;
}

export type SlackText = SlackPlainText | SlackMrkdwn;

export interface RichTextRun {
  type: 'text';
  text: string;
  style?: { bold?: boolean; italic?: boolean; code?: boolean };
}

export type RichTextElement =
  | { type: 'rich_text_section'; elements: RichTextRun[] }
  | { type: 'rich_text_quote'; elements: RichTextRun[] };

export type SlackBlock =
  | { type: 'header'; text: SlackPlainText }
  | { type: 'section'; text: SlackText }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' }
  | { type: 'rich_text'; elements: RichTextElement[] };

/** What chat.postMessage / chat.update / respond() take: blocks plus the notification fallback. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** https://docs.slack.dev/reference/block-kit/blocks — enforced by test/harness/fake-slack.ts too. */
export const SLACK_LIMITS = {
  headerText: 150,
  sectionText: 3_000,
  contextElements: 10,
  /** Context element text: Slack documents no separate cap; we keep to the section cap. */
  contextText: 3_000,
  blocks: 50,
  /** Slack truncates `text` past 40,000 characters; we stay far below (it is only a notification preview). */
  text: 40_000,
  fallbackText: 3_000,
  /** rich_text runs: undocumented; this keeps one quote readable and the payload small. */
  quoteText: 1_000,
} as const;
