import { runChecks, type StampOptions } from './checks/registry.js';
import type { Diagnostic } from './diagnostics/types.js';
import { loadEventFile, type LoadedEvent } from './load.js';

export interface CheckOptions {
  strict?: boolean;
}

export interface CheckedEvent extends LoadedEvent {
  diagnostics: Diagnostic[];
}

/** Load, validate and check one event file. */
export async function checkEventFile(file: string, displayName: string, options: CheckOptions = {}): Promise<CheckedEvent> {
  const loaded = await loadEventFile(file, displayName, { strict: options.strict });
  return checkLoaded(loaded, options);
}

export function checkLoaded(loaded: LoadedEvent, options: CheckOptions = {}): CheckedEvent {
  if (!loaded.model || !loaded.source) return loaded;
  const stampOptions: StampOptions = { levels: loaded.model.checks, strict: options.strict };
  return { ...loaded, diagnostics: [...loaded.diagnostics, ...runChecks(loaded.model, loaded.source, stampOptions)] };
}
