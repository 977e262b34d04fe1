import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizeParameterPrefix } from '@spapi-lake/config';
import type { ParameterSource } from './parameter-source';

/**
 * The local runner's parameters: `<prefix>/accounts` is the file `<directory>/accounts.json`, and
 * so on. Names outside the prefix and missing files do not exist. Read on every call, so edits
 * apply to the next run.
 */
export class LocalFileParameterSource implements ParameterSource {
  private readonly prefix: string;

  constructor(
    private readonly directory: string,
    prefix: string,
  ) {
    this.prefix = `${normalizeParameterPrefix(prefix)}/`;
  }

  async get(name: string): Promise<string | undefined> {
    if (!name.startsWith(this.prefix)) return undefined;
    const relative = name.slice(this.prefix.length);
    if (relative.split('/').some((segment) => segment === '' || segment === '..')) return undefined;
    try {
      return await readFile(path.join(this.directory, `${relative}.json`), 'utf8');
    } catch (error) {
      if (Reflect.get(Object(error), 'code') === 'ENOENT') return undefined;
      throw error;
    }
  }
}
