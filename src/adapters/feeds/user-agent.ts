/**
 * @module adapters/feeds/user-agent — the default User-Agent of every fetch: the project's name,
 * version and homepage from package.json, so a site owner who sees our requests can find us.
 */
import { readFileSync } from 'node:fs';

/** Used only when package.json cannot be read or names no homepage. */
const FALLBACK_HOMEPAGE = 'https://github.com/tradewire/tradewire';

export interface PackageInfo {
  name?: string;
  version?: string;
  homepage?: string;
}

/** `tradewire/0.1.0 (+https://…; trade-policy news alerts)` from package.json's fields. */
export function userAgentFor(pkg: PackageInfo): string {
  const name = pkg.name?.trim() || 'tradewire';
  const version = pkg.version?.trim() || '0';
  const homepage = pkg.homepage?.trim() || FALLBACK_HOMEPAGE;
  return `${name}/${version} (+${homepage}; trade-policy news alerts)`;
}

/** package.json at the package root: two levels above this file's folder in both src/ and dist/. */
export function readPackageInfo(url: URL = new URL('../../../package.json', import.meta.url)): PackageInfo {
  try {
    const parsed = JSON.parse(readFileSync(url, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as PackageInfo) : {};
  } catch {
    return {};
  }
}

/** The User-Agent sent unless `fetch.userAgent` replaces it. */
export const DEFAULT_USER_AGENT = userAgentFor(readPackageInfo());
