/**
 * Deterministic, seeded mutations of workflow JSON for the fuzz tests: delete, duplicate or retype
 * a field, break the JSON text, huge and negative numbers, cycles, unknown node types, deep nesting.
 */

/** mulberry32: a small seeded PRNG, so a failing case can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Holder = { parent: Json[] | { [k: string]: Json }; key: string | number };

export const MUTATIONS = ['delete', 'duplicate', 'retype', 'break-json', 'huge-number', 'negative-count', 'cycle', 'unknown-type', 'deep-nesting', 'duplicate-node', 'drop-connections-target'] as const;
export type Mutation = (typeof MUTATIONS)[number];

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

/** Every (parent, key) slot in the document, depth first. */
function slots(value: Json, out: Holder[] = []): Holder[] {
  if (Array.isArray(value)) value.forEach((v, i) => { out.push({ parent: value, key: i }); slots(v, out); });
  else if (value && typeof value === 'object') for (const k of Object.keys(value)) { out.push({ parent: value, key: k }); slots(value[k]!, out); }
  return out;
}

function get(h: Holder): Json {
  return (h.parent as Record<string | number, Json>)[h.key]!;
}

function set(h: Holder, v: Json): void {
  (h.parent as Record<string | number, Json>)[h.key] = v;
}

const ODD_VALUES: Json[] = [null, true, false, 0, -1, 1.5, '', 'x', '-7', [], {}, [null], { '': null }, 1e308, -1e308, 9_007_199_254_740_993, 'credits: items=-3', '__proto__'];
const NEGATIVE_FIELDS = ['batchSize', 'maxIterations', 'maxTokens', 'limit', 'minutesInterval', 'hoursInterval', 'typeVersion', 'amount', 'items'];

function nodesOf(doc: Json): Array<Record<string, Json>> {
  const nodes = doc && typeof doc === 'object' && !Array.isArray(doc) ? doc.nodes : null;
  return Array.isArray(nodes) ? (nodes.filter((n) => n && typeof n === 'object' && !Array.isArray(n)) as Array<Record<string, Json>>) : [];
}

function connectionsOf(doc: Json): Record<string, Json> | null {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return null;
  const c = doc.connections;
  if (c && typeof c === 'object' && !Array.isArray(c)) return c;
  doc.connections = {};
  return doc.connections as Record<string, Json>;
}

