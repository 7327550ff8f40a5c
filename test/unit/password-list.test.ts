/** The generated list is what scripts/password-list.ts makes from its sources today. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedModule, OUTPUT, passwordList } from '~/scripts/password-list';

describe('the common-password list', () => {
  it('is up to date with @zxcvbn-ts/language-common and the SecLists file (npm run passwords)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(generatedModule(passwordList()));
  });
});
