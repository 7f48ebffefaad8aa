// The layer check: imports point one way. A module may import its own folder, a peer of its layer
// where the map allows it, and any lower layer — never a higher one. `npm run lint` runs it.
//
//   cli, main, demo → bot, jobs → desk, tracking, digest → x, db, rules, model → domain, config, logger, secrets
//
// x, db, rules and model (the optional language model's client) know none of each other; src/ imports nothing from test/; src/sandbox (the
// stand-ins of X and Slack) is imported only by the demo, the benchmarks and the tests.
import path from 'node:path';

const BASE = ['domain', 'config', 'logger', 'secrets', 'i18n'];
const EDGES = ['x', 'db', 'rules', 'model'];
const FLOW = ['desk', 'tracking', 'digest'];
const APP = ['bot', 'jobs'];

/** What each part of src/ may import, besides itself. */
export const LAYERS = {
  cli: [...APP, ...FLOW, ...EDGES, ...BASE, 'main', 'demo'],
  demo: [...APP, ...FLOW, ...EDGES, ...BASE, 'main', 'sandbox'],
  main: [...APP, ...FLOW, ...EDGES, ...BASE],
  bot: [...APP, ...FLOW, ...EDGES, ...BASE],
  jobs: [...APP, ...FLOW, ...EDGES, ...BASE],
  desk: [...FLOW, ...EDGES, ...BASE],
  tracking: [...FLOW, ...EDGES, ...BASE],
  digest: [...FLOW, ...EDGES, ...BASE],
  x: BASE,
  db: BASE,
  rules: BASE,
  model: BASE,
  config: ['domain', 'i18n'],
  domain: [],
  i18n: ['domain'],
  logger: [],
  secrets: [],
  sandbox: BASE,
};

const SRC = path.resolve(import.meta.dirname, 'src');
const TEST = path.resolve(import.meta.dirname, 'test');

/** The part of src/ a file belongs to: its first folder, or its own name for a top-level file. */
function partOf(file) {
  const relative = path.relative(SRC, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep)[0].replace(/\.(ts|js|mjs)$/, '');
}

const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point one way, from the top of the layer map down.' },
    messages: {
      upward: "src/{{from}} may not import src/{{to}}: imports point one way (see eslint-layers.js for the map).",
      unknown: 'src/{{from}} is not on the layer map in eslint-layers.js: add it there.',
      test: 'src/ may not import from test/: what shipped code needs lives in src/ (stand-ins in src/sandbox).',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = partOf(file);
    if (!from) return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source.value);
      if (target === TEST || target.startsWith(TEST + path.sep)) return context.report({ node, messageId: 'test' });
      const to = partOf(target);
      if (!to || to === from) return;
      const allowed = LAYERS[from];
      if (!allowed) return context.report({ node, messageId: 'unknown', data: { from } });
      if (!allowed.includes(to)) context.report({ node, messageId: 'upward', data: { from, to } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default { rules: { layers } };
