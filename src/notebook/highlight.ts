import { escapeHtml } from "../report/html.js";

const KEYWORDS = new Set(
  (
    "abstract as async await break case catch class const continue declare default delete do else enum export extends " +
    "false finally for from function get if implements import in instanceof interface let new null of private " +
    "protected public readonly return set static super switch this throw true try type typeof undefined var void " +
    "while with yield"
  ).split(" "),
);

const TOKEN =
  /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\[\s\S]|[^`\\])*`)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_$][\w$]*)/g;

/** Highlights TypeScript/JavaScript source as HTML spans (comments, strings, numbers, keywords). No script. */
export function highlightTypeScript(source: string): string {
  let html = "";
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    html += escapeHtml(source.slice(last, index));
    const [text, comment, string, number, word] = match;
    if (comment !== undefined) html += `<span class="c">${escapeHtml(text)}</span>`;
    else if (string !== undefined) html += `<span class="s">${escapeHtml(text)}</span>`;
    else if (number !== undefined) html += `<span class="n">${escapeHtml(text)}</span>`;
    else if (word !== undefined && KEYWORDS.has(word)) html += `<span class="k">${escapeHtml(text)}</span>`;
    else html += escapeHtml(text);
    last = index + text.length;
  }
  return html + escapeHtml(source.slice(last));
}

/** Removes ANSI escape sequences (colors in tracebacks). */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
}
