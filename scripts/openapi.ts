/**
 * Writes the API's OpenAPI document (the one /api/v1/openapi.json serves) to a file, without a
 * database or a server, or the client types generated from it.
 *   npm run api:doc                      → .ci/out/openapi.json
 *   npm run api:lint                     → the document, then `redocly lint` with redocly.yaml
 *   npm run api:types                    → test/generated/opc-api.ts (openapi-typescript)
 *   tsx scripts/openapi.ts <file>        → another path
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { clientTypes, GENERATED_TYPES_FILE, openApiDocument } from './lib/openapi-document';

const types = process.argv[2] === '--types';
const out = types ? GENERATED_TYPES_FILE : (process.argv[2] ?? '.ci/out/openapi.json');
const doc = await openApiDocument(process.env.SITE_URL);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, types ? await clientTypes(doc) : `${JSON.stringify(doc, null, 2)}\n`);
console.log(`wrote ${out}`);
