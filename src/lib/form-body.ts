/**
 * A page write's body, read once by the middleware before any page runs: only an HTML form's
 * encodings (urlencoded or multipart with its boundary) and at most FORM_BODY_LIMIT_BYTES, like the
 * API's limit. Anything else is the client's mistake: 400 (413 when too large) with the localized
 * error page, and nothing changes. Pages read the parsed form from `locals.form` (pageForm).
 */
export const FORM_BODY_LIMIT_BYTES = 64 * 1024;

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

export type FormBody = { form: FormData } | { status: 400 | 413 };

export async function readFormBody(request: Request, limit = FORM_BODY_LIMIT_BYTES): Promise<FormBody> {
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.has(mediaType)) return { status: 400 };
  const declared = request.headers.get('content-length');
  if (declared !== null && !(Number(declared) <= limit)) return { status: 413 };
  // A copy: the request itself keeps its body, so Astro can still rewrite it to another page.
  const bytes = await readAtMost(request.clone().body, limit);
  if (bytes === 'too-large') return { status: 413 };
  try {
    const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
    return { form };
  } catch {
    // A broken multipart boundary or body: the parser's TypeError is the client's error.
    return { status: 400 };
  }
}

async function readAtMost(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<ArrayBuffer | 'too-large'> {
  if (!body) return new ArrayBuffer(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes.buffer;
}

/** The form the middleware read for this POST (an empty one for any other method). */
export function pageForm(locals: App.Locals): FormData {
  return locals.form ?? new FormData();
}
