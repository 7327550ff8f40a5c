/** The hook that turns Astro's page streaming off (src/lib/render-mode.ts) still exists and works. */
import { BaseApp } from 'astro/app';
import { describe, expect, it } from 'vitest';
import { renderPagesToStrings } from '~/src/lib/render-mode';

describe('render mode', () => {
  it('finds the hook Astro asks whether to stream, and makes it answer false', () => {
    // Astro's own App still asks this (an upgrade that renames it fails here).
    expect(typeof (BaseApp.prototype as unknown as Record<string, unknown>).resolveStreaming).toBe(
      'function',
    );
    // Patched on a stand-in: the real App is shared with every test of this process.
    class App {
      resolveStreaming(): boolean {
        return true;
      }
    }
    renderPagesToStrings(App);
    expect(new App().resolveStreaming()).toBe(false);
  });

  it('refuses an App without the hook, rather than silently streaming', () => {
    expect(() => renderPagesToStrings(class {})).toThrow(/resolveStreaming/);
  });
});
