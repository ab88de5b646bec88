// Scrubs a secret, and anything shaped like an API key or a bearer token, out of text that may
// reach a person, a log or an error (a provider may echo the key back in an error body, as
// sent, base64-encoded as in a Basic header, or URL-encoded as in a query string).
const keyShapes = [/sk-[A-Za-z0-9_*-]{6,}/g, /Bearer\s+[A-Za-z0-9._~+/=-]{6,}/gi];

/** Every form in which `secret` could be echoed back: as is, base64 (with and without padding), URL-encoded. */
export function secretForms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const base64 = btoa(binary);
  const forms = [
    secret,
    base64,
    base64.replace(/=+$/, ''),
    base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    encodeURIComponent(secret),
    encodeURIComponent(base64),
  ];
  // Longest first, so a longer form is not left half-replaced by a shorter one inside it.
  return [...new Set(forms)].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

export function redactSecret(text: string, secret: string | undefined): string {
  let out = text;
  if (secret !== undefined && secret.length >= 4)
    for (const form of secretForms(secret)) out = out.split(form).join('[redacted]');
  for (const shape of keyShapes) out = out.replace(shape, '[redacted]');
  return out.length > 500 ? `${out.slice(0, 497)}...` : out;
}
