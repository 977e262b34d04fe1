import type { FunctionOutcome } from './execute-deploy';
import type { DeployPlan } from './plan-deploy';

/** The plan as the lines `--dry-run` prints. */
export function formatPlan(plan: DeployPlan): string[] {
  const lines = [
    `deploy ${plan.app} from ${plan.artifact.path} (sha256 ${plan.artifact.sha256Base64})`,
    plan.upload
      ? `  upload s3://${plan.bucket}/${plan.key}`
      : `  artifact s3://${plan.bucket}/${plan.key} (no upload needed)`,
  ];
  for (const step of plan.functions) {
    const actions = [
      ...(step.updateCode ? ['update code'] : []),
      ...(step.publish ? ['publish a version', `move ${plan.alias} from ${step.liveVersion}`] : []),
    ];
    lines.push(
      actions.length === 0
        ? `  ${step.functionName}: up to date (${plan.alias} = ${step.liveVersion})`
        : `  ${step.functionName}: ${actions.join(', ')} (${step.reason})`,
    );
  }
  return lines;
}

/** What a deploy did, one line per function. */
export function formatOutcomes(alias: string, outcomes: readonly FunctionOutcome[]): string[] {
  return outcomes.map((outcome) =>
    outcome.changed
      ? `  ${outcome.functionName}: ${alias} ${outcome.previousVersion} -> ${outcome.liveVersion}`
      : `  ${outcome.functionName}: unchanged (${alias} = ${outcome.liveVersion})`,
  );
}
