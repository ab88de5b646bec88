// Homes for this lead on the lead page: what they want (areas, price band, beds, baths, type)
// with where each came from, editable; the homes that fit now, ranked, each with why; and one
// tap to send a home by text, WhatsApp or email. What is sent goes through the outbox (quiet
// hours, opt-outs and exactly-once hold) and is never offered again.
import { useState } from 'react';
import type { Lead } from '../../../src-shared/domain';
import type { HomeMatch, LeadMatches } from '../../../src-shared/ipc/listings';
import { homeKindLabels, homeKinds, isHomeKind } from '../../../src-shared/listings/home-kind';
import { messageOf, useContractMutation, useContractQuery } from '../../bridge/query';
import { hrefOf } from '../../shell/router';
import { homeFacts, homeTitle, preferenceLines, splitAreas } from './home-words';
import './matches.css';

function PreferencesForm({
  lead,
  matches,
  onDone,
}: {
  lead: Lead;
  matches: LeadMatches;
  onDone: () => void;
}) {
  const save = useContractMutation('lead-home-preferences-set');
  const p = matches.preferences;
  const [areas, setAreas] = useState(
    [...(p.areas?.value.cities ?? []), ...(p.areas?.value.zips ?? [])].join(', '),
  );
  const [min, setMin] = useState(p.price?.value.min === undefined ? '' : String(p.price.value.min));
  const [max, setMax] = useState(p.price?.value.max === undefined ? '' : String(p.price.value.max));
  const [beds, setBeds] = useState(p.bedsMin === null ? '' : String(p.bedsMin.value));
  const [baths, setBaths] = useState(p.bathsMin === null ? '' : String(p.bathsMin.value));
  const [types, setTypes] = useState<string[]>(p.types?.value ?? []);
  const errors = save.error !== null && 'fieldErrors' in save.error ? (save.error.fieldErrors ?? {}) : {};
  const number = (text: string) => (text.trim() === '' ? null : Number(text.replace(/[$,\s]/g, '')));
  const submit = () => {
    const split = splitAreas(areas);
    save.mutate(
      {
        leadId: lead.id,
        patch: {
          cities: split.cities,
          zips: split.zips,
          priceMin: number(min),
          priceMax: number(max),
          bedsMin: number(beds),
          bathsMin: number(baths),
          types: types.filter(isHomeKind),
        },
      },
      { onSuccess: onDone },
    );
  };
  const clear = () =>
    save.mutate(
      {
        leadId: lead.id,
        patch: {
          cities: null,
          zips: null,
          priceMin: null,
          priceMax: null,
          bedsMin: null,
          bathsMin: null,
          types: null,
        },
      },
      { onSuccess: onDone },
    );
  return (
    <form
      className="preferences-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="field">
        <span>Areas (cities or ZIPs, comma between)</span>
        <input name="areas" value={areas} onChange={(e) => setAreas(e.target.value)} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>Lowest price</span>
          <input
            name="priceMin"
            inputMode="numeric"
            value={min}
            aria-invalid={errors.priceMin !== undefined}
            onChange={(e) => setMin(e.target.value)}
          />
          {errors.priceMin === undefined ? null : (
            <span className="field-error" role="alert">
              {errors.priceMin}
            </span>
          )}
        </label>
        <label className="field">
          <span>Highest price</span>
          <input name="priceMax" inputMode="numeric" value={max} onChange={(e) => setMax(e.target.value)} />
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span>Beds at least</span>
          <input name="bedsMin" inputMode="numeric" value={beds} onChange={(e) => setBeds(e.target.value)} />
        </label>
        <label className="field">
          <span>Baths at least</span>
          <input
            name="bathsMin"
            inputMode="numeric"
            value={baths}
            onChange={(e) => setBaths(e.target.value)}
          />
        </label>
      </div>
      <fieldset className="home-kinds">
        <legend>Type</legend>
        {homeKinds.map((kind) => (
          <label key={kind} className="check">
            <input
              type="checkbox"
              checked={types.includes(kind)}
              onChange={(e) =>
                setTypes(e.target.checked ? [...types, kind] : types.filter((t) => t !== kind))
              }
            />
            {homeKindLabels[kind]}
          </label>
        ))}
      </fieldset>
      {save.error !== null && Object.keys(errors).length === 0 ? (
        <p className="field-error" role="alert">
          {messageOf(save.error)}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="submit" disabled={save.isPending}>
          Save preferences
        </button>
        <button type="button" disabled={save.isPending} onClick={clear}>
          Use their own words
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const CHANNEL_WORDS = { sms: 'by text', whatsapp: 'on WhatsApp', email: 'by email' } as const;
type SentHome = { title: string; channel: keyof typeof CHANNEL_WORDS };

/** A sent home leaves the matches at once, so its confirmation is said by the panel, not the card. */
function HomeCard({
  lead,
  match,
  onSent,
}: {
  lead: Lead;
  match: HomeMatch;
  onSent: (sent: SentHome) => void;
}) {
  const send = useContractMutation('lead-send-home');
  const { listing } = match;
  const photo = listing.photos[0];
  const title = homeTitle(listing);
  const channels = [
    ...(lead.phone === undefined ? [] : (['sms', 'whatsapp'] as const)),
    ...(lead.email === undefined ? [] : (['email'] as const)),
  ];
  const words = { sms: 'Text', whatsapp: 'WhatsApp', email: 'Email' } as const;
  return (
    <li className="home-card">
      {photo === undefined ? (
        <div className="home-photo none">No photo</div>
      ) : (
        <img className="home-photo" src={photo.url} alt={photo.caption ?? title} />
      )}
      <div>
        <p className="home-title">
          {listing.publicUrl === undefined ? (
            title
          ) : (
            <a href={listing.publicUrl} target="_blank" rel="noreferrer">
              {title}
            </a>
          )}
        </p>
        <p className="home-facts">{homeFacts(listing)}</p>
        <p className="home-reasons">{match.reasons.join(' · ')}</p>
        <div className="home-send" role="group" aria-label={`Send ${title}`}>
          {channels.map((channel) => (
            <button
              key={channel}
              type="button"
              disabled={send.isPending || send.isSuccess}
              onClick={() =>
                send.mutate(
                  { leadId: lead.id, listingId: listing.id, channel },
                  { onSuccess: () => onSent({ title, channel }) },
                )
              }
            >
              {words[channel]}
            </button>
          ))}
        </div>
        {send.error === null ? null : (
          <p className="field-error" role="alert">
            {messageOf(send.error)}
          </p>
        )}
      </div>
    </li>
  );
}

export function MatchesPanel({ lead }: { lead: Lead }) {
  const matches = useContractQuery('lead-matches', { leadId: lead.id });
  const [editing, setEditing] = useState(false);
  const [sent, setSent] = useState<SentHome | null>(null);
  return (
    <section className="panel matches-panel" aria-labelledby="homes-title">
      <h3 id="homes-title">Homes for {lead.firstName.trim() === '' ? 'this lead' : lead.firstName}</h3>
      {matches.isPending ? (
        <p className="muted">Finding homes…</p>
      ) : matches.isError ? (
        <p className="field-error">Could not match homes: {messageOf(matches.error)}</p>
      ) : editing ? (
        <PreferencesForm lead={lead} matches={matches.data} onDone={() => setEditing(false)} />
      ) : (
        <>
          <h4>What they want</h4>
          <dl className="preferences">
            {preferenceLines(matches.data.preferences).map((line) => (
              <div key={line.label}>
                <dt>{line.label}</dt>
                <dd>
                  {line.value}
                  {line.source === '' ? null : <span className="muted"> · {line.source}</span>}
                </dd>
              </div>
            ))}
          </dl>
          <button type="button" onClick={() => setEditing(true)}>
            Edit preferences
          </button>
          <h4>
            Matches
            {matches.data.sentCount > 0 ? ` (${String(matches.data.sentCount)} already sent, not shown)` : ''}
          </h4>
          <p role="status" className={sent === null ? 'visually-hidden' : undefined}>
            {sent === null
              ? ''
              : `${sent.title} was sent to the outbox ${CHANNEL_WORDS[sent.channel]}; it goes at the lead’s next allowed time.`}
          </p>
          {matches.data.emptyReason !== null ? (
            <p className="muted">
              {matches.data.emptyReason}{' '}
              {matches.data.emptyReason.includes('Settings') ? (
                <a href={hrefOf('/settings/listings')}>Open Settings → Listings</a>
              ) : null}
            </p>
          ) : (
            <ul className="home-cards">
              {matches.data.matches.map((match) => (
                <HomeCard key={match.listing.id} lead={lead} match={match} onSent={setSent} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
