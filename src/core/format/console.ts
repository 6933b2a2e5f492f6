/**
 * @module core/format/console — the same alert, readable in a terminal (the console adapter and
 * `tradewire demo`). Feed text is stripped of control characters, so no feed can move the cursor,
 * recolour the terminal or rewrite the title bar; colours come only from this module.
 */
import type { AlertView, AlsoReported, DigestGroup } from '../types.js';
import { parseMarkup } from './markup.js';
import { formatUtc, oneLine, safeHttpUrl, sanitize } from './text.js';

export interface ConsoleStyle {
  /** ANSI colours (a TTY); false gives plain text. */
  color: boolean;
  /** Wrap width for paragraphs; default 96. */
  width?: number;
}

const ANSI = { bold: '1', dim: '2', italic: '3', underline: '4', cyan: '36', yellow: '33', green: '32', magenta: '35' } as const;
type Tone = keyof typeof ANSI;

function paint(style: ConsoleStyle, text: string, ...tones: Tone[]): string {
  if (!style.color || tones.length === 0 || !text) return text;
  return `\u001b[${tones.map((t) => ANSI[t]).join(';')}m${text}\u001b[0m`;
}

/** Greedy word wrap with a hanging indent; long words are left whole. */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  for (const para of sanitize(text).split(/\n+/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(indent + line);
  }
  return lines;
}

function rule(style: ConsoleStyle, label: string): string {
  const width = style.width ?? 96;
  const head = `━━ ${label} `;
  return paint(style, head + '━'.repeat(Math.max(3, width - head.length)), 'cyan');
}

export function renderAlert(alert: AlertView, style: ConsoleStyle): string {
  const width = style.width ?? 96;
  const topics = alert.topics.map((t) => oneLine(t.name)).join(' · ') || 'alert';
  const out = [rule(style, topics)];
  if (alert.mention) out.push(paint(style, `notify ${oneLine(alert.mention)}`, 'magenta'));
  out.push(paint(style, oneLine(alert.title) || 'Untitled', 'bold'));
  out.push(paint(style, `${oneLine(alert.source)} · ${formatUtc(alert.published)}`, 'dim'));
  const url = safeHttpUrl(alert.url);
  if (url) out.push(paint(style, url, 'underline'));
  if (alert.summary.trim()) out.push('', ...wrap(alert.summary, width, '  '));
  for (const q of alert.keyQuotes.slice(0, 3)) {
    out.push('', ...wrap(`“${q.text.trim()}”`, width, '  ').map((l) => paint(style, l, 'italic')));
    out.push(paint(style, `      — ${oneLine(q.speaker) || 'unknown'}`, 'yellow'));
  }
  if (alert.alsoReportedBy.length > 0) {
    out.push('', paint(style, `  Also reported by: ${alert.alsoReportedBy.map((o) => oneLine(o.source)).join(', ')}`, 'dim'));
  }
  return out.join('\n');
}

export function renderFollowup(alert: AlertView, outlet: AlsoReported, style: ConsoleStyle): string {
  const url = safeHttpUrl(outlet.url);
  const lines = [
    paint(style, `  ↳ in thread of “${oneLine(alert.title)}”`, 'dim'),
    `    Also reported by ${paint(style, oneLine(outlet.source), 'bold')}: ${oneLine(outlet.title || alert.title)}`,
  ];
  if (url) lines.push(`    ${paint(style, url, 'underline')}`);
  return lines.join('\n');
}

export function renderDigest(title: string, groups: DigestGroup[], style: ConsoleStyle): string {
  const out = [rule(style, oneLine(title))];
  for (const group of groups) {
    out.push(paint(style, oneLine(group.topic.name), 'bold', 'cyan'));
    for (const a of group.alerts) {
      out.push(`  • ${oneLine(a.title)} ${paint(style, `— ${oneLine(a.source)} · ${formatUtc(a.published)}`, 'dim')}`);
      const url = safeHttpUrl(a.url);
      if (url) out.push(`    ${paint(style, url, 'underline')}`);
    }
  }
  return out.join('\n');
}

export function renderNotice(text: string, style: ConsoleStyle): string {
  return paint(style, `⚠ ${oneLine(text)}`, 'yellow');
}

/** Markup (core/format/markup.ts) → terminal text; links print as "label (url)". */
export function markupToConsole(markup: string, style: ConsoleStyle): string {
  return parseMarkup(markup)
    .map((run) => {
      const tones: Tone[] = [];
      if (run.bold) tones.push('bold');
      if (run.italic) tones.push('italic');
      if (run.code) tones.push('green');
      const text = paint(style, sanitize(run.text), ...tones);
      return run.url ? `${text} (${paint(style, run.url, 'underline')})` : text;
    })
    .join('');
}

export function renderReply(reply: { text: string; lines?: string[]; alerts?: AlertView[] }, style: ConsoleStyle): string {
  const out = [markupToConsole(reply.text, style)];
  for (const line of reply.lines ?? []) out.push(`  ${markupToConsole(line, style)}`);
  for (const alert of reply.alerts ?? []) out.push('', renderAlert(alert, style));
  return out.join('\n');
}
