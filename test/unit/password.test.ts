import { describe, expect, it } from 'vitest';
import { createPasswordHasher, PBKDF2_ITERATIONS } from '~/functions/auth/password';

describe('password hasher', () => {
  const hasher = createPasswordHasher('pepper-for-tests-123');

  it('stores a versioned PBKDF2-SHA256 hash at 100,000 iterations with a per-user salt', async () => {
    const a = await hasher.hash('correct horse battery staple');
    const b = await hasher.hash('correct horse battery staple');
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(a).not.toBe(b);
  });

  it('verifies the right password only', async () => {
    const stored = await hasher.hash('长江场景创新中心2026');
    expect(await hasher.verify(stored, '长江场景创新中心2026')).toBe(true);
    expect(await hasher.verify(stored, '长江场景创新中心2027')).toBe(false);
    expect(await hasher.verify('garbage', 'x')).toBe(false);
  });

  it('depends on the pepper', async () => {
    const stored = await hasher.hash('a long enough passphrase');
    expect(await createPasswordHasher('another-pepper-456').verify(stored, 'a long enough passphrase')).toBe(
      false,
    );
  });

  it('asks for a rehash when the stored iteration count is lower', async () => {
    const weak = await createPasswordHasher('pepper-for-tests-123', 1000).hash('passphrase here');
    expect(hasher.needsRehash(weak)).toBe(true);
    expect(await hasher.verify(weak, 'passphrase here')).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('passphrase here'))).toBe(false);
  });
});
