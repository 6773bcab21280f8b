// Loads @microsoft/app-manifest for the manifest tests, and the bundled JSON schema a
// manifest's $schema names, both without touching the network. (Its 1.1.2 release needs
// fs-extra at run time without declaring it, hence fs-extra in our devDependencies.)
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as AppManifestModule from '@microsoft/app-manifest';

const require = createRequire(import.meta.url);
const packageEntry = require.resolve('@microsoft/app-manifest');
const packageRoot = join(dirname(packageEntry), '..');

export const { AppManifestUtils } = require('@microsoft/app-manifest') as typeof AppManifestModule;

const SCHEMA_URL_PREFIX = 'https://developer.microsoft.com/json-schemas/';

/**
 * The schema file @microsoft/app-manifest ships for a $schema URL, read from disk. Throws when
 * the package has no copy (the validator would then fetch it over the network).
 */
export function bundledSchemaPath(schemaUrl: string): string {
  if (!schemaUrl.startsWith(SCHEMA_URL_PREFIX)) throw new Error(`Not a developer.microsoft.com schema URL: ${schemaUrl}`);
  const path = join(packageRoot, 'build', 'json-schemas', ...schemaUrl.slice(SCHEMA_URL_PREFIX.length).split('/'));
  if (!existsSync(path)) throw new Error(`@microsoft/app-manifest ships no schema for ${schemaUrl} (looked for ${path})`);
  return path;
}

export function bundledSchema(schemaUrl: string): Parameters<typeof AppManifestUtils.validateAgainstSchema>[1] {
  // The package's own loader applies the same two escapes before parsing.
  const text = readFileSync(bundledSchemaPath(schemaUrl), 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return JSON.parse(text);
}
