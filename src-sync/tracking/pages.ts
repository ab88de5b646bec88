// The small pages a lead sees from the server (unsubscribe, a broken link): plain HTML, no
// script, no outside resources, readable on a phone.
function escape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

export function page(title: string, text: string, form?: { action: string; button: string }): string {
  const button =
    form === undefined
      ? ''
      : `<form method="post" action="${escape(form.action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escape(form.button)}</button></form>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:.4rem;background:#1d4ed8;color:#fff;cursor:pointer}button:focus{outline:3px solid #93c5fd}</style>
</head><body><main><h1>${escape(title)}</h1><p>${escape(text)}</p>${button}</main></body></html>`;
}
