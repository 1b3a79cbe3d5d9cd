// Positions in a note's text: 0-based lines and UTF-16 columns, which is what VS Code
// uses, so adapters map 1:1. Their own module so that every layer (engine, latex/, the
// editor features) can name them without importing the engine's result types.
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}
