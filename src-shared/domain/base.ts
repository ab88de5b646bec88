// Fields every replicated document carries, and the bounded primitives the RxDB schemas
// need (indexed strings need maxLength; indexed numbers need minimum, maximum, multipleOf).
import { z } from 'zod';

export const ID_MAX_LENGTH = 64;
/** 9999-12-31T23:59:59.999Z: the largest epoch-millisecond value a document may hold. */
export const MAX_EPOCH_MS = 253_402_300_799_999;

export const idSchema = z.string().min(1).max(ID_MAX_LENGTH);
export const epochMsSchema = z.number().int().min(0).max(MAX_EPOCH_MS).multipleOf(1);
export const shortTextSchema = z.string().max(200);
export const longTextSchema = z.string().max(20_000);

export const baseDocShape = {
  id: idSchema,
  teamId: idSchema,
  ownerId: idSchema,
  updatedAt: epochMsSchema,
};

export const channelSchema = z.enum(['sms', 'whatsapp', 'email', 'call', 'notification']);
export type Channel = z.infer<typeof channelSchema>;
