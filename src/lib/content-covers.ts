/**
 * Covers of communities and contests (issue 14): files in content/covers/, named in their content's
 * `cover` field. Importing them hands them to Astro's image handling: each becomes a hashed asset
 * under /_astro/ (served immutable) with its width and height known at build time.
 */
import type { ImageMetadata } from 'astro';

const files = import.meta.glob<{ default: ImageMetadata }>('/content/covers/*.{jpg,png,webp}', {
  eager: true,
});

/** The cover named in content, or null when there is none (or the file is missing). */
export function contentCover(name: string | undefined): ImageMetadata | null {
  if (!name) return null;
  return files[`/content/covers/${name}`]?.default ?? null;
}
