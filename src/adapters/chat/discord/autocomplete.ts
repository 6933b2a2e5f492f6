/**
 * @module adapters/chat/discord/autocomplete — suggestions while a user types a `/trade` option:
 * topics (id or name, "all" for unsubscribe), speakers quoted in stored stories (`store.speakers`)
 * and IANA time zones. At most 25 choices of at most 100 characters, as Discord requires; a failure
 * answers an empty list rather than leaving the user's menu spinning.
 */
import type { AutocompleteInteraction } from 'discord.js';
import { truncate } from '../../../core/format/text.js';

export interface Suggestions {
  topics: readonly { id: string; name: string }[];
  /** Speaker names starting with (a word of) `prefix`, most quoted first. */
  speakers(prefix: string, limit: number): Promise<string[]>;
}

export interface Choice {
  name: string;
  value: string;
}

const MAX_CHOICES = 25;
const fold = (s: string): string => s.normalize('NFKD').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function topicChoices(topics: Suggestions['topics'], typed: string, withAll: boolean): Choice[] {
  const f = fold(typed);
  const matches = topics.filter((t) => !f || fold(t.id).includes(f) || fold(t.name).includes(f));
  // Prefix matches first, then the rest in configured order.
  matches.sort((a, b) => Number(!(fold(a.id).startsWith(f) || fold(a.name).startsWith(f))) - Number(!(fold(b.id).startsWith(f) || fold(b.name).startsWith(f))));
  const choices = matches.map((t) => ({ name: truncate(t.name === t.id ? t.id : `${t.name} (${t.id})`, 100), value: t.id }));
  if (withAll && (!f || 'all'.startsWith(f))) choices.unshift({ name: 'all topics', value: 'all' });
  return choices.slice(0, MAX_CHOICES);
}

let zones: string[] | null = null;
export function timeZoneChoices(typed: string): Choice[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  const t = typed.trim().toLowerCase();
  return zones.filter((z) => z.toLowerCase().includes(t)).slice(0, MAX_CHOICES).map((z) => ({ name: z, value: z }));
}

export async function choicesFor(sub: string, option: string, typed: string, s: Suggestions): Promise<Choice[]> {
  if (option === 'topic') return topicChoices(s.topics, typed, sub === 'unsubscribe');
  if (option === 'timezone') return timeZoneChoices(typed);
  if (option === 'speaker') {
    const names = await s.speakers(typed.trim(), MAX_CHOICES);
    return names.map((n) => truncate(n, 100)).filter(Boolean).map((n) => ({ name: n, value: n }));
  }
  return [];
}

export async function answerAutocomplete(interaction: AutocompleteInteraction, s: Suggestions): Promise<Choice[]> {
  const focused = interaction.options.getFocused(true);
  const sub = interaction.options.getSubcommand(false) ?? '';
  let choices: Choice[] = [];
  try {
    choices = await choicesFor(sub, focused.name, String(focused.value ?? ''), s);
  } finally {
    await interaction.respond(choices);
  }
  return choices;
}
