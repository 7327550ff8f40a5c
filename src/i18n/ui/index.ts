/**
 * UI strings, split by area: each key is written once with its Chinese and English side by side, so a
 * missing translation is a type error in the area's file. Each key prefix belongs to one area.
 */
import type { Localized } from '~/functions/schemas/common';
import { accountStrings } from './account';
import { adminStrings } from './admin';
import { adminEventStrings } from './admin-events';
import { authStrings } from './auth';
import { commonStrings } from './common';
import { communitiesStrings } from './communities';
import { contestsStrings } from './contests';
import { eventsStrings } from './events';
import { homeStrings } from './home';
import { journeysStrings } from './journeys';
import { judgingStrings } from './judging';
import { meStrings } from './me';
import { navStrings } from './nav';
import { picturesStrings } from './pictures';
import { productsStrings } from './products';
import { teamsStrings } from './teams';
import { vouchersStrings } from './vouchers';

type KeysOfAny<T> = T extends unknown ? keyof T : never;

/** Keys that more than one area defines (merged, only the last would survive). */
type SharedKeys<T extends readonly object[]> = T extends readonly [
  infer First,
  ...infer Rest extends readonly object[],
]
  ? (keyof First & KeysOfAny<Rest[number]>) | SharedKeys<Rest>
  : never;

/**
 * The areas as one record. One object literal rejects a repeated key; across files this does: a key
 * two areas define is a type error that names it.
 */
function joinAreas<const T extends readonly Record<string, Localized>[]>(
  areas: T & ([SharedKeys<T>] extends [never] ? unknown : { sharedKey: SharedKeys<T> }),
): Record<KeysOfAny<T[number]>, Localized> {
  return Object.assign({}, ...areas);
}

export const uiStrings = joinAreas([
  commonStrings,
  navStrings,
  homeStrings,
  journeysStrings,
  authStrings,
  accountStrings,
  meStrings,
  productsStrings,
  communitiesStrings,
  eventsStrings,
  contestsStrings,
  teamsStrings,
  judgingStrings,
  adminStrings,
  adminEventStrings,
  picturesStrings,
  vouchersStrings,
]);

export type UiKey = keyof typeof uiStrings;
