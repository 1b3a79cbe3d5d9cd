// The CLI's output: two line writers (stdout, stderr), and the --json report written as
// its notes are checked, in the same shape JSON.stringify(report, null, 2) gives.
import type { JsonFile, Totals } from '../engine/report';

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const indent = (text: string, by: string) => text.replace(/^/gm, by);

/** Streams `{ "files": [...], "totals": {...} }`: one file held at a time, for the comma after it. */
export class JsonReportWriter {
  private pending: string | undefined;

  constructor(private readonly out: (line: string) => void) {}

  file(file: JsonFile): void {
    if (this.pending === undefined) this.out('{\n  "files": [');
    else this.out(`${this.pending},`);
    this.pending = indent(JSON.stringify(file, null, 2), '    ');
  }

  end(totals: Totals): void {
    const tail = `  "totals": ${indent(JSON.stringify(totals, null, 2), '  ').trimStart()}\n}`;
    if (this.pending === undefined) this.out(`{\n  "files": [],\n${tail}`);
    else this.out(`${this.pending}\n  ],\n${tail}`);
  }
}
