// Builds the Teams app package from manifest.template.json and the two icons beside it.
// buildManifest fills in the placeholders and checks the values Teams would reject;
// buildAppPackage writes manifest.json, color.png, outline.png and tillaggsbot.zip (the file an
// admin uploads in Teams) into one folder. Schema validation lives in the tests
// (test/manifest), which run the built manifest through @microsoft/app-manifest.
import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStoredZip } from './zip';

export const PACKAGE_ZIP_NAME = 'tillaggsbot.zip';
export const COLOR_ICON = 'color.png';
export const OUTLINE_ICON = 'outline.png';
/** The files inside the zip, all at its root, as Teams requires. */
export const PACKAGE_FILES = ['manifest.json', COLOR_ICON, OUTLINE_ICON] as const;

export type DeveloperInfo = {
  /** At most 32 characters. */
  readonly name: string;
  readonly websiteUrl: string;
  readonly privacyUrl: string;
  readonly termsOfUseUrl: string;
};

export type ManifestOptions = {
  /** The Azure Bot's Microsoft App ID (a GUID). Also used as the Teams app id. */
  readonly botId: string;
  /** The app's version, x.y.z. Teams needs a higher one for every update. Default: package.json's. */
  readonly version?: string;
  /** Host names (no scheme, no path; `*.` wildcards allowed) the app may open or load. */
  readonly validDomains?: readonly string[];
  /** The municipality that publishes the app; replaces the template's placeholders. */
  readonly developer?: Partial<DeveloperInfo>;
  /**
   * Where the bot's server serves the tab (/tab): the host of its https URL. Default: the first
   * of validDomains. The tab's SSO audience (TAB_APP_ID_URI) is api://<tabHost>/<botId>.
   */
  readonly tabHost?: string;
};

export const DEFAULT_TAB_HOST = 'tillaggsbot.kommun.example';

export type BotCommand = { title: string; description: string };
export type BotScope = 'personal' | 'team' | 'groupChat' | 'copilot';
export type CommandList = { scopes: BotScope[]; commands: BotCommand[] };

/** The parts of the Teams manifest this project reads; the template holds the rest. */
export type TeamsAppManifest = {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: DeveloperInfo;
  name: { short: string; full?: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: Array<{
    botId: string;
    scopes: BotScope[];
    supportsFiles?: boolean;
    isNotificationOnly?: boolean;
    commandLists?: CommandList[];
  }>;
  validDomains: string[];
  [key: string]: unknown;
};

const here = new URL('./', import.meta.url);
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
// The schema's semver definition: three numbers, no pre-release or build suffix.
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
// A host name label per RFC 1123; a leading `*.` wildcard is allowed by Teams.
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const MAX_VALID_DOMAINS = 16;
const PLACEHOLDER = /\$\{([A-Z0-9_]+)\}/g;

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

function readTemplate(): unknown {
  return JSON.parse(readFileSync(new URL('manifest.template.json', here), 'utf8'));
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', here), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new ManifestError('package.json has no "version"');
  return pkg.version;
}

/** Replaces ${NAME} in every string of a parsed JSON value; an unknown name is an error. */
function fillPlaceholders(value: unknown, vars: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (_, name: string) => {
      const v = vars[name];
      if (v === undefined) throw new ManifestError(`manifest.template.json uses an unknown placeholder \${${name}}`);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, vars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, vars)]));
  }
  return value;
}

function checkDomains(domains: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of domains) {
    const d = raw.trim().toLowerCase();
    if (d === '') continue;
    if (!DOMAIN.test(d)) {
      throw new ManifestError(
        `validDomains: ${JSON.stringify(raw)} is not a host name (write e.g. "bot.kommun.se", without https:// or a path)`,
      );
    }
    if (!out.includes(d)) out.push(d);
  }
  if (out.length > MAX_VALID_DOMAINS) {
    throw new ManifestError(`validDomains: at most ${MAX_VALID_DOMAINS} domains, got ${out.length}`);
  }
  return out;
}

