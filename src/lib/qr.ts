/**
 * QR codes drawn on the server (uqr), remembered per isolate: a ticket's or a website's code is the
 * same on every view, and drawing one was a third of the signed-in event page's Worker CPU (issue 17
 * profile). At most `MAX` codes are kept; the oldest goes first.
 */
import { renderSVG } from 'uqr';

const MAX = 500;
const drawn = new Map<string, string>();

export function qrSvg(text: string): string {
  const cached = drawn.get(text);
  if (cached !== undefined) return cached;
  const svg = renderSVG(text, { border: 2 });
  if (drawn.size >= MAX) drawn.delete(drawn.keys().next().value as string);
  drawn.set(text, svg);
  return svg;
}
