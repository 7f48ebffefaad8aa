// X's published OpenAPI description (trimmed by scripts/trim-x-specs.ts to the endpoints accueil
// calls), and the checks X makes with it: path, method, query parameter names and values, bodies.
// A small matcher over the schema keywords X's description uses, rather than a validator library.
import { readFileSync } from 'node:fs';

export const X_API_VERSIONS = ['2.166', '2.167'] as const;
export type XApiVersion = (typeof X_API_VERSIONS)[number];
export const DEFAULT_X_API_VERSION: XApiVersion = '2.167';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

interface Operation {
  parameters: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

interface SpecDocument {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** What X finds wrong with a request: the message it writes, and the parameter it names. */
export interface Refusal {
  message: string;
  parameter?: { name: string; value: string };
}

export interface SpecOperation {
  template: string;
  method: string;
  params: Record<string, string>;
}

const cache = new Map<XApiVersion, XSpec>();

/** The trimmed description of one version of X's API. */
export class XSpec {
  private readonly doc: SpecDocument;
  private readonly templates: { template: string; pattern: RegExp }[];

  static load(version: XApiVersion): XSpec {
    let spec = cache.get(version);
    if (!spec) {
      const doc = JSON.parse(readFileSync(new URL(`./spec/x-${version}.json`, import.meta.url), 'utf8')) as SpecDocument;
      spec = new XSpec(doc);
      cache.set(version, spec);
    }
    return spec;
  }

