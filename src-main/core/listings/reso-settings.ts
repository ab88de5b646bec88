// The MLS connection ("listings.reso") and the import's state ("listings.reso.state"), both
// this device's (SY-S5: they name a host and a checkpoint, not the team's homes, which
// replicate as listings). The token or client secret lives in the SecretStore, bound to the
// origin it is sent to (decision 0841): moving the Web API address forgets the bearer token,
// moving the token endpoint forgets the client secret.
import type { ResoSettings, ResoState } from '../../../src-shared/ipc/listings';
import { RESO_SETTINGS_ID, RESO_STATE_ID, resoSettingsSchema } from '../../../src-shared/ipc/listings';
import type { CoreContext } from '../context';
import type { ResoConnection } from '../ports/reso-feed';
import { isLoopbackHost } from '../secrets/host-binding';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import { settingsPlace } from '../../../src-shared/settings-sections';

export function parseResoSettings(value: unknown): ResoSettings {
  const parsed = resoSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : resoSettingsSchema.parse({});
}

export async function readResoSettings(ctx: CoreContext): Promise<ResoSettings> {
  return parseResoSettings((await ctx.db.settings.findOne(RESO_SETTINGS_ID).exec())?.value);
}

async function writeSetting(ctx: CoreContext, id: string, value: unknown): Promise<void> {
  await ctx.db.settings.upsert({
    id,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value,
  });
}

export async function writeResoSettings(ctx: CoreContext, settings: ResoSettings): Promise<void> {
  await writeSetting(ctx, RESO_SETTINGS_ID, settings);
}

export async function readResoState(ctx: CoreContext): Promise<ResoState> {
  const value = (await ctx.db.settings.findOne(RESO_STATE_ID).exec())?.value as
    Partial<ResoState> | undefined;
  return {
    checkpoint: value?.checkpoint ?? null,
    lastRun: value?.lastRun ?? null,
    lastError: value?.lastError ?? null,
    lastErrorAt: value?.lastErrorAt ?? null,
  };
}

export async function writeResoState(ctx: CoreContext, state: ResoState): Promise<void> {
  await writeSetting(ctx, RESO_STATE_ID, state);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/** Where each RESO secret goes: the bearer token to the Web API, the client secret to the token endpoint. */
export function resoSecretDestinations(
  settings: ResoSettings,
): Map<'reso.accessToken' | 'reso.clientSecret', string> {
  return new Map([
    ['reso.accessToken', originOf(settings.endpoint)],
    ['reso.clientSecret', `${originOf(settings.tokenUrl)} ${settings.clientId}`],
  ]);
}

/** Why a secret may not go to this address (clear text off this computer), or undefined. */
export function plainResoRefusal(url: string): string | undefined {
  if (url === '') return undefined;
  const parsed = new URL(url);
  if (parsed.protocol === 'https:' || isLoopbackHost(parsed.hostname)) return undefined;
  return `http:// sends the token unencrypted, so it is allowed only to this computer; use https://${parsed.host}.`;
}

const place = settingsPlace('listings');

/** The connection to open, or a refusal naming what is missing and where to add it. */
export async function resoConnection(ctx: CoreContext, settings: ResoSettings): Promise<ResoConnection> {
  if (settings.endpoint === '')
    throw new PorchlightError('validation', `Add your MLS’s RESO Web API address in ${place}.`, {
      endpoint: 'Enter the Web API address.',
    });
  if (settings.auth === 'bearer') {
    const token = await ctx.secrets?.get('reso.accessToken');
    if (token === undefined || token === '')
      throw new PorchlightError('validation', `Add the MLS access token in ${place}.`, {
        accessToken: 'Enter the access token.',
      });
    return { endpoint: settings.endpoint, auth: { kind: 'bearer', token } };
  }
  const secret = await ctx.secrets?.get('reso.clientSecret');
  if (settings.tokenUrl === '' || settings.clientId === '' || secret === undefined || secret === '')
    throw new PorchlightError(
      'validation',
      `Add the token address, client id and client secret in ${place}.`,
      {
        ...(settings.tokenUrl === '' ? { tokenUrl: 'Enter the token address.' } : {}),
        ...(settings.clientId === '' ? { clientId: 'Enter the client id.' } : {}),
        ...(secret === undefined || secret === '' ? { clientSecret: 'Enter the client secret.' } : {}),
      },
    );
  return {
    endpoint: settings.endpoint,
    auth: {
      kind: 'client_credentials',
      tokenUrl: settings.tokenUrl,
      clientId: settings.clientId,
      clientSecret: secret,
      scope: settings.scope,
    },
  };
}
