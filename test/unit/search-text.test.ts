import { describe, expect, it } from 'vitest';
import { buildSearchQuery, buildSearchText, segmentWords } from '~/functions/lib/search-text';

describe('segmentWords', () => {
  it('splits Chinese into dictionary words and lower-cases Latin words', () => {
    expect(segmentWords('法律智能体助手，帮助一人公司处理合同')).toEqual([
      '法律',
      '智能',
      '体',
      '助手',
      '帮助',
      '一人',
      '公司',
      '处理',
      '合同',
    ]);
    expect(segmentWords('RAG Workflow for GPT-4o')).toEqual(['rag', 'workflow', 'for', 'gpt', '4o']);
  });

  it('drops punctuation and normalises full-width characters', () => {
    expect(segmentWords('ＡＩ，！？')).toEqual(['ai']);
  });
});

describe('buildSearchText', () => {
  it('holds the words and, on a second line, every Han character', () => {
    const text = buildSearchText(['医疗影像', null, 'AI Agent']);
    const [words, chars] = text.split('\n');
    expect(words).toBe('医疗 影像 ai agent');
    expect(chars).toBe('医 疗 影 像');
  });
});

describe('buildSearchQuery', () => {
  it('matches a Chinese run as a word phrase or a character phrase', () => {
    expect(buildSearchQuery('医疗')).toBe('("医疗" OR "医 疗")');
    expect(buildSearchQuery('智能体')).toBe('("智能 体" OR "智 能 体")');
  });

  it('treats Latin words as prefixes and requires every run', () => {
    expect(buildSearchQuery('legal agent 合同')).toBe('"legal"* AND "agent"* AND ("合同" OR "合 同")');
  });

  it('quotes user input so FTS5 syntax cannot be injected', () => {
    expect(buildSearchQuery('a" OR b')).toBe('"a"* AND "or"* AND "b"*');
    expect(buildSearchQuery('NEAR(x y)')).toBe('"near"* AND "x"* AND "y"*');
  });

  it('returns null when nothing is searchable', () => {
    expect(buildSearchQuery('  ，。!? ')).toBeNull();
  });
});
