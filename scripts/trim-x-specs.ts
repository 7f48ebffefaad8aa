// Regenerates src/sandbox/x/spec/x-<version>.json: X's published OpenAPI description, trimmed to
// the endpoints accueil calls, for the fake X to check every request against.
//
//   npx tsx scripts/trim-x-specs.ts [path/to/specs]   (default ../shared/specs)
//
// The published files (about 800 KB each) stay outside the repository; the trimmed ones are
// committed, so the tests run on a fresh clone without them.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = resolve(process.argv[2] ?? join(ROOT, '..', 'shared', 'specs'));
const OUT = join(ROOT, 'src', 'sandbox', 'x', 'spec');

const X_SPEC_VERSIONS = ['2.166', '2.167'] as const;

/** Every operation the bot (and the fake X's tests) call; the fake refuses any other. */
const OPERATIONS: [method: string, path: string][] = [
  ['get', '/2/users/me'],
  ['get', '/2/users'],
  ['get', '/2/users/by/username/{username}'],
  ['get', '/2/users/{id}/followers'],
  ['get', '/2/users/{id}/mentions'],
  ['get', '/2/users/{id}/tweets'],
  ['post', '/2/tweets'],
  ['get', '/2/dm_conversations/with/{participant_id}/dm_events'],
  ['get', '/2/dm_events'],
  ['post', '/2/dm_conversations/with/{participant_id}/messages'],
  ['get', '/2/webhooks'],
  ['post', '/2/webhooks'],
  ['put', '/2/webhooks/{webhook_id}'],
  ['get', '/2/account_activity/webhooks/{webhook_id}/subscriptions/all'],
  ['post', '/2/account_activity/webhooks/{webhook_id}/subscriptions/all'],
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = { [key: string]: Json };

// Prose and examples are most of the bulk and none of the contract.
const DROPPED = new Set(['description', 'example', 'examples', 'summary', 'externalDocs', 'tags', 'x-twitter-streaming']);

function pointer(doc: Doc, ref: string): Json {
  return ref.slice(2).split('/').reduce<Json>((node, key) => (node as Doc)[key.replace(/~1/g, '/').replace(/~0/g, '~')]!, doc);
}

/** A copy without prose; parameters and request bodies inlined, schema $refs kept and collected. */
function strip(doc: Doc, node: Json, schemas: Set<string>, inProperties = false): Json {
  if (Array.isArray(node)) return node.map((item) => strip(doc, item, schemas));
  if (node === null || typeof node !== 'object') return node;
  const ref = node.$ref;
  if (typeof ref === 'string') {
    if (ref.startsWith('#/components/schemas/')) {
      collect(doc, ref, schemas);
      return { $ref: ref };
    }
    return strip(doc, pointer(doc, ref), schemas);
  }
  const out: Doc = {};
  // Under `properties` the keys are field names (a user's `description` is its bio), not prose.
  for (const [key, value] of Object.entries(node)) {
    if (!inProperties && DROPPED.has(key)) continue;
    out[key] = strip(doc, value, schemas, !inProperties && key === 'properties');
  }
  return out;
}

function collect(doc: Doc, ref: string, schemas: Set<string>): void {
  const name = ref.slice('#/components/schemas/'.length);
  if (schemas.has(name)) return;
  schemas.add(name);
  strip(doc, pointer(doc, ref), schemas);
}

function trim(doc: Doc, source: string): Doc {
  const schemas = new Set<string>();
  const paths: Doc = {};
  for (const [method, path] of OPERATIONS) {
    const operation = ((doc.paths as Doc)[path] as Doc | undefined)?.[method] as Doc | undefined;
    if (!operation) throw new Error(`${source}: no ${method.toUpperCase()} ${path}`);
    const { operationId, security, parameters, requestBody, responses } = operation;
    const kept: Doc = { operationId: operationId ?? null, security: security ?? null, parameters: parameters ?? [] };
    if (requestBody) kept.requestBody = requestBody;
    // The success answer only: errors share X's Problem shapes.
    kept.responses = Object.fromEntries(Object.entries(responses as Doc).filter(([status]) => /^2/.test(status)));
    ((paths[path] ??= {}) as Doc)[method] = strip(doc, kept, schemas);
  }
  const all = (doc.components as Doc).schemas as Doc;
  const components: Doc = {};
  for (const name of [...schemas].sort()) components[name] = strip(doc, all[name]!, new Set(schemas));
  const info = doc.info as Doc;
  return {
    'x-trimmed': {
      source,
      by: 'scripts/trim-x-specs.ts',
      regenerate: 'npx tsx scripts/trim-x-specs.ts [path/to/specs]',
      note: 'Generated: do not edit. Only the operations accueil calls; prose and examples removed.',
    },
    openapi: doc.openapi!,
    info: { title: info.title!, version: info.version! },
    paths,
    components: { schemas: components },
  };
}

function main(): void {
  for (const version of X_SPEC_VERSIONS) {
    const file = join(SOURCES, `x-openapi-${version}.json`);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Doc;
    const source = `X API v2 OpenAPI ${version}, published at api.x.com/2/openapi.json (copy: ../shared/specs/x-openapi-${version}.json, from xdevplatform/docs)`;
    const trimmed = trim(doc, source);
    const out = join(OUT, `x-${version}.json`);
    writeFileSync(out, `${JSON.stringify(trimmed, null, 1)}\n`);
    console.log(`${relative(ROOT, out)}: ${Object.keys(trimmed.paths as Doc).length} paths, ${Object.keys((trimmed.components as Doc).schemas as Doc).length} schemas`);
  }
}

main();
