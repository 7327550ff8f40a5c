/**
 * Content collections. The schemas live in functions/schemas so the Node loader (seed, CLI, tests)
 * validates content/ exactly as the build does; an invalid file fails `astro build`.
 */

import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { CommunityContent, ContestContent, PageContent, VoucherContent } from '~/functions/schemas/content';

const from = (dir: string) => glob({ pattern: '*.md', base: `./content/${dir}` });

export const collections = {
  communities: defineCollection({ loader: from('communities'), schema: CommunityContent }),
  contests: defineCollection({ loader: from('contests'), schema: ContestContent }),
  pages: defineCollection({ loader: from('pages'), schema: PageContent }),
  vouchers: defineCollection({ loader: from('vouchers'), schema: VoucherContent }),
};
