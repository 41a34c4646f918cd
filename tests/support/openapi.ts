// Validation against the official CW OpenAPI subset (tests/contract/openapi/cw-openapi-subset.json; provenance
// in the README beside it).
// Used by the sandbox (to record contract violations), the contract tests and the CW-client tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type SchemaNode = { [k: string]: unknown };

interface Parameter {
  name: string;
  in: 'query' | 'header' | 'path';
  required?: boolean;
  schema?: SchemaNode;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: SchemaNode }> };
  responses: Record<string, { content?: Record<string, { schema: SchemaNode }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaNode> };
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const openApiPath =
  process.env.CW_OPENAPI ?? path.resolve(repoRoot, 'tests/contract/openapi/cw-openapi-subset.json');

// ajv-formats is CJS; its default export lands on `.default` under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

let loaded: { spec: Spec; ajv: Ajv; templates: CompiledTemplate[] } | undefined;
const validators = new Map<string, ValidateFunction>();

interface CompiledTemplate {
  template: string;
  regex: RegExp;
  literalSegments: number;
}

function load() {
  if (loaded) return loaded;
  const spec = JSON.parse(readFileSync(openApiPath, 'utf8')) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
  addFormats(ajv);
  // OpenAPI formats ajv-formats does not know.
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addSchema({ $id: 'cw-response', components: { schemas: transform(spec.components.schemas, false) } });
  ajv.addSchema({ $id: 'cw-request', components: { schemas: transform(spec.components.schemas, true) } });
  const templates = Object.keys(spec.paths).map((template) => {
    const segments = template.split('/').filter(Boolean);
    // Every path parameter in the CW API is an int32 record id.
    const pattern = segments.map((s) => (s.startsWith('{') ? '-?\\d+' : escapeRegex(s))).join('/');
    return {
      template,
      regex: new RegExp(`^/${pattern}/?$`, 'i'),
      literalSegments: segments.filter((s) => !s.startsWith('{')).length,
    };
  });
  // Literal segments win over parameters: /service/tickets/count before /service/tickets/{id}.
  templates.sort((a, b) => b.literalSegments - a.literalSegments);
  loaded = { spec, ajv, templates };
  return loaded;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Deep copy of the component schemas, adjusted for ajv:
// - `nullable` + `enum`: ajv's nullable only widens `type`, so add null to the enum too.
// - `value: {type: object}` in PatchOperation and CustomFieldValue is wrong in the subset (CW sends and
//   accepts strings, numbers, booleans there): allow any JSON.
// - response side: `required` is dropped (see transformNode).
// - request side: unknown properties are forbidden (additionalProperties:false on every object schema
//   that lists properties and does not say otherwise), so typos in request bodies are caught.
function transform(schemas: Record<string, SchemaNode>, strictObjects: boolean): Record<string, SchemaNode> {
  const out: Record<string, SchemaNode> = {};
  for (const [name, schema] of Object.entries(schemas))
    out[name] = transformNode(schema, strictObjects) as SchemaNode;
  for (const name of ['PatchOperation', 'CustomFieldValue']) {
    const props = out[name]?.properties as Record<string, SchemaNode> | undefined;
    if (props?.value) props.value = {};
  }
  return out;
}

function transformNode(node: unknown, strictObjects: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => transformNode(n, strictObjects));
  if (!node || typeof node !== 'object') return node;
  const src = node as SchemaNode;
  const copy: SchemaNode = {};
  for (const [k, v] of Object.entries(src)) {
    // `required` lists describe what a POST must send; answers trimmed by `fields` legitimately omit them.
    if (k === 'required' && !strictObjects && Array.isArray(v)) continue;
    copy[k] = k === 'enum' || k === 'required' ? v : transformNode(v, strictObjects);
  }
  if (copy.nullable === true && Array.isArray(copy.enum) && !copy.enum.includes(null)) {
    copy.enum = [...copy.enum, null];
  }
  if (strictObjects && copy.properties && copy.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}

/** The subset's path template for a concrete API path (after `apis/3.0`), or undefined. */
export function matchPath(method: string, concretePath: string): string | undefined {
  const { spec, templates } = load();
  const clean = concretePath.split('?')[0] ?? '';
  const m = method.toLowerCase();
  for (const t of templates) {
    if (t.regex.test(clean) && spec.paths[t.template]?.[m]) return t.template;
  }
  return undefined;
}

/** The subset path template matching the path regardless of method (for "method not in subset"). */
export function matchAnyMethod(concretePath: string): string | undefined {
  const { templates } = load();
  const clean = concretePath.split('?')[0] ?? '';
  return templates.find((t) => t.regex.test(clean))?.template;
}

function operation(method: string, pathTemplate: string): Operation | undefined {
  return load().spec.paths[pathTemplate]?.[method.toLowerCase()];
}

function compileRef(side: 'cw-request' | 'cw-response', schema: SchemaNode): ValidateFunction {
  const key = `${side}:${JSON.stringify(schema)}`;
  let v = validators.get(key);
  if (!v) {
    const rewritten = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', `"${side}#/components/`),
    );
    v = load().ajv.compile(
      side === 'cw-request' ? (transformNode(rewritten, true) as SchemaNode) : rewritten,
    );
    validators.set(key, v);
  }
  return v;
}

function formatErrors(errors: ErrorObject[] | null | undefined, prefix: string): string[] {
  return (errors ?? []).map((e) => {
    const at = `${prefix}${e.instancePath || ''}` || '/';
    if (e.keyword === 'additionalProperties') {
      return `${at}: unknown property '${(e.params as { additionalProperty: string }).additionalProperty}'`;
    }
    if (e.keyword === 'enum') {
      return `${at}: ${e.message} (${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)})`;
    }
    return `${at}: ${e.message}`;
  });
}

