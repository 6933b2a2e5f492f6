/**
 * @module adapters/chat/discord/api-url — DISCORD_API_URL → the REST base discord.js expects.
 *
 * @discordjs/rest builds `${api}/v${version}${route}`, so the base must not carry a version:
 * `https://discord.com/api`, `https://discord.com/api/v10` and a trailing slash all mean the same.
 * The gateway URL is discovered through `GET {api}/v10/gateway/bot`, so a proxy or test server given
 * here serves the gateway too.
 */
import { TradewireError } from '../../../core/errors.js';

export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';
export const DISCORD_API_VERSION = '10';

export function discordApiBase(apiUrl: string | null | undefined): string {
  if (!apiUrl) return DEFAULT_DISCORD_API_URL;
  let parsed: URL;
  try {
    parsed = new URL(apiUrl.trim());
  } catch {
    throw new TradewireError('discord_config', `discord: DISCORD_API_URL is not a URL: "${apiUrl}"`, { input: apiUrl });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TradewireError('discord_config', `discord: DISCORD_API_URL must be http(s), found "${parsed.protocol}"`, { input: apiUrl });
  }
  return parsed.href.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}
