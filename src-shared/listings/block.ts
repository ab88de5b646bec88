// The words and cards a home is sent in: the `{{property_matches}}` block of a template and the
// one-tap "send this home". Email gets cards (photo, price, beds/baths, address, why it fits,
// a link; HTML-escaped, links left for the mailer to send through click tracking), a text gets
// one short line and the link. The block never renders empty: no match is the caller's refusal.
import type { Listing } from '../domain';
import { escapeHtml } from '../templates/html';
import { shortPrice } from './match';

export interface SentHome {
  listing: Listing;
  reasons: readonly string[];
}

/** Homes an email block shows, and a text's. */
export const EMAIL_BLOCK_HOMES = 3;
export const SMS_BLOCK_HOMES = 1;

export function fullPrice(amount: number): string {
  return `$${Math.round(amount).toLocaleString('en-US')}`;
}

export function addressOf(listing: Listing): string {
  const street = listing.UnparsedAddress ?? '';
  const town = [listing.City, listing.StateOrProvince]
    .filter((part) => part !== undefined && part !== '')
    .join(', ');
  return (
    [street, town].filter((part) => part !== '').join(', ') ||
    `MLS ${listing.ListingId ?? listing.ListingKey}`
  );
}

export function roomsOf(listing: Listing): string {
  const parts = [
    ...(listing.BedroomsTotal === undefined ? [] : [`${String(listing.BedroomsTotal)} bd`]),
    ...(listing.BathroomsTotalInteger === undefined ? [] : [`${String(listing.BathroomsTotalInteger)} ba`]),
  ];
  return parts.join(' / ');
}

/** "$449,000 · 3 bd / 2 ba · 12 Elm St, Maple Grove, MN" */
export function homeLine(listing: Listing): string {
  return [fullPrice(listing.ListPrice), roomsOf(listing), addressOf(listing)]
    .filter((part) => part !== '')
    .join(' · ');
}

export function propertyMatchesText(homes: readonly SentHome[]): string {
  return homes
    .slice(0, EMAIL_BLOCK_HOMES)
    .map(({ listing, reasons }) =>
      [
        `• ${homeLine(listing)}`,
        ...(reasons.length === 0 ? [] : [`  ${reasons.join(', ')}`]),
        ...(listing.publicUrl === undefined ? [] : [`  ${listing.publicUrl}`]),
      ].join('\n'),
    )
    .join('\n\n');
}

/** One short line and the link: "12 Elm St, Maple Grove: 3 bd / 2 ba, $449k https://… (+2 more)". */
export function propertyMatchesSms(homes: readonly SentHome[]): string {
  const first = homes[0];
  if (first === undefined) return '';
  const { listing } = first;
  const place = [listing.UnparsedAddress, listing.City]
    .filter((part) => part !== undefined && part !== '')
    .join(', ');
  const rooms = roomsOf(listing);
  const line = `${place === '' ? addressOf(listing) : place}: ${rooms === '' ? '' : `${rooms}, `}${shortPrice(listing.ListPrice)}`;
  const more = homes.length > 1 ? ` (+${String(homes.length - 1)} more by email)` : '';
  return `${line}${listing.publicUrl === undefined ? '' : ` ${listing.publicUrl}`}${more}`;
}

export function propertyMatchesHtml(homes: readonly SentHome[]): string {
  const cards = homes.slice(0, EMAIL_BLOCK_HOMES).map(({ listing, reasons }) => {
    const photo = listing.photos[0];
    const link = listing.publicUrl;
    const open = (inner: string) =>
      link === undefined ? inner : `<a href="${escapeHtml(link)}" style="color:#1d4ed8">${inner}</a>`;
    return (
      '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border:1px solid #ddd;border-radius:8px;margin:0 0 16px;max-width:560px">' +
      (photo === undefined
        ? ''
        : `<tr><td>${open(`<img src="${escapeHtml(photo.url)}" alt="${escapeHtml(photo.caption ?? addressOf(listing))}" width="560" style="display:block;width:100%;max-width:560px;border-radius:8px 8px 0 0">`)}</td></tr>`) +
      '<tr><td style="padding:12px 16px;font-family:sans-serif">' +
      `<p style="margin:0;font-size:20px;font-weight:bold">${escapeHtml(fullPrice(listing.ListPrice))}</p>` +
      `<p style="margin:4px 0;color:#333">${escapeHtml(roomsOf(listing))}</p>` +
      `<p style="margin:4px 0">${open(escapeHtml(addressOf(listing)))}</p>` +
      (reasons.length === 0
        ? ''
        : `<p style="margin:4px 0;color:#555;font-size:13px">${escapeHtml(reasons.join(' · '))}</p>`) +
      '</td></tr></table>'
    );
  });
  return cards.join('\n');
}
