// Where a setting's effective value lives, so a toggle writes there: writing the user
// setting while a folder or workspace overrides it would appear to do nothing.
export type SettingLevel = 'workspaceFolder' | 'workspace' | 'global';

export interface InspectedValues {
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/** The most specific level that sets a value; the user settings when none does. */
export function levelHolding(inspected: InspectedValues | undefined): SettingLevel {
  if (inspected?.workspaceFolderValue !== undefined) return 'workspaceFolder';
  if (inspected?.workspaceValue !== undefined) return 'workspace';
  return 'global';
}
