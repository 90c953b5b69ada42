/**
 * The extension's settings (contributes.configuration in package.json), read in one place.
 * The language server reads the same `pisub` section itself through Langium's configuration
 * provider (workspace/configuration), so feature switches such as `pisub.hover.enabled` reach it
 * without a restart; it also gets a snapshot in `initializationOptions.settings`.
 */
import * as vscode from 'vscode';

export const SECTION = 'pisub';

export interface PisubSettings {
    readonly statusBarEnabled: boolean;
    /** Performance year "PI: New submission…" proposes first (undefined: the latest year pisub knows). */
    readonly defaultPerformanceYear: number | undefined;
}

export function readSettings(): PisubSettings {
    const config = vscode.workspace.getConfiguration(SECTION);
    const year = config.get<number | null>('defaultPerformanceYear', null);
    return {
        statusBarEnabled: config.get<boolean>('statusBar.enabled', true),
        defaultPerformanceYear: typeof year === 'number' && Number.isInteger(year) ? year : undefined
    };
}

/** Every `pisub.*` setting as a plain object (for the server's initializationOptions). */
export function settingsSnapshot(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SECTION))) as Record<string, unknown>;
}