  private constructor(doc: SpecDocument) {
    this.doc = doc;
    // Literal paths first, so /2/users/me is never read as /2/users/{id}.
    this.templates = Object.keys(doc.paths)
      .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
      }));
  }

  get version(): string {
    return this.doc.info.version;
  }

  /** The operation the description has for this method and path, or null when it has none. */
  find(method: string, path: string): SpecOperation | null {
    for (const { template, pattern } of this.templates) {
      const match = pattern.exec(path);
      if (match && this.doc.paths[template]![method.toLowerCase()]) {
        return { template, method: method.toLowerCase(), params: { ...match.groups } };
      }
    }
    return null;
  }

  /** The first thing X would refuse in this request, or null. */
  checkRequest(op: SpecOperation, query: URLSearchParams, body: unknown): Refusal | null {
    const operation = this.doc.paths[op.template]![op.method]!;
    const params = operation.parameters;
    for (const p of params.filter((q) => q.in === 'path')) {
      const value = decodeURIComponent(op.params[p.name] ?? '');
      const problem = this.checkValue(p.schema, value);
      if (problem) return { message: `The \`${p.name}\` path parameter value [${value}] ${problem}`, parameter: { name: p.name, value } };
    }
    const known = params.filter((p) => p.in === 'query');
    const names = known.map((p) => p.name);
    for (const name of new Set(query.keys())) {
      if (!names.includes(name)) {
        return { message: `The query parameter [${name}] is not one of [${names.join(',')}]`, parameter: { name, value: query.get(name)! } };
      }
      if (query.getAll(name).length > 1) return { message: `Duplicate parameters are not allowed: the \`${name}\` query parameter`, parameter: { name, value: query.get(name)! } };
    }
    for (const p of known) {
      const value = query.get(p.name);
      if (value === null) {
        if (p.required) return { message: `The \`${p.name}\` query parameter can not be empty`, parameter: { name: p.name, value: '' } };
        continue;
      }
      const problem = this.checkQueryValue(p, value);
      if (problem) return { message: problem, parameter: { name: p.name, value } };
    }
    return this.checkBody(operation, body);
  }

  /** What is wrong with a success answer against the description's schema for it, or null. */
  checkAnswer(op: SpecOperation, status: number, body: unknown): string | null {
    const response = this.doc.paths[op.template]![op.method]!.responses[String(status)];
    const schema = response?.content?.['application/json']?.schema;
    if (!schema) return response ? null : `no ${status} answer in the description`;
    return this.validate(schema, body, 'body');
  }

  private checkQueryValue(p: Parameter, raw: string): string | null {
    const schema = this.resolve(p.schema);
    if (schema.type === 'array') {
      const items = raw.split(',');
      if (raw === '' || items.length < (schema.minItems ?? 0)) return `The \`${p.name}\` query parameter can not be empty`;
      if (schema.maxItems !== undefined && items.length > schema.maxItems) return `The \`${p.name}\` query parameter holds more than ${schema.maxItems} values`;
      if (schema.uniqueItems && new Set(items).size !== items.length) return `The \`${p.name}\` query parameter value [${raw}] repeats a value`;
      const itemSchema = this.resolve(schema.items ?? {});
      for (const item of items) {
        if (itemSchema.enum && !itemSchema.enum.includes(item)) {
          return `The \`${p.name}\` query parameter value [${item}] is not one of [${[...new Set(itemSchema.enum)].join(',')}]`;
        }
        const problem = this.checkValue(itemSchema, item);
        if (problem) return `The \`${p.name}\` query parameter value [${item}] ${problem}`;
      }
      return null;
    }
    const problem = this.checkValue(schema, raw);
    return problem ? `The \`${p.name}\` query parameter value [${raw}] ${problem}` : null;
  }

  /** A scalar from the URL against its schema: integers, patterns, lengths, enums, timestamps. */
  private checkValue(raw: Schema, value: string): string | null {
    const schema = this.resolve(raw);
    if (schema.type === 'integer') {
      const n = Number(value);
      if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) return 'is not a valid integer';
      if ((schema.minimum !== undefined && n < schema.minimum) || (schema.maximum !== undefined && n > schema.maximum)) {
        return `is not between ${schema.minimum ?? '-∞'} and ${schema.maximum ?? '∞'}`;
      }
      return null;
    }
    if (schema.enum && !schema.enum.includes(value)) return `is not one of [${schema.enum.join(',')}]`;
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) return `does not match ${schema.pattern}`;
    if (schema.minLength !== undefined && value.length < schema.minLength) return `is shorter than ${schema.minLength} characters`;
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return `is longer than ${schema.maxLength} characters`;
    if (schema.format === 'date-time' && !isTimestamp(value)) return 'is not a valid timestamp (YYYY-MM-DDTHH:mm:ssZ)';
    return null;
  }

  private checkBody(operation: Operation, body: unknown): Refusal | null {
    const declared = operation.requestBody;
    // Clients send `{}` with a bodiless PUT; X reads nothing from it.
    const empty = body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
    if (!declared) return empty ? null : { message: 'This endpoint takes no request body' };
    if (body === undefined) return declared.required ? { message: 'A JSON request body is required' } : null;
    const schema = declared.content['application/json']?.schema;
    if (!schema) return null;
    const problem = this.validate(schema, body, 'body');
    return problem ? { message: problem } : null;
  }

  private resolve(schema: Schema): Schema {
    let current = schema;
    while (current.$ref) current = this.doc.components.schemas[current.$ref.slice('#/components/schemas/'.length)] ?? {};
    return current;
  }

  /** JSON against a schema: the first problem found, with where, or null. */
  private validate(raw: Schema, value: unknown, at: string): string | null {
    const schema = this.resolve(raw);
    if (value === null) return schema.nullable ? null : `${at}: null is not allowed`;
    if (schema.allOf) {
      for (const part of schema.allOf) {
        const problem = this.validate(part, value, at);
        if (problem) return problem;
      }
    }
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) {
      const problems = alternatives.map((part) => this.validate(part, value, at));
      if (!problems.includes(null)) return problems[0]!;
    }
    if (schema.enum && !schema.enum.includes(value)) return `${at}: [${String(value)}] is not one of [${schema.enum.join(',')}]`;
    const type = schema.type ?? (schema.properties ? 'object' : undefined);
    switch (type) {
      case 'object': {
        if (typeof value !== 'object' || Array.isArray(value)) return `${at}: expected an object`;
        const record = value as Record<string, unknown>;
        for (const name of schema.required ?? []) if (record[name] === undefined) return `${at}.${name}: required`;
        for (const [name, field] of Object.entries(record)) {
          const property = schema.properties?.[name];
          if (property) {
            const problem = this.validate(property, field, `${at}.${name}`);
            if (problem) return problem;
          } else if (schema.additionalProperties === false) {
            return `${at}.${name}: not an allowed field`;
          }
        }
        return null;
      }
      case 'array': {
        if (!Array.isArray(value)) return `${at}: expected an array`;
        if (schema.minItems !== undefined && value.length < schema.minItems) return `${at}: fewer than ${schema.minItems} items`;
        if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${at}: more than ${schema.maxItems} items`;
        for (const [i, item] of value.entries()) {
          const problem = schema.items ? this.validate(schema.items, item, `${at}[${i}]`) : null;
          if (problem) return problem;
        }
        return null;
      }
      case 'string':
        if (typeof value !== 'string') return `${at}: expected a string`;
        if (schema.minLength !== undefined && value.length < schema.minLength) return `${at}: shorter than ${schema.minLength} characters`;
        if (schema.maxLength !== undefined && value.length > schema.maxLength) return `${at}: longer than ${schema.maxLength} characters`;
        if (schema.pattern && !new RegExp(schema.pattern).test(value)) return `${at}: does not match ${schema.pattern}`;
        if (schema.format === 'date-time' && !isTimestamp(value)) return `${at}: not a date-time`;
        return null;
      case 'integer':
      case 'number':
        if (typeof value !== 'number' || (type === 'integer' && !Number.isInteger(value))) return `${at}: expected ${type === 'integer' ? 'an integer' : 'a number'}`;
        if (schema.minimum !== undefined && value < schema.minimum) return `${at}: below ${schema.minimum}`;
        if (schema.maximum !== undefined && value > schema.maximum) return `${at}: above ${schema.maximum}`;
        return null;
      case 'boolean':
        return typeof value === 'boolean' ? null : `${at}: expected a boolean`;
      default:
        return null;
    }
  }
}

// X documents YYYY-MM-DDTHH:mm:ssZ and takes milliseconds too.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;
const isTimestamp = (value: string) => TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
