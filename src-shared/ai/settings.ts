// The team's AI settings (settings document "ai"). The key is not here: it lives in the
// SecretStore ('ai.apiKey') and never enters the database. Without a key, with AI turned off,
// or past the daily cost cap, every AI job is done by rules and templates.
import { z } from 'zod';

export const aiProviders = ['openai', 'azure', 'compatible'] as const;

export const aiSettingsSchema = z.object({
  /** Use the AI when a key is set; off = rules and templates only. */
  enabled: z.boolean().default(true),
  /** openai: the provider's default base URL unless one is given; azure/compatible: give one. */
  provider: z.enum(aiProviders).default('openai'),
  baseURL: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  model: z.string().trim().min(1).max(100).default('gpt-4o-mini'),
  /** Azure only: sent as the `api-version` query parameter. */
  azureApiVersion: z.string().trim().min(1).max(40).optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(20_000),
  maxRetries: z.number().int().min(0).max(5).default(2),
  /** Spend per day (team time zone) in the price unit below; reached = rules until midnight. */
  dailyCostCap: z.number().min(0).max(100_000).default(1),
  pricePer1kInputTokens: z.number().min(0).max(1000).default(0.00015),
  pricePer1kOutputTokens: z.number().min(0).max(1000).default(0.0006),
  /** Send suggested replies without the agent's approval. Off unless the team turns it on. */
  aiAutoReply: z.boolean().default(false),
  /** Blend an AI reading of each lead's messages into the score. */
  useForScoring: z.boolean().default(true),
});
export type AiSettings = z.output<typeof aiSettingsSchema>;

export const DEFAULT_AI_SETTINGS: AiSettings = aiSettingsSchema.parse({});

/** A partial update: given fields replace the saved ones; `null` clears an optional one. */
export const aiSettingsPatchSchema = z
  .object({
    enabled: z.boolean(),
    provider: z.enum(aiProviders),
    baseURL: aiSettingsSchema.shape.baseURL.unwrap().nullable(),
    model: aiSettingsSchema.shape.model.unwrap(),
    azureApiVersion: aiSettingsSchema.shape.azureApiVersion.unwrap().nullable(),
    timeoutMs: aiSettingsSchema.shape.timeoutMs.unwrap(),
    maxRetries: aiSettingsSchema.shape.maxRetries.unwrap(),
    dailyCostCap: aiSettingsSchema.shape.dailyCostCap.unwrap(),
    pricePer1kInputTokens: aiSettingsSchema.shape.pricePer1kInputTokens.unwrap(),
    pricePer1kOutputTokens: aiSettingsSchema.shape.pricePer1kOutputTokens.unwrap(),
    aiAutoReply: z.boolean(),
    useForScoring: z.boolean(),
  })
  .partial();
export type AiSettingsPatch = z.input<typeof aiSettingsPatchSchema>;

/** A saved document that no longer parses keeps what it can: unreadable fields take defaults. */
export function parseAiSettings(value: unknown): AiSettings {
  const whole = aiSettingsSchema.safeParse(value ?? {});
  if (whole.success) return whole.data;
  const kept: Record<string, unknown> = {};
  if (typeof value === 'object' && value !== null) {
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      const one = aiSettingsSchema.safeParse({ [key]: field });
      if (one.success) kept[key] = field;
    }
  }
  return aiSettingsSchema.parse(kept);
}

export function applyAiSettingsPatch(
  saved: AiSettings,
  patch: z.output<typeof aiSettingsPatchSchema>,
): AiSettings {
  const next: Record<string, unknown> = { ...saved };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return aiSettingsSchema.parse(next);
}
