import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from '~/functions/lib/locale';
import { translate } from '~/functions/lib/messages';

describe('localeFromAcceptLanguage', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['en;q=0.3, zh-TW;q=0.8', 'zh-CN'],
    ['de', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
  ])('%s → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('translate', () => {
  it('fills parameters in both languages', () => {
    expect(translate('zh-CN', 'field.tooLong', { max: 80 })).toBe('不能超过 80 个字符。');
    expect(translate('en', 'field.tooLong', { max: 80 })).toBe('Must be at most 80 characters.');
  });
});
