import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, type BotConfig } from '../../bot/config';

type Case = { name: string; env: Record<string, string | undefined>; expect: Partial<BotConfig> | RegExp };

const cases: Case[] = [
  {
    name: 'defaults for local development',
    env: {},
    expect: {
      botId: undefined,
      port: 3978,
      nodeEnv: 'development',
      pgliteDataDir: '.data/pglite',
      logLevel: 'info',
      cloud: 'Public',
      dangerouslyAllowUnauthenticatedRequests: true,
    },
  },
  {
    name: 'BOT_* names',
    env: { BOT_ID: 'id-1', BOT_PASSWORD: 's', BOT_TENANT_ID: 't-1', PORT: '8080' },
    expect: { botId: 'id-1', botPassword: 's', tenantId: 't-1', port: 8080, dangerouslyAllowUnauthenticatedRequests: false },
  },
  {
    name: 'CLIENT_* aliases',
    env: { CLIENT_ID: 'id-2', CLIENT_SECRET: 's2', TENANT_ID: 't-2' },
    expect: { botId: 'id-2', botPassword: 's2', tenantId: 't-2' },
  },
  {
    name: 'BOT_ID wins over CLIENT_ID',
    env: { BOT_ID: 'bot', CLIENT_ID: 'client', BOT_PASSWORD: 's' },
    expect: { botId: 'bot' },
  },
  {
    name: 'blank variables count as unset',
    env: { BOT_ID: '', BOT_PASSWORD: '  ', PORT: '' },
    expect: { botId: undefined, port: 3978, dangerouslyAllowUnauthenticatedRequests: true },
  },
  {
    name: 'production with credentials authenticates',
    env: { NODE_ENV: 'production', BOT_ID: 'id', BOT_PASSWORD: 's' },
    expect: { nodeEnv: 'production', dangerouslyAllowUnauthenticatedRequests: false },
  },
  { name: 'production without credentials is refused', env: { NODE_ENV: 'production' }, expect: /NODE_ENV=production requires BOT_ID/ },
  {
    name: 'production without a secret is refused',
    env: { NODE_ENV: 'production', BOT_ID: 'id' },
    expect: /NODE_ENV=production requires BOT_ID/,
  },
  { name: 'an id without a secret is refused', env: { BOT_ID: 'id' }, expect: /BOT_PASSWORD .* is missing/ },
  { name: 'a secret without an id is refused', env: { BOT_PASSWORD: 's' }, expect: /BOT_ID .* is missing/ },
  { name: 'PORT must be a number', env: { PORT: 'abc' }, expect: /PORT/ },
  { name: 'PORT must be a port', env: { PORT: '70000' }, expect: /PORT/ },
  { name: 'unknown NODE_ENV is refused', env: { NODE_ENV: 'staging' }, expect: /NODE_ENV/ },
  { name: 'test env logs warnings only by default', env: { NODE_ENV: 'test' }, expect: { logLevel: 'warn' } },
  { name: 'LOG_LEVEL is honoured', env: { LOG_LEVEL: 'debug' }, expect: { logLevel: 'debug' } },
  { name: 'unknown LOG_LEVEL is refused', env: { LOG_LEVEL: 'verbose' }, expect: /LOG_LEVEL/ },
  {
    name: 'DATABASE_URL postgres URL',
    env: { DATABASE_URL: 'postgresql://u@127.0.0.1:5432/test' },
    expect: { databaseUrl: 'postgresql://u@127.0.0.1:5432/test' },
  },
  { name: 'DATABASE_URL must be postgres', env: { DATABASE_URL: 'mysql://x' }, expect: /DATABASE_URL/ },
  { name: 'PGLITE_DATA_DIR is honoured', env: { PGLITE_DATA_DIR: '/var/lib/bot' }, expect: { pgliteDataDir: '/var/lib/bot' } },
  { name: 'CLOUD is honoured', env: { CLOUD: 'USGov' }, expect: { cloud: 'USGov' } },
];

describe('loadConfig', () => {
  for (const c of cases) {
    test(c.name, () => {
      if (c.expect instanceof RegExp) {
        assert.throws(() => loadConfig(c.env), (err: unknown) => err instanceof ConfigError && (c.expect as RegExp).test(err.message));
        return;
      }
      const config = loadConfig(c.env);
      for (const [key, value] of Object.entries(c.expect)) {
        assert.deepEqual(config[key as keyof BotConfig], value, key);
      }
    });
  }
});
