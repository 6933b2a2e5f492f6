/**
 * @module core/format/markup — the platform-neutral "markdown-lite" of command replies
 * (`CommandReply.text` and `lines`). Flows build it with `md`, which escapes untrusted text; each
 * platform renders the parsed runs with its own safety layer (Slack mrkdwn, Discord markdown, ANSI).
 *
 * Grammar: `*bold*`, `_italic_`, `` `code` `` (markers toggle), `[label](http(s) url)`, and a
 * backslash before any of `\ * _ ` [ ] ( )` makes it literal. Nothing else is special.
 */
import { safeHttpUrl, sanitize } from './text.js';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  /** Only http(s) URLs (checked again by the parser). */
  url?: string;
}

const SPECIAL = /[\\*_`[\]()]/g;

/** Builders: every argument is treated as untrusted text. */
export const md = {
  text: (s: string): string => sanitize(s).replace(SPECIAL, (c) => `\\${c}`),
  bold: (s: string): string => (s ? `*${md.text(s)}*` : ''),
  italic: (s: string): string => (s ? `_${md.text(s)}_` : ''),
  code: (s: string): string => (s ? `\`${md.text(s)}\`` : ''),
  /** A link when the URL is http(s); the label alone otherwise. */
  link: (label: string, url: string | null | undefined): string => {
    const safe = safeHttpUrl(url);
    return safe ? `[${md.text(label)}](${safe})` : md.text(label);
  },
};

/**
 * A search snippet whose matched words the store marks `*like this*` → markup with those words in
 * bold and everything else literal.
 */
export function snippetMarkup(snippet: string): string {
  return snippet
    .split('*')
    .map((part, i) => (i % 2 === 1 ? md.bold(part) : md.text(part)))
    .join('');
}

/** Parses markup into runs; never throws (unbalanced markers simply stay on to the end). */
export function parseMarkup(markup: string): Run[] {
  const runs: Run[] = [];
  const state = { bold: false, italic: false, code: false };
  let buf = '';
  const flush = (url?: string, text = buf): void => {
    if (text) runs.push(withStyle({ text }, state, url));
    buf = '';
  };
  for (let i = 0; i < markup.length; i += 1) {
    const c = markup[i]!;
    if (c === '\\' && i + 1 < markup.length) {
      buf += markup[i + 1];
      i += 1;
      continue;
    }
    if (c === '`' || (!state.code && (c === '*' || c === '_'))) {
      flush();
      if (c === '`') state.code = !state.code;
      else if (c === '*') state.bold = !state.bold;
      else state.italic = !state.italic;
      continue;
    }
    if (c === '[' && !state.code) {
      const link = readLink(markup, i);
      if (link) {
        flush();
        flush(link.url ?? undefined, link.label);
        i = link.end;
        continue;
      }
    }
    buf += c;
  }
  flush();
  return runs;
}

function withStyle(run: Run, state: { bold: boolean; italic: boolean; code: boolean }, url?: string): Run {
  if (state.bold) run.bold = true;
  if (state.italic) run.italic = true;
  if (state.code) run.code = true;
  if (url) run.url = url;
  return run;
}

/** `[label](url)` starting at `start`: the unescaped label, the checked URL, and the index of `)`. */
function readLink(s: string, start: number): { label: string; url: string | null; end: number } | null {
  let label = '';
  let i = start + 1;
  for (; i < s.length && s[i] !== ']'; i += 1) {
    if (s[i] === '\\' && i + 1 < s.length) i += 1;
    label += s[i];
  }
  if (s[i] !== ']' || s[i + 1] !== '(') return null;
  const close = s.indexOf(')', i + 2);
  if (close === -1) return null;
  return { label, url: safeHttpUrl(s.slice(i + 2, close)), end: close };
}

/**
 * A run's text as leading whitespace, the rest, trailing whitespace: Slack and Discord both need
 * emphasis markers around the words, not around the spaces next to them.
 */
export function splitEdges(text: string): { lead: string; core: string; trail: string } {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const trail = /\s*$/.exec(text.slice(lead.length))?.[0] ?? '';
  return { lead, core: text.slice(lead.length, text.length - trail.length), trail };
}

/** The text alone, markers dropped (for plain fallbacks and length budgets). */
export function plainText(markup: string): string {
  return parseMarkup(markup)
    .map((r) => r.text)
    .join('');
}
