// `npm run dev -- --as <role> --port <n>`: the options, the generated playground config, and
// the real Agents Playground reading it, so a newcomer can chat as Elevhälsan's handler or head.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, listeningPort, parseDevArgs, playgroundConfig, writePlaygroundConfig, PLAYGROUND_MAX_USERS, PLAYGROUND_ROLES } from '../../scripts/playground';
import { DEMO_PEOPLE, newPlaygroundUser, PLAYGROUND_TEAM } from '../../prisma/seed';

describe('npm run dev options', () => {
  test('defaults: the principal on 56150', () => {
    assert.deepEqual(parseDevArgs([]), { as: 'principal', port: 56150 });
  });
  test('--as and --port, in both spellings, and the environment', () => {
    assert.deepEqual(parseDevArgs(['--as', 'handler', '--port', '56151']), { as: 'handler', port: 56151 });
    assert.deepEqual(parseDevArgs(['--as=head', '-p', '4000']), { as: 'head', port: 4000 });
    assert.deepEqual(parseDevArgs([], { PLAYGROUND_AS: 'admin', PLAYGROUND_PORT: '5000' }), { as: 'admin', port: 5000 });
  });
  test('refused with a message: an unknown role, a bad port, an unknown option', () => {
    for (const argv of [['--as', 'rektor'], ['--port', 'x'], ['--port', '70000'], ['--verbose']]) {
      const parsed = parseDevArgs(argv);
      assert.ok('error' in parsed, argv.join(' '));
    }
  });
  test('--as new --email [--name]: a new user the database has never seen, the same person on every start', () => {
    const parsed = parseDevArgs(['--as', 'new', '--email', 'Anna.Berg@Nora.se', '--name', 'Anna Berg']);
    assert.ok(!('error' in parsed));
    assert.equal(parsed.as, 'new');
    assert.deepEqual(parsed.newUser, newPlaygroundUser('anna.berg@nora.se', 'Anna Berg'));
    assert.equal(parsed.newUser!.email, 'anna.berg@nora.se');
    assert.match(parsed.newUser!.aadObjectId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(!DEMO_PEOPLE.some((p) => p.aadObjectId === parsed.newUser!.aadObjectId));
    assert.deepEqual(parseDevArgs([], { PLAYGROUND_AS: 'new', PLAYGROUND_EMAIL: 'per@nora.se' }), { as: 'new', port: 56150, newUser: newPlaygroundUser('per@nora.se') });
    assert.equal(newPlaygroundUser('per.holm@nora.se').displayName, 'Per Holm');
    for (const argv of [['--as', 'new'], ['--as', 'new', '--email', 'inte-en-adress'], ['--email', 'x@nora.se'], ['--as', 'head', '--name', 'X']]) assert.ok('error' in parseDevArgs(argv), argv.join(' '));
  });
  test('a taken port gives way to a free one', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const taken = (server.address() as net.AddressInfo).port;
    try {
        const got = await freePort(taken);
        assert.notEqual(got, taken);
        assert.ok(got > 0);
    } finally {
      server.close();
    }
  });
  test('the real port is read from what the playground prints', () => {
    assert.equal(listeningPort('Telemetry: …\nListening on 61234\n'), 61234);
    assert.equal(listeningPort('starting'), null);
  });
});

describe('the playground config per role', () => {
  for (const role of PLAYGROUND_ROLES) {
    test(`${role}: the current user is the demo ${role}, the others are there too`, () => {
      const config = playgroundConfig(role) as { currentUser: { id: string; aadObjectId: string }; users: Array<{ id: string; aadObjectId: string }>; team: { id: string } };
      const me = DEMO_PEOPLE.find((p) => p.role === role)!;
      assert.equal(config.currentUser.aadObjectId, me.aadObjectId);
      for (const other of DEMO_PEOPLE.filter((p) => p !== me)) assert.ok(config.users.some((u) => u.aadObjectId === other.aadObjectId), other.displayName);
      assert.equal(new Set([config.currentUser, ...config.users].map((u) => u.id)).size, config.users.length + 1, 'user ids are unique');
      assert.equal(new Set([config.currentUser, ...config.users].map((u) => u.aadObjectId)).size, config.users.length + 1, 'each person is listed once');
      assert.equal(config.team.id, PLAYGROUND_TEAM.teamId);
      assert.ok(config.users.length <= PLAYGROUND_MAX_USERS, 'the playground refuses more than five other users');
    });
  }

  test('a new user: the current user has the address as e-mail and UPN (what the member lookup gives), the demo people are there too', () => {
    const who = newPlaygroundUser('anna.berg@nora.se', 'Anna Berg');
    const config = playgroundConfig(who) as { currentUser: Record<string, string>; users: Array<{ id: string; aadObjectId: string }> };
    assert.deepEqual([config.currentUser.aadObjectId, config.currentUser.email, config.currentUser.userPrincipleName, config.currentUser.name], [who.aadObjectId, 'anna.berg@nora.se', 'anna.berg@nora.se', 'Anna Berg']);
    assert.equal(config.users.length, PLAYGROUND_MAX_USERS, 'the playground refuses more');
    for (const role of ['principal', 'handler', 'head', 'admin']) assert.ok(config.users.some((u) => u.aadObjectId === DEMO_PEOPLE.find((p) => p.role === role)!.aadObjectId), role);
    assert.equal(new Set([config.currentUser.id, ...config.users.map((u) => u.id)]).size, config.users.length + 1, 'user ids are unique');
  });

  // The playground reads its config on the first request, and refuses one it dislikes then.
  const CASES: Array<[string, Parameters<typeof playgroundConfig>[0], { aadObjectId: string; displayName: string }]> = [
    ['the head of Elevhälsan', 'head', DEMO_PEOPLE.find((p) => p.role === 'head')!],
    ['a new user', newPlaygroundUser('anna.berg@nora.se', 'Anna Berg'), newPlaygroundUser('anna.berg@nora.se', 'Anna Berg')],
  ];
  test.each(CASES)('the Agents Playground started in the folder chats as %s', async (_name, who, expected) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'playground-'));
    const dir = writePlaygroundConfig(root, who);
    const port = await freePort(0);
    const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
    const child = spawn(process.execPath, [cli, '-e', 'http://127.0.0.1:9/api/messages', '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
      cwd: dir,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const real = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the playground did not start:\n${output}`)), 60_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const found = listeningPort(output);
          if (found !== null) {
            clearTimeout(timer);
            resolve(found);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) => reject(new Error(`the playground exited (${code}):\n${output}`)));
      });
      assert.equal(real, port, 'the playground uses the port it was given');
      // The playground says it listens before its API answers (it resets connections for a while).
      const response = await fetchWhenReady(`http://127.0.0.1:${real}/_internal/v1/config`, 60_000);
      const { config } = (await response.json()) as { config: { currentUser: { aadObjectId: string; name: string }; bot: { name: string }; teams: Array<{ id: string; channels: Array<{ id: string; name: string }> }> } };
      assert.equal(response.status, 200);
      assert.equal(config.currentUser.aadObjectId, expected.aadObjectId);
      assert.equal(config.currentUser.name, expected.displayName);
      assert.equal(config.bot.name, 'Tilläggsbot');
      const general = config.teams[0]!.channels.find((c) => c.name === 'General');
      assert.equal(general?.id, PLAYGROUND_TEAM.channelId, "the seeded Elevhälsa channel is the playground's General channel");
    } finally {
      child.kill('SIGTERM');
      rmSync(root, { recursive: true, force: true });
    }
  });
});

async function fetchWhenReady(url: string, withinMs: number): Promise<Response> {
  const until = Date.now() + withinMs;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
