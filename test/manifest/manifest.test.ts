import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import {
  COLOR_ICON,
  ManifestError,
  OUTLINE_ICON,
  PACKAGE_FILES,
  PACKAGE_ZIP_NAME,
  buildAppPackage,
  buildManifest,
  type BotScope,
  type TeamsAppManifest,
} from '../../manifest/build';
import { createStoredZip } from '../../manifest/zip';
import { runPackageCli } from '../../manifest/package-cli';
import { AppManifestUtils, bundledSchema, bundledSchemaPath } from './app-manifest';
import { crc32, decodePng, readZip } from './readers';

const BOT_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
// The chat commands of DESIGN.md, in its order.
const PERSONAL_COMMANDS = ['ny ansökan', 'fortsätt', 'uppföljning', 'mina ärenden', 'avbryt', 'hjälp'];
const TEAM_COMMANDS = ['ärenden', 'hjälp'];
const manifestDir = new URL('../../manifest/', import.meta.url);
const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const validate = (manifest: object) =>
  AppManifestUtils.validateAgainstSchema(
    manifest as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0],
    bundledSchema((manifest as TeamsAppManifest).$schema),
  );
const commandsFor = (m: TeamsAppManifest, scope: BotScope) =>
  m.bots[0]!.commandLists!.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands);

