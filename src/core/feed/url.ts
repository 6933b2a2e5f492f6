/**
 * @module core/feed/url — canonical item URLs: absolute (xml:base aware), tracking parameters
 * removed, fragment dropped, host lower-cased. Pure string work over WHATWG `URL`.
 */

/**
 * Query parameters that identify a campaign or a click, never the page. Matched case-insensitively;
 * an entry ending in `*` is a prefix. Kept conservative: a parameter that can select content (`id`,
 * `source`, `ref`) is never removed.
 */
const TRACKING_PARAMS = [
  'utm_*', 'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'igshid',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', '__hstc', '__hssc', '__hsfp', 'hsctatracking', 'mkt_tok', 'vero_id', 'vero_conv',
  'oly_anon_id', 'oly_enc_id', '_openstat', 'wt_mc', 'wt_zmc', 'xtor', 'ns_mchannel', 'ns_campaign', 'ns_source',
  'ns_linkname', 'ns_fee', 'at_medium', 'at_campaign', 'at_custom*', 'cmpid', 's_cid', 'ocid', 'sr_share', 'rss_id',
  'spm', 'guccounter', 'guce_referrer', 'guce_referrer_sig', 'ito',
];

const exact = new Set(TRACKING_PARAMS.filter((p) => !p.endsWith('*')));
const prefixes = TRACKING_PARAMS.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return exact.has(n) || prefixes.some((p) => n.startsWith(p));
}

function absoluteHttp(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function isAbsolute(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref);
}

/**
 * The base that applies after a chain of xml:base values (outermost first) on top of the document
 * URL. Returns an absolute URL string, or — when nothing absolute is known (a file parsed without
 * a URL) — the innermost relative base, or null.
 */
export function resolveBase(documentUrl: string | null, xmlBases: readonly (string | null | undefined)[]): string | null {
  let base: string | null = documentUrl;
  for (const raw of xmlBases) {
    const b = raw?.trim();
    if (!b) continue;
    if (base && isAbsolute(base)) {
      try {
        base = new URL(b, base).href;
      } catch {
        // an unparseable xml:base is ignored, as XML Base says a processor may
      }
    } else {
      base = b;
    }
  }
  return base;
}

/**
 * Resolves `ref` against `base` when the base is absolute. A relative reference with no absolute
 * base stays as written: there is nothing to resolve it against (a file given without its URL).
 */
export function resolveReference(ref: string, base: string | null): string {
  const r = ref.trim();
  if (isAbsolute(r) || !base || !isAbsolute(base)) return r;
  try {
    return new URL(r, base).href;
  } catch {
    return r;
  }
}

export interface CanonicalOptions {
  /** Keep the #fragment (used when it is all that tells two items of one feed apart). */
  keepFragment?: boolean;
}

/**
 * The canonical form of a link: absolute http(s) with tracking parameters and the fragment removed.
 * Relative references (no base known) are returned trimmed, with tracking parameters removed.
 * Other schemes (`javascript:`, `mailto:`, `tag:` …) give null: they are not article links.
 */
export function canonicalUrl(ref: string | null | undefined, base: string | null = null, options: CanonicalOptions = {}): string | null {
  const raw = ref?.trim();
  if (!raw) return null;
  const resolved = resolveReference(raw, base);
  if (!isAbsolute(resolved)) return stripTrackingFromRelative(resolved, options.keepFragment ?? false) || null;
  const url = absoluteHttp(resolved);
  if (!url) return null;
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
  if (kept.length !== [...url.searchParams].length) {
    url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  }
  if (!options.keepFragment) url.hash = '';
  // URL already lower-cases the host, drops default ports and normalises the path's dot segments.
  return url.href;
}

function stripTrackingFromRelative(ref: string, keepFragment: boolean): string {
  const hashAt = ref.indexOf('#');
  const fragment = hashAt >= 0 ? ref.slice(hashAt) : '';
  const noHash = hashAt >= 0 ? ref.slice(0, hashAt) : ref;
  const qAt = noHash.indexOf('?');
  let out = noHash;
  if (qAt >= 0) {
    const kept = noHash
      .slice(qAt + 1)
      .split('&')
      .filter((pair) => pair && !isTrackingParam(decodeURIComponentSafe(pair.split('=')[0] ?? '')));
    out = noHash.slice(0, qAt) + (kept.length ? `?${kept.join('&')}` : '');
  }
  return keepFragment ? out + fragment : out;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(text: string | null | undefined): boolean {
  return !!text && absoluteHttp(text.trim()) !== null;
}

/**
 * Canonical URLs for all items of one feed. The fragment is dropped, except where dropping it would
 * make two items with different links share one URL (e.g. a daily page with `#a080605` anchors per
 * post): there the fragment is all that tells the stories apart, so it is kept for those items.
 */
export function canonicalUrls(refs: readonly (string | null)[], bases: readonly (string | null)[]): (string | null)[] {
  const withFragment = refs.map((r, i) => canonicalUrl(r, bases[i] ?? null, { keepFragment: true }));
  const without = refs.map((r, i) => canonicalUrl(r, bases[i] ?? null));
  const variants = new Map<string, Set<string>>();
  without.forEach((u, i) => {
    if (!u) return;
    const set = variants.get(u) ?? new Set<string>();
    set.add(withFragment[i] ?? u);
    variants.set(u, set);
  });
  return without.map((u, i) => (u && (variants.get(u)?.size ?? 0) > 1 ? withFragment[i] ?? u : u));
}
