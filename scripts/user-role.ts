/**
 * `npm run user:role -- <email> admin|organizer|none`: sets a user's role on any database, so the
 * first admin can be made on a fresh deployment. Uses TURSO_DATABASE_URL, or the local file.
 */
import { eq } from 'drizzle-orm';
import { createDb } from '~/functions/db/client';
import { auditLog, users } from '~/functions/db/schema';
import { systemClock } from '~/functions/lib/clock';
import { LOCAL_DB_FILE, openClient } from './lib/database';
import { requireDatabaseEnv } from './lib/remote-env';

const [email, role] = process.argv.slice(2);
const ROLE_OF = { admin: 'admin', organizer: 'organizer', none: 'founder' } as const;
if (!email || !role || !(role in ROLE_OF)) {
  console.error('Usage: npm run user:role -- <email> admin|organizer|none');
  process.exit(2);
}
if (!process.env.TURSO_DATABASE_URL) process.env.TURSO_DATABASE_URL = `file:${LOCAL_DB_FILE}`;
const { url, authToken } = requireDatabaseEnv('user:role');
const client = await openClient(url, authToken);
const db = createDb(client);
const newRole = ROLE_OF[role as keyof typeof ROLE_OF];
const now = systemClock.now();
const [user] = await db
  .select({ id: users.id, role: users.role })
  .from(users)
  .where(eq(users.email, email.toLowerCase()));
if (!user) {
  console.error(`No user with the email ${email}.`);
  process.exit(1);
}
await db.batch([
  db.update(users).set({ role: newRole, updatedAt: now }).where(eq(users.id, user.id)),
  db.insert(auditLog).values({
    actor: 'cli',
    actorRole: 'cli',
    action: 'user.role.set',
    targetType: 'user',
    targetId: String(user.id),
    before: { role: user.role },
    after: { role: newRole },
    createdAt: now,
  }),
]);
// Role changes take effect at once: sessions read the role from users on every request.
console.log(`${email}: ${user.role} → ${newRole}`);
client.close();
