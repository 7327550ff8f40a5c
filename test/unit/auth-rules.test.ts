import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonPasswordCount, isCommonPassword } from '~/functions/auth/common-passwords';
import LIST from '~/functions/auth/common-passwords.generated';
import { ConfigError, configFromEnv, DEFAULT_RATE_LIMIT_RULES, parseEnv } from '~/functions/config';
import { pseudonym } from '~/functions/lib/audit';
import { subjectKey } from '~/functions/lib/rate-limit';
import { passwordMatchesEmail, SignUp } from '~/functions/schemas/auth';
import { redactTokens, retryDelayMs } from '~/functions/services/outbox/deliver-pending';
import { renderMail } from '~/functions/services/outbox/templates';
import { safeNext } from '~/src/lib/session-cookie';

const env = {
  TURSO_DATABASE_URL: 'http://127.0.0.1:1',
  PASSWORD_PEPPER: 'a-pepper-of-16-chars',
  SITE_URL: 'https://opc.example.cn',
};

describe('common passwords', () => {
  const entries = LIST.split('\n').slice(1, -1);
  /** The full-width twin of an ASCII string (what a Chinese IME types in full-width mode). */
  const fullWidth = (s: string) =>
    s
      .replace(/[!-~]/g, (ch) => String.fromCodePoint((ch.codePointAt(0) ?? 0) + 0xfee0))
      .replace(/ /g, '\u3000');

  it('holds well over 10,000 normalised entries of at least 8 characters', () => {
    expect(commonPasswordCount()).toBe(entries.length);
    expect(entries.length).toBeGreaterThan(15_000);
    for (const p of entries) {
      expect(p).toBe(p.normalize('NFKC').toLowerCase());
      expect([...p].length).toBeGreaterThanOrEqual(8);
    }
  });

  it('matches in any letter case, and not near misses or parts of entries', () => {
    expect(isCommonPassword('PASSWORD1')).toBe(true);
    expect(isCommonPassword('WoAiNi1314')).toBe(true);
    expect(isCommonPassword('1qaz2wsx')).toBe(true);
    expect(isCommonPassword('river-lantern-2026')).toBe(false);
    expect(isCommonPassword('password1\npassword2')).toBe(false);
    // A line's tail is not a line: an entry without its first character, when that is no entry itself.
    const onList = new Set(entries);
    const tails = entries.map((p) => p.slice(1)).filter((tail) => [...tail].length >= 8 && !onList.has(tail));
    expect(tails.length).toBeGreaterThan(1000);
    expect(tails.filter(isCommonPassword)).toEqual([]);
  });

  it('matches after NFKC: full-width, compatibility forms and mixed case of any entry', () => {
    expect(isCommonPassword('ｐａｓｓｗｏｒｄ１２３')).toBe(true);
    expect(isCommonPassword('ＰＡＳＳＷＯＲＤ１２３')).toBe(true);
    fc.assert(
      fc.property(
        fc.constantFrom(...entries.filter((p) => /^[!-~]+$/.test(p))),
        fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
        (entry, flips) => {
          const variant = [...entry]
            .map((ch, i) => (flips[i % 64] ? fullWidth(ch.toUpperCase()) : ch))
            .join('');
          return isCommonPassword(variant);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a common password in full width through the sign-up schema', () => {
    const base = { name: '李想', email: 'li@example.com', consent: true };
    expect(SignUp.safeParse({ ...base, password: 'ｐａｓｓｗｏｒｄ１２３' }).success).toBe(false);
    expect(SignUp.safeParse({ ...base, password: 'ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ' }).success).toBe(false);
  });
});

describe('password rules', () => {
  it('refuses the email and its local part in any case', () => {
    expect(passwordMatchesEmail('Li.Xiang@Example.com', 'li.xiang@example.com')).toBe(true);
    expect(passwordMatchesEmail('LI.XIANG', 'li.xiang@example.com')).toBe(true);
    expect(passwordMatchesEmail('li.xiang-2026', 'li.xiang@example.com')).toBe(false);
  });

  it('counts characters, not UTF-16 units, and never trims the password', () => {
    const base = { name: '李想', email: 'li@example.com', consent: true };
    expect(SignUp.safeParse({ ...base, password: '🙂🙂🙂🙂🙂🙂🙂' }).success).toBe(false); // 7 characters
    expect(SignUp.safeParse({ ...base, password: '🙂🙂🙂🙂🙂🙂🙂🙂' }).success).toBe(true);
    const parsed = SignUp.parse({ ...base, password: '  spaced out pass  ' });
    expect(parsed.password).toBe('  spaced out pass  ');
  });
});

describe('safeNext', () => {
  it.each([
    ['/me/teams/3?tab=entry', '/me/teams/3?tab=entry'],
    ['/en/products', '/en/products'],
    ['//evil.example/x', '/me'],
    ['/\\evil.example', '/me'],
    ['https://evil.example/', '/me'],
    ['javascript:alert(1)', '/me'],
    ['/me\n/x', '/me'],
    ['', '/me'],
    // Checked on the raw string, answered with the resolved path: `/.//evil` resolves to `//evil`.
    ['/.//evil.example', '/me'],
    ['/x/..//evil.example', '/me'],
    ['/%2e//evil.example', '/me'],
  ])('%j → %j', (next, expected) => {
    expect(safeNext(next, '/me')).toBe(expected);
  });

  // How a browser follows `Location:` from the sign-in page: the answer must stay on this origin and
  // be a plain path, whatever was asked for.
  const site = 'https://portal.example';
  const piece = fc.oneof(
    fc.constantFrom(
      '/',
      '//',
      '///',
      '/\\',
      '\\',
      '.',
      '..',
      './',
      '../',
      '/./',
      '/../',
      '%2e',
      '%2E%2e',
      '%2f',
      '%2F',
      '%5c',
      '%5C',
      '%00',
      '%09',
      '%0a',
      ':',
      '@',
      '?',
      '#',
      ' ',
      '\t',
      '\n',
      '\r',
      '\u0000',
      '\u007f',
      '\u3000',
      '\ufeff',
      'http:',
      'https:',
      'javascript:',
      'data:',
      'evil.example',
      'me',
      'en',
      'products',
    ),
    fc.string({ maxLength: 4 }),
  );
  const candidate = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));

  it('answers only same-origin paths for any mix of dot segments, slashes, encodings, schemes and controls', () => {
    fc.assert(
      fc.property(candidate, fc.boolean(), (raw, leadingSlash) => {
        const next = leadingSlash ? `/${raw}` : raw;
        const answer = safeNext(next, '/me');
        const followed = new URL(answer, `${site}/signin?next=x`);
        expect(followed.origin).toBe(site);
        expect(answer).toMatch(/^\/(?![/\\])/);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
        expect(answer).not.toMatch(/[\u0000-\u001f\u007f\\\s]/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('audit pseudonym', () => {
  it('is 16 hex characters, stable per user and pepper, different across users and peppers', () => {
    const a = pseudonym({ passwordPepper: 'pepper-one-123456' }, 42);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(pseudonym({ passwordPepper: 'pepper-one-123456' }, 42)).toBe(a);
    expect(pseudonym({ passwordPepper: 'pepper-one-123456' }, 43)).not.toBe(a);
    expect(pseudonym({ passwordPepper: 'pepper-two-123456' }, 42)).not.toBe(a);
  });
});

describe('rate-limit settings', () => {
  it('reads RATE_LIMIT_* as limit/seconds with defaults', () => {
    const config = configFromEnv(parseEnv({ ...env, RATE_LIMIT_SIGNIN_IP: '5/60' }));
    expect(config.rateLimitRules.signinIp).toEqual({ limit: 5, windowSeconds: 60 });
    expect(config.rateLimitRules.signupIp).toEqual(DEFAULT_RATE_LIMIT_RULES.signupIp);
    expect(() => parseEnv({ ...env, RATE_LIMIT_SIGNUP_IP: 'ten per hour' })).toThrow(ConfigError);
  });

  it('allows RATE_LIMITS=off only outside production', () => {
    expect(
      configFromEnv(parseEnv({ ...env, ENVIRONMENT: 'development', RATE_LIMITS: 'off' })).rateLimits,
    ).toBe(false);
    expect(() => parseEnv({ ...env, ENVIRONMENT: 'production', RATE_LIMITS: 'off' })).toThrow(ConfigError);
  });

  it('refuses production without SITE_URL, names it, and keeps only its origin', () => {
    const { SITE_URL: _, ...withoutSite } = env;
    expect(() => parseEnv({ ...withoutSite, ENVIRONMENT: 'production' })).toThrow(/SITE_URL is not set/);
    expect(() => parseEnv({ ...env, SITE_URL: 'ftp://opc.example.cn' })).toThrow(ConfigError);
    expect(configFromEnv(parseEnv({ ...withoutSite, ENVIRONMENT: 'development' })).siteUrl).toBeUndefined();
    expect(configFromEnv(parseEnv({ ...env, SITE_URL: 'https://opc.example.cn/some/path/' })).siteUrl).toBe(
      'https://opc.example.cn',
    );
  });

  it('keeps no email address in counter keys', () => {
    expect(subjectKey(' Li@Example.com ')).toBe(subjectKey('li@example.com'));
    expect(subjectKey('li@example.com')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('outbox', () => {
  it('backs off exponentially, capped at 4 hours', () => {
    expect([1, 2, 3, 4, 8, 9, 20].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 128, 240, 240]);
  });

  it('redacts one-time tokens in links', () => {
    expect(redactTokens('open https://x/reset-password?token=abc234 now')).toBe(
      'open https://x/reset-password?token=[redacted] now',
    );
  });

  it('renders the moderation decision in both languages with the reason for rejections', () => {
    const params = {
      name: '王五',
      subject: '产品「律行」',
      decision: 'rejected' as const,
      reason: '信息不完整',
      url: 'https://x/me',
    };
    const zh = renderMail({ template: 'moderation-decision', params }, 'zh-CN');
    expect(zh.subject).toBe('产品「律行」未通过审核');
    expect(zh.body).toContain('原因：信息不完整');
    const en = renderMail(
      {
        template: 'moderation-decision',
        params: { ...params, subject: 'product "Lvxing"', decision: 'approved' },
      },
      'en',
    );
    expect(en.subject).toBe('Your product "Lvxing" was approved');
    expect(en.body).not.toContain('Reason');
  });
});
