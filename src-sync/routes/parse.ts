// Request bodies are parsed with the protocol's zod schemas; a bad body is a 400 naming the
// first wrong field, and nothing of it is used.
import type { Context } from 'hono';
import type { z } from 'zod';
import { SyncError } from '../middleware/errors';

export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new SyncError(400, 'invalid_json', 'The request body is not JSON.');
  }
  return parseValue(schema, raw);
}

export function parseValue<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
  throw new SyncError(400, 'invalid_request', `${where}${issue?.message ?? 'the request is not valid'}`);
}