describe('manifest: schema', () => {
  test('the built manifest validates against the bundled schema with zero errors', async () => {
    const manifest = buildManifest({ botId: BOT_ID, validDomains: ['tillaggsbot.kommun.example'] });
    bundledSchemaPath(manifest.$schema); // throws if validation would need the network
    assert.deepEqual(await validate(manifest), []);
  });

  test('also through the validator finding the schema from $schema itself', async () => {
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(buildManifest({ botId: BOT_ID }) as never), []);
  });

  test('the schema names the same manifestVersion as the manifest', () => {
    const manifest = buildManifest({ botId: BOT_ID });
    const schema = bundledSchema(manifest.$schema) as { properties: { manifestVersion: { const?: string } } };
    assert.equal(schema.properties.manifestVersion.const, manifest.manifestVersion);
    assert.match(manifest.$schema, new RegExp(`/v${manifest.manifestVersion.replace('.', '\\.')}/MicrosoftTeams\\.schema\\.json$`));
  });

  test('the validator is not vacuous: a broken manifest gets errors', async () => {
    const manifest = structuredClone(buildManifest({ botId: BOT_ID })) as Record<string, unknown> & TeamsAppManifest;
    (manifest.bots[0] as Record<string, unknown>).supportsFiles = 'yes';
    manifest.accentColor = 'blue';
    const errors = await validate(manifest);
    assert.ok(errors.some((e) => e.startsWith('/bots/0/supportsFiles')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/accentColor')), errors.join('\n'));
  });
});

describe('manifest: content', () => {
  const manifest = buildManifest({ botId: BOT_ID });

  test('the tab: a personal "Ärenden" tab beside the chat, a channel tab, and SSO for both', async () => {
    const m = buildManifest({ botId: BOT_ID, validDomains: ['bot.nora.example'] });
    assert.deepEqual(await validate(m), []);
    const statics = m.staticTabs as Array<{ entityId: string; name?: string; contentUrl?: string; scopes: string[] }>;
    assert.deepEqual(statics.map((t) => t.entityId), ['conversations', 'arenden']);
    assert.equal(statics[1]!.name, 'Ärenden');
    assert.equal(statics[1]!.contentUrl, 'https://bot.nora.example/tab');
    const configurable = m.configurableTabs as Array<{ configurationUrl: string; scopes: string[]; context: string[] }>;
    assert.deepEqual(configurable.map((t) => [t.configurationUrl, t.scopes, t.context]), [['https://bot.nora.example/tab/config', ['team'], ['channelTab']]]);
    assert.deepEqual(m.webApplicationInfo, { id: BOT_ID, resource: `api://bot.nora.example/${BOT_ID}` });
    const explicit = buildManifest({ botId: BOT_ID, tabHost: 'flik.nora.example' });
    assert.ok(explicit.validDomains.includes('flik.nora.example'));
    assert.throws(() => buildManifest({ botId: BOT_ID, tabHost: 'https://x/' }), ManifestError);
  });

  test('placeholders filled: app id and bot id are the bot id, version from package.json', () => {
    assert.equal(manifest.id, BOT_ID);
    assert.equal(manifest.bots.length, 1);
    assert.equal(manifest.bots[0]!.botId, BOT_ID);
    assert.equal(manifest.version, packageVersion);
    assert.doesNotMatch(JSON.stringify(manifest), /\$\{/);
  });

  test('one bot, personal and team scope, supportsFiles', () => {
    const bot = manifest.bots[0]!;
    assert.deepEqual([...bot.scopes].sort(), ['personal', 'team']);
    assert.equal(bot.supportsFiles, true);
    assert.notEqual(bot.isNotificationOnly, true);
  });

  test('personal commands are exactly the DESIGN.md list, in order', () => {
    assert.deepEqual(commandsFor(manifest, 'personal').map((c) => c.title), PERSONAL_COMMANDS);
  });

  test('team commands are ärenden and hjälp', () => {
    assert.deepEqual(commandsFor(manifest, 'team').map((c) => c.title), TEAM_COMMANDS);
  });

  test('one command list per scope, every command described', () => {
    const lists = manifest.bots[0]!.commandLists!;
    assert.deepEqual(lists.map((l) => l.scopes), [['personal'], ['team']]);
    for (const { title, description } of lists.flatMap((l) => l.commands)) {
      assert.ok(description.trim().length > 0, `${title} has no description`);
    }
  });

  test('Swedish names and descriptions', () => {
    assert.equal(manifest.name.short, 'Tilläggsbot');
    assert.deepEqual(manifest.localizationInfo, { defaultLanguageTag: 'sv-se' });
    for (const word of ['rektorer', 'tilläggsbelopp', 'Elevhälsan']) assert.match(manifest.description.full, new RegExp(word));
  });

  test('icons name the files in manifest/', () => {
    assert.deepEqual(manifest.icons, { color: COLOR_ICON, outline: OUTLINE_ICON });
  });
});

describe('manifest: options', () => {
  test('version, validDomains and developer are taken from the options', () => {
    const m = buildManifest({
      botId: ` ${BOT_ID} `,
      version: '2.3.4',
      validDomains: ['Bot.Nora.se', 'bot.nora.se', ' *.nora.se ', ''],
      developer: { name: 'Nora kommun', websiteUrl: 'https://www.nora.se', privacyUrl: undefined },
    });
    assert.equal(m.id, BOT_ID);
    assert.equal(m.version, '2.3.4');
    assert.deepEqual(m.validDomains, ['bot.nora.se', '*.nora.se']);
    assert.equal(m.developer.name, 'Nora kommun');
    assert.equal(m.developer.websiteUrl, 'https://www.nora.se');
    assert.match(m.developer.privacyUrl, /^https:\/\//); // the template's placeholder stays
  });

  const rejects: Array<[string, Parameters<typeof buildManifest>[0], RegExp]> = [
    ['a bot id that is not a GUID', { botId: 'my-bot' }, /botId must be a GUID/],
    ['an empty bot id', { botId: '' }, /botId must be a GUID/],
    ['a version with a suffix', { botId: BOT_ID, version: '1.0.0-beta' }, /version must be three numbers/],
    ['a version with two parts', { botId: BOT_ID, version: '1.0' }, /version must be three numbers/],
    ['a URL as a domain', { botId: BOT_ID, validDomains: ['https://bot.nora.se'] }, /not a host name/],
    ['a domain with a path', { botId: BOT_ID, validDomains: ['bot.nora.se/api'] }, /not a host name/],
    ['17 domains', { botId: BOT_ID, validDomains: Array.from({ length: 17 }, (_, i) => `d${i}.nora.se`) }, /at most 16/],
    ['a developer name over 32 characters', { botId: BOT_ID, developer: { name: 'x'.repeat(33) } }, /developer\.name/],
    ['an http developer URL', { botId: BOT_ID, developer: { privacyUrl: 'http://nora.se' } }, /developer\.privacyUrl/],
  ];
  for (const [name, options, message] of rejects) {
    test(`rejects ${name}`, () => {
      assert.throws(() => buildManifest(options), (e: unknown) => e instanceof ManifestError && message.test(e.message));
    });
  }
});

describe('manifest: icons', () => {
  const icons = [
    { file: COLOR_ICON, size: 192 },
    { file: OUTLINE_ICON, size: 32 },
  ];
  for (const { file, size } of icons) {
    test(`${file} is a valid ${size}x${size} PNG`, async () => {
      const bytes = await readFile(new URL(file, manifestDir));
      // IHDR read directly: it is the first chunk, right after the 8-byte signature.
      assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
      assert.equal(bytes.readUInt32BE(16), size);
      assert.equal(bytes.readUInt32BE(20), size);
      const png = decodePng(bytes);
      assert.deepEqual([png.width, png.height], [size, size]);
      // Nothing after the end: the file closes with the IEND chunk (length 0, type, CRC).
      assert.equal(bytes.toString('latin1', bytes.length - 8, bytes.length - 4), 'IEND');
    });
  }

  test('the PNG reader refuses a damaged icon (a flipped byte fails its chunk CRC)', async () => {
    const bytes = Buffer.from(await readFile(new URL(COLOR_ICON, manifestDir)));
    bytes[bytes.length - 20]! ^= 0xff;
    assert.throws(() => decodePng(bytes), /crc/i);
  });

  test('color.png is fully opaque', async () => {
    const { rgba } = decodePng(await readFile(new URL(COLOR_ICON, manifestDir)));
    for (let i = 3; i < rgba.length; i += 4) assert.equal(rgba[i], 255, `pixel ${(i - 3) / 4} is not opaque`);
  });

  test('outline.png is white on transparent', async () => {
    const { rgba } = decodePng(await readFile(new URL(OUTLINE_ICON, manifestDir)));
    let transparent = 0;
    let visible = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] === 0) {
        transparent++;
        continue;
      }
      visible++;
      assert.deepEqual([...rgba.subarray(i, i + 3)], [255, 255, 255], `pixel ${i / 4} is visible but not white`);
    }
    assert.ok(transparent > 0 && visible > 0, `${visible} visible, ${transparent} transparent pixels`);
  });
});

