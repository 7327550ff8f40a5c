import { describe, expect, it } from 'vitest';
import { loadCatalogFromDisk } from '~/functions/content/load-node';
import { demoEvents } from '~/functions/db/seed/demo-events';
import { httpUrl, instant, plainLine } from '~/functions/schemas/common';
import { ContestContent } from '~/functions/schemas/content';
import { buildContest } from '../factories/catalog';

const valid = buildContest();
const raw = (overrides: Record<string, unknown>) => {
  const { slug: _slug, ...data } = valid;
  const timeline = Object.fromEntries(
    Object.entries(data.timeline).map(([k, v]) => [k, (v as Date).toISOString()]),
  );
  return { ...data, timeline, ...overrides };
};
const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe('instant', () => {
  it('requires an explicit offset', () => {
    expect(instant.safeParse('2026-05-12T09:00:00+08:00').success).toBe(true);
    expect(instant.safeParse('2026-05-12T09:00:00Z').success).toBe(true);
    const local = instant.safeParse('2026-05-12T09:00:00');
    expect(local.success).toBe(false);
    expect(messages(local)).toContain('field.offset');
  });

  it('refuses a YAML timestamp that arrived as a Date (quote instants in content)', () => {
    expect(instant.safeParse(new Date('2026-05-12T01:00:00Z')).success).toBe(false);
  });
});

describe('ContestContent', () => {
  it('accepts the factory contest', () => {
    expect(ContestContent.safeParse(raw({})).success).toBe(true);
  });

  it('refuses rubric weights that do not sum to 100', () => {
    const rubric = valid.rubric.map((c, i) => (i === 0 ? { ...c, weight: c.weight + 1 } : c));
    expect(messages(ContestContent.safeParse(raw({ rubric })))).toContain(
      'rubric weights must be integers summing to 100',
    );
  });

  it('refuses an unordered timeline and a team size with min above max', () => {
    const timeline = { ...raw({}).timeline, submissionCloses: '2026-09-15T00:00:00+08:00' };
    expect(ContestContent.safeParse(raw({ timeline })).success).toBe(false);
    expect(ContestContent.safeParse(raw({ teamSize: { min: 4, max: 3 } })).success).toBe(false);
  });

  it('refuses duplicate track keys', () => {
    const tracks = [valid.tracks[0], valid.tracks[0]];
    expect(messages(ContestContent.safeParse(raw({ tracks })))).toContain('track keys must be unique');
  });
});

describe('input building blocks', () => {
  it('httpUrl accepts only http and https', () => {
    expect(httpUrl.safeParse('https://example.com/a').success).toBe(true);
    expect(httpUrl.safeParse('javascript:alert(1)').success).toBe(false);
    expect(httpUrl.safeParse('ftp://example.com').success).toBe(false);
    expect(httpUrl.safeParse('data:text/html,hi').success).toBe(false);
  });

  it('plainLine trims and refuses control characters and line breaks', () => {
    expect(plainLine(10).parse('  你好  ')).toBe('你好');
    expect(plainLine(10).safeParse('a\u0000b').success).toBe(false);
    expect(plainLine(10).safeParse('a\u202Eb').success).toBe(false);
    expect(plainLine(10).safeParse('a\nb').success).toBe(false);
    expect(plainLine(3).safeParse('超过三个字').success).toBe(false);
  });
});

describe('content/ on disk', () => {
  it('loads through the shared schemas and resolves every cross-reference', () => {
    const catalog = loadCatalogFromDisk();
    expect(catalog.communities.length).toBeGreaterThanOrEqual(4);
    expect(catalog.communities.every((c) => c.sample)).toBe(true);
    expect(catalog.contests).toHaveLength(2);
    for (const contest of catalog.contests)
      if (contest.community) expect(catalog.community(contest.community)).toBeDefined();
  });

  it('has no events: they live in the database (the demo seed writes them)', () => {
    for (const event of demoEvents)
      if (event.community) expect(loadCatalogFromDisk().community(event.community)).toBeDefined();
  });
});
