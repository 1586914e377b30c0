/**
 * The preview's mapping backend: all 21 MappingContracts methods over the sample org (see the service modules of
 * this folder). State (runs, analyses) lives as long as the page; mapping changes are written to the sample org.
 */
import type { MappingContracts } from '@ccus/apex-contracts';
import type { FeatureBackend } from '../apexBackend.js';
import type { SampleOrg } from '../sampleOrg.js';
import { AnalysisService } from './analysis.js';
import { ManageService } from './manage.js';
import { checkRule, evaluateRule } from './rules.js';
import { RunService } from './runs.js';
import { MappingStore, type MappingBackendOptions } from './store.js';
import { UsersService } from './users.js';

export type { MappingBackendOptions } from './store.js';

export function createMappingBackend(
  org: SampleOrg,
  now: () => Date = () => new Date(),
  options: MappingBackendOptions = {},
): FeatureBackend<MappingContracts> {
  const store = new MappingStore(org, now, options);
  const users = new UsersService(store);
  const runs = new RunService(store, users);
  const analysis = new AnalysisService(store, runs);
  const manage = new ManageService(store);
  return {
    'MappingUsersController.getMappingContext': ({ callCenterId }) => users.getMappingContext(callCenterId),
    'MappingUsersController.getUsers': ({ query }) => users.getUsers(query),
    'MappingRuleController.checkRule': ({ rule }) => checkRule(rule),
    'MappingRuleController.evaluateRule': ({ rule, userIds }) => evaluateRule(store, rule, userIds),
    'MappingRunController.createRun': ({ request }) => runs.createRun(request),
    'MappingRunController.addRunItems': ({ runId, items }) => runs.addRunItems(runId, items),
    'MappingRunController.startPreview': ({ runId }) => runs.startPreview(runId),
    'MappingRunController.getRun': ({ runId }) => runs.getRun(runId),
    'MappingRunController.getRecentRuns': ({ callCenterId, limitRows }) => runs.getRecentRuns(callCenterId, limitRows),
    'MappingRunController.getRunItems': ({ query }) => runs.getRunItems(query),
    'MappingRunController.updateRunItems': ({ runId, edits }) => runs.updateRunItems(runId, edits),
    'MappingRunController.confirmRun': ({ runId }) => runs.confirmRun(runId),
    'MappingRunController.cancelRun': ({ runId }) => runs.cancelRun(runId),
    'MappingRunController.resumeRun': ({ runId }) => runs.resumeRun(runId),
    'MappingAnalysisController.startAnalysis': ({ callCenterId }) => analysis.startAnalysis(callCenterId),
    'MappingAnalysisController.getLatestAnalysis': ({ callCenterId }) => analysis.getLatestAnalysis(callCenterId),
    'MappingAnalysisController.getLatestAnalyses': ({ callCenterIds }) => analysis.getLatestAnalyses(callCenterIds),
    'MappingAnalysisController.getProblems': ({ query }) => analysis.getProblems(query),
    'MappingAnalysisController.fixProblems': ({ request }) => analysis.fixProblems(request),
    'MappingManageController.getMappings': ({ query }) => manage.getMappings(query),
    'MappingManageController.updateMappings': ({ edits, externalIdFormat }) =>
      manage.updateMappings(edits, externalIdFormat),
    'MappingManageController.deleteMappings': ({ mappingIds }) => manage.deleteMappings(mappingIds),
  };
}
