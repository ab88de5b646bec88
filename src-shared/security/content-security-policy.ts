// The renderer's Content-Security-Policy, one source for the build's meta tag and the header
// each shell sends. `connect-src 'self'` covers the headless shell's WebSocket on its own
// origin (CSP Level 3 matches ws: to the page's host), so no ws://127.0.0.1:* wildcard is
// needed: another local server cannot be reached from the page. frame-ancestors works only
// as a header, never in a meta tag.
const directives = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // Listing photos come from the MLS's or the IDX site's image hosts (decision 0842): any
  // https: image, never http:, and images cannot run code or reach the contract.
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** For the built index.html's meta tag. */
export const RENDERER_CSP_META = directives.join('; ');

/** For the response header: the same policy, and no page may frame ours (clickjacking). */
export const RENDERER_CSP_HEADER = [...directives, "frame-ancestors 'none'"].join('; ');