/** Applies one mutation to a parsed document in place (or returns new text for text-level ones). */
function applyOne(r: () => number, doc: Json, kind: Mutation): string | null {
  const all = slots(doc);
  const nodes = nodesOf(doc);
  switch (kind) {
    case 'delete': {
      const h = all.length ? pick(r, all) : null;
      if (!h) return null;
      if (Array.isArray(h.parent)) h.parent.splice(h.key as number, 1);
      else delete h.parent[h.key as string];
      return null;
    }
    case 'duplicate': {
      const h = all.length ? pick(r, all) : null;
      if (!h) return null;
      const copy = JSON.parse(JSON.stringify(get(h) ?? null)) as Json;
      if (Array.isArray(h.parent)) h.parent.splice(h.key as number, 0, copy);
      else h.parent[`${h.key}`.concat(r() < 0.5 ? '' : ' ')] = copy;
      return null;
    }
    case 'retype': {
      if (all.length) set(pick(r, all), pick(r, ODD_VALUES));
      return null;
    }
    case 'huge-number': {
      const numbers = all.filter((h) => typeof get(h) === 'number');
      const h = numbers.length ? pick(r, numbers) : all.length ? pick(r, all) : null;
      if (h) set(h, pick(r, [1e308, -1e308, Number.MAX_SAFE_INTEGER * 1024, 2 ** 53 + 1, 1e21, 123456789012345680000]));
      return null;
    }
    case 'negative-count': {
      const node = nodes.length ? pick(r, nodes) : null;
      if (!node) return null;
      const params = (node.parameters && typeof node.parameters === 'object' && !Array.isArray(node.parameters) ? node.parameters : (node.parameters = {})) as Record<string, Json>;
      params[pick(r, NEGATIVE_FIELDS)] = pick(r, [-1, -1000, 0, -0.5, -1e12]);
      if (r() < 0.3) node.notes = pick(r, ['credits: items=-3', 'credits: items=0', 'credits: runs=-1e9', 'credits: items=1e400']);
      return null;
    }
    case 'cycle': {
      const connections = connectionsOf(doc);
      if (!connections || nodes.length === 0) return null;
      const from = String(pick(r, nodes).name);
      const to = String(pick(r, nodes).name);
      connections[from] = { main: [[{ node: to, type: 'main', index: 0 }], [{ node: from, type: 'main', index: 0 }]] };
      return null;
    }
    case 'unknown-type': {
      const node = nodes.length ? pick(r, nodes) : null;
      if (node) node.type = pick(r, ['n8n-nodes-base.doesNotExist', '', 'x', '@n8n/n8n-nodes-langchain.lmChatUnknown', 42, null, 'n8n-nodes-base.', '../../etc/passwd']);
      return null;
    }
    case 'duplicate-node': {
      if (nodes.length === 0) return null;
      const copy = JSON.parse(JSON.stringify(pick(r, nodes))) as Json;
      (doc as { nodes: Json[] }).nodes.push(copy);
      return null;
    }
    case 'drop-connections-target': {
      const connections = connectionsOf(doc);
      if (!connections) return null;
      connections[pick(r, ['Ghost', '', 'constructor', 'toString'])] = { main: [[{ node: 'Nowhere', type: 'main', index: 7 }]] };
      return null;
    }
    case 'deep-nesting': {
      // A marker, expanded in the text after stringify (JSON.stringify itself would overflow the stack).
      const marker = `__DEEP_${pick(r, [50, 500, 2000, 5000, 20000])}_${Math.floor(r() * 1e9)}__`;
      const node = nodes.length ? pick(r, nodes) : null;
      if (node) node.parameters = { deep: marker };
      else if (doc && typeof doc === 'object' && !Array.isArray(doc)) doc.deep = marker;
      return null;
    }
    case 'break-json':
      return null; // text-level, below
  }
}

/** Breaks JSON text: truncation, a stray or missing character, a bad literal. */
function breakText(r: () => number, text: string): string {
  const at = Math.floor(r() * (text.length + 1));
  switch (Math.floor(r() * 6)) {
    case 0: return text.slice(0, at);
    case 1: return text.slice(0, at) + pick(r, ['{', '}', '[', ']', ',', '"', ':', '\\', '\u0000', '\ud800']) + text.slice(at);
    case 2: return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 20));
    case 3: return text.replace(/: (\d+)/, ': 1e999');
    case 4: return text.slice(0, at) + ' // comment\n' + text.slice(at);
    default: return text.replace(/"/g, (q) => (r() < 0.01 ? "'" : q));
  }
}

/** One mutated text from `source`: 1–3 mutations chosen by the seed; returns the text and their names. */
export function mutate(source: string, seed: number): { text: string; kinds: Mutation[] } {
  const r = rng(seed);
  const count = 1 + Math.floor(r() * 3);
  const kinds = Array.from({ length: count }, () => pick(r, MUTATIONS));
  let doc = JSON.parse(source) as Json;
  let text: string | null = null;
  for (const kind of kinds) {
    if (kind === 'break-json') continue;
    applyOne(r, doc, kind);
  }
  text = JSON.stringify(doc, null, r() < 0.5 ? 2 : 0).replace(/"__DEEP_(\d+)_(\d+)__"/g, (_, depth: string, salt: string) => {
    let open = '';
    let close = '';
    for (let i = 0; i < Number(depth); i++) {
      const array = (Number(salt) + i) % 3 === 0;
      open += array ? '[' : '{"a":';
      close = (array ? ']' : '}') + close;
    }
    return `${open}1${close}`;
  });
  if (kinds.includes('break-json')) text = breakText(r, text);
  doc = null;
  return { text, kinds };
}
