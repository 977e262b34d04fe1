import type { ConfigParameterNames } from '@spapi-lake/config';
import type { HandlerLogger } from './handler-logger';
import type { LaneStateStore } from './lane-state-store';
import type { ParameterSource } from './parameter-source';
import { loadPipelineConfig } from './pipeline-config';
import { runTask } from './run-task';
import { planFanOutInputSchema } from './task-input-schemas';
import {
  type FanOutPlanResult,
  type PlanFanOutDeps,
  fanOutPlanResult,
  planFanOut,
} from './use-cases/plan-fan-out';

/** What the PlanWindows handler runs on. */
export interface PlanWindowsHandlerDeps extends Omit<PlanFanOutDeps, 'config' | 'lanes'> {
  readonly logger: HandlerLogger;
  readonly parameters: ParameterSource;
  readonly parameterNames: ConfigParameterNames;
  readonly lanes: Pick<LaneStateStore, 'getMany'>;
}

/**
 * `PlanWindows` of the fan-out: PlanFanOutInput -> FanOutPlanResult (the state machine keeps
 * `lanes`; every left-out config and skipped span is logged, the result names the first ones).
 * Accounts and report configs come from the parameter source on every run (cached by it); each
 * unplannable (account, report config) is logged as an error and left out, and each lane that
 * skips days beyond its report type's lookback is logged as a warning.
 */
export function createPlanWindowsHandler(
  deps: PlanWindowsHandlerDeps,
): (event: unknown) => Promise<FanOutPlanResult> {
  const config = () => loadPipelineConfig(deps.parameters, deps.parameterNames);
  return runTask(deps.logger, {
    task: 'PlanWindows',
    schema: planFanOutInputSchema,
    keys: (input) => ({
      planningTime: input.request.scheduledTime ?? input.now,
      ...(input.request.sellingPartnerIds
        ? { sellingPartnerIds: input.request.sellingPartnerIds }
        : {}),
      ...(input.request.reportConfigIds ? { reportConfigIds: input.request.reportConfigIds } : {}),
    }),
    run: async (input) => {
      const plan = await planFanOut({ ...deps, config }, input);
      // Each `message` under a name of its own: `message` is the logger's own key.
      for (const { message, ...problem } of plan.problems) {
        deps.logger.error('report config cannot be planned', { ...problem, reason: message });
      }
      for (const { message, ...invalid } of plan.invalidReportConfigs) {
        deps.logger.error('report config is invalid and left out', { ...invalid, reason: message });
      }
      for (const { message, ...skip } of plan.beyondLookback) {
        deps.logger.warn('lane days beyond the lookback are never requested', {
          ...skip,
          reason: message,
        });
      }
      const windows = plan.lanes.reduce((sum, lane) => sum + lane.windows.length, 0);
      return {
        result: fanOutPlanResult(plan),
        log: {
          lanes: plan.lanes.length,
          windows,
          problems: plan.problems.length,
          invalidReportConfigs: plan.invalidReportConfigs.length,
          beyondLookback: plan.beyondLookback.length,
        },
      };
    },
  });
}
