// The tab's browser code, bundled in memory by esbuild when the server starts (esbuild ships a
// prebuilt binary inside its npm package, so this needs no network and no build step before
// `npm run dev`, `npm start` or the tests). Built once per process.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export type TabAssets = { app: string; config: string };

let assets: Promise<TabAssets> | undefined;

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`./client/${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    jsx: 'automatic',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export function tabAssets(): Promise<TabAssets> {
  assets ??= Promise.all([bundle('main.tsx'), bundle('config.tsx')]).then(([app, config]) => ({ app, config }));
  return assets;
}
