import { inspect } from "node:util";

/**
 * The key of the method that turns a value into a MIME bundle: Deno's rule, which driftlab's kernel follows too.
 * A value `v` with a function `v[Symbol.for("Jupyter.display")]` is shown by the bundle that function returns
 * (or resolves to), e.g. `{ "text/plain": "3 features", "text/html": "<table>…</table>" }`.
 */
export const jupyterDisplay: unique symbol = Symbol.for("Jupyter.display") as never;

/** A Jupyter MIME bundle: MIME type → data (a string, or JSON for `application/*+json` types). */
export type MimeBundle = Record<string, unknown>;

/** A value that knows how to show itself in a notebook. */
export interface Displayable {
  [jupyterDisplay](): MimeBundle | Promise<MimeBundle>;
}

/** Whether `value` has a `Symbol.for("Jupyter.display")` method. */
export function isDisplayable(value: unknown): value is Displayable {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as Partial<Displayable>)[jupyterDisplay] === "function"
  );
}

/** The text a plain value shows as: `util.inspect` without colours, like Node's REPL. */
export function plainText(value: unknown): string {
  return typeof value === "string" ? value : inspect(value, { depth: 4, colors: false, maxArrayLength: 100 });
}

/**
 * The MIME bundle of `value`: the bundle of its `Symbol.for("Jupyter.display")` method when it has one (awaited when
 * it is a promise), otherwise `{"text/plain": util.inspect(value)}`. Binary data (`Uint8Array`) is base64-encoded,
 * as Jupyter expects for images.
 */
export function mimeBundleOf(value: unknown): MimeBundle | Promise<MimeBundle> {
  if (!isDisplayable(value)) {
    return { "text/plain": typeof value === "string" ? inspect(value) : plainText(value) };
  }
  const bundle = value[jupyterDisplay]();
  if (isPromiseLike(bundle)) return Promise.resolve(bundle).then(normalizeBundle);
  return normalizeBundle(bundle);
}

function normalizeBundle(bundle: unknown): MimeBundle {
  if (typeof bundle !== "object" || bundle === null || Array.isArray(bundle)) {
    return { "text/plain": plainText(bundle) };
  }
  const normalized: MimeBundle = {};
  for (const [mimeType, data] of Object.entries(bundle)) {
    normalized[mimeType] = data instanceof Uint8Array ? Buffer.from(data).toString("base64") : data;
  }
  return normalized;
}

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}
