// Types of scripts/gen-textmate.mjs for the TypeScript tests.
export declare const GRAMMAR_PATH: string;
export declare const OUTPUT_PATH: string;
export declare function parserRules(source: string): Map<string, { body: string; returnsString: boolean }>;
export declare function keywordGroups(source: string): { statement: string[]; constants: Map<string, string[]>; detail: string[] };
export declare function generateTextMate(source: string): string;
