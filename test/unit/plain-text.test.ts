import { describe, expect, it } from 'vitest';
import { editorialBlocks, plainTextParagraphs } from '~/src/lib/plain-text';

describe('plainTextParagraphs', () => {
  it('keeps paragraphs and line breaks and never produces markup', () => {
    expect(plainTextParagraphs('第一行\n<b>第二行</b>\n\n第二段')).toEqual([
      [{ kind: 'text', text: '第一行' }, { kind: 'break' }, { kind: 'text', text: '<b>第二行</b>' }],
      [{ kind: 'text', text: '第二段' }],
    ]);
  });

  it('links only http(s) URLs, without trailing punctuation', () => {
    expect(plainTextParagraphs('见 https://a.example.com/x?y=1。 或 javascript:alert(1)')).toEqual([
      [
        { kind: 'text', text: '见 ' },
        { kind: 'link', href: 'https://a.example.com/x?y=1' },
        { kind: 'text', text: '。 或 javascript:alert(1)' },
      ],
    ]);
  });
});

describe('editorialBlocks', () => {
  it('reads paragraphs and "- " lists', () => {
    expect(editorialBlocks('导语\n第二行\n\n- 甲\n- 乙')).toEqual([
      { kind: 'paragraph', text: '导语\n第二行' },
      { kind: 'list', items: ['甲', '乙'] },
    ]);
  });
});
