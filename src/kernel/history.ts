/**
 * The cells executed in this kernel, for `history_request` (tail, range, search), answered as IPython's
 * HistoryManager answers them (IPython/core/history.py): search is SQLite GLOB over the whole input (`*`, `?`,
 * `[...]`, `[^...]`, case-sensitive); `unique` keeps each distinct input once, at its latest line; `n` keeps the latest
 * n matches (0: none; missing or negative: all); range lines run from `start` to `stop` (exclusive), negative values
 * counting from the end. Kept in memory: a new kernel starts a new, empty session.
 */

interface Entry {
  line: number;
  input: string;
  output: string | null;
}

export type HistoryItem = [number, number, string] | [number, number, [string, string | null]];

export interface HistoryQuery {
  hist_access_type?: string;
  output?: boolean;
  /** tail and search: how many of the latest entries to return (0: none; null, missing or negative: all). */
  n?: number | null;
  /** range: session number (0 or this session's number: this session; negative: sessions before, none here). */
  session?: number | null;
  /** range: first line, inclusive; negative: counted from the end. Default 1. */
  start?: number | null;
  /** range: last line, exclusive; missing, 0 or past the end: to the end; negative: counted from the end. */
  stop?: number | null;
  /** search: a glob matched against the whole input (`*` any text, `?` one character, `[...]` a class). */
  pattern?: string;
  /** search: keep only the latest entry of each distinct input. */
  unique?: boolean;
}

export class History {
  /** This kernel's session number. */
  readonly session = 1;
  private readonly entries: Entry[] = [];

  add(line: number, input: string): void {
    this.entries.push({ line, input, output: null });
  }

  setOutput(line: number, output: string): void {
    const entry = this.entries.findLast((candidate) => candidate.line === line);
    if (entry !== undefined) entry.output = output;
  }

  query(query: HistoryQuery): HistoryItem[] {
    let selected: Entry[];
    switch (query.hist_access_type) {
      case "tail":
        selected = latest(this.entries, query.n);
        break;
      case "range": {
        // Session numbers <= 0 count back from this one (0: this session); earlier sessions are not kept.
        const session = query.session ?? 0;
        if ((session <= 0 ? session + this.session : session) !== this.session) return [];
        // IPython's lines are 1..count, and "the end" is count + 1.
        const end = (this.entries.at(-1)?.line ?? 0) + 1;
        let start = query.start ?? 1;
        if (start < 0) start += end;
        let stop = query.stop ?? 0;
        if (stop === 0 || stop > end) stop = end;
        else if (stop < 0) stop += end;
        selected = this.entries.filter((entry) => entry.line >= start && entry.line < stop);
        break;
      }
      case "search": {
        const pattern = globToRegExp(query.pattern ?? "*");
        let matches = this.entries.filter((entry) => pattern.test(entry.input));
        if (query.unique === true) {
          const seen = new Set<string>();
          matches = matches
            .reverse()
            .filter((entry) => !seen.has(entry.input) && seen.add(entry.input))
            .reverse();
        }
        selected = latest(matches, query.n);
        break;
      }
      default:
        return [];
    }
    return selected.map((entry): HistoryItem =>
      query.output === true
        ? [this.session, entry.line, [entry.input, entry.output]]
        : [this.session, entry.line, entry.input],
    );
  }
}

/** The latest `n` entries, as SQLite's `LIMIT n` after `ORDER BY line DESC` (a negative limit is none). */
function latest(entries: Entry[], n: number | null | undefined): Entry[] {
  if (n === undefined || n === null || n < 0) return entries.slice();
  return n === 0 ? [] : entries.slice(-n);
}

/** SQLite GLOB semantics, as IPython's history search uses. */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === "*") source += "[\\s\\S]*";
    else if (char === "?") source += "[\\s\\S]";
    else if (char === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) source += "\\[";
      else {
        const body = glob.slice(i + 1, close);
        source += body.startsWith("^") ? `[^${escapeClass(body.slice(1))}]` : `[${escapeClass(body)}]`;
        i = close;
      }
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

function escapeClass(body: string): string {
  return body.replace(/[\\\]]/g, "\\$&");
}
