export declare const root: string;
export declare function docFiles(): string[];
export declare function read(file: string): string;
export declare function samples(): Array<{ file: string; lang: 'ts' | 'tsx'; code: string }>;
