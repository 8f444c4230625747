/** The library API: the CLI is a thin layer over these. */
export { loadEventFile, loadEventText, type LoadedEvent } from './load.js';
export { checkEventFile as check, checkLoaded, type CheckOptions, type CheckedEvent } from './check.js';
export { build, renderEvent, writeAtomically, type BuildOptions, type BuildResult, type Output } from './build.js';
export { eventToJson } from './model/json.js';
export type { EventModel, DayModel, SessionModel, ItemModel, PersonModel, SpeakerModel } from './model/event.js';
export type { Diagnostic, Severity, Summary } from './diagnostics/types.js';
export { formatText } from './diagnostics/reporters/text.js';
export { formatJson } from './diagnostics/reporters/json.js';
export { rules } from './checks/registry.js';
export { main } from './cli/main.js';
