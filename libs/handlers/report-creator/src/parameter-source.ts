/** Port: raw configuration parameters by full name (SSM on AWS, files or memory locally). */
export interface ParameterSource {
  /** The parameter's value, or undefined when it does not exist. */
  get(name: string): Promise<string | undefined>;
}
