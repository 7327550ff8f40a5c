/**
 * The one Node loader of content/ for the seed, the CLI and tests. It applies the same schemas as
 * src/content.config.ts and fails with the file name and the field that is wrong.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import type { z } from 'zod';
import { CommunityContent, ContestContent, PageContent, VoucherContent } from '../schemas/content';
import { type Catalog, createCatalog } from './catalog';

export class ContentError extends Error {
  override name = 'ContentError';
}

function frontmatter(file: string): unknown {
  const source = readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(source);
  if (!match) throw new ContentError(`${file}: missing YAML frontmatter between --- lines`);
  try {
    return parseYaml(match[1] ?? '');
  } catch (err) {
    throw new ContentError(`${file}: invalid YAML: ${(err as Error).message}`);
  }
}

function loadCollection<S extends z.ZodType>(dir: string, schema: S): Array<z.infer<S> & { slug: string }> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.md'));
  } catch {
    return [];
  }
  return names.sort().map((name) => {
    const file = join(dir, name);
    const parsed = schema.safeParse(frontmatter(file));
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('\n');
      throw new ContentError(`${file} is invalid:\n${problems}`);
    }
    const cover = (parsed.data as { cover?: string }).cover;
    if (cover && !existsSync(join(dir, '..', 'covers', cover)))
      throw new ContentError(`${file}: cover ${cover} is not in content/covers/`);
    return { ...(parsed.data as object), slug: name.replace(/\.md$/, '') } as z.infer<S> & { slug: string };
  });
}

export function loadCatalogFromDisk(root = resolve(process.cwd(), 'content')): Catalog {
  return createCatalog({
    communities: loadCollection(join(root, 'communities'), CommunityContent),
    contests: loadCollection(join(root, 'contests'), ContestContent),
    pages: loadCollection(join(root, 'pages'), PageContent),
    vouchers: loadCollection(join(root, 'vouchers'), VoucherContent),
  });
}
