/**
 * The cells executed in this kernel, for `history_request` (tail, range, search). Kept in memory: a new kernel
 * starts a new, empty session.
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
  /** tail and search: how many of the latest entries to return. */
  n?: number;
  /** range: session number (0 or this session's number: this session; negative: sessions before, none here). */
  session?: number;
  /** range: first line, inclusive. */
  start?: number;
  /** range: last line, exclusive; missing or 0: to the end. */
  stop?: number;
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
        const session = query.session ?? 0;
        if (session !== 0 && session !== this.session) return [];
        const start = query.start ?? 1;
        const stop = query.stop === undefined || query.stop === 0 ? Infinity : query.stop;
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

function latest(entries: Entry[], n: number | undefined): Entry[] {
  return n === undefined || n <= 0 ? entries.slice() : entries.slice(-n);
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