/** Errors of a response body against the subset (empty when valid). Error statuses use ErrorResponseMessage. */
export function validateResponse(
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
): string[] {
  const op = operation(method, pathTemplate);
  if (!op) return [`${method.toUpperCase()} ${pathTemplate} is not in the OpenAPI subset`];
  const response = op.responses[String(status)] ?? op.responses.default;
  let schema: SchemaNode | undefined;
  if (response) {
    schema = Object.values(response.content ?? {})[0]?.schema;
  } else if (status >= 400) {
    schema = { $ref: '#/components/schemas/ErrorResponseMessage' };
  } else {
    return [`status ${status} is not declared for ${method.toUpperCase()} ${pathTemplate}`];
  }
  if (!schema)
    return body === undefined || body === '' ? [] : ['response has a body but the subset declares none'];
  const v = compileRef('cw-response', schema);
  return v(body) ? [] : formatErrors(v.errors, 'response');
}

/** Errors of a request body against the subset, unknown properties forbidden (empty when valid). */
export function validateRequestBody(method: string, pathTemplate: string, body: unknown): string[] {
  const op = operation(method, pathTemplate);
  if (!op) return [`${method.toUpperCase()} ${pathTemplate} is not in the OpenAPI subset`];
  const content = op.requestBody?.content;
  if (!content) return body === undefined ? [] : [`${method.toUpperCase()} ${pathTemplate} takes no body`];
  if (body === undefined) return ['request body is required'];
  const schema = Object.values(content)[0]?.schema;
  if (!schema) return [];
  const v = compileRef('cw-request', schema);
  return v(body) ? [] : formatErrors(v.errors, 'body');
}

/**
 * Errors of query parameters and headers against the operation's parameter list: unknown query
 * parameters, wrong types, missing required headers (header names compare case-insensitively).
 */
export function validateRequestParams(
  method: string,
  pathTemplate: string,
  query: URLSearchParams | Record<string, string>,
  headers: Record<string, string | string[] | undefined> = {},
): string[] {
  const op = operation(method, pathTemplate);
  if (!op) return [`${method.toUpperCase()} ${pathTemplate} is not in the OpenAPI subset`];
  const params = op.parameters ?? [];
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
  const errors: string[] = [];
  for (const [name, raw] of entries) {
    const p = params.find((x) => x.in === 'query' && x.name === name);
    if (!p) {
      errors.push(`query: unknown parameter '${name}'`);
      continue;
    }
    if (p.schema?.type === 'integer' && !/^-?\d+$/.test(raw)) {
      errors.push(`query: parameter '${name}' must be an integer, got '${raw}'`);
    }
  }
  const lowerHeaders = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  for (const p of params) {
    if (p.in === 'header' && p.required && lowerHeaders.get(p.name.toLowerCase()) === undefined) {
      errors.push(`header: required header '${p.name}' is missing`);
    }
  }
  return errors;
}

/** The component schema name of a 2xx response (array item name for lists), e.g. 'Ticket'. */
export function responseSchemaName(method: string, pathTemplate: string): string | undefined {
  const op = operation(method, pathTemplate);
  const ok = op?.responses['200'] ?? op?.responses['201'];
  const schema = Object.values(ok?.content ?? {})[0]?.schema;
  const ref = (schema?.$ref ?? (schema?.items as SchemaNode | undefined)?.$ref) as string | undefined;
  return ref?.split('/').pop();
}

/**
 * The schema reached by a slash path inside a component schema (`status/name` in Ticket), following
 * $refs and array items; undefined when a segment is not a property. Used to reject unknown fields.
 */
export function schemaAt(schemaName: string, fieldPath: string): SchemaNode | undefined {
  return resolveSchemaPath(schemaName, fieldPath)?.schema;
}

/** Like schemaAt, also returning the path with the schema's own spelling (for case-insensitive lookups). */
export function resolveSchemaPath(
  schemaName: string,
  fieldPath: string,
  ignoreCase = false,
): { path: string; schema: SchemaNode } | undefined {
  const schemas = load().spec.components.schemas;
  let node: SchemaNode | undefined = schemas[schemaName];
  const canonical: string[] = [];
  for (const segment of fieldPath.split('/')) {
    node = deref(node, schemas);
    if (node?.type === 'array') node = deref(node.items as SchemaNode, schemas);
    const props = node?.properties as Record<string, SchemaNode> | undefined;
    const map = node?.additionalProperties;
    if (!props && map && typeof map === 'object') {
      // String maps such as _info: any key is a field (_info/lastUpdated).
      canonical.push(segment);
      node = map as SchemaNode;
      continue;
    }
    if (!props) return undefined;
    const key = Object.hasOwn(props, segment)
      ? segment
      : ignoreCase
        ? Object.keys(props).find((k) => k.toLowerCase() === segment.toLowerCase())
        : undefined;
    if (key === undefined) return undefined;
    canonical.push(key);
    node = props[key];
  }
  const schema = deref(node, schemas);
  return schema ? { path: canonical.join('/'), schema } : undefined;
}

function deref(node: SchemaNode | undefined, schemas: Record<string, SchemaNode>): SchemaNode | undefined {
  let n = node;
  while (n && typeof n.$ref === 'string') n = schemas[n.$ref.split('/').pop() ?? ''];
  return n;
}

/** The raw subset document, for tests that walk it. */
export function openApiSpec(): Spec {
  return load().spec;
}

export type { Json };
