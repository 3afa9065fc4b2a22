import { readFileSync } from "node:fs";
import { DriftlabError } from "../errors.js";

/** nbformat 4 output. */
export type Output =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string | string[] }
  | {
      output_type: "display_data";
      data: Record<string, unknown>;
      metadata?: Record<string, unknown>;
      transient?: unknown;
    }
  | {
      output_type: "execute_result";
      data: Record<string, unknown>;
      metadata?: Record<string, unknown>;
      execution_count: number | null;
    }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata?: Record<string, unknown>;
  outputs?: Output[];
  execution_count?: number | null;
  id?: string;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** A cell's source as one string (nbformat allows a list of lines). */
export function sourceOf(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Joins multi-line MIME data (nbformat allows a list of lines for text types). */
export function textOf(value: unknown): string {
  return Array.isArray(value) ? value.join("") : typeof value === "string" ? value : JSON.stringify(value);
}

/** Reads and checks an .ipynb file (nbformat 4). */
export function readNotebook(path: string): Notebook {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT")
      throw new DriftlabError("FILE_NOT_FOUND", `${path}: no such notebook.`, { subject: path });
    throw new DriftlabError("MALFORMED_JSON", `${path} is not valid JSON: ${(error as Error).message}`, {
      subject: path,
    });
  }
  const nb = json as Notebook;
  if (nb === null || typeof nb !== "object" || !Array.isArray(nb.cells) || nb.nbformat !== 4) {
    throw new DriftlabError(
      "UNSUPPORTED_INPUT",
      `${path} is not an nbformat 4 notebook (no "cells", or nbformat is not 4).`,
      {
        subject: path,
      },
    );
  }
  return nb;
}
