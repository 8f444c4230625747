/** The library API: `import { load, check, build } from 'coop'`. Re-exports only. */
export { load, check, build, type ApiOptions, type BuildApiOptions, type CheckResult, type Loaded } from './api.js';
export { renderEvent, renderMinutes, writeAtomically, eventOutputs, type BuildResult, type Output } from './build.js';
export { eventToJson } from './model/json.js';
export { minutesToJson } from './minutes/json.js';
export { eventJsonSchema } from './model/json-schema.js';
export { eventToIcs } from './export/ics.js';
export { eventToScheduleJson } from './export/schedule-json.js';
export { eventToFrabXml } from './export/frab-xml.js';
export { openActions } from './actions.js';
export type { EventModel, DayModel, SessionModel, ItemModel, PersonModel, SpeakerModel } from './model/event.js';
export type { MinutesModel, ActionModel, DecisionModel } from './minutes/model.js';
export type { Diagnostic, Severity, Summary } from './diagnostics/types.js';
export { formatText } from './diagnostics/reporters/text.js';
export { formatJson } from './diagnostics/reporters/json.js';
export { formatGithub } from './diagnostics/reporters/github.js';
export { formatSarif } from './diagnostics/reporters/sarif.js';
export { rules } from './checks/registry.js';
export { main } from './cli/main.js';
