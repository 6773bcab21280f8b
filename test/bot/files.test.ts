// Attachment downloads: only from the configured hosts (every redirect hop included), and only
// bytes that look like the type the name claims.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchIncomingFile, isAllowedDownloadUrl } from '../../bot/files';
import { loadConfig } from '../../bot/config';

type Served = { url: (path: string) => string; hits: string[]; close: () => Promise<void> };

async function serve(host: string, routes: Record<string, (res: http.ServerResponse) => void>): Promise<Served> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '/');
    const route = routes[req.url ?? '/'];
    if (route) route(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: (path) => `http://${host}:${port}${path}`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

const PDF = Buffer.from('%PDF-1.4 intyg');
const bytes = (body: Buffer) => (res: http.ServerResponse) => res.writeHead(200, { 'content-length': body.byteLength }).end(body);
const redirect = (to: () => string) => (res: http.ServerResponse) => res.writeHead(302, { location: to() }).end();

describe('fetchIncomingFile', () => {
  let allowed: Served; // reached as 127.0.0.1
  let other: Served; // the same kind of server, reached as "localhost": another host
  beforeAll(async () => {
    other = await serve('localhost', { '/secret.pdf': bytes(PDF) });
    allowed = await serve('127.0.0.1', {
      '/intyg.pdf': bytes(PDF),
      '/hop.pdf': redirect(() => allowed.url('/intyg.pdf')),
      '/away.pdf': redirect(() => other.url('/secret.pdf')),
      '/not-a-pdf.pdf': bytes(Buffer.from('<html>login</html>')),
      '/photo.png': bytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])),
      '/fake.png': bytes(PDF),
    });
  });
  afterAll(async () => {
    await allowed.close();
    await other.close();
  });
  const hosts = ['http://127.0.0.1'];

  test('a file on an allowed host is fetched, also through a redirect on that host', async () => {
    const direct = await fetchIncomingFile({ name: 'intyg.pdf', downloadUrl: allowed.url('/intyg.pdf') }, 5_000, hosts);
    assert.deepEqual('bytes' in direct && Buffer.from(direct.bytes), PDF);
    const hop = await fetchIncomingFile({ name: 'intyg.pdf', downloadUrl: allowed.url('/hop.pdf') }, 5_000, hosts);
    assert.ok('bytes' in hop);
    const png = await fetchIncomingFile({ name: 'foto.png', downloadUrl: allowed.url('/photo.png') }, 5_000, hosts);
    assert.ok('bytes' in png && png.contentType === 'image/png');
  });

  test('a URL on another host is never requested', async () => {
    other.hits.length = 0;
    const result = await fetchIncomingFile({ name: 'secret.pdf', downloadUrl: other.url('/secret.pdf') }, 5_000, hosts);
    assert.deepEqual(result, { name: 'secret.pdf', reason: 'download' });
    assert.deepEqual(other.hits, []);
  });

  test('a redirect to another host is not followed', async () => {
    other.hits.length = 0;
    const result = await fetchIncomingFile({ name: 'away.pdf', downloadUrl: allowed.url('/away.pdf') }, 5_000, hosts);
    assert.deepEqual(result, { name: 'away.pdf', reason: 'download' });
    assert.deepEqual(other.hits, []);
  });

  test('bytes that are not the type the name claims are refused', async () => {
    for (const [name, path] of [['intyg.pdf', '/not-a-pdf.pdf'], ['bild.png', '/fake.png']] as const) {
      const result = await fetchIncomingFile({ name, downloadUrl: allowed.url(path) }, 5_000, hosts);
      assert.deepEqual(result, { name, reason: 'content' });
    }
  });
});

describe('isAllowedDownloadUrl', () => {
  test('the default allows https SharePoint hosts only', () => {
    assert.equal(isAllowedDownloadUrl('https://contoso-my.sharepoint.com/personal/x/download.aspx?tempauth=1', ['*.sharepoint.com']), true);
    for (const url of [
      'http://contoso-my.sharepoint.com/x',
      'https://sharepoint.com.attacker.example/x',
      'https://attackersharepoint.com/x',
      'https://user:pw@contoso.sharepoint.com/x',
      'https://127.0.0.1/x',
      'file:///etc/passwd',
      'not a url',
    ]) {
      assert.equal(isAllowedDownloadUrl(url, ['*.sharepoint.com']), false, url);
    }
  });

  test('an origin entry allows exactly that scheme, host and port', () => {
    assert.equal(isAllowedDownloadUrl('http://127.0.0.1:3979/demo/a.pdf', ['http://127.0.0.1:3979']), true);
    assert.equal(isAllowedDownloadUrl('http://127.0.0.1:5432/', ['http://127.0.0.1:3979']), false);
    assert.equal(isAllowedDownloadUrl('https://127.0.0.1:3979/', ['http://127.0.0.1:3979']), false);
  });
});

describe('FILE_DOWNLOAD_HOSTS', () => {
  test('defaults to SharePoint; the demo file server only in development without BOT_ID', () => {
    assert.deepEqual(loadConfig({ NODE_ENV: 'production', BOT_ID: 'b', BOT_PASSWORD: 'p' }).fileDownloadHosts, ['*.sharepoint.com']);
    assert.deepEqual(loadConfig({ NODE_ENV: 'development' }).fileDownloadHosts, ['*.sharepoint.com', 'http://127.0.0.1:3979']);
    assert.deepEqual(loadConfig({ NODE_ENV: 'development', BOT_ID: 'b', BOT_PASSWORD: 'p' }).fileDownloadHosts, ['*.sharepoint.com']);
    assert.deepEqual(loadConfig({ NODE_ENV: 'test' }).fileDownloadHosts, ['*.sharepoint.com']);
    assert.deepEqual(
      loadConfig({ NODE_ENV: 'production', BOT_ID: 'b', BOT_PASSWORD: 'p', FILE_DOWNLOAD_HOSTS: '*.sharepoint.us, files.example.se' }).fileDownloadHosts,
      ['*.sharepoint.us', 'files.example.se'],
    );
    assert.throws(() => loadConfig({ FILE_DOWNLOAD_HOSTS: 'https://x.example/path' }));
  });
});
