// A Prisma generator that writes the full DMMF (the parsed schema.prisma) to a JSON file, so
// test/db/schema-matches.test.ts can compare the hand-written migrations with the schema.
// Prisma 7's generated client only carries a trimmed data model (no nullability, native types
// or unique constraints), and the CLI has no command that prints the DMMF.
//
// Protocol (Prisma's generator JSON-RPC): one request per line on stdin, one response per line
// on stderr. Plain Node, no dependencies: it runs inside `prisma generate`.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

const reply = (id, result) => process.stderr.write(JSON.stringify({ jsonrpc: '2.0', id, result }) + '\n');
const fail = (id, error) =>
  process.stderr.write(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32000, message: String(error?.message ?? error), data: { stack: error?.stack } } }) + '\n');

createInterface({ input: process.stdin, crlfDelay: Infinity }).on('line', (line) => {
  const message = JSON.parse(line);
  try {
    if (message.method === 'getManifest') {
      reply(message.id, { manifest: { prettyName: 'DMMF JSON', defaultOutput: './generated/dmmf.json', requiresEngines: [] } });
    } else if (message.method === 'generate') {
      const { dmmf, datamodel, generator } = message.params;
      const output = generator.output.value;
      mkdirSync(dirname(output), { recursive: true });
      // The hash lets the test notice a DMMF that is older than schema.prisma.
      const schemaSha256 = createHash('sha256').update(datamodel).digest('hex');
      writeFileSync(output, JSON.stringify({ schemaSha256, datamodel: dmmf.datamodel }, null, 2) + '\n');
      reply(message.id, null);
    }
  } catch (error) {
    fail(message.id, error);
  }
});
