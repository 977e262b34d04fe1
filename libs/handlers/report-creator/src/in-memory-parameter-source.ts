import type { ParameterSource } from './parameter-source';

/** Parameters held in memory, by full name (tests). */
export class InMemoryParameterSource implements ParameterSource {
  private readonly values: Map<string, string>;

  constructor(values: Readonly<Record<string, string>> = {}) {
    this.values = new Map(Object.entries(values));
  }

  /** Sets (or replaces) one parameter. */
  set(name: string, value: string): void {
    this.values.set(name, value);
  }

  async get(name: string): Promise<string | undefined> {
    return this.values.get(name);
  }
}
