/** The search_text of a product's public text: every write of name, tagline, description or tags rebuilds it. */
import { buildSearchText } from '../../lib/search-text';

export const productSearchText = (p: {
  name: string;
  tagline: string;
  description: string;
  tags: string[];
}) => buildSearchText([p.name, p.tagline, p.description, p.tags.join(' ')]);
