/**
 * Founders with verified email and a live session each, written straight into a database for the
 * measurement tools (the load test): sessions are made by `newSession`, as sign-in makes them, so
 * the Worker validates their cookies like any other. Password hashes are placeholders: these users
 * only ever use their pre-seeded session.
 */
import { newSession, SESSION_COOKIE } from '~/functions/auth/session';
import { CLAIMS_COOKIE, encodeClaims } from '~/functions/auth/session-claims';
import type { Db } from '~/functions/db/client';
import { sessions, users } from '~/functions/db/schema';
import { PRIVACY_POLICY_VERSION } from '~/functions/db/seed/seed';

export interface SignedInUser {
  id: number;
  email: string;
  /** `opc_session=<token>; opc_me=<claims>`, for the Cookie header. */
  cookie: string;
}

const CHUNK = 100;

export async function seedSignedInUsers(
  db: Db,
  opts: {
    count: number;
    now: Date;
    emailPrefix: string;
    namePrefix?: string;
    /** The portal's PASSWORD_PEPPER, which signs the claims cookie (decision 023). */
    claimsSecret: string;
  },
): Promise<SignedInUser[]> {
  const since = new Date(opts.now.getTime() - 30 * 86_400_000);
  const rows = Array.from({ length: opts.count }, (_, i) => ({
    email: `${opts.emailPrefix}-${i}@example.com`.toLowerCase(),
    name: `${opts.namePrefix ?? '用户'}${i}`,
    passwordHash: 'pbkdf2-sha256$1$AAAA$AAAA',
    emailVerifiedAt: since,
    consentVersion: PRIVACY_POLICY_VERSION,
    consentedAt: since,
    createdAt: since,
    updatedAt: since,
  }));
  const out: SignedInUser[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const inserted = await tx
        .insert(users)
        .values(rows.slice(i, i + CHUNK))
        .returning({ id: users.id, email: users.email, name: users.name });
      const made = inserted.map((user) => ({ user, ...newSession(user.id, opts.now) }));
      await tx.insert(sessions).values(made.map((m) => m.row));
      for (const { user, session } of made) {
        // The claims a browser holds after its first page (decision 023): these founders are
        // verified and judge nothing.
        const claims = encodeClaims(
          {
            sessionId: session.token.split('.')[0] ?? '',
            user: {
              ...user,
              role: 'founder',
              emailVerified: true,
              judges: false,
            },
          },
          opts.claimsSecret,
        );
        out.push({
          id: user.id,
          email: user.email,
          cookie: `${SESSION_COOKIE}=${session.token}; ${CLAIMS_COOKIE}=${claims}`,
        });
      }
    }
  });
  return out;
}