describe('manifest: app package', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tillaggsbot-manifest-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('the CRC-32 used to check the zip agrees with the standard check value and node:zlib', () => {
    const check = Buffer.from('123456789');
    assert.equal(crc32(check), 0xcbf43926);
    assert.equal(zlibCrc32(check), 0xcbf43926);
  });

  test('writes manifest.json, both icons and a zip holding exactly those three files', async () => {
    const out = join(dir, 'package');
    const pkg = await buildAppPackage(out, { botId: BOT_ID, version: '1.2.3' });
    assert.equal(pkg.files[PACKAGE_ZIP_NAME], join(out, PACKAGE_ZIP_NAME));

    const written = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    assert.deepEqual(written, buildManifest({ botId: BOT_ID, version: '1.2.3' }));
    assert.deepEqual(await validate(written), []);

    const entries = readZip(await readFile(pkg.files[PACKAGE_ZIP_NAME]));
    assert.deepEqual(entries.map((e) => e.name), [...PACKAGE_FILES]);
    for (const entry of entries) {
      assert.equal(entry.method, 0);
      assert.ok(entry.data.equals(await readFile(join(out, entry.name))), `${entry.name} in the zip differs from the file`);
    }
    for (const icon of [COLOR_ICON, OUTLINE_ICON]) {
      assert.ok((await readFile(join(out, icon))).equals(await readFile(new URL(icon, manifestDir))));
    }
  });

  test('the same input gives the same zip, byte for byte', async () => {
    const a = await buildAppPackage(join(dir, 'a'), { botId: BOT_ID });
    const b = await buildAppPackage(join(dir, 'b'), { botId: BOT_ID });
    assert.ok((await readFile(a.files[PACKAGE_ZIP_NAME])).equals(await readFile(b.files[PACKAGE_ZIP_NAME])));
  });

  test('the zip writer: empty archive, non-ASCII names, bad names', () => {
    assert.deepEqual(readZip(createStoredZip([])), []);
    const [entry] = readZip(createStoredZip([{ name: 'bilagor/åtgärdsprogram.txt', data: Buffer.from('hej') }]));
    assert.equal(entry!.name, 'bilagor/åtgärdsprogram.txt');
    assert.equal(entry!.data.toString(), 'hej');
    for (const name of ['', '/abs', '../up', 'a\\b']) {
      assert.throws(() => createStoredZip([{ name, data: Buffer.alloc(0) }]), /Invalid ZIP entry name/);
    }
    const twice = [{ name: 'x', data: Buffer.alloc(1) }, { name: 'x', data: Buffer.alloc(1) }];
    assert.throws(() => createStoredZip(twice), /Duplicate/);
  });

  test('the zip writer: every entry has the fixed 1980-01-01 00:00 timestamp, in any time zone', () => {
    const entries = [{ name: 'manifest.json', data: Buffer.from('{}') }];
    const saved = process.env.TZ;
    try {
      const zips = ['UTC', 'Pacific/Kiritimati', 'America/Adak'].map((tz) => {
        process.env.TZ = tz;
        return createStoredZip(entries);
      });
      for (const zip of zips) assert.ok(zip.equals(zips[0]!));
      const central = zips[0]!.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      assert.equal(zips[0]!.readUInt16LE(central + 12), 0, 'DOS time 00:00:00');
      assert.equal(zips[0]!.readUInt16LE(central + 14), (0 << 9) | (1 << 5) | 1, 'DOS date 1980-01-01');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test('npm run manifest: fails in English without BOT_ID, writes the package with it', async () => {
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(`log: ${l}`), error: (l: string) => lines.push(`error: ${l}`) };
    const cliDir = join(dir, 'cli');

    assert.equal(await runPackageCli({ BOT_ID: '  ' }, cliDir, out), 1);
    assert.match(lines.join('\n'), /^error: BOT_ID is not set\./);
    await assert.rejects(stat(cliDir));

    lines.length = 0;
    assert.equal(await runPackageCli({ BOT_ID: 'nope' }, cliDir, out), 1);
    assert.match(lines.join('\n'), /error: Cannot build the app package: botId must be a GUID/);

    lines.length = 0;
    const env = { CLIENT_ID: BOT_ID, APP_VERSION: '3.0.1', BOT_DOMAIN: 'bot.nora.se, *.nora.se' };
    assert.equal(await runPackageCli(env, cliDir, out), 0, lines.join('\n'));
    const written = JSON.parse(await readFile(join(cliDir, 'manifest.json'), 'utf8')) as TeamsAppManifest;
    assert.equal(written.version, '3.0.1');
    assert.deepEqual(written.validDomains, ['bot.nora.se', '*.nora.se']);
    assert.deepEqual(readZip(await readFile(join(cliDir, PACKAGE_ZIP_NAME))).map((e) => e.name), [...PACKAGE_FILES]);
    assert.match(lines.join('\n'), /kommun\.example placeholder/);
  });
});
