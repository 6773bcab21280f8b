// `npm run manifest`: builds the Teams app package into .build/appPackage/.
//
//   BOT_ID                 required: the Azure Bot's Microsoft App ID (CLIENT_ID is accepted too)
//   APP_VERSION            optional: x.y.z, default the version in package.json
//   BOT_DOMAIN             optional: host name(s) for validDomains, comma-separated
//   TAB_HOST               optional: the host serving the tab (default: the first BOT_DOMAIN);
//                          set TAB_APP_ID_URI=api://<TAB_HOST>/<BOT_ID> on the server to match
//   DEVELOPER_NAME, DEVELOPER_WEBSITE_URL, DEVELOPER_PRIVACY_URL, DEVELOPER_TERMS_URL
//                          optional: the municipality publishing the app (replace the
//                          template's kommun.example placeholders before publishing)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ManifestError, PACKAGE_ZIP_NAME, buildAppPackage } from './build';

export const DEFAULT_OUT_DIR = '.build/appPackage';
const PLACEHOLDER_HOST = 'kommun.example';

type Env = Readonly<Record<string, string | undefined>>;
type Output = { log: (line: string) => void; error: (line: string) => void };

// Blank variables (`BOT_ID=` in a .env file) mean "not set", as in bot/config.ts.
const read = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
};

/** Runs the CLI; returns the process exit code. */
export async function runPackageCli(
  env: Env = process.env,
  outDir: string = resolve(DEFAULT_OUT_DIR),
  out: Output = { log: console.log, error: console.error },
): Promise<number> {
  const botId = read(env, 'BOT_ID') ?? read(env, 'CLIENT_ID');
  if (!botId) {
    out.error(
      'BOT_ID is not set. Set it to the Microsoft App ID (a GUID) of the Azure Bot registration, ' +
        'e.g. BOT_ID=00000000-0000-0000-0000-000000000000 npm run manifest',
    );
    return 1;
  }
  try {
    const pkg = await buildAppPackage(outDir, {
      botId,
      version: read(env, 'APP_VERSION'),
      validDomains: read(env, 'BOT_DOMAIN')?.split(','),
      tabHost: read(env, 'TAB_HOST'),
      developer: {
        name: read(env, 'DEVELOPER_NAME'),
        websiteUrl: read(env, 'DEVELOPER_WEBSITE_URL'),
        privacyUrl: read(env, 'DEVELOPER_PRIVACY_URL'),
        termsOfUseUrl: read(env, 'DEVELOPER_TERMS_URL'),
      },
    });
    out.log(`Teams app package ${pkg.manifest.version} for bot ${pkg.manifest.id}: ${pkg.files[PACKAGE_ZIP_NAME]}`);
    const { developer } = pkg.manifest;
    if ([developer.websiteUrl, developer.privacyUrl, developer.termsOfUseUrl].some((u) => u.includes(PLACEHOLDER_HOST))) {
      out.log(
        `Note: developer URLs still point at the ${PLACEHOLDER_HOST} placeholder; set DEVELOPER_* before publishing to your organisation.`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof ManifestError) {
      out.error(`Cannot build the app package: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runPackageCli();
}
