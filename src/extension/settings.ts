/**
 * The extension's settings (contributes.configuration in package.json), read in one place.
 * The per-feature switches (`pisub.hover.enabled`, ...) are applied by the client's middleware
 * (client.ts), so they work whatever the server does. The server can read the same `pisub` section
 * through Langium's configuration provider (workspace/configuration) and gets a snapshot in
 * `initializationOptions.settings`.
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

/** The editor features a setting `pisub.<feature>.enabled` switches off. */
export type Feature = 'hover' | 'completion' | 'inlayHints' | 'codeLens' | 'semanticTokens';

export function featureEnabled(feature: Feature): boolean {
    return vscode.workspace.getConfiguration(SECTION).get<boolean>(`${feature}.enabled`, true);
}

/** Every `pisub.*` setting as a plain object (for the server's initializationOptions). */
export function settingsSnapshot(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SECTION))) as Record<string, unknown>;
}