function checkDeveloper(developer: DeveloperInfo): DeveloperInfo {
  if (developer.name.trim() === '' || developer.name.length > 32) {
    throw new ManifestError(`developer.name must be 1-32 characters, got ${JSON.stringify(developer.name)}`);
  }
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const) {
    const url = developer[key];
    if (!/^https:\/\/[^\s/]+/.test(url)) throw new ManifestError(`developer.${key} must be an https:// URL, got ${JSON.stringify(url)}`);
  }
  return developer;
}

/** The template with every placeholder filled in: the object that becomes manifest.json. */
export function buildManifest(options: ManifestOptions): TeamsAppManifest {
  const botId = options.botId.trim();
  if (!GUID.test(botId)) {
    throw new ManifestError(`botId must be a GUID (the Azure Bot's Microsoft App ID), got ${JSON.stringify(options.botId)}`);
  }
  const version = (options.version ?? packageVersion()).trim();
  if (!SEMVER.test(version)) {
    throw new ManifestError(`version must be three numbers like 1.4.0 (Teams accepts no suffix), got ${JSON.stringify(version)}`);
  }

  const tabHost = checkDomains([options.tabHost ?? options.validDomains?.find((d) => d.trim() !== '') ?? DEFAULT_TAB_HOST])[0]!;
  if (tabHost.startsWith('*.')) throw new ManifestError(`tabHost must be one host name, not a wildcard, got ${JSON.stringify(tabHost)}`);
  const manifest = fillPlaceholders(readTemplate(), {
    BOT_ID: botId,
    APP_VERSION: version,
    TAB_HOST: tabHost,
  }) as TeamsAppManifest;
  if (manifest.icons.color !== COLOR_ICON || manifest.icons.outline !== OUTLINE_ICON) {
    throw new ManifestError(`manifest.template.json must name the icons ${COLOR_ICON} and ${OUTLINE_ICON}`);
  }

  const developer = Object.fromEntries(
    Object.entries(options.developer ?? {}).filter(([, v]) => v !== undefined && v.trim() !== ''),
  ) as Partial<DeveloperInfo>;
  manifest.developer = checkDeveloper({ ...manifest.developer, ...developer });
  manifest.validDomains = checkDomains([...manifest.validDomains, ...(options.validDomains ?? []), tabHost]);
  return manifest;
}

export type AppPackage = {
  readonly manifest: TeamsAppManifest;
  /** Absolute or cwd-relative paths of everything written, keyed by file name. */
  readonly files: Readonly<Record<(typeof PACKAGE_FILES)[number] | typeof PACKAGE_ZIP_NAME, string>>;
};

/**
 * Writes manifest.json, the two icons and tillaggsbot.zip (the same three files at its root)
 * into outDir, creating it if needed. Existing files of the same names are replaced.
 */
export async function buildAppPackage(outDir: string, options: ManifestOptions): Promise<AppPackage> {
  const manifest = buildManifest(options);
  const contents: Record<(typeof PACKAGE_FILES)[number], Buffer> = {
    'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'),
    [COLOR_ICON]: readFileSync(new URL(COLOR_ICON, here)),
    [OUTLINE_ICON]: readFileSync(new URL(OUTLINE_ICON, here)),
  };
  const zip = createStoredZip(PACKAGE_FILES.map((name) => ({ name, data: contents[name] })));

  await mkdir(outDir, { recursive: true });
  const files = {
    'manifest.json': join(outDir, 'manifest.json'),
    [COLOR_ICON]: join(outDir, COLOR_ICON),
    [OUTLINE_ICON]: join(outDir, OUTLINE_ICON),
    [PACKAGE_ZIP_NAME]: join(outDir, PACKAGE_ZIP_NAME),
  } as AppPackage['files'];
  await Promise.all([
    ...PACKAGE_FILES.map((name) => writeFile(files[name], contents[name])),
    writeFile(files[PACKAGE_ZIP_NAME], zip),
  ]);
  return { manifest, files };
}
