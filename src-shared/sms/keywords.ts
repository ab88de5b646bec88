// Inbound keywords carriers and Twilio act on (Twilio's default opt-out list for US/CA numbers,
// including the CTIA 2025 additions REVOKE and OPTOUT). A message that is just one of these
// words (any case, surrounding spaces and punctuation ignored) is an opt-out / opt-in / help.
const OPT_OUT = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'];
const OPT_IN = ['START', 'YES', 'UNSTOP'];
const HELP = ['HELP', 'INFO'];

export type KeywordKind = 'opt_out' | 'opt_in' | 'help' | null;

export function keywordOf(body: string): KeywordKind {
  const word = body
    .trim()
    .replace(/[.!?,;:'"]+$/g, '')
    .replace(/^['"]+/, '')
    .toUpperCase();
  if (OPT_OUT.includes(word)) return 'opt_out';
  if (OPT_IN.includes(word)) return 'opt_in';
  if (HELP.includes(word)) return 'help';
  return null;
}
