/**
 * @module test/harness/slack-limits — an independent check of a Slack message payload against
 * Slack's documented Block Kit limits, and a scan for mention/link syntax that must never come from
 * feed text. Used by the fake Slack (which answers `invalid_blocks` / `msg_too_long` like Slack) and
 * by the formatting tests. Written from Slack's docs, not from src/, so a bug cannot hide in both.
 */

export const LIMITS = { blocks: 50, header: 150, section: 3000, fields: 10, field: 2000, contextElements: 10, text: 40000, blockId: 255 };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function textOf(v: unknown): string | null {
  return isObj(v) && typeof v.text === 'string' ? v.text : null;
}

/** Problems Slack would reject the message for; [] when it is valid. */
export function slackPayloadProblems(payload: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof payload.text === 'string' && payload.text.length > LIMITS.text) problems.push(`text: ${payload.text.length} > ${LIMITS.text}`);
  if (payload.blocks === undefined) {
    if (typeof payload.text !== 'string' || payload.text.length === 0) problems.push('no text and no blocks');
    return problems;
  }
  if (!Array.isArray(payload.blocks)) return [...problems, 'blocks: not an array'];
  if (payload.blocks.length > LIMITS.blocks) problems.push(`blocks: ${payload.blocks.length} > ${LIMITS.blocks}`);
  payload.blocks.forEach((block, i) => problems.push(...blockProblems(block, `blocks[${i}]`)));
  return problems;
}

function blockProblems(block: unknown, at: string): string[] {
  if (!isObj(block)) return [`${at}: not an object`];
  const out: string[] = [];
  if (typeof block.block_id === 'string' && block.block_id.length > LIMITS.blockId) out.push(`${at}.block_id too long`);
  const text = textOf(block.text);
  switch (block.type) {
    case 'header':
      if (!isObj(block.text) || block.text.type !== 'plain_text') out.push(`${at}: header text must be plain_text`);
      if (text === null || text.length === 0) out.push(`${at}: header text empty`);
      else if (text.length > LIMITS.header) out.push(`${at}: header text ${text.length} > ${LIMITS.header}`);
      break;
    case 'section': {
      const fields = Array.isArray(block.fields) ? block.fields : [];
      if (text === null && fields.length === 0) out.push(`${at}: section needs text or fields`);
      if (text !== null && text.length === 0) out.push(`${at}: section text empty`);
      if (text !== null && text.length > LIMITS.section) out.push(`${at}: section text ${text.length} > ${LIMITS.section}`);
      if (fields.length > LIMITS.fields) out.push(`${at}: ${fields.length} fields > ${LIMITS.fields}`);
      fields.forEach((f, j) => {
        const t = textOf(f);
        if (t !== null && t.length > LIMITS.field) out.push(`${at}.fields[${j}] ${t.length} > ${LIMITS.field}`);
      });
      break;
    }
    case 'context': {
      const els = Array.isArray(block.elements) ? block.elements : [];
      if (els.length === 0) out.push(`${at}: context without elements`);
      if (els.length > LIMITS.contextElements) out.push(`${at}: ${els.length} context elements > ${LIMITS.contextElements}`);
      els.forEach((e, j) => {
        const t = textOf(e);
        if (t !== null && (t.length === 0 || t.length > LIMITS.section)) out.push(`${at}.elements[${j}] text length ${t.length}`);
      });
      break;
    }
    case 'rich_text':
      if (!Array.isArray(block.elements) || block.elements.length === 0) out.push(`${at}: rich_text without elements`);
      break;
    case 'divider':
      break;
    default:
      out.push(`${at}: unexpected block type ${String(block.type)}`);
  }
  return out;
}

/** Every string anywhere in a JSON value. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (isObj(value)) for (const v of Object.values(value)) allStrings(v, out);
  return out;
}

/**
 * Slack special syntax that notifies people or links somewhere, in any string of the payload:
 * `<!…>`, `<@…>`, `<#…>` tokens (except `<!date^…>` and the mentions listed in `allowed`), links
 * whose scheme is not http(s) or whose label holds a second `|`, and bare @channel/@here/@everyone.
 */
export function specialTokens(payload: unknown, allowed: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const s of allStrings(payload)) {
    for (const m of s.matchAll(/<([!@#][^<>]*)>/g)) {
      if (/^!date\^\d+\^[^|]*\|[^|]*$/.test(m[1]!)) continue;
      if (allowed.includes(m[0])) continue;
      found.push(m[0]);
    }
    for (const m of s.matchAll(/<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>]*)>/g)) {
      if (/^https?:\/\/[^|\s]+(\|[^|]*)?$/.test(m[1]!)) continue;
      found.push(m[0]);
    }
    for (const m of s.matchAll(/@(channel|here|everyone)\b/gi)) found.push(m[0]);
  }
  return found;
}
