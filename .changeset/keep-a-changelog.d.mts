export declare const GROUPS: string[];
export declare function keepAChangelog(text: string, date: string): string;
