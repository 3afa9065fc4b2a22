import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { globToRegExp, History } from "../../src/kernel/history.js";

/** IPython's answers, computed by test/kernel/fixtures/history-glob.py with IPython's own SQL over sqlite3. */
const reference = JSON.parse(
  readFileSync(new URL("./fixtures/history-glob.json", import.meta.url), "utf8"),
) as {
  inputs: string[];
  queries: { pattern: string; unique: boolean; n: number | null; inputs: string[]; lines: number[] }[];
  ranges: { start: number; stop: number | null; lines: number[] }[];
};

function filledHistory(): History {
  const history = new History();
  reference.inputs.forEach((input, i) => history.add(i + 1, input));
  return history;
}

describe("history search (IPython's glob, unique and n)", () => {
  const history = filledHistory();
  it.each(reference.queries)("search $pattern unique=$unique n=$n as IPython answers", (query) => {
    const found = history.query({
      hist_access_type: "search",
      pattern: query.pattern,
      unique: query.unique,
      n: query.n,
    }) as [number, number, string][];
    expect(found.map(([, line]) => line)).toEqual(query.lines);
    expect(found.map(([, , input]) => input)).toEqual(query.inputs);
  });

  it("'?' is exactly one character, so 6?7 does not match 6 * 7", () => {
    expect(globToRegExp("6?7").test("6*7")).toBe(true);
    expect(globToRegExp("6?7").test("6 * 7")).toBe(false);
  });
});

describe("history range", () => {
  const history = filledHistory();
  it.each(reference.ranges)("lines from $start to $stop as IPython answers", ({ start, stop, lines }) => {
    const found = history.query({ hist_access_type: "range", session: 0, start, stop }) as [
      number,
      number,
      string,
    ][];
    expect(found.map(([, line]) => line)).toEqual(lines);
    expect(found.map(([, line, input]) => [line, input])).toEqual(
      lines.map((line) => [line, reference.inputs[line - 1]]),
    );
  });

  it("session numbers count back from this one; earlier sessions are empty", () => {
    expect(history.query({ hist_access_type: "range", session: history.session, start: 1, stop: 2 })).toEqual(
      [[history.session, 1, reference.inputs[0]]],
    );
    expect(history.query({ hist_access_type: "range", session: -1 })).toEqual([]);
  });
});
