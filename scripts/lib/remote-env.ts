/** Reads the production database settings for CLI commands; stops with a clear message without them. */
export function requireDatabaseEnv(command: string): { url: string; authToken: string | undefined } {
  const url = process.env.TURSO_DATABASE_URL;
  if (!url) {
    console.error(
      [
        `${command}: TURSO_DATABASE_URL is not set.`,
        '  Set it to your Turso database (libsql://<db>-<org>.turso.io) and TURSO_AUTH_TOKEN to a token for it,',
        `  e.g.  TURSO_DATABASE_URL=libsql://… TURSO_AUTH_TOKEN=… npm run ${command}`,
        '  For the local database use file:.data/portal.db (npm start does this by itself).',
      ].join('\n'),
    );
    process.exit(2);
  }
  if (!url.startsWith('file:') && !/^(https?|libsql|wss?):\/\//.test(url)) {
    console.error(
      `${command}: TURSO_DATABASE_URL must be a libsql://, https://, http:// or file: URL (got "${url}").`,
    );
    process.exit(2);
  }
  const authToken = process.env.TURSO_AUTH_TOKEN || undefined;
  const remote = !url.startsWith('file:') && !/^https?:\/\/(127\.0\.0\.1|localhost)/.test(url);
  if (remote && !authToken) {
    console.error(
      `${command}: TURSO_AUTH_TOKEN is not set; a Turso database needs one (turso db tokens create <db>).`,
    );
    process.exit(2);
  }
  return { url, authToken };
}
