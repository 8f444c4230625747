import { checkLevels, runChecks, stampProblems, type StampOptions } from './checks/registry.js';
import type { Diagnostic } from './diagnostics/types.js';
import type { Locale } from './i18n.js';
import { loadEventFile, type LoadedEvent } from './load.js';

export interface CheckOptions {
  /** Warnings become errors. */
  strict?: boolean;
  /** Language of the messages; default: the event's `locale`, else French. */
  lang?: Locale;
}

export interface CheckedEvent extends LoadedEvent {
  diagnostics: Diagnostic[];
}

/** Load, validate and check one event file. */
export async function checkEventFile(file: string, displayName: string, options: CheckOptions = {}): Promise<CheckedEvent> {
  return checkLoaded(await loadEventFile(file, displayName), options);
}

export function checkLoaded(loaded: LoadedEvent, options: CheckOptions = {}): CheckedEvent {
  const stampOptions: StampOptions = {
    levels: loaded.model?.checks,
    strict: options.strict,
    locale: options.lang ?? loaded.locale ?? 'fr',
  };
  const problems = [...loaded.problems];
  if (loaded.model && loaded.source) problems.push(...checkLevels(loaded.model, loaded.source));
  const diagnostics = stampProblems(problems, stampOptions);
  if (loaded.model && loaded.source) diagnostics.push(...runChecks(loaded.model, loaded.source, stampOptions));
  return { ...loaded, diagnostics };
}
