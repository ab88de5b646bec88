// Derives RxDB JSON schemas from the zod shapes in src-shared/domain, so a document's shape
// is declared once. RxDB refuses `$ref` and `$schema` and needs a maxLength on indexed
// strings; zod's output is adjusted to fit.
import type { RxJsonSchema } from 'rxdb';
import { z } from 'zod';

type JsonObject = { [key: string]: unknown };

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stripUnsupportedKeywords(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripUnsupportedKeywords);
  if (!isJsonObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === '$defs' || key === '$ref' || key === 'propertyNames') continue;
    out[key] = stripUnsupportedKeywords(value);
  }
  // RxDB indexes need a maxLength on every indexed string; an enum's is its longest member.
  if (out.type === 'string' && Array.isArray(out.enum) && out.maxLength === undefined) {
    out.maxLength = Math.max(...out.enum.map((member) => String(member).length));
  }
  return out;
}

export interface RxSchemaOptions {
  version: number;
  indexes: readonly (string | readonly string[])[];
}

/** The RxDB schema of a collection whose documents are `schema`'s output, keyed by `id`. */
export function toRxJsonSchema<T extends z.ZodObject>(
  schema: T,
  options: RxSchemaOptions,
): RxJsonSchema<z.infer<T>> {
  const json = stripUnsupportedKeywords(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }));
  if (!isJsonObject(json)) throw new Error('zod produced a non-object JSON schema');
  return {
    ...json,
    version: options.version,
    primaryKey: 'id',
    type: 'object',
    indexes: options.indexes.map((index) => (typeof index === 'string' ? index : [...index])),
  } as unknown as RxJsonSchema<z.infer<T>>;
}
