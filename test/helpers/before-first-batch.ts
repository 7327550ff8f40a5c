/**
 * Races in one process: the same database with `hook` run once before its first batch, so someone
 * else's whole request lands between a service's reads and its write. A limit enforced by the write
 * itself holds; a read-then-write version of the same steps lets both through.
 */
import type { Db } from '~/functions/db/client';

export function beforeFirstBatch(database: Db, hook: () => Promise<unknown>): Db {
  let ran = false;
  return new Proxy(database, {
    get(target, key, receiver) {
      if (key !== 'batch') return Reflect.get(target, key, receiver);
      return async (queries: Parameters<Db['batch']>[0]) => {
        if (!ran) {
          ran = true;
          await hook();
        }
        return target.batch(queries);
      };
    },
  });
}
