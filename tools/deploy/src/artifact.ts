import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** An app's zip and its digests. */
export interface Artifact {
  readonly path: string;
  readonly bytes: Uint8Array;
  /** Base64 SHA-256: Lambda's `CodeSha256`, S3's `ChecksumSHA256`. */
  readonly sha256Base64: string;
  /** Hex SHA-256: the content address of the artifact in the bucket. */
  readonly sha256Hex: string;
}

/** Reads `path` and hashes it. */
export async function readArtifact(path: string): Promise<Artifact> {
  const bytes = await readFile(path);
  const hash = createHash('sha256').update(bytes);
  const digest = hash.digest();
  return {
    path,
    bytes,
    sha256Base64: digest.toString('base64'),
    sha256Hex: digest.toString('hex'),
  };
}

/** Content-addressed key: the same zip is uploaded once, whatever deploys it. */
export function artifactKey(app: string, artifact: Artifact): string {
  return `${app}/${artifact.sha256Hex}.zip`;
}
