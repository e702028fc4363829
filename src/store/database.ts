import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date.
 * `synchronous = NORMAL` in WAL keeps every committed exchange across a process crash; only an OS
 * crash or power loss can lose the last transactions.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoint the WAL every ~40 MB rather than every 4 MB: fewer, larger fsyncs on a busy mock.
  db.pragma('wal_autocheckpoint = 10000');
  migrate(db);
  return db;
}

/** The database cannot be read as asked: missing, or of another schema version; the message says what to do. */
export class DatabaseNotReadable extends Error {
  override name = 'DatabaseNotReadable';
}

/**
 * An existing database opened for reading only (a report from the command line beside a running
 * server): nothing is created, migrated or written.
 */
export function openDatabaseForReading(path: string): Db {
  if (path === ':memory:' || !existsSync(path)) throw new DatabaseNotReadable(`no ace-mock database at ${path}: give the file the server writes (--db, ACE_MOCK_DB) or ask the server itself (--http URL)`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const version = schemaVersion(db);
  if (version !== MIGRATIONS.length) {
    db.close();
    throw new DatabaseNotReadable(`the database at ${path} is schema version ${version} and this ace-mock reads version ${MIGRATIONS.length}: start this ace-mock on it once (it migrates), or ask the server that uses it (--http URL)`);
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the database schema is version ${current}, newer than this ace-mock knows (${MIGRATIONS.length}); upgrade ace-mock or use another ACE_MOCK_DB`,
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
