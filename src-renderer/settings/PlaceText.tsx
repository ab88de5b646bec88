// Text that names a settings section ("add it in Settings → Email") with each such name made
// a link to the section, so an error leads straight to the field that fixes it.
import { Fragment } from 'react';
import {
  settingsPath,
  settingsPlace,
  settingsSectionNames,
  type SettingsSectionId,
} from '../../src-shared/settings-sections';
import { hrefOf } from '../shell/router';

const places = (Object.keys(settingsSectionNames) as SettingsSectionId[])
  .map((id) => ({ id, words: settingsPlace(id) }))
  // The longest first, so "Settings → Text messages and WhatsApp" is not cut short.
  .sort((a, b) => b.words.length - a.words.length);
const pattern = new RegExp(
  `(${places.map((p) => p.words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
);

export function PlaceText({ text }: { text: string }) {
  return (
    <>
      {text.split(pattern).map((part, i) => {
        const place = places.find((p) => p.words === part);
        return place === undefined ? (
          <Fragment key={i}>{part}</Fragment>
        ) : (
          <a key={i} href={hrefOf(settingsPath(place.id))}>
            {part}
          </a>
        );
      })}
    </>
  );
}
