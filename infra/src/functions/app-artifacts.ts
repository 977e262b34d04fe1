import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import type { AppName } from './function-spec';

/** An app's zip as the stack references it. */
export interface AppArtifact {
  /** Path relative to the synthesized stack directory (the asset copy Terraform uploads). */
  readonly path: string;
  /**
   * Base64 SHA-256 of the zip, Lambda's `CodeSha256` (computed here: `TerraformAsset.assetHash` is
   * not one, and packaging is reproducible, so the same build gives the same hash).
   */
  readonly sha256: string;
}

/** One TerraformAsset per app zip (`dist/artifacts/<app>.zip`), shared by the app's functions. */
export class AppArtifacts extends Construct {
  private readonly artifacts = new Map<AppName, AppArtifact>();

  constructor(scope: Construct, id: string, zipPaths: Readonly<Record<AppName, string>>) {
    super(scope, id);
    for (const [app, zipPath] of Object.entries(zipPaths) as [AppName, string][]) {
      const asset = new TerraformAsset(this, app, { path: zipPath, type: AssetType.FILE });
      const sha256 = createHash('sha256').update(readFileSync(zipPath)).digest('base64');
      this.artifacts.set(app, { path: asset.path, sha256 });
    }
  }

  /** The artifact of `app`. */
  of(app: AppName): AppArtifact {
    const artifact = this.artifacts.get(app);
    if (!artifact) throw new Error(`no artifact for app ${app}`);
    return artifact;
  }
}
