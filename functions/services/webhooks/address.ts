/**
 * Where webhooks may go: https only, and never to this machine or a private network (SSRF). A host
 * written as an IP address is checked against the loopback, private, link-local, carrier-NAT,
 * unique-local and unspecified ranges; names like `localhost` or `*.internal` are refused. A public
 * name that resolves to a private address is not caught here (the Worker cannot resolve names); on
 * Cloudflare a Worker's fetch does not reach private networks.
 */
const BLOCKED_NAMES = /(^|\.)(localhost|local|internal|intranet|lan|home|corp|localdomain|arpa)$/i;

function privateIPv4(host: string): boolean {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
  const [a = 0, b = 0] = parts;
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

function privateIPv6(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (!h.includes(':')) return false;
  if (h === '::' || h === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped?.[1]) return privateIPv4(mapped[1]);
  if (h.startsWith('::ffff:')) return true;
  // NAT64 (64:ff9b::/96), IPv4-compatible (::/96), 6to4 (2002::/16), site-local (fec0::/10), ULA,
  // link-local and multicast: all can lead back to a private IPv4 or a local network.
  if (/^64:ff9b:/.test(h) || /^::[0-9a-f]/.test(h) || /^2002:/.test(h)) return true;
  return /^(fc|fd|fe[89a-f]|ff)/.test(h);
}

/** Whether a URL may receive webhooks: https, a public host, no credentials in it. */
export function isDeliverableUrl(raw: string): boolean {
  if (!URL.canParse(raw)) return false;
  const url = new URL(raw);
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  // A trailing dot names the same host (`localhost.`).
  const host = url.hostname.replace(/\.$/, '');
  if (!host || BLOCKED_NAMES.test(host) || (!host.includes('.') && !host.includes(':'))) return false;
  if (/^\d+$/.test(host) || /^0x/i.test(host)) return false;
  return !privateIPv4(host) && !privateIPv6(host);
}
