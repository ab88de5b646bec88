// Scrubs a secret, and anything shaped like an API key or a bearer token, out of text that may
// reach a person, a log or an error (a provider may echo the key back in an error body).
const keyShapes = [/sk-[A-Za-z0-9_*-]{6,}/g, /Bearer\s+[A-Za-z0-9._~+/=-]{6,}/gi];

export function redactSecret(text: string, secret: string | undefined): string {
  let out = secret !== undefined && secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
  for (const shape of keyShapes) out = out.replace(shape, '[redacted]');
  return out.length > 500 ? `${out.slice(0, 497)}...` : out;
}
