/**
 * A sortable, filterable, paginated table with selectable rows. Only the current page is in the DOM, so a report with
 * hundreds of features renders as fast as one with ten. Keyboard: Tab reaches the headers and the rows, Enter or
 * Space sorts by a header or selects a row, ArrowUp/ArrowDown move between rows.
 */
import { h } from "./dom.js";

export interface Column<R> {
  key: string;
  label: string;
  /** Header tooltip: what the column means. */
  description?: string;
  /** The value sorted by; a column without one is not sortable. Nulls sort last. */
  sortValue?: (row: R) => number | string | null;
  /** Cell content. */
  render: (row: R) => Node | string;
  /** Right-aligned tabular numbers. */
  numeric?: boolean;
  /** Stays at the left edge while a table wider than its view scrolls sideways (the feature name). */
  pinned?: boolean;
}

/** The cell classes of `column`. */
function cellClass<R>(column: Column<R>): string | undefined {
  const classes = [column.numeric === true ? "dl-num" : "", column.pinned === true ? "dl-pinned" : ""];
  return classes.filter((c) => c !== "").join(" ") || undefined;
}

export interface TableOptions<R> {
  label: string;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  /** Rows per page. Default 25. */
  pageSize?: number;
  /** Initial sort. Default: the rows' own order. */
  sort?: { key: string; descending: boolean };
  /** Called when a row is selected (click, Enter, Space); makes rows focusable. */
  onSelect?: (row: R) => void;
  /** Text shown when no row passes the filter. */
  emptyText?: string;
}

export class DataTable<R> {
  readonly element: HTMLElement;
  #options: TableOptions<R>;
  #filter: (row: R) => boolean = () => true;
  #sort: { key: string; descending: boolean } | undefined;
  #page = 0;
  #selected: string | undefined;
  #table: HTMLTableElement;
  #body: HTMLTableSectionElement;
  #pager: HTMLElement;
  #visible: R[] = [];

  constructor(options: TableOptions<R>) {
    this.#options = options;
    this.#sort = options.sort;
    this.#body = h("tbody");
    this.#table = h("table", { class: "dl-table", "aria-label": options.label }, h("thead"), this.#body);
    this.#pager = h("div", { class: "dl-pager" });
    this.element = h(
      "div",
      { class: "dl-table-wrap" },
      h("div", { class: "dl-table-scroll" }, this.#table),
      this.#pager,
    );
    this.#renderHead();
    this.refresh();
  }

  /** Shows only rows passing `filter` (from the first page). */
  setFilter(filter: (row: R) => boolean): void {
    this.#filter = filter;
    this.#page = 0;
    this.refresh();
  }

  /** Whether a row with `key` is in the table (filtered or not). */
  hasRow(key: string): boolean {
    return this.#options.rows.some((row) => this.#options.rowKey(row) === key);
  }

  /** Marks the row with `key` selected, turning to its page. */
  select(key: string | undefined): void {
    this.#selected = key;
    const index = this.#visible.findIndex((row) => this.#options.rowKey(row) === key);
    if (index >= 0) this.#page = Math.floor(index / this.#pageSize);
    this.#renderBody();
  }

  /** Rows passing the filter, in display order. */
  get visibleRows(): readonly R[] {
    return this.#visible;
  }

  get #pageSize(): number {
    return this.#options.pageSize ?? 25;
  }

