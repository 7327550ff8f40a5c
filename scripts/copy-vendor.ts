/**
 * Copies third-party browser files the portal serves from its own origin (no CDN, strict CSP):
 * the Scalar API reference bundle used by /api/docs.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

// The package exports no path to its browser bundle, so read it from the installed folder.
const scalarDir = join(process.cwd(), 'node_modules/@scalar/api-reference');
const target = join(process.cwd(), 'public/vendor/scalar');
mkdirSync(target, { recursive: true });
copyFileSync(join(scalarDir, 'dist/browser/standalone.js'), join(target, 'standalone.js'));
