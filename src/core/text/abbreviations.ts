/**
 * @module core/text/abbreviations — the word lists the sentence splitter uses to tell an
 * abbreviation's full stop from a sentence's.
 */

/**
 * Abbreviations that always stand before a name or number ("Mr. Abe", "Sen. Wilson", "Gov. Ueda"):
 * their full stop never ends a sentence. Lower-case, without the stop.
 */
export const NEVER_FINAL = new Set([
  'mr', 'mrs', 'ms', 'messrs', 'mme', 'mlle', 'dr', 'prof', 'sen', 'sens', 'rep', 'reps', 'gov', 'govs',
  'gen', 'lt', 'col', 'capt', 'cmdr', 'sgt', 'cpl', 'pvt', 'adm', 'maj', 'brig', 'rev', 'hon', 'pres',
  'supt', 'insp', 'det', 'fr', 'sr', 'st', 'mt', 'ft', 'amb', 'atty', 'gens', 'cf', 'viz', 'ca',
]);

/**
 * Abbreviations that usually sit mid-sentence but may end one ("… Nikko Securities Co. The bank
 * said", "at 9 a.m. The minister …"): the stop ends a sentence only when a typical sentence opener
 * follows. Months and "No." before a number never end one.
 */
export const MAYBE_FINAL = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'no', 'nos', 'vol', 'vols', 'art', 'arts', 'fig', 'figs', 'p', 'pp', 'para', 'sec', 'ch', 'ed', 'eds',
  'corp', 'inc', 'co', 'cos', 'ltd', 'plc', 'llc', 'bros', 'dept', 'depts', 'div', 'univ', 'assn', 'assoc',
  'est', 'approx', 'vs', 'etc', 'al', 'ave', 'blvd', 'rd', 'jr', 'esq',
  'ref', 'tel', 'dist', 'govt', 'intl', 'natl', 'mfg', 'ariz', 'calif', 'colo', 'conn', 'fla',
  'ill', 'ind', 'kan', 'mass', 'mich', 'minn', 'miss', 'mo', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex',
  'va', 'vt', 'wash', 'wis', 'wyo',
]);

/**
 * Words that typically open a sentence. After an ambiguous stop ("U.S.", "a.m.", "Co.", an
 * ellipsis) the splitter ends the sentence only before one of these, so "U.S. Trade Representative"
 * and Reuters' capitalised "U.S. Officials said" stay whole while "… with the U.S. This declaration"
 * splits.
 */
export const OPENERS = new Set([
  'The', 'This', 'That', 'These', 'Those', 'There', 'Then', 'It', "It's", 'Its', 'He', 'She', 'They', 'We',
  'I', "I'm", 'You', 'His', 'Her', 'Their', 'Our', 'My', 'But', 'However', 'Meanwhile', 'Still', 'Yet',
  'Analysts', 'A', 'An', 'Some', 'Many', 'Most', 'Other', 'Such', 'What', 'When', 'While', 'If', 'After',
  'Before', 'Although', 'Though', 'Because', 'Since', 'Asked', 'Speaking', 'According', 'Separately',
  'Earlier', 'Later', 'Last', 'Next', 'Today', 'Yesterday', 'Tomorrow',
]);
