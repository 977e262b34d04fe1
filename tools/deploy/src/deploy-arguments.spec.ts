import { parseDeployArguments } from './deploy-arguments';
import { DeployUsageError } from './errors';

describe('parseDeployArguments', () => {
  const base = ['--app', 'report-creator', '--artifact', 'dist/artifacts/report-creator.zip'];

  it('takes the manifest parameter from the environment', () => {
    expect(
      parseDeployArguments(base, { SPAPI_LAKE_DEPLOY_MANIFEST: '/prod/deploy/manifest' }),
    ).toEqual({
      app: 'report-creator',
      artifactPath: 'dist/artifacts/report-creator.zip',
      manifestParameter: '/prod/deploy/manifest',
      dryRun: false,
    });
  });

  it.each([['--dry-run'], ['--dryRun'], ['--dry-run=true'], ['--dryRun=true']])(
    'reads %s as a dry run',
    (flag) => {
      expect(parseDeployArguments([...base, '--manifest-parameter=/m', flag], {}).dryRun).toBe(
        true,
      );
    },
  );

  it('reads --dry-run=false as a real deploy', () => {
    expect(
      parseDeployArguments([...base, '--manifest-parameter', '/m', '--dry-run=false'], {}).dryRun,
    ).toBe(false);
  });

  it('refuses a missing manifest parameter, missing values and unknown options', () => {
    expect(() => parseDeployArguments(base, {})).toThrow(DeployUsageError);
    expect(() => parseDeployArguments(['--app'], {})).toThrow('--app needs a value');
    expect(() =>
      parseDeployArguments([...base, '--force'], { SPAPI_LAKE_DEPLOY_MANIFEST: '/m' }),
    ).toThrow('unknown --force');
  });
});