  refresh(): void {
    const rows = this.#options.rows.filter(this.#filter);
    const sort = this.#sort;
    const column = sort === undefined ? undefined : this.#options.columns.find((c) => c.key === sort.key);
    if (sort !== undefined && column?.sortValue !== undefined) {
      const value = column.sortValue;
      const direction = sort.descending ? -1 : 1;
      const keyed = rows.map((row, index) => ({ row, index, value: value(row) }));
      keyed.sort((a, b) => {
        if (a.value === null || (typeof a.value === "number" && Number.isNaN(a.value)))
          return b.value === null ? a.index - b.index : 1;
        if (b.value === null || (typeof b.value === "number" && Number.isNaN(b.value))) return -1;
        const order =
          typeof a.value === "number" && typeof b.value === "number"
            ? a.value - b.value
            : String(a.value).localeCompare(String(b.value), undefined, { numeric: true });
        return order === 0 ? a.index - b.index : order * direction;
      });
      this.#visible = keyed.map((k) => k.row);
    } else {
      this.#visible = rows;
    }
    const pages = Math.max(1, Math.ceil(this.#visible.length / this.#pageSize));
    this.#page = Math.min(this.#page, pages - 1);
    this.#renderHead();
    this.#renderBody();
  }

  #renderHead(): void {
    const cells = this.#options.columns.map((column) => {
      const sorted = this.#sort?.key === column.key;
      const ariaSort = sorted ? (this.#sort!.descending ? "descending" : "ascending") : "none";
      const content =
        column.sortValue === undefined
          ? column.label
          : h(
              "button",
              {
                type: "button",
                class: "dl-sort",
                title: `${column.description ?? column.label} — click to sort`,
                onclick: () => {
                  const descending = sorted ? !this.#sort!.descending : column.numeric === true;
                  this.#sort = { key: column.key, descending };
                  this.refresh();
                  (
                    this.#table.querySelector(
                      `th[data-key="${CSS.escape(column.key)}"] button`,
                    ) as HTMLElement | null
                  )?.focus();
                },
              },
              column.label,
              h(
                "span",
                { class: "dl-sort-arrow", "aria-hidden": "true" },
                sorted ? (this.#sort!.descending ? "▼" : "▲") : "",
              ),
            );
      return h(
        "th",
        {
          scope: "col",
          "data-key": column.key,
          class: cellClass(column),
          "aria-sort": column.sortValue === undefined ? undefined : ariaSort,
          title: column.sortValue === undefined ? column.description : undefined,
        },
        content,
      );
    });
    this.#table.tHead!.replaceChildren(h("tr", {}, cells));
  }

  #renderBody(): void {
    const { columns, rowKey, onSelect } = this.#options;
    const start = this.#page * this.#pageSize;
    const rows = this.#visible.slice(start, start + this.#pageSize);
    const trs = rows.map((row) => {
      const key = rowKey(row);
      const selected = key === this.#selected;
      const tr = h(
        "tr",
        {
          "data-key": key,
          class: selected ? "dl-selected" : undefined,
          tabindex: onSelect === undefined ? undefined : 0,
          "aria-selected": onSelect === undefined ? undefined : selected ? "true" : "false",
        },
        columns.map((column) => h("td", { class: cellClass(column) }, column.render(row))),
      );
      if (onSelect !== undefined) {
        tr.addEventListener("click", () => this.#choose(row));
        tr.addEventListener("keydown", (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            event.stopPropagation();
            this.#choose(row);
          } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            event.stopPropagation();
            const next = (
              event.key === "ArrowDown" ? tr.nextElementSibling : tr.previousElementSibling
            ) as HTMLElement | null;
            next?.focus();
          }
        });
      }
      return tr;
    });
    if (trs.length === 0) {
      trs.push(
        h(
          "tr",
          {},
          h(
            "td",
            { colspan: columns.length, class: "dl-empty" },
            this.#options.emptyText ?? "No rows match the filter.",
          ),
        ),
      );
    }
    this.#body.replaceChildren(...trs);
    this.#renderPager();
  }

  #choose(row: R): void {
    const key = this.#options.rowKey(row);
    this.#selected = key;
    for (const tr of this.#body.querySelectorAll("tr[data-key]")) {
      const isSelected = tr.getAttribute("data-key") === key;
      tr.classList.toggle("dl-selected", isSelected);
      tr.setAttribute("aria-selected", isSelected ? "true" : "false");
    }
    this.#options.onSelect?.(row);
  }

  #renderPager(): void {
    const total = this.#visible.length;
    const size = this.#pageSize;
    if (total <= size) {
      this.#pager.replaceChildren(
        total === this.#options.rows.length ? "" : `${total} of ${this.#options.rows.length} shown`,
      );
      return;
    }
    const pages = Math.ceil(total / size);
    const start = this.#page * size;
    const go = (page: number) => {
      this.#page = Math.max(0, Math.min(pages - 1, page));
      this.#renderBody();
    };
    this.#pager.replaceChildren(
      h(
        "button",
        {
          type: "button",
          class: "dl-button",
          disabled: this.#page === 0,
          onclick: () => go(this.#page - 1),
          "aria-label": "Previous page",
        },
        "‹ Prev",
      ),
      h("span", { class: "dl-pager-text" }, `${start + 1}–${Math.min(total, start + size)} of ${total}`),
      h(
        "button",
        {
          type: "button",
          class: "dl-button",
          disabled: this.#page >= pages - 1,
          onclick: () => go(this.#page + 1),
          "aria-label": "Next page",
        },
        "Next ›",
      ),
    );
  }
}
