import { describe, expect, it } from 'vitest';
import { canonicalDestination } from './destination.js';

describe('canonicalDestination', () => {
  it('drops the workspace of Slack and Discord channels, whose ids are unique on their own', () => {
    expect(canonicalDestination({ platform: 'discord', workspace: '111222333444555666', channel: '9' })).toEqual({ platform: 'discord', workspace: '', channel: '9' });
    expect(canonicalDestination({ platform: 'slack', workspace: 'T1', channel: 'C1' })).toEqual({ platform: 'slack', workspace: '', channel: 'C1' });
  });

  it('keeps console and webhook destinations as given', () => {
    expect(canonicalDestination({ platform: 'console', workspace: 'w', channel: 'stdout' })).toEqual({ platform: 'console', workspace: 'w', channel: 'stdout' });
    expect(canonicalDestination({ platform: 'webhook', workspace: 'x', channel: 'https://h' })).toEqual({ platform: 'webhook', workspace: 'x', channel: 'https://h' });
  });
});
